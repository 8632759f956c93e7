"""Per-person rostering: the Curtois & Qu employee shift-scheduling problem on CP-SAT.

:mod:`~eventplan.rostering.instance` reads an instance file, :mod:`~eventplan.rostering.model`
builds the CP-SAT model, :mod:`~eventplan.rostering.solve` solves it, and
:mod:`~eventplan.rostering.verify` checks a roster with code of its own.
"""
