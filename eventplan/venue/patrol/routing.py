"""OR-Tools routing for patrol loops: teams anchored at targets, no depot, soft duration bound."""

from __future__ import annotations

import numpy as np
from ortools.constraint_solver import pywrapcp, routing_enums_pb2


def solve_routes(
    cost: np.ndarray,
    anchors: list[int],
    initial: list[list[int]],
    bound: int | None,
    *,
    minmax: bool,
    seconds: float,
) -> list[list[int]]:
    """Routes from ``anchors`` through every target, starting from ``initial``.

    Parameters
    ----------
    cost
        Integer travel times between targets (square, symmetric).
    anchors
        The first target of each route; routes close back to it.
    initial
        The other targets of each route, a starting solution.
    bound
        Loop durations beyond it cost more than any saving in length can repay.
    minmax
        Minimise the longest loop first.
    seconds
        Guided local search for that long when above 0, else descent to a local optimum.
    """
    n = len(cost)
    manager = pywrapcp.RoutingIndexManager(n, len(anchors), anchors, anchors)
    model = pywrapcp.RoutingModel(manager)
    transit = model.RegisterTransitMatrix(cost.tolist())
    model.SetArcCostEvaluatorOfAllVehicles(transit)
    horizon = int(cost.sum(axis=1).max()) * 2 + 1
    model.AddDimension(transit, 0, horizon, True, "time")
    time = model.GetDimensionOrDie("time")
    if minmax:
        time.SetGlobalSpanCostCoefficient(100)
    if bound is not None:
        penalty = (n + len(anchors) + 1) * int(cost.max(initial=1)) + 1
        for v in range(len(anchors)):
            time.SetCumulVarSoftUpperBound(model.End(v), bound, penalty)
    params = _parameters(seconds)
    start = model.ReadAssignmentFromRoutes(initial, True)
    solution = (
        model.SolveFromAssignmentWithParameters(start, params)
        if start is not None
        else model.SolveWithParameters(params)
    )
    if solution is None:  # cannot happen without hard limits; keep what we had
        return [[a, *r] for a, r in zip(anchors, initial, strict=True)]
    routes = []
    for v in range(len(anchors)):
        index, route = model.Start(v), []
        while not model.IsEnd(index):
            route.append(manager.IndexToNode(index))
            index = solution.Value(model.NextVar(index))
        routes.append(route)
    return routes


def _parameters(seconds: float) -> pywrapcp.RoutingSearchParameters:
    """Cheapest insertion, then guided local search for ``seconds`` or greedy descent."""
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    )
    if seconds > 0:
        params.local_search_metaheuristic = (
            routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
        )
        params.time_limit.FromMilliseconds(max(1, int(seconds * 1000)))
    else:
        params.local_search_metaheuristic = (
            routing_enums_pb2.LocalSearchMetaheuristic.GREEDY_DESCENT
        )
    return params
