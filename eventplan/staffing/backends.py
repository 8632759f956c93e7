"""Running a :class:`~eventplan.staffing.linear.LinearModel` through solver backends.

The model goes to OR-Tools as an ``MPModelProto`` assembled from its arrays, so building is
cheap even at hundreds of thousands of variables, and any ``pywraplp`` backend can take it; the
LP of column generation stays open in HiGHS (:class:`LiveLP`).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np
from highspy.highs import HighsCallbackEvent
from ortools.linear_solver import linear_solver_pb2, pywraplp

from eventplan.staffing.highs_model import column_arrays, highs_lp
from eventplan.staffing.linear import LinearModel


@dataclass(frozen=True)
class Solution:
    """Values of the model's variables and what the solver said about them."""

    status: str  # "optimal" | "feasible" | "infeasible" | "unknown" (no solution)
    values: np.ndarray
    objective: float
    bound: float
    seconds: float
    backend: str


def to_proto(model: LinearModel, relax: bool = False) -> linear_solver_pb2.MPModelProto:
    """The model as an MPModelProto (``relax`` drops integrality for the LP relaxation)."""
    proto = linear_solver_pb2.MPModelProto()
    proto.name = "eventplan-staffing"
    for lb, ub, obj, integer in zip(
        model.var_lb, model.var_ub, model.var_obj, model.var_int, strict=True
    ):
        proto.variable.add(
            lower_bound=lb,
            upper_bound=ub,
            objective_coefficient=obj,
            is_integer=integer and not relax,
        )
    rows = np.asarray(model.rows, dtype=np.int64)
    order = np.argsort(rows, kind="stable")
    rows = rows[order]
    cols = np.asarray(model.cols, dtype=np.int64)[order]
    vals = np.asarray(model.vals, dtype=np.float64)[order]
    bounds = np.searchsorted(rows, np.arange(model.num_rows + 1))
    for row in range(model.num_rows):
        a, b = bounds[row], bounds[row + 1]
        constraint = proto.constraint.add(
            lower_bound=model.row_lb[row], upper_bound=model.row_ub[row]
        )
        constraint.var_index.extend(cols[a:b].tolist())
        constraint.coefficient.extend(vals[a:b].tolist())
    return proto


#: Solver-specific parameters per backend: the random seed and, for SCIP, leaving Ctrl-C to
#: Python (SCIP otherwise takes over SIGINT while it solves, and the rest of the search never
#: hears of it).
_OPTIONS = {"SCIP": "randomization/randomseedshift = {seed}\nmisc/catchctrlc = FALSE\n"}


#: Seconds between checks for an interrupt while the live LP solves.
POLL_SECONDS = 0.1
#: HiGHS's ``simplex_strategy`` value for the primal simplex.
PRIMAL_SIMPLEX = 4

_STATUS = {
    pywraplp.Solver.OPTIMAL: "optimal",
    pywraplp.Solver.FEASIBLE: "feasible",
    pywraplp.Solver.INFEASIBLE: "infeasible",
    pywraplp.Solver.UNBOUNDED: "infeasible",
    pywraplp.Solver.ABNORMAL: "unknown",
    pywraplp.Solver.NOT_SOLVED: "unknown",
}


def solve_proto(
    proto: linear_solver_pb2.MPModelProto,
    backend: str,
    time_limit: float,
    threads: int = 1,
    relative_gap: float = 1e-6,
    seed: int = 0,
    on_start: Callable[[pywraplp.Solver], None] | None = None,
    hint: np.ndarray | None = None,
) -> Solution:
    """Solve with one ``pywraplp`` backend (``GLOP``, ``HIGHS``, ``SCIP``, ``CP_SAT``...).

    ``on_start`` receives the solver object before the search starts, so another thread can
    call ``InterruptSolve()`` on it.
    """
    started = time.perf_counter()
    solver = pywraplp.Solver.CreateSolver(backend)
    if solver is None:
        raise RuntimeError(f"OR-Tools backend {backend} is not available")
    solver.SuppressOutput()
    error = solver.LoadModelFromProto(proto)
    if error:
        raise RuntimeError(f"model rejected by {backend}: {error}")
    solver.SetTimeLimit(max(1, int(time_limit * 1000)))
    solver.SetNumThreads(threads)
    if backend in _OPTIONS:
        solver.SetSolverSpecificParametersAsString(_OPTIONS[backend].format(seed=seed))
    if hint is not None and backend != "HIGHS":  # SetHint crashes OR-Tools 9.15's HiGHS
        solver.SetHint(solver.variables(), [float(v) for v in hint])
    if on_start is not None:
        on_start(solver)
    params = pywraplp.MPSolverParameters()
    params.SetDoubleParam(params.RELATIVE_MIP_GAP, relative_gap)
    code = solver.Solve(params)
    status = _STATUS.get(code, "unknown")
    seconds = time.perf_counter() - started
    if status not in ("optimal", "feasible"):
        return Solution(status, np.zeros(len(proto.variable)), math.nan, math.nan, seconds, backend)
    response = linear_solver_pb2.MPSolutionResponse()
    solver.FillSolutionResponseProto(response)
    values = np.asarray(response.variable_value, dtype=np.float64)
    objective = solver.Objective().Value()
    try:
        bound = solver.Objective().BestBound()
    except Exception:
        bound = objective
    if status == "optimal" or not proto.variable or not any(v.is_integer for v in proto.variable):
        bound = objective if status == "optimal" else bound
    return Solution(status, values, objective, bound, seconds, backend)


class LiveLP:
    """The LP relaxation held open in HiGHS: added columns re-solve from the last basis.

    Primal simplex, because added columns leave the last basis primal feasible: measured
    against GLOP (whose re-solves start over) on column generation to the same bound, 2.3x
    faster on the concert, 2.6x on a generated 5,000-staff day and 28x on a generated 1,000
    staff over five days (247 s to 8.9 s); HiGHS's default dual simplex was slower than GLOP
    on the 5,000-staff day.
    """

    def __init__(self, model: LinearModel) -> None:
        self.model = model
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("simplex_strategy", PRIMAL_SIMPLEX)
        # A stop is asked for through HiGHS's interrupt callback, checked between simplex
        # iterations. (highspy's own startSolve/cancelSolve keep their state in class-level
        # locks, so two LPs solving in threads side by side, as a what-if sweep does, clash.)
        self._stop_now = False
        self.highs.cbSimplexInterrupt += self._interrupt
        self.highs.passModel(highs_lp(column_arrays(model), integral=False))
        self.num_vars = model.num_vars
        self.num_entries = model.num_entries

    def sync(self) -> None:
        """Mirror the variables added to the model since the last call into the live LP."""
        model = self.model
        first, entries = self.num_vars, self.num_entries
        # Entries made since the last call are exactly the new columns' terms.
        new_cols = np.asarray(model.cols[entries:], dtype=np.int64) - first
        order = np.argsort(new_cols, kind="stable")
        count = model.num_vars - first
        starts = np.searchsorted(new_cols[order], np.arange(count)).astype(np.int32)
        rows = np.asarray(model.rows[entries:], dtype=np.int32)[order]
        vals = np.asarray(model.vals[entries:], dtype=np.float64)[order]
        self.highs.addCols(
            count,
            np.asarray(model.var_obj[first:], dtype=np.float64),
            np.asarray(model.var_lb[first:], dtype=np.float64),
            np.asarray(model.var_ub[first:], dtype=np.float64),
            len(rows),
            starts,
            rows,
            vals,
        )
        self.num_vars = model.num_vars
        self.num_entries = model.num_entries

    def solve(self, deadline: float = math.inf, stopped: Callable[[], bool] | None = None) -> str:
        """Re-solve from the last basis: "optimal", or "stopped" at ``deadline`` (a
        ``time.perf_counter()`` value) or once ``stopped()`` is true, with the iterate reached.

        The time limit is HiGHS's own; ``stopped`` is polled while HiGHS runs in its thread.
        """
        remaining = deadline - time.perf_counter()
        self.highs.setOptionValue(
            "time_limit", max(0.01, remaining) if remaining < math.inf else math.inf
        )
        self._stop_now = False
        solver = threading.Thread(target=self.highs.run, daemon=True)
        solver.start()
        while solver.is_alive():
            solver.join(POLL_SECONDS)
            if stopped is not None and stopped():
                self._stop_now = True
        status = self.highs.getModelStatus()
        self.solution = self.highs.getSolution()
        return "optimal" if status == highspy.HighsModelStatus.kOptimal else "stopped"

    def _interrupt(self, event: HighsCallbackEvent) -> None:
        if self._stop_now:
            event.interrupt()

    def values(self) -> np.ndarray:
        """The last iterate's values (zeros if a stop came before it had any)."""
        if not self.solution.value_valid:
            return np.zeros(self.num_vars)
        return np.asarray(self.solution.col_value, dtype=np.float64)

    def duals(self) -> np.ndarray:
        """The last iterate's row duals (zeros, which still give a Lagrangian bound, if none)."""
        if not self.solution.dual_valid:
            return np.zeros(self.model.num_rows)
        return np.asarray(self.solution.row_dual, dtype=np.float64)

    def objective_value(self) -> float:
        return float(self.highs.getInfo().objective_function_value)
