"""Patrol loops: closed walks that revisit every target of a patrol in time.

A patrol team walks one closed loop over and over, so each target on it is passed again after
at most one loop: a loop meets the patrol's ``revisit_minutes`` when its duration does. With
``teams: auto`` the plan uses the fewest loops that all meet it; with a given number of teams it
uses exactly that many and minimises the longest loop, reporting the targets then revisited too
late. Loop durations are walking times at the patrol's ``speed_mps`` along venue edges (stairs
and ramps slower, see :mod:`eventplan.venue`); no time is spent standing at a target.

Method (a minimum-fleet routing problem with a maximum route duration and no depot):

1. Walking times between targets (one shortest-path search per target).
2. One tour through all targets (OR-Tools routing), cut into consecutive pieces, each closed
   into a loop; the best cut over every starting point is exact for that tour order, because
   closing a longer piece never gives a shorter loop (triangle inequality).
3. OR-Tools routing improves the loops, each team anchored at the first target of its piece.
   In ``auto`` mode it then dissolves the smallest loop into the others and keeps the result
   while every loop still meets the revisit time (durations beyond it are penalised, so the
   search may pass through over-long loops). Steps 1-3 are deterministic.
4. Guided local search shortens the loops within ``time_limit_s`` (0 skips it, keeping the
   result deterministic). It never changes the number of teams.

The fewest teams found is an upper bound; ``teams_lower_bound`` counts targets so far apart
pairwise that no loop can hold two of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from eventplan.geo import line_feature
from eventplan.scenario.model import Patrol, Scenario
from eventplan.venue import VenueGraph

#: Polishing time per target when no time limit is given, in seconds (capped at 10 s).
SECONDS_PER_TARGET = 0.05


@dataclass(frozen=True, slots=True)
class Loop:
    """One team's closed walk.

    Parameters
    ----------
    team
        Team number within the patrol, from 1.
    targets
        The targets this team answers for, in walking order.
    nodes
        The closed walk as venue node ids (first == last), every step along a venue edge.
    loop_minutes
        Time to walk the loop once.
    revisit_minutes
        For each of ``targets``, the longest wait between two passes of the team (less than a
        loop when the walk passes the target twice).
    """

    team: int
    targets: tuple[str, ...]
    nodes: tuple[str, ...]
    loop_minutes: float
    revisit_minutes: tuple[float, ...]

    @property
    def max_revisit_minutes(self) -> float:
        """The longest wait of any of its targets."""
        return max(self.revisit_minutes)


@dataclass(frozen=True, slots=True)
class PatrolPlan:
    """The loops of one patrol.

    Parameters
    ----------
    patrol_id
        The patrol's id.
    teams
        Teams to staff: the fewest found (``auto``) or the number the scenario gives.
    loops
        One loop per working team (fewer than ``teams`` only when there are more teams than
        targets; the others are ``idle_teams``).
    unserved
        Targets whose revisit interval exceeds ``revisit_minutes`` (empty in ``auto`` mode).
    revisit_ok
        Whether every target is revisited in time.
    revisit_minutes
        The patrol's revisit target.
    teams_needed
        The fewest teams found that meet the revisit target.
    teams_lower_bound
        No plan can meet the revisit target with fewer teams.
    isolated
        Targets too far from every other target to share a loop: each needs a team of its own
        (in effect a standing post).
    """

    patrol_id: str
    teams: int
    loops: tuple[Loop, ...]
    unserved: tuple[str, ...]
    revisit_ok: bool
    revisit_minutes: float
    teams_needed: int
    teams_lower_bound: int
    isolated: tuple[str, ...]

    @property
    def idle_teams(self) -> int:
        """Teams beyond one per target, left without a loop."""
        return self.teams - len(self.loops)

    def to_json(self) -> list[dict[str, Any]]:
        """Rows of plan.json ``patrols``, one per team: the DESIGN fields (id, team, nodes,
        loop_minutes, max_revisit_minutes), the team's targets and those it revisits late,
        and the patrol's revisit target, whether it is met, and the teams needed to meet it.
        """
        late = set(self.unserved)
        return [
            {
                "id": self.patrol_id,
                "team": loop.team,
                "nodes": list(loop.nodes),
                "loop_minutes": round(loop.loop_minutes, 2),
                "max_revisit_minutes": round(loop.max_revisit_minutes, 2),
                "targets": list(loop.targets),
                "late_targets": [t for t in loop.targets if t in late],
                "revisit_minutes": self.revisit_minutes,
                "revisit_ok": self.revisit_ok,
                "teams": self.teams,
                "teams_needed": self.teams_needed,
            }
            for loop in self.loops
        ]

    def to_geojson_features(self, graph: VenueGraph) -> list[dict[str, Any]]:
        """One LineString per team along its walk."""
        return [
            line_feature(
                [graph.latlon[graph.index[n]] for n in loop.nodes],
                {
                    "layer": "patrol",
                    "patrol": self.patrol_id,
                    "team": loop.team,
                    "loop_minutes": round(loop.loop_minutes, 2),
                    "max_revisit_minutes": round(loop.max_revisit_minutes, 2),
                },
            )
            for loop in self.loops
        ]


def patrol_targets(patrol: Patrol, scenario: Scenario) -> list[str]:
    """Target node ids of a patrol in venue order: nodes of the listed kinds and listed nodes."""
    kinds, listed = set(patrol.targets.kinds), set(patrol.targets.nodes)
    return [n.id for n in scenario.venue.nodes if n.kind in kinds or n.id in listed]


def plan_patrol(
    patrol: Patrol, scenario: Scenario, graph: VenueGraph, *, time_limit_s: float | None = None
) -> PatrolPlan:
    """Loops for one patrol (see the module notes for the method).

    Parameters
    ----------
    patrol, scenario
        The patrol and its validated scenario.
    graph
        The scenario's :class:`VenueGraph`.
    time_limit_s
        Seconds of guided local search to shorten the loops; ``None``: 0.05 s per target (at
        most 10 s); 0: none, and the plan is deterministic.
    """
    targets = patrol_targets(patrol, scenario)
    minutes = graph.matrix_minutes(targets, patrol.speed_mps)
    solver = _LoopSolver(minutes, patrol.revisit_minutes)
    needed_routes = solver.fewest()
    if patrol.teams == "auto":
        teams, routes = len(needed_routes), needed_routes
    else:
        teams, routes = patrol.teams, solver.exactly(min(patrol.teams, len(targets)))
    if time_limit_s is None:
        time_limit_s = min(10.0, SECONDS_PER_TARGET * len(targets))
    if time_limit_s > 0:
        routes = solver.polish(routes, minmax=patrol.teams != "auto", seconds=time_limit_s)
    loops = tuple(
        _loop(i + 1, [targets[t] for t in r], set(targets), graph, patrol.speed_mps)
        for i, r in enumerate(routes)
    )
    late = _late(loops, patrol.revisit_minutes)
    return PatrolPlan(
        patrol_id=patrol.id,
        teams=teams,
        loops=loops,
        unserved=late,
        revisit_ok=not late,
        revisit_minutes=patrol.revisit_minutes,
        teams_needed=len(needed_routes),
        teams_lower_bound=solver.lower_bound(),
        isolated=tuple(targets[i] for i in solver.isolated()),
    )


def team_counts(scenario: Scenario, graph: VenueGraph) -> dict[str, int]:
    """Teams each patrol needs staffed: the given number, or the fewest found for ``auto``.

    Runs only the deterministic steps, so it agrees with :func:`plan_patrol` and costs less.
    """
    counts: dict[str, int] = {}
    for patrol in scenario.patrols:
        if patrol.teams != "auto":
            counts[patrol.id] = patrol.teams
            continue
        targets = patrol_targets(patrol, scenario)
        minutes = graph.matrix_minutes(targets, patrol.speed_mps)
        counts[patrol.id] = len(_LoopSolver(minutes, patrol.revisit_minutes).fewest())
    return counts


def _loop(
    team: int, order: list[str], targets: set[str], graph: VenueGraph, speed_mps: float
) -> Loop:
    nodes = graph.walk([*order, order[0]])
    if len(nodes) == 1:
        nodes = [nodes[0], nodes[0]]
    per_minute = speed_mps * 60.0
    times = [0.0]
    for a, b in pairwise(nodes):
        times.append(times[-1] + graph.walk_length_m([a, b]) / per_minute)
    length = times[-1]
    passes: dict[str, list[float]] = {}
    for node, at in zip(nodes[:-1], times[:-1], strict=True):
        if node in targets:
            passes.setdefault(node, []).append(at)
    waits = []
    for node in order:
        seen = passes[node]
        gaps = [b - a for a, b in pairwise(seen)]
        waits.append(max([length - seen[-1] + seen[0], *gaps]))
    return Loop(team, tuple(order), tuple(nodes), length, tuple(waits))


def _late(loops: tuple[Loop, ...], revisit: float) -> tuple[str, ...]:
    """Targets their team revisits later than ``revisit`` minutes."""
    return tuple(
        t
        for loop in loops
        for t, wait in zip(loop.targets, loop.revisit_minutes, strict=True)
        if wait > revisit + 1e-9
    )


class _LoopSolver:
    """Closed loops over a symmetric matrix of walking minutes between targets.

    Routes are lists of target indices, each starting at its anchor. Times are integer
    hundredths of a second inside OR-Tools, rounded up so that a loop accepted there is within
    the revisit time in exact arithmetic too.
    """

    def __init__(self, minutes: np.ndarray, revisit: float) -> None:
        self.minutes = minutes
        self.n = len(minutes)
        scale = 6000.0  # hundredths of a second per minute
        while (
            scale > 1 and (self.n + 2) ** 2 * max(1.0, float(minutes.max(initial=0))) * scale > 4e9
        ):
            scale /= 10
        self.cost = np.ceil(minutes * scale - 1e-9).astype(np.int64)
        self.rows: list[list[int]] = self.cost.tolist()
        self.limit = math.floor(revisit * scale + 1e-9)
        self.revisit = revisit

    def closed(self, route: list[int]) -> int:
        """Duration of the loop through ``route`` and back to its first target."""
        return sum(self.rows[a][b] for a, b in zip(route, route[1:] + route[:1], strict=True))

    def lower_bound(self) -> int:
        """Size of a set of targets no two of which fit in one loop (greedy clique)."""
        apart = (self.cost + self.cost.T) > self.limit
        np.fill_diagonal(apart, False)
        clique: list[int] = []
        for i in np.argsort(-apart.sum(axis=1), kind="stable"):
            if all(apart[i, j] for j in clique):
                clique.append(int(i))
        return max(1, len(clique)) if self.n else 0

    def isolated(self) -> list[int]:
        """Targets whose round trip to any other target exceeds the revisit time."""
        if self.n < 2:
            return []
        apart = (self.cost + self.cost.T) > self.limit
        np.fill_diagonal(apart, True)
        return [int(i) for i in np.flatnonzero(apart.all(axis=1))]

    # -- construction ----------------------------------------------------------------------
    def tour(self) -> list[int]:
        """One closed tour through every target (deterministic local search)."""
        if self.n <= 3:
            return list(range(self.n))
        return self._route(
            [0], [[i for i in range(1, self.n)]], bound=None, minmax=False, seconds=0
        )[0]

    def split(self, tour: list[int], bound: int, pieces: int | None = None) -> list[list[int]]:
        """Cut a tour into the fewest consecutive pieces whose closed loops fit ``bound``.

        Every starting point is tried; ``pieces`` stops at the first cut with that few.
        """
        cost = self.rows
        best: list[list[int]] | None = None
        for start in range(len(tour)):
            cut: list[list[int]] = []
            path = 0
            for t in tour[start:] + tour[:start]:
                if cut and path + cost[cut[-1][-1]][t] + cost[t][cut[-1][0]] <= bound:
                    path += cost[cut[-1][-1]][t]
                    cut[-1].append(t)
                else:
                    if best is not None and len(cut) + 1 >= len(best):
                        break
                    cut.append([t])
                    path = 0
            else:
                best = cut
                if pieces is not None and len(best) <= pieces:
                    break
        return best or []

    def fewest(self) -> list[list[int]]:
        """The fewest loops found that all fit the revisit time."""
        if self.n == 0:
            return []
        routes = self.split(self.tour(), self.limit)
        routes = self._route(
            [r[0] for r in routes], [r[1:] for r in routes], self.limit, minmax=False, seconds=0
        )
        floor = self.lower_bound()
        while len(routes) > floor:
            smaller = self._without_one(routes)
            if smaller is None:
                break
            routes = smaller
        return routes

    def _without_one(self, routes: list[list[int]]) -> list[list[int]] | None:
        by_size = sorted(range(len(routes)), key=lambda r: (len(routes[r]), self.closed(routes[r])))
        for drop in by_size[:3]:
            kept = [list(r) for i, r in enumerate(routes) if i != drop]
            for t in routes[drop]:
                self._insert(kept, t)
            out = self._route(
                [r[0] for r in kept], [r[1:] for r in kept], self.limit, minmax=False, seconds=0
            )
            if all(self.closed(r) <= self.limit for r in out):
                return out
        return None

    def _insert(self, routes: list[list[int]], t: int) -> None:
        """Cheapest insertion of target ``t`` after a route's anchor or later."""
        best = (math.inf, 0, 1)
        for i, r in enumerate(routes):
            for pos in range(1, len(r) + 1):
                a, b = r[pos - 1], r[pos % len(r)]
                extra = self.cost[a, t] + self.cost[t, b] - self.cost[a, b]
                if extra < best[0]:
                    best = (extra, i, pos)
        routes[best[1]].insert(best[2], t)

    def exactly(self, k: int) -> list[list[int]]:
        """``k`` loops with the longest as short as found (deterministic)."""
        if k >= self.n:
            return [[i] for i in range(self.n)]
        tour = self.tour()
        low, high = 0, self.closed(tour)
        while low < high:  # the smallest bound a cut into k pieces meets
            mid = (low + high) // 2
            if len(self.split(tour, mid, pieces=k)) <= k:
                high = mid
            else:
                low = mid + 1
        routes = self.split(tour, high, pieces=k)
        while len(routes) < k:  # split the longest piece that can be split
            longest = max((r for r in routes if len(r) > 1), key=self.closed)
            routes.remove(longest)
            half = len(longest) // 2
            routes += [longest[:half], longest[half:]]
        return self._route(
            [r[0] for r in routes], [r[1:] for r in routes], None, minmax=True, seconds=0
        )

    def polish(self, routes: list[list[int]], *, minmax: bool, seconds: float) -> list[list[int]]:
        """Shorter loops by guided local search, the number of loops unchanged."""
        if self.n <= 3 or len(routes) == self.n:
            return routes
        bound = None if minmax else self.limit
        better = self._route(
            [r[0] for r in routes], [r[1:] for r in routes], bound, minmax=minmax, seconds=seconds
        )
        if minmax:
            return (
                better if max(map(self.closed, better)) <= max(map(self.closed, routes)) else routes
            )
        if all(self.closed(r) <= self.limit for r in better) and sum(
            map(self.closed, better)
        ) <= sum(map(self.closed, routes)):
            return better
        return routes

    # -- OR-Tools --------------------------------------------------------------------------
    def _route(
        self,
        anchors: list[int],
        initial: list[list[int]],
        bound: int | None,
        *,
        minmax: bool,
        seconds: float,
    ) -> list[list[int]]:
        """Routes from ``anchors`` through every target, starting from ``initial``.

        ``bound``: loop durations beyond it cost more than any saving in length can repay.
        ``minmax``: minimise the longest loop first. ``seconds`` > 0: guided local search for
        that long, else descent to a local optimum.
        """
        manager = pywrapcp.RoutingIndexManager(self.n, len(anchors), anchors, anchors)
        model = pywrapcp.RoutingModel(manager)
        transit = model.RegisterTransitMatrix(self.cost.tolist())
        model.SetArcCostEvaluatorOfAllVehicles(transit)
        horizon = int(self.cost.sum(axis=1).max()) * 2 + 1
        model.AddDimension(transit, 0, horizon, True, "time")
        time = model.GetDimensionOrDie("time")
        if minmax:
            time.SetGlobalSpanCostCoefficient(100)
        if bound is not None:
            penalty = (self.n + len(anchors) + 1) * int(self.cost.max(initial=1)) + 1
            for v in range(len(anchors)):
                time.SetCumulVarSoftUpperBound(model.End(v), bound, penalty)
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
