"""Standby points and response reach: :func:`plan_response` and its result types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from eventplan.scenario.model import Scenario
from eventplan.venue.geo import multiline_feature, point_feature
from eventplan.venue.graph import VenueGraph
from eventplan.venue.response.placement import Placer
from eventplan.venue.response.weights import node_weights

#: Venues up to this many nodes get an exact CP-SAT check of the placement.
EXACT_NODES = 400


@dataclass(frozen=True, slots=True)
class Standby:
    """Where one unit stands by: ``index`` counts the units of an entry from 1."""

    unit: str
    index: int
    node: str
    chosen: bool


@dataclass(frozen=True, slots=True)
class Reach:
    """How much of the venue some standby unit reaches within ``minutes``.

    ``weight_share`` uses the node weights of :func:`node_weights`; ``node_share`` counts
    nodes alike; ``unreached`` lists the nodes left out.
    """

    minutes: float
    weight_share: float
    node_share: float
    unreached: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnitReach:
    """What the units of one entry reach within their own ``respond_within_minutes``."""

    unit: str
    reach: Reach


@dataclass(frozen=True, slots=True)
class ResponsePlan:
    """Standby points and response reach.

    Parameters
    ----------
    standby
        One row per unit (an entry with ``count`` N has N rows).
    reach
        All units together, at each of ``response.targets_minutes``.
    units
        Each unit entry at its own ``respond_within_minutes``.
    objective
        The phase-averaged weighted share reached within each unit's own time.
    method
        ``"greedy"`` (greedy and swaps), ``"cp-sat"`` (an exact solve improved on it), or
        ``"fixed"`` (no standby to choose).
    optimal
        Whether the placement is proven optimal for ``objective``.
    speed_mps
        Walking speed used.
    """

    standby: tuple[Standby, ...]
    reach: tuple[Reach, ...]
    units: tuple[UnitReach, ...]
    objective: float
    method: str
    optimal: bool
    speed_mps: float

    def to_json(self) -> dict[str, Any]:
        """plan.json sections ``standby`` (rows) and ``response``.

        ``response.reach`` maps each threshold (minutes, as text) to the weight share reached,
        ``node_share`` to the node share, ``unreached`` to the nodes left out; ``units`` gives
        each unit entry's reach within its own time.
        """
        label = {r.minutes: f"{r.minutes:g}" for r in self.reach}
        return {
            "standby": [
                {"unit": s.unit, "index": s.index, "node": s.node, "chosen": s.chosen}
                for s in self.standby
            ],
            "response": {
                "walking_speed_mps": self.speed_mps,
                "reach": {label[r.minutes]: round(r.weight_share, 4) for r in self.reach},
                "node_share": {label[r.minutes]: round(r.node_share, 4) for r in self.reach},
                "unreached": {label[r.minutes]: list(r.unreached) for r in self.reach},
                "units": [
                    {
                        "unit": u.unit,
                        "within_minutes": u.reach.minutes,
                        "weight_share": round(u.reach.weight_share, 4),
                        "node_share": round(u.reach.node_share, 4),
                        "unreached": list(u.reach.unreached),
                    }
                    for u in self.units
                ],
                "objective": round(self.objective, 4),
                "method": self.method,
                "optimal": self.optimal,
            },
        }

    def to_geojson_features(self, graph: VenueGraph) -> list[dict[str, Any]]:
        """Standby points, and per standby node and threshold the walkways reached."""
        features = [
            point_feature(
                graph.latlon[graph.index[s.node]],
                {"layer": "standby", "unit": s.unit, "index": s.index, "node": s.node},
            )
            for s in self.standby
        ]
        per_minute = self.speed_mps * 60.0
        for node in dict.fromkeys(s.node for s in self.standby):
            for r in self.reach:
                lines = graph.reached_lines(node, r.minutes * per_minute)
                if lines:
                    features.append(
                        multiline_feature(
                            lines, {"layer": "reach", "node": node, "minutes": r.minutes}
                        )
                    )
        return features


def plan_response(
    scenario: Scenario, graph: VenueGraph, *, exact_time_limit_s: float = 5.0
) -> ResponsePlan:
    """Choose ``auto`` standby nodes and report the reach of all units.

    Parameters
    ----------
    scenario, graph
        A validated scenario and its venue graph.
    exact_time_limit_s
        CP-SAT time on venues of at most :data:`EXACT_NODES` nodes; 0 skips the exact check.
    """
    speed = scenario.response.walking_speed_mps
    weights = node_weights(scenario, graph)
    placer = Placer(scenario, graph, weights)
    method, optimal = "fixed", True
    if placer.free:
        placer.greedy()
        placer.swap()
        method, optimal = "greedy", False
        if exact_time_limit_s > 0 and len(graph) <= EXACT_NODES:
            improved, optimal = placer.exact(exact_time_limit_s)
            method = "cp-sat" if improved else "greedy"
    standby = tuple(
        Standby(scenario.units[k].id, i + 1, graph.ids[c], (k, i) in placer.free)
        for k, slots in enumerate(placer.slots)
        for i, c in enumerate(slots)
    )

    def reach(unit: str | None, minutes: float) -> Reach:
        nodes = [s.node for s in standby if unit in (None, s.unit)]
        return _reach(graph, nodes, minutes * speed * 60.0, weights, minutes)

    thresholds = scenario.response.targets_minutes if standby else ()
    overall = tuple(reach(None, m) for m in thresholds)
    units = tuple(UnitReach(u.id, reach(u.id, u.respond_within_minutes)) for u in scenario.units)
    return ResponsePlan(standby, overall, units, placer.value(), method, optimal, speed)


def _reach(
    graph: VenueGraph, nodes: list[str], cutoff_m: float, weights: np.ndarray, minutes: float
) -> Reach:
    """What ``nodes`` reach within ``cutoff_m`` level-equivalent metres."""
    reached = graph.nearest_m(nodes, cutoff_m) <= cutoff_m
    return Reach(
        minutes,
        float(weights[reached].sum()),
        float(reached.mean()),
        tuple(graph.ids[i] for i in np.flatnonzero(~reached)),
    )
