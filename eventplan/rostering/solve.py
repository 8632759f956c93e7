"""Solving a rostering instance with CP-SAT: build, hint with the greedy roster, solve, read back.

"No roster in time" and "infeasible" are answers with a status, not exceptions.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from eventplan.rostering.diagnose import contract_conflicts
from eventplan.rostering.greedy import greedy_roster
from eventplan.rostering.instance import Instance
from eventplan.rostering.model import RosterModel, build

#: The share of the time given to the first phase (good rosters early).
FIRST_SHARE = 0.3

_STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "invalid",
    cp_model.UNKNOWN: "unknown",
}


@dataclass(frozen=True, slots=True)
class RosterResult:
    """What the solver found.

    ``roster`` maps each employee id to a shift id or ``None`` (off) per day; it is empty when
    no roster was found. ``objective`` and ``bound`` are ``None`` then too. ``reasons`` names,
    for an infeasible instance, the contracts that cannot be met on their own.
    """

    status: str
    objective: int | None
    bound: int | None
    seconds: float
    roster: Mapping[str, tuple[str | None, ...]]
    reasons: tuple[str, ...] = ()

    @property
    def gap(self) -> float | None:
        """Relative distance between the roster and the proven bound."""
        if self.objective is None or self.bound is None:
            return None
        return (self.objective - self.bound) / max(abs(self.objective), 1)


def solve(
    instance: Instance,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    hint: bool = True,
) -> RosterResult:
    """The best roster found within ``time_limit`` seconds on ``workers`` threads.

    Two phases share the time: the clause model with CP-SAT's default search finds good
    rosters early (:data:`FIRST_SHARE` of the time), then the automaton model, whose linear
    relaxation is tight, proves the bound from that roster, its objective capped by it.
    """
    started = time.perf_counter()
    reasons = tuple(contract_conflicts(instance))
    if reasons:  # no need to search: some person's own contract cannot be met
        return RosterResult("infeasible", None, None, _since(started), {}, reasons)
    start = greedy_roster(instance) if hint else {}
    first = _phase(build(instance, "clauses"), start, None, time_limit * FIRST_SHARE, workers, seed)
    if first.status in ("optimal", "infeasible", "invalid"):
        return _timed(first, started)
    if first.roster:
        start = _as_hint(instance, first.roster)
    left = time_limit - _since(started)
    second = _phase(build(instance), start, first.objective, left, workers, seed, bound=True)
    return _timed(_better(first, second), started)


def _phase(
    roster: RosterModel,
    start: Mapping[tuple[int, int], str],
    cap: int | None,
    seconds: float,
    workers: int,
    seed: int,
    bound: bool = False,
) -> RosterResult:
    if start:
        _add_hint(roster, start)
    if cap is not None:  # only rosters as good as the one in hand are of interest
        roster.model.add(roster.objective <= cap)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, seconds)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    if bound and workers <= 2:
        # One worker on the full linear relaxation with cuts (the bound); the other thread is
        # left to CP-SAT's neighbourhood searches around the hinted roster.
        solver.parameters.subsolvers.append("max_lp")
    code = solver.solve(roster.model)
    found = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return RosterResult(
        status=_STATUS.get(code, "unknown"),
        objective=round(solver.objective_value) if found else None,
        bound=math.ceil(solver.best_objective_bound - 1e-6)
        if code != cp_model.INFEASIBLE
        else None,
        seconds=solver.wall_time,
        roster=_read_roster(roster, solver) if found else {},
    )


def _better(first: RosterResult, second: RosterResult) -> RosterResult:
    """The second phase's answer, or the first roster with the best bound of the two."""
    if second.status == "optimal" or (
        second.objective is not None
        and (first.objective is None or second.objective <= first.objective)
    ):
        return second
    if second.status == "infeasible" and first.objective is not None:
        # Nothing better than the cap exists: the first roster is optimal.
        return replace(first, status="optimal", bound=first.objective)
    # No roster in the second phase, but its bound holds: the cap does not cut the optimum.
    bounds = [b for b in (first.bound, second.bound) if b is not None]
    return replace(first, bound=max(bounds)) if bounds and first.roster else first


def _timed(result: RosterResult, started: float) -> RosterResult:
    return replace(result, seconds=_since(started))


def _since(started: float) -> float:
    return time.perf_counter() - started


def _as_hint(
    instance: Instance, roster: Mapping[str, tuple[str | None, ...]]
) -> dict[tuple[int, int], str]:
    return {
        (p, d): shift
        for p, employee in enumerate(instance.employees)
        for d, shift in enumerate(roster[employee.id])
        if shift is not None
    }


def _add_hint(roster: RosterModel, start: Mapping[tuple[int, int], str]) -> None:
    shifts = [s.id for s in roster.instance.shifts]
    for (p, d, s), x in roster.assign.items():
        roster.model.add_hint(x, start.get((p, d)) == shifts[s])


def _read_roster(
    roster: RosterModel, solver: cp_model.CpSolver
) -> dict[str, tuple[str | None, ...]]:
    instance = roster.instance
    result: dict[str, tuple[str | None, ...]] = {}
    for p, employee in enumerate(instance.employees):
        days: list[str | None] = []
        for d in range(instance.days):
            worked = [
                shift.id
                for s, shift in enumerate(instance.shifts)
                if solver.boolean_value(roster.assign[p, d, s])
            ]
            days.append(worked[0] if worked else None)
        result[employee.id] = tuple(days)
    return result
