"""The smallest force: how few people of one role (or pool) cover every critical need.

Found by optimisation, not by trying counts one after another. The staffing model of the
scenario is extended with an integer variable ``p_k`` for the size of each pool ``k`` behind
the name, and a total ``N = sum p_k``:

- the pool-size rows of the staffing model, ``sum x <= count``, become ``sum x - p_k <= 0``
  (times ``max_days`` for the multi-day row; named people with their own availability keep
  their fixed supplies and count toward ``p_k``);
- the pools keep the base mix as ``--vary ROLE=N`` does: with base counts ``c_k`` summing to
  ``C``, ``C p_k - c_k N`` lies in ``[-(C - 1), C - 1]``, i.e. ``p_k`` is ``c_k N / C`` rounded
  down or up, which every largest-remainder split satisfies;
- every critical shortfall variable is fixed at 0, every other role keeps its count;
- the objective is ``N``; costs and lower-priority needs do not enter.

The optimum is therefore a proven lower bound on the head count at which the planner's own
solve (with its weights, rounding of the split, and rostering) covers all critical need. The
answer is confirmed by solving the scenario at that count and one below; when the confirming
solve still leaves critical need open (the weights make the solver prefer other needs, or the
split rounds the wrong way), the count goes up one at a time until it does, and both the bound
and the confirmed count are reported. When no count covers everything (another role is
missing), the smallest count that covers as much critical need as possible is reported.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from eventplan.errors import InputError
from eventplan.planning import lay_groundwork
from eventplan.scenario import Scenario
from eventplan.staffing.backends import solve_proto, to_proto
from eventplan.staffing.build import build_model
from eventplan.staffing.linear import LinearModel
from eventplan.staffing.mip import MipTask, solve_mip
from eventplan.staffing.model import StaffingModel
from eventplan.venue.analysis import VenueAnalysis
from eventplan.whatif.variants import head_counts, pools_of, with_counts
from eventplan.whatif.warm import Base, SolveOptions


@dataclass(frozen=True)
class MinForceSettings:
    """Which head count to minimise, and how far the confirmation may step up."""

    name: str
    max_steps: int = 10


@dataclass(frozen=True)
class ForceBound:
    """What the optimisation found."""

    count: int | None  # the smallest total (None when the search found no solution in time)
    bound: int  # proven lower bound on the total
    status: str  # optimal | feasible | time_limit
    seconds: float
    #: critical person-hours that stay uncovered whatever the count (0: all can be covered)
    uncoverable_h: float


def smallest_count(
    scenario: Scenario, name: str, options: SolveOptions, venue: VenueAnalysis | None = None
) -> ForceBound:
    """Solve the pool-size MIP: the least ``name`` head count leaving no critical need open."""
    started = time.perf_counter()
    pools = pools_of(scenario, name)
    built = _model_with_room(scenario, pools, venue)
    model, total = _extend(built, pools, scenario)
    critical = [
        var
        for var, (demand, _slot) in zip(built.shortfall_var, built.shortfalls, strict=True)
        if demand.priority == "critical"
    ]
    hours = built.grid.slot_hours
    floor_h = 0.0
    closed = model.copy()
    for var in critical:
        closed.set_var_bounds(var, closed.var_lb[var], 0.0)
    result = _solve(closed, options, started)
    if result is None:  # some critical need cannot be covered by this role at any count
        floor_h = _least_uncovered(model, critical, hours, options, started)
        capped = model.copy()
        capped.add_row([(v, hours) for v in critical], -math.inf, floor_h + 1e-6)
        result = _solve(capped, options, started)
    seconds = time.perf_counter() - started
    if result is None:
        return ForceBound(None, 0, "time_limit", seconds, floor_h)
    status, values, bound = result
    count = round(values[total]) if status in ("optimal", "feasible") else None
    return ForceBound(count, math.ceil(bound - 1e-6), status, seconds, round(floor_h, 4))


def _model_with_room(
    scenario: Scenario, pools: list[str], venue: VenueAnalysis | None
) -> StaffingModel:
    """The staffing model, each pool holding at least one person beyond its named people."""
    own: dict[str, int] = {p: 0 for p in pools}
    for person in scenario.people:
        if person.pool in own and (person.available_from or person.available_to):
            own[person.pool] += 1
    counts = {p: max(scenario.pool(p).count, own[p] + 1) for p in pools}
    roomy = with_counts(scenario, counts)
    groundwork = lay_groundwork(roomy, venue)
    return build_model(roomy, groundwork.grid, groundwork.requirements)


def _extend(built: StaffingModel, pools: list[str], scenario: Scenario) -> tuple[LinearModel, int]:
    """Pool sizes and their total as variables; returns the model and the total's index."""
    model = built.linear.copy()
    model.set_objective({})
    named = {p: 0 for p in pools}
    for person in scenario.people:
        if person.pool in named:
            named[person.pool] += 1
    size = {p: model.add_var(named[p], math.inf, 0.0, True) for p in pools}
    total = model.add_var(0, math.inf, 1.0, True)
    model.add_row([(size[p], 1.0) for p in pools] + [(total, -1.0)], 0.0, 0.0)
    base = [scenario.pool(p).count for p in pools]
    whole = sum(base)
    if len(pools) > 1:
        for p, c in zip(pools, base, strict=True):
            model.add_row(
                [(size[p], float(whole)), (total, -float(c))], -(whole - 1.0), whole - 1.0
            )
    growing, fixed = _growing_supplies(built, size)
    for column, var in zip(built.columns, built.column_var, strict=True):
        if column.supply in growing:
            model.set_var_bounds(var, model.var_lb[var], math.inf)
    for row, supply, per_person in _people_rows(built, scenario.rules.max_days):
        if supply in growing:
            pool = growing[supply]
            model.add_term(row, size[pool], -per_person)
            model.set_row_bounds(row, model.row_lb[row], -per_person * fixed[pool])
    return model, total


def _growing_supplies(
    built: StaffingModel, size: dict[str, int]
) -> tuple[dict[int, str], dict[str, int]]:
    """The supply of each pool that grows with its size, and the people fixed in the rest.

    A pool's first supply holds its people without hours of their own (there is at least one,
    see :func:`_model_with_room`): it grows with the pool. Later supplies are named people.
    """
    fixed = {p: 0 for p in size}
    growing: dict[int, str] = {}
    for supply in built.supplies:
        if supply.pool not in size:
            continue
        if supply.pool in growing.values():
            fixed[supply.pool] += supply.count
        else:
            growing[supply.index] = supply.pool
    return growing, fixed


def _people_rows(built: StaffingModel, max_days: int) -> list[tuple[int, int, float]]:
    """Rows bounded by a supply's head count: (row, supply, people per row per person)."""
    rows: list[tuple[int, int, float]] = []
    rows += [(row, s, 1.0) for (s, _day), row in built.supply_rows.items()]
    rows += [(row, s, float(max_days)) for s, row in built.max_days_rows.items()]
    rows += [(int(row), s, 1.0) for (s, _day), rest in built.rest_rows.items() for row in rest.rows]
    return rows


def _solve(
    model: LinearModel, options: SolveOptions, started: float
) -> tuple[str, np.ndarray, float] | None:
    """LP relaxation first (a proven bound; often integral), then the MIP; None if infeasible."""
    remaining = max(1.0, options.time_limit - (time.perf_counter() - started))
    lp = solve_proto(to_proto(model, relax=True), "GLOP", remaining)
    if lp.status == "infeasible":
        return None
    integer = np.asarray(model.var_int, dtype=bool)
    if lp.status == "optimal" and np.all(
        np.abs(lp.values[integer] - np.round(lp.values[integer])) <= 1e-6
    ):
        return "optimal", np.round(lp.values), lp.objective
    remaining = max(1.0, options.time_limit - (time.perf_counter() - started))
    mip = solve_mip(MipTask(model, remaining, options.seed, options.threads))
    if mip is not None and mip.status == "infeasible":
        return None
    if mip is None or mip.status not in ("optimal", "feasible"):
        return "time_limit", np.zeros(model.num_vars), lp.objective
    bound = max(mip.bound, lp.objective) if math.isfinite(mip.bound) else lp.objective
    return mip.status, mip.values, bound


def _least_uncovered(
    model: LinearModel,
    critical: list[int],
    hours: float,
    options: SolveOptions,
    started: float,
) -> float:
    """Critical person-hours no count of the role can cover (the other roles binding)."""
    weighted = model.copy()
    weighted.set_objective({var: hours for var in critical})
    result = _solve(weighted, options, started)
    if result is None:
        raise RuntimeError("the pool-size model is infeasible even with shortfalls open")
    return max(0.0, float(np.dot(weighted.var_obj, result[1])))


# -- confirmation -----------------------------------------------------------------------------


def confirm(
    base: Base, scenario: Scenario, settings: MinForceSettings
) -> tuple[ForceBound, list[dict[str, Any]]]:
    """The optimisation, then solves at the answer and one below; rows for both."""
    name = settings.name
    pools_of(scenario, name)
    found = smallest_count(scenario, name, base.options, base.groundwork_for(scenario).venue)
    if found.count is None:
        raise InputError(f"--min-force {name}: no answer within the time limit")
    plans: dict[int, Any] = {}

    def solve_at(count: int) -> Any:
        if count not in plans:
            counts = head_counts(scenario, name, count)
            plans[count] = base.plan(with_counts(scenario, counts))
        return plans[count]

    def covered(count: int) -> bool:
        uncovered = solve_at(count).kpis.uncovered_person_hours
        return uncovered["critical"] <= found.uncoverable_h + 1e-6

    count = found.count
    for _ in range(settings.max_steps):
        if covered(count):
            break
        count += 1
    steps = 0
    while (
        count > 0
        and steps < settings.max_steps
        and _valid(scenario, name, count - 1)
        and (covered(count - 1))
    ):
        count, steps = count - 1, steps + 1
    rows = []
    below = count - 1
    for n in ([below] if below >= 0 and _valid(scenario, name, below) else []) + [count]:
        plan = solve_at(n)
        rows.append(
            {
                "min_force": name,
                f"count:{name}": n,
                "pools": " ".join(f"{p}={c}" for p, c in head_counts(scenario, name, n).items()),
                "answer": n == count,
                "covers_critical": covered(n),
                "lower_bound": found.bound,
                "mip_status": found.status,
                "mip_seconds": round(found.seconds, 3),
                "uncoverable_h_critical": found.uncoverable_h,
                "_plan": plan,
            }
        )
    return found, rows


def _valid(scenario: Scenario, name: str, count: int) -> bool:
    """Whether a head count gives a valid scenario (some pool left, named people fit)."""
    try:
        with_counts(scenario, head_counts(scenario, name, count))
    except InputError:
        return False
    return True
