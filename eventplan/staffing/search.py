"""Solving the staffing model: column generation on the LP, then MIPs only where it is fractional.

1. The LP relaxation is solved with HiGHS, adding the shifts its duals price as useful (see
   :mod:`eventplan.staffing.pricing`) until none is; its objective is a valid lower bound.
2. If every shift count is integral, that is a proven optimum (gap 0). With consecutive-slot
   templates this is the usual case; meal breaks make the LP slightly fractional.
3. Otherwise an incumbent comes from the better of the LP rounded down and greedily repaired,
   and a small MIP over the fractional stations with the others fixed as the LP has them.
4. If that plan is not within ``gap`` of the bound, every shift whose reduced cost is within
   the gap is added and the restricted MIP is searched from that plan; it is then exact: a
   shift whose reduced cost exceeds the gap cannot be in any better plan.

The MIPs race SCIP against HiGHS (:mod:`eventplan.staffing.mip`).

Measured figures are in ``docs/benchmarks.md``. Ctrl-C interrupts the MIP search and keeps the
best plan found, marked ``interrupted``.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from eventplan.quiet import quiet_stdout
from eventplan.staffing.backends import LiveLP, Solution
from eventplan.staffing.evaluate import complete_solution
from eventplan.staffing.mip import MipTask, solve_mip
from eventplan.staffing.model import Column, StaffingModel
from eventplan.staffing.pricing import dual_bound, price
from eventplan.staffing.repair import round_and_repair

Progress = Callable[[str, float], None]
INTEGRAL_TOLERANCE = 1e-6
#: Relative gap at which the search stops by default: none, so a plan is proven optimal unless
#: the time limit comes first (the bundled events prove in seconds). A sweep of many solves
#: may settle for less (``eventplan whatif --gap``).
DEFAULT_GAP = 0.0
#: Most constraint-matrix entries the shifts added for a MIP may bring; beyond it the MIP
#: grows too large to load and search in time (and memory). Measured: the three-day expo
#: needs 20,522 shifts (0.2 million entries) and a generated 500-staff event with a 10 %
#: shortage 39,113 (0.76 million); SCIP proves both in under 14 s at that size. 100,000
#: shifts of a generated 5,000-staff event (7 million entries) took the process past 5 GB.
MAX_MIP_ENTRIES = 2_000_000
#: Share of the time limit column generation may take before it stops with a Lagrangian bound
#: (the rest goes to rounding and the MIP).
LP_SHARE = 0.6
#: Seconds kept back from the time limit for ending the MIP search and reading its plan.
WRAP_UP_SECONDS = 2.0
#: Columns added per pricing round; more rounds of fewer columns keep the LP small.
MAX_COLUMNS_PER_ROUND = 5000


@dataclass(frozen=True)
class SolveReport:
    """What the solver did: status, objective, best bound, gap, time."""

    status: str  # optimal | feasible | interrupted | time_limit
    objective: float
    bound: float
    seconds: float
    method: str
    seed: int
    workers: int

    @property
    def gap(self) -> float:
        if not math.isfinite(self.objective) or not math.isfinite(self.bound):
            return math.inf
        return max(0.0, self.objective - self.bound) / max(1e-9, abs(self.objective))


def solve_model(
    model: StaffingModel,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int = 2,
    progress: Progress | None = None,
    interrupt: threading.Event | None = None,
    gap: float = DEFAULT_GAP,
) -> tuple[np.ndarray, SolveReport]:
    """Solve the model; return the count of every column (aligned with ``model.columns``).

    The search for a proof stops once the plan is within ``gap`` (relative) of the bound.
    """
    started = time.perf_counter()
    # The MIPs end a little early: a large plan takes seconds to hand over and evaluate.
    deadline = started + time_limit - min(WRAP_UP_SECONDS, 0.05 * time_limit)

    def stopped() -> bool:
        return interrupt is not None and interrupt.is_set()

    with quiet_stdout():
        relaxation = _column_generation(model, progress, started + LP_SHARE * time_limit, interrupt)
    lp, bound = relaxation.lp, relaxation.bound
    x = lp.values()[model.column_var] if model.column_var else np.zeros(0)
    method = (
        f"LP (HiGHS, {relaxation.rounds} pricing rounds, {len(model.columns)} shifts priced in"
        + ("" if relaxation.converged else ", stopped at the time limit")
        + ")"
    )
    if relaxation.converged and np.all(np.abs(x - np.round(x)) <= INTEGRAL_TOLERANCE):
        x = np.round(x)
        seconds = time.perf_counter() - started
        objective = _objective(model, x)
        report = SolveReport(
            "optimal", objective, bound, seconds, method + ", integral", seed, workers
        )
        return x, report
    # 1. A quick incumbent: the integral stations as the LP has them, a small MIP for the rest.
    duals = lp.duals()
    fallback = round_and_repair(model, x)
    candidates = [(_objective(model, fallback), fallback, "LP rounded and repaired")]
    if not stopped():
        fix = _fixed_stations(model, x)
        loose = {model.columns[j].station for j in range(len(x)) if model.column_var[j] not in fix}
        near = price(model, duals, candidates[0][0] - bound, per_pair=None)
        _add_within_budget(model, [c for _r, c in near if c.station in loose])
        share = (deadline - time.perf_counter()) / (3 if relaxation.converged else 1)
        fixed = _search(
            MipTask(model, max(0.5, share), seed, workers, fix=fix), interrupt, progress
        )
        if fixed is not None and fixed.status in ("optimal", "feasible"):
            fixed_x = np.round(fixed.values[model.column_var])
            how = f"MIP on the fractional posts ({fixed.backend})"
            candidates.append((_objective(model, fixed_x), fixed_x, how))
    objective, best, how = min(candidates, key=lambda c: c[0])
    proven = relaxation.converged and objective <= bound + _slack(bound)
    # 2. The proof: a shift whose reduced cost exceeds the gap cannot be in any better plan, so
    #    the MIP over the priced shifts plus every shift within the gap is exact.
    remaining = deadline - time.perf_counter()
    close_enough = objective - bound <= gap * max(1e-9, abs(objective))
    if (
        relaxation.converged
        and not proven
        and not close_enough
        and remaining > 0.5
        and not stopped()
    ):
        within = price(model, duals, objective - bound, per_pair=None)
        # Past the budget the MIP is a search for a better plan among the most promising
        # shifts, not a proof.
        complete = _add_within_budget(model, [column for _reduced, column in within])
        task = MipTask(model, remaining, seed, workers, start=_padded(model, best))
        exact = _search(task, interrupt, progress)
        if exact is not None and exact.status in ("optimal", "feasible"):
            exact_x = np.round(exact.values[model.column_var])
            value = _objective(model, exact_x)
            if len(exact_x) == len(model.columns) and value < objective:
                objective, best = value, exact_x
                how = f"MIP on the priced shifts ({exact.backend})"
            if exact.status == "optimal" and complete:
                proven, bound = True, max(bound, min(objective, exact.objective))
                how += f", proven optimal by {exact.backend}"
            elif complete and math.isfinite(exact.bound):
                # An exact MIP's bound holds for the whole model, up to the plan in hand.
                bound = max(bound, min(objective, exact.bound))
    best = np.concatenate([best, np.zeros(len(model.columns) - len(best))])
    status = "optimal" if proven else "interrupted" if stopped() else "feasible"
    if proven:
        bound = objective
    seconds = time.perf_counter() - started
    return best, SolveReport(
        status, objective, min(bound, objective), seconds, f"{method}; {how}", seed, workers
    )


def _slack(bound: float) -> float:
    return 1e-6 * max(1.0, abs(bound))


def _fixed_stations(model: StaffingModel, x: np.ndarray) -> dict[int, float]:
    """Variables to fix: the columns of every station whose LP shifts are all integral."""
    fractional = np.abs(x - np.round(x)) > INTEGRAL_TOLERANCE
    loose = {model.columns[j].station for j in np.flatnonzero(fractional)}
    return {
        model.column_var[j]: float(round(x[j]))
        for j, c in enumerate(model.columns)
        if c.station not in loose
    }


@dataclass
class Relaxation:
    """The LP after column generation: converged (its optimum is the bound) or stopped early."""

    lp: LiveLP
    rounds: int
    bound: float
    converged: bool


def _column_generation(
    model: StaffingModel,
    progress: Progress | None,
    deadline: float,
    interrupt: threading.Event | None,
) -> Relaxation:
    """Solve the LP, adding priced columns until none has a negative reduced cost.

    At ``deadline`` or an interrupt it stops early, with the Lagrangian bound of the last duals
    (gathered only then: the per-day minima cost time on every round otherwise).
    """
    lp = LiveLP(model)
    rounds = 0
    while True:
        if lp.solve() != "optimal":  # cannot happen: shortfall variables keep it feasible
            raise RuntimeError("the LP relaxation has no optimum")
        duals = lp.duals()
        stopping = (interrupt is not None and interrupt.is_set()) or time.perf_counter() >= deadline
        # Few columns per pair at first, more as rounds go by: measured 1.3x (one day, 5,000
        # staff) to 1.9x (five days, 1,000 staff) faster to the same bound than a fixed two.
        per_pair = min(32, 2 * 2 ** (rounds // 8))
        least: dict[tuple[int, int], float] | None = {} if stopping else None
        priced = price(model, duals, per_pair=per_pair, least=least)
        if not priced:
            return Relaxation(lp, rounds, lp.objective_value(), True)
        if least is not None:
            return Relaxation(lp, rounds, dual_bound(model, duals, least), False)
        added = []
        for _reduced, column in priced[:MAX_COLUMNS_PER_ROUND]:
            var = model.add_column(column)
            if var is not None:
                added.append(var)
        if not added:  # every column priced in already: optimal up to tolerances
            return Relaxation(lp, rounds, lp.objective_value(), True)
        lp.add_columns(added)
        rounds += 1
        if progress:
            progress("pricing shifts", float(rounds))


def _objective(model: StaffingModel, x: np.ndarray) -> float:
    """Objective of integral shift counts, shortfalls recomputed exactly."""
    values = complete_solution(model, x)
    return float(np.dot(np.asarray(model.var_obj), values))


def _add_within_budget(model: StaffingModel, columns: list[Column]) -> bool:
    """Add columns in order until they bring MAX_MIP_ENTRIES entries; True if all fit."""
    budget = len(model.cols) + MAX_MIP_ENTRIES
    for column in columns:
        if len(model.cols) >= budget:
            return False
        model.add_column(column)
    return True


def _padded(model: StaffingModel, x: np.ndarray) -> np.ndarray:
    """Every variable's value for shift counts ``x`` (columns added since count as zero)."""
    counts = np.concatenate([x, np.zeros(len(model.columns) - len(x))])
    return complete_solution(model, counts)


def _search(
    task: MipTask,
    interrupt: threading.Event | None,
    progress: Progress | None,
) -> Solution | None:
    """The MIP race, reporting progress while it searches."""
    on_wait = (lambda seconds: progress("searching", seconds)) if progress else None
    return solve_mip(task, interrupt=interrupt, on_wait=on_wait)
