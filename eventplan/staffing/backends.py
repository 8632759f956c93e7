"""Running a :class:`StaffingModel` through OR-Tools solvers.

The model goes to the solvers as an ``MPModelProto`` assembled from its arrays, so building is
cheap even at hundreds of thousands of variables, and any ``pywraplp`` backend can take it.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import linear_solver_pb2, pywraplp

from eventplan.staffing.model import StaffingModel


@dataclass(frozen=True)
class Solution:
    """Values of the model's variables and what the solver said about them."""

    status: str  # "optimal" | "feasible" | "infeasible" | "unknown" (no solution)
    values: np.ndarray
    objective: float
    bound: float
    seconds: float
    backend: str


def to_proto(model: StaffingModel, relax: bool = False) -> linear_solver_pb2.MPModelProto:
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
    holder: list[pywraplp.Solver] | None = None,
    cutoff: float | None = None,
) -> Solution:
    """Solve with one ``pywraplp`` backend (``GLOP``, ``HIGHS``, ``SCIP``, ``CP_SAT``...).

    ``holder`` receives the solver object before the search starts, so another thread can
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
    if backend == "HIGHS":
        options = [f"random_seed={seed}"]
        if cutoff is not None:  # prune every node that cannot beat the plan in hand
            options.append(f"objective_bound={cutoff + 1e-6 * max(1.0, abs(cutoff))!r}")
        solver.SetSolverSpecificParametersAsString("\n".join(options))
    if holder is not None:
        holder.append(solver)
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
    """The LP relaxation held open in GLOP, so columns can be added and re-solved warm."""

    def __init__(self, model: StaffingModel) -> None:
        self.model = model
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        self.solver.SuppressOutput()
        error = self.solver.LoadModelFromProto(to_proto(model, relax=True))
        if error:
            raise RuntimeError(f"model rejected by GLOP: {error}")
        self.constraints = self.solver.constraints()
        self.objective = self.solver.Objective()
        self.response = linear_solver_pb2.MPSolutionResponse()

    def add_columns(self, variables: list[int]) -> None:
        """Mirror variables just added to the model (columns) into the live LP."""
        model = self.model
        by_var: dict[int, list[tuple[int, float]]] = {v: [] for v in variables}
        first = min(variables)
        # Terms of new columns are the model's most recent entries.
        for k in range(len(model.cols) - 1, -1, -1):
            var = model.cols[k]
            if var < first:
                break
            if var in by_var:
                by_var[var].append((model.rows[k], model.vals[k]))
        for var in variables:
            handle = self.solver.NumVar(model.var_lb[var], model.var_ub[var], "")
            self.objective.SetCoefficient(handle, model.var_obj[var])
            for row, coef in by_var[var]:
                self.constraints[row].SetCoefficient(handle, coef)

    def solve(self) -> str:
        code = self.solver.Solve()
        self.solver.FillSolutionResponseProto(self.response)
        return _STATUS.get(code, "unknown")

    def values(self) -> np.ndarray:
        return np.asarray(self.response.variable_value, dtype=np.float64)

    def duals(self) -> np.ndarray:
        return np.asarray(self.response.dual_value, dtype=np.float64)

    def objective_value(self) -> float:
        return self.objective.Value()
