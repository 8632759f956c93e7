"""The independent checker: re-verifies a plan folder against its scenario from scratch.

It reads ``roster.csv``, ``coverage.csv`` and ``plan.json`` and recomputes every figure from
the scenario with its own simple code, sharing nothing with the solver, so that a mistake in
the solver cannot hide itself. Rules checked (each a :class:`Violation` ``rule``):

``files``
    files present and well-formed; known roles, pools, posts and people; times on the grid.
``overlap``
    nobody in two places at once.
``shift-length``, ``rest``, ``meal-break``, ``availability``, ``shifts-per-day``, ``max-days``
    each shift within the role's hours, the pool's and person's availability, with a meal
    break when long, one a day, on at most ``max_days`` days, rested between shifts.
``role-fit``, ``pool-size``
    people only where their role is used; no pool used beyond its count.
``unit``, ``patrol``
    units and patrol teams deployed whole.
``coverage``
    ``required`` true to the scenario, ``assigned`` and ``shortfall`` true to the roster, no
    row missing.
``plan``, ``cost``
    plan.json for this scenario, its assignments equal to the roster, its cost true.
"""

from eventplan.checker.report import CheckReport, Violation
from eventplan.checker.verify import check_plan

__all__ = ["CheckReport", "Violation", "check_plan"]
