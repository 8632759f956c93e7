"""The plan folder's file contract: file names and CSV columns.

Written by :mod:`eventplan.planning.output`, read by the checker and the map; kept free of
imports so that every reader can share it without pulling in the solver.
"""

PLAN_JSON = "plan.json"
ROSTER_CSV = "roster.csv"
COVERAGE_CSV = "coverage.csv"
ROSTER_COLUMNS = ("person", "name", "role", "pool", "unit", "post", "start", "end", "leads")
COVERAGE_COLUMNS = (
    "post",
    "slot_start",
    "slot_end",
    "role_group",
    "required",
    "assigned",
    "shortfall",
)
