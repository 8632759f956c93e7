"""Patrol plans: the loops of each patrol, shaped for plan.json and the map.

See :mod:`eventplan.venue.patrol` for what a loop means and how loops are found.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from eventplan.scenario.model import Patrol, Scenario
from eventplan.venue.geo import line_feature
from eventplan.venue.graph import VenueGraph
from eventplan.venue.patrol.loops import LoopSolver

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
        """Rows of plan.json ``patrols``, one per team: id, team, nodes, loop_minutes and
        max_revisit_minutes (see docs/analyses.md), the team's targets and those it revisits late,
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
    solver = LoopSolver(minutes, patrol.revisit_minutes)
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


def with_stored_loops(
    plan: PatrolPlan, orders: list[list[str]], scenario: Scenario, graph: VenueGraph
) -> PatrolPlan:
    """``plan`` walking the loops a plan folder stored (each team's targets in walking
    order), so that reading a plan back gives its loops without searching them again."""
    patrol = next(p for p in scenario.patrols if p.id == plan.patrol_id)
    targets = set(patrol_targets(patrol, scenario))
    loops = tuple(
        _loop(i + 1, order, targets, graph, patrol.speed_mps) for i, order in enumerate(orders)
    )
    late = _late(loops, plan.revisit_minutes)
    return replace(plan, loops=loops, unserved=late, revisit_ok=not late)


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
        counts[patrol.id] = len(LoopSolver(minutes, patrol.revisit_minutes).fewest())
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
