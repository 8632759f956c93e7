"""Reading and writing at the edges: atomic file output and the plan folder's file contract.

Kept free of heavy imports: every layer may use it, the scenario package included.
"""
