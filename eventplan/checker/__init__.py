"""The independent checker: re-verifies a plan folder against its scenario from scratch.

It reads ``roster.csv``, ``coverage.csv`` and ``plan.json`` and recomputes every figure from
the scenario with its own simple code, sharing nothing with the solver, so that a mistake in
the solver cannot hide itself. Rules checked (each a :class:`Violation` ``rule``):

``files``
    files present and well-formed; known roles, pools, stations and people; times on the grid;
    unit labels and the ``leads`` column in their places.
``overlap``
    nobody in two places at once.
``shift-length``, ``rest``, ``meal-break``, ``availability``, ``shifts-per-day``, ``max-days``
    each shift (from its briefing, if any) within the role's hours, the pool's and person's
    availability, with a meal break when long, one a day, on at most ``max_days`` days, rested
    between shifts.
``briefing``
    every shift of a briefed person opens with its briefing, and no other shift has one.
``role-fit``, ``pool-size``, ``tags``
    people only where their role is used (and, at drone crews and sector leaders, with the
    tags asked for); no pool used beyond its count.
``unit``, ``patrol``, ``standing``, ``unit-leader``
    units and patrol teams deployed whole (tagged needs of units included); standing units
    keep their crews or relieve them whole; one named leader per unit instance.
``supervision``, ``no-handover``
    supervised roles stand only with their supervisors; nobody takes up or leaves a station
    inside a no-handover window.
``coverage``
    ``required`` true to the scenario, ``assigned`` and ``shortfall`` true to the roster, no
    row missing (posts, units, patrols, drones, ratios, reserves and sector leaders).
``queue``
    screening queues predicted from the roster: plan.json's figures true, waits on target
    wherever no shortfall is reported.
``plan``, ``cost``
    plan.json for this scenario, its assignments, sectors and reserves equal to the roster,
    its cost true.
"""

from eventplan.checker.report import CheckReport, Violation
from eventplan.checker.verify import check_plan

__all__ = ["CheckReport", "Violation", "check_plan"]
