"""Solving the staffing model: column generation on the LP, then MIPs only where it is fractional.

1. The LP relaxation is solved with GLOP, adding the shifts its duals price as useful (see
   :mod:`eventplan.staffing.pricing`) until none is; its objective is a valid lower bound.
2. If every shift count is integral, that is a proven optimum (gap 0). With consecutive-slot
   templates this is the usual case; meal breaks make the LP slightly fractional.
3. Otherwise an incumbent comes from the better of the LP rounded down and greedily repaired,
   and a small HiGHS MIP over the fractional stations with the others fixed as the LP has them.
4. If that plan is not within ``gap`` of the bound, every shift whose reduced cost is within
   the gap is added and HiGHS searches the restricted MIP, which is then exact: a shift whose
   reduced cost exceeds the gap cannot be in any better plan.

Measured figures are in ``docs/benchmarks.md``. Ctrl-C interrupts the MIP search and keeps the
best plan found, marked ``interrupted``.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import pywraplp

from eventplan.staffing.backends import LiveLP, Solution, solve_proto, to_proto
from eventplan.staffing.evaluate import complete_solution
from eventplan.staffing.model import StaffingModel
from eventplan.staffing.pricing import price
from eventplan.staffing.repair import round_and_repair

Progress = Callable[[str, float], None]
INTEGRAL_TOLERANCE = 1e-6
#: Relative gap at which the search stops: a plan within 0.1% of the bound is as good as proven
#: for planning, and closing the last hundredth of a percent can take minutes (breaks make
#: the LP slightly fractional).
DEFAULT_GAP = 1e-3
#: Most shifts added for the exact search; beyond it the MIP grows too large to finish and
#: the search only looks for a better plan among the most promising shifts.
MAX_PROOF_COLUMNS = 20_000
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
    with _quiet_stdout():
        lp, rounds = _column_generation(model, progress)
    bound = lp.objective_value()
    values = lp.values()
    x = values[model.column_var] if model.column_var else np.zeros(0)
    method = f"LP (GLOP, {rounds} pricing rounds, {len(model.columns)} shifts priced in)"
    if np.all(np.abs(x - np.round(x)) <= INTEGRAL_TOLERANCE):
        x = np.round(x)
        report = SolveReport(
            "optimal",
            _objective(model, x),
            bound,
            time.perf_counter() - started,
            method + ", integral",
            seed,
            workers,
        )
        return x, report
    # 1. A quick incumbent: the integral stations as the LP has them, a small MIP for the rest.
    duals = lp.duals()
    candidates = [
        (
            _objective(model, fallback := round_and_repair(model, x)),
            fallback,
            "LP rounded and repaired",
        )
    ]
    remaining = time_limit - (time.perf_counter() - started)
    fix = _fixed_stations(model, x)
    loose = {model.columns[j].station for j in range(len(x)) if model.column_var[j] not in fix}
    for _reduced, column in price(model, duals, candidates[0][0] - bound, per_pair=None):
        if column.station in loose:
            model.add_column(column)
    fixed = _run_mip(model, max(0.5, remaining / 3), seed, workers, interrupt, progress, fix=fix)
    if fixed is not None and fixed.status in ("optimal", "feasible"):
        fixed_x = np.round(fixed.values[model.column_var])
        candidates.append((_objective(model, fixed_x), fixed_x, "MIP on the fractional posts"))
    objective, best, how = min(candidates, key=lambda c: c[0])
    status, proven = "feasible", objective <= bound + _slack(bound)
    # 2. The proof: a shift whose reduced cost exceeds the gap cannot be in any better plan, so
    #    the MIP over the priced shifts plus every shift within the gap is exact.
    remaining = time_limit - (time.perf_counter() - started)
    interrupted = interrupt is not None and interrupt.is_set()
    close_enough = objective - bound <= gap * max(1e-9, abs(objective))
    if not proven and not close_enough and remaining > 0.5 and not interrupted:
        within = price(model, duals, objective - bound, per_pair=None)
        complete = len(within) <= MAX_PROOF_COLUMNS  # else: a search for better, not a proof
        for _reduced, column in within[:MAX_PROOF_COLUMNS]:
            model.add_column(column)
        exact = _run_mip(model, remaining, seed, workers, interrupt, progress, cutoff=objective)
        if exact is not None and exact.status in ("optimal", "feasible"):
            exact_x = np.round(exact.values[model.column_var])
            value = _objective(model, exact_x)
            if len(exact_x) == len(model.columns) and value < objective:
                objective, best, how = value, exact_x, "MIP on the priced shifts"
            if exact.status == "optimal" and complete:
                proven, bound = True, max(bound, min(objective, exact.objective))
    best = np.concatenate([best, np.zeros(len(model.columns) - len(best))])
    interrupted = interrupt is not None and interrupt.is_set()
    if proven:
        status, bound = "optimal", objective
    elif interrupted:
        status = "interrupted"
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


def _column_generation(model: StaffingModel, progress: Progress | None) -> tuple[LiveLP, int]:
    """Solve the LP, adding priced columns until none has a negative reduced cost."""
    lp = LiveLP(model)
    rounds = 0
    while True:
        if lp.solve() != "optimal":  # cannot happen: shortfall variables keep it feasible
            raise RuntimeError("the LP relaxation has no optimum")
        added = []
        # Few columns per pair at first, more as rounds go by: measured 1.3x (one day, 5,000
        # staff) to 1.9x (five days, 1,000 staff) faster to the same bound than a fixed two.
        per_pair = min(32, 2 * 2 ** (rounds // 8))
        for _reduced, column in price(model, lp.duals(), per_pair=per_pair)[:MAX_COLUMNS_PER_ROUND]:
            var = model.add_column(column)
            if var is not None:
                added.append(var)
        if not added:
            return lp, rounds
        lp.add_columns(added)
        rounds += 1
        if progress:
            progress("pricing shifts", float(rounds))


def _objective(model: StaffingModel, x: np.ndarray) -> float:
    """Objective of integral shift counts, shortfalls recomputed exactly."""
    values = complete_solution(model, x)
    return float(np.dot(np.asarray(model.var_obj), values))


def _run_mip(
    model: StaffingModel,
    time_limit: float,
    seed: int,
    workers: int,
    interrupt: threading.Event | None,
    progress: Progress | None,
    fix: dict[int, float] | None = None,
    cutoff: float | None = None,
) -> Solution | None:
    proto = to_proto(model)
    for var, value in (fix or {}).items():
        proto.variable[var].lower_bound = proto.variable[var].upper_bound = value
    result: list[Solution] = []
    holder: list[pywraplp.Solver] = []

    def work() -> None:
        with contextlib.suppress(RuntimeError):
            # No hint: SetHint on the HiGHS backend of OR-Tools 9.15 crashes the process.
            result.append(
                solve_proto(
                    proto,
                    "HIGHS",
                    time_limit,
                    threads=workers,
                    seed=seed,
                    holder=holder,
                    cutoff=cutoff,
                )
            )

    thread = threading.Thread(target=work, daemon=True)
    started = time.perf_counter()
    with _quiet_stdout():
        thread.start()
        try:
            while thread.is_alive():
                thread.join(0.25)
                if progress:
                    progress("searching", time.perf_counter() - started)
                if interrupt is not None and interrupt.is_set() and holder:
                    holder[0].InterruptSolve()
        except KeyboardInterrupt:
            if interrupt is not None:
                interrupt.set()
            if holder:
                holder[0].InterruptSolve()
            thread.join()
    return result[0] if result else None


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence banners that native solvers print to the process's stdout."""
    try:
        saved = os.dup(1)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
            try:
                yield
            finally:
                os.dup2(saved, 1)
    finally:
        os.close(saved)
