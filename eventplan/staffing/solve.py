"""Solving the staffing model: LP first, then the MIP only when the LP is fractional.

Measured on a 2-core laptop (see ``docs/benchmarks.md``): with consecutive-slot templates the
model's matrix is close to a network matrix and GLOP's LP optimum is integral on every bundled
scenario and on most generated ones, in a fraction of the time any MIP search takes. So:

1. solve the LP relaxation with GLOP; its objective is a valid lower bound;
2. if every shift count is integral, that is a proven optimum (gap 0);
3. otherwise run HiGHS's MIP (deterministic for a fixed seed and thread count), starting from
   the rounded-down LP solution, within what is left of the time limit; its bound is raised to
   the LP bound when the LP is stronger.

Ctrl-C interrupts the MIP search and keeps its best plan, marked ``interrupted``; if no MIP plan
exists yet, the rounded-down LP plan (always valid: shortfalls absorb the rest) is used.
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

from eventplan.staffing.backends import Solution, solve_proto, to_proto
from eventplan.staffing.model import StaffingModel

Progress = Callable[[str, float], None]
INTEGRAL_TOLERANCE = 1e-6
LP_TIME_LIMIT = 3600.0


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
) -> tuple[np.ndarray, SolveReport]:
    """Solve the model; return the value of every variable and the report."""
    started = time.perf_counter()
    n_x = len(model.columns)
    with _quiet_stdout():
        # The LP always runs to its end: it is fast and every later step builds on it.
        lp = solve_proto(to_proto(model, relax=True), "GLOP", LP_TIME_LIMIT, threads=1)
    if lp.status != "optimal":  # cannot happen with shortfall variables, but stay defined
        raise RuntimeError(f"the LP relaxation ended {lp.status}")
    if progress:
        progress("LP bound", lp.objective)
    x = lp.values[:n_x]
    if np.all(np.abs(x - np.round(x)) <= INTEGRAL_TOLERANCE):
        values = _integral(lp.values, n_x)
        seconds = time.perf_counter() - started
        report = SolveReport("optimal", _objective(model, values), lp.objective, seconds,
                             "lp-integral (GLOP)", seed, workers)
        return values, report
    fallback = _round_down(model, lp)
    remaining = max(1.0, time_limit - (time.perf_counter() - started))
    mip = _run_mip(model, remaining, seed, workers, interrupt, progress)
    seconds = time.perf_counter() - started
    interrupted = interrupt is not None and interrupt.is_set()
    if mip is None or mip.status not in ("optimal", "feasible"):
        status = "interrupted" if interrupted else "time_limit"
        return fallback, SolveReport(status, _objective(model, fallback), lp.objective, seconds,
                                     "lp-rounded (GLOP)", seed, workers)
    values = _integral(mip.values, n_x)
    bound = max(lp.objective, mip.bound) if math.isfinite(mip.bound) else lp.objective
    status = "optimal" if mip.status == "optimal" else (
        "interrupted" if interrupted else "feasible"
    )
    objective = _objective(model, values)
    if status == "optimal":
        bound = min(bound, objective)
    return values, SolveReport(status, objective, bound, seconds, "mip (HiGHS)", seed, workers)


def _integral(values: np.ndarray, n_x: int) -> np.ndarray:
    out = values.copy()
    out[:n_x] = np.round(out[:n_x])
    return out


def _objective(model: StaffingModel, values: np.ndarray) -> float:
    """Objective recomputed from integral shift counts (shortfalls re-derived exactly)."""
    return float(np.dot(np.asarray(model.var_obj), values))


def _round_down(model: StaffingModel, lp: Solution) -> np.ndarray:
    """A valid plan from the LP: shift counts rounded down, shortfalls recomputed.

    Rounding down never breaks a pool limit; the coverage lost becomes shortfall.
    """
    from eventplan.staffing.evaluate import complete_solution

    x = np.floor(lp.values[: len(model.columns)] + INTEGRAL_TOLERANCE)
    return complete_solution(model, x)


def _run_mip(
    model: StaffingModel,
    time_limit: float,
    seed: int,
    workers: int,
    interrupt: threading.Event | None,
    progress: Progress | None,
) -> Solution | None:
    proto = to_proto(model)
    result: list[Solution] = []
    holder: list[pywraplp.Solver] = []

    def work() -> None:
        with contextlib.suppress(RuntimeError):
            # No hint: SetHint on the HiGHS backend of OR-Tools 9.15 crashes the process.
            result.append(solve_proto(proto, "HIGHS", time_limit, threads=workers,
                                      seed=seed, holder=holder))

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
