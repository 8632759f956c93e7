"""The compact models alone: CP-SAT on the clause model, HiGHS on the flow program, then the
neighbourhood search. Used when the pricing would be too large for column generation.

"No roster in time" and "infeasible" are answers with a status, not exceptions.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import replace

from ortools.sat.python import cp_model

from eventplan.rostering.greedy import greedy_roster
from eventplan.rostering.instance import Instance
from eventplan.rostering.lns import improve
from eventplan.rostering.mip import MipAnswer, build_mip, read_roster, solve_mip
from eventplan.rostering.model import RosterModel, build
from eventplan.rostering.result import RosterResult, since, timed

#: The share of the time for the clause model's rosters, and the point where HiGHS stops.
FIRST_SHARE = 0.25
PROOF_SHARE = 0.65

_STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "invalid",
    cp_model.UNKNOWN: "unknown",
}


def solve_compact(
    instance: Instance,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    hint: bool = True,
) -> RosterResult:
    """The compact models alone, in three phases.

    CP-SAT on the clause model finds good rosters early (:data:`FIRST_SHARE`); HiGHS, started
    from the best, solves the flow program (:mod:`eventplan.rostering.mip`: a bound, and often
    better rosters) until :data:`PROOF_SHARE`; a large-neighbourhood search on that program
    improves the roster in the time left (:mod:`eventplan.rostering.lns`).
    """
    started = time.perf_counter()
    start = greedy_roster(instance) if hint else {}
    first = _phase(build(instance, "clauses"), start, time_limit * FIRST_SHARE, workers, seed)
    if first.status in ("optimal", "infeasible", "invalid"):
        return timed(first, started)
    mip = build_mip(instance)
    seconds = time_limit * PROOF_SHARE - since(started)
    proof = solve_mip(mip, seconds, workers, first.roster or None, seed)
    result = _settle(first, proof)
    if result.status == "optimal" or proof.values is None or proof.objective is None:
        return timed(result, started)
    objective, values = improve(
        mip, proof.values, proof.objective, started + time_limit, workers, seed, result.bound
    )
    if result.objective is None or objective < result.objective:
        result = replace(result, objective=objective, roster=read_roster(mip, values))
        result = _settle(result, proof)
    return timed(result, started)


def _settle(searched: RosterResult, proof: MipAnswer) -> RosterResult:
    """The better roster of the two, with the better bound; optimal when they meet."""
    best = searched
    improved = proof.objective is not None and (
        searched.objective is None or proof.objective < searched.objective
    )
    if improved and proof.roster is not None:
        best = replace(searched, objective=proof.objective, roster=proof.roster)
    if best.objective is None:  # no roster from either: HiGHS may have proven there is none
        return replace(best, status="infeasible" if proof.infeasible else "unknown")
    bounds = [b for b in (searched.bound, proof.bound) if b is not None]
    bound = max(bounds) if bounds else None
    if bound is not None and bound >= best.objective:
        return replace(best, status="optimal", bound=best.objective)
    return replace(best, status="feasible", bound=bound)


def _phase(
    roster: RosterModel,
    start: Mapping[tuple[int, int], str],
    seconds: float,
    workers: int,
    seed: int,
) -> RosterResult:
    if start:
        _add_hint(roster, start)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, seconds)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
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
