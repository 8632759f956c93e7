"""Reading and writing at the edges: atomic file output, the plan folder's file contract, its
identity (the hashes plan.json lists) and the bounded readers of its files.

Kept free of heavy imports: every layer may use it, the scenario package included.
"""
