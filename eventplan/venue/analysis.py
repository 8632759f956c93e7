"""``analyse(scenario)``: every venue analysis at once, shaped for plan.json and the map.

Patrol loops (:mod:`eventplan.venue.patrol`), standby points and response reach
(:mod:`eventplan.venue.response`), egress (:mod:`eventplan.venue.egress`) and the drone
rotation (:mod:`eventplan.venue.drones`) all read one
:class:`~eventplan.venue.graph.VenueGraph`. Staffing reads :meth:`VenueAnalysis.team_counts`
and :meth:`VenueAnalysis.pilot_counts` to size patrols and drone crews; the plan stores
:meth:`VenueAnalysis.to_json`; the terminal summary is made from that JSON
(:mod:`eventplan.summary`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from eventplan.scenario.model import Scenario
from eventplan.venue.drones import DronePlan, plan_drones
from eventplan.venue.egress import EgressPlan, plan_egress
from eventplan.venue.geo import feature_collection, point_feature
from eventplan.venue.graph import VenueGraph
from eventplan.venue.patrol import PatrolPlan, plan_patrol
from eventplan.venue.response import ResponsePlan, plan_response

if TYPE_CHECKING:
    from eventplan.timegrid import TimeGrid


@dataclass(frozen=True)
class VenueAnalysis:
    """The results of every venue analysis of one scenario."""

    scenario: Scenario
    graph: VenueGraph
    patrols: tuple[PatrolPlan, ...]
    response: ResponsePlan
    egress: EgressPlan
    drones: tuple[DronePlan, ...]

    def team_counts(self) -> dict[str, int]:
        """Teams to staff per patrol id."""
        return {p.patrol_id: p.teams for p in self.patrols}

    def pilot_counts(self, grid: TimeGrid) -> dict[str, np.ndarray]:
        """Pilots needed in each slot of ``grid`` per drone id (the most flying at once)."""
        return {d.drone_id: d.pilots_per_slot(grid.starts, grid.slot) for d in self.drones}

    def to_json(self) -> dict[str, Any]:
        """plan.json sections ``patrols``, ``standby``, ``response``, ``egress``, ``drones``."""
        response = self.response.to_json()
        return {
            "patrols": [row for p in self.patrols for row in p.to_json()],
            "standby": response["standby"],
            "response": response["response"],
            "egress": self.egress.to_json(),
            "drones": [d.to_json() for d in self.drones],
        }

    def to_geojson(self) -> dict[str, Any]:
        """routes.geojson: patrol loops, standby points, reach, egress bottlenecks, drone
        watch points (``properties.layer`` tells them apart)."""
        features = [f for p in self.patrols for f in p.to_geojson_features(self.graph)]
        features += self.response.to_geojson_features(self.graph)
        features += self.egress.to_geojson_features(self.graph)
        for d in self.drones:
            watched = dict.fromkeys(n for s in d.sorties for n in s.watch)
            features += [
                point_feature(
                    self.graph.latlon[self.graph.index[n]],
                    {"layer": "drone-watch", "drone": d.drone_id, "node": n},
                )
                for n in watched
            ]
        return feature_collection(features)


def analyse(
    scenario: Scenario,
    *,
    graph: VenueGraph | None = None,
    patrol_time_limit_s: float | None = None,
    exact_time_limit_s: float = 5.0,
) -> VenueAnalysis:
    """Run every venue analysis of a validated scenario.

    Parameters
    ----------
    graph
        The venue graph, when already built.
    patrol_time_limit_s
        Search time per patrol to shorten loops (see :func:`eventplan.venue.patrol.plan_patrol`);
        0 makes the result repeatable.
    exact_time_limit_s
        CP-SAT time to prove or improve standby placement on small venues.

    Raises
    ------
    InputError
        When the venue graph is not connected or a zone cannot be left at all.
    """
    graph = graph or VenueGraph.from_scenario(scenario)
    patrols = tuple(
        plan_patrol(p, scenario, graph, time_limit_s=patrol_time_limit_s) for p in scenario.patrols
    )
    return VenueAnalysis(
        scenario=scenario,
        graph=graph,
        patrols=patrols,
        response=plan_response(scenario, graph, exact_time_limit_s=exact_time_limit_s),
        egress=plan_egress(scenario, graph),
        drones=plan_drones(scenario),
    )
