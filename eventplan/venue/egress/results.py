"""Egress results: each zone's time, rate and bottlenecks, for plan.json and the map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventplan.venue.geo import line_feature, point_feature
from eventplan.venue.graph import VenueGraph


@dataclass(frozen=True, slots=True)
class Bottleneck:
    """A saturated element: a gate node (one id in ``nodes``) or an edge (two ids)."""

    nodes: tuple[str, ...]
    kind: str
    width_m: float
    persons_per_minute: float
    width_assumed: bool

    @property
    def label(self) -> str:
        """The node id, or ``a|b`` for an edge."""
        return "|".join(self.nodes)

    def to_json(self) -> dict[str, Any]:
        """An entry of a zone's ``bottlenecks`` in plan.json."""
        where = {"node": self.nodes[0]} if len(self.nodes) == 1 else {"edge": list(self.nodes)}
        return {
            **where,
            "kind": self.kind,
            "width_m": self.width_m,
            "persons_per_minute": round(self.persons_per_minute, 1),
            "width_assumed": self.width_assumed,
        }


@dataclass(frozen=True, slots=True)
class ZoneEgress:
    """Egress of one zone (see the module notes for the definitions)."""

    zone: str
    persons: int
    walk_minutes: float
    queue_minutes: float
    minutes_alone: float
    persons_per_minute: float
    bottlenecks: tuple[Bottleneck, ...]
    target_met: bool

    @property
    def minutes(self) -> float:
        """Walk plus queue."""
        return self.walk_minutes + self.queue_minutes

    @property
    def bottleneck(self) -> str | None:
        """Label of the saturated element that passes most of the zone's people, if any."""
        return self.bottlenecks[0].label if self.bottlenecks else None

    def to_json(self) -> dict[str, Any]:
        """A row of plan.json ``egress``."""
        return {
            "zone": self.zone,
            "persons": self.persons,
            "minutes": round(self.minutes, 2),
            "walk_minutes": round(self.walk_minutes, 2),
            "queue_minutes": round(self.queue_minutes, 2),
            "minutes_alone": round(self.minutes_alone, 2),
            "persons_per_minute": round(self.persons_per_minute, 1),
            "bottleneck": self.bottleneck,
            "bottlenecks": [b.to_json() for b in self.bottlenecks],
            "target_met": self.target_met,
        }


@dataclass(frozen=True, slots=True)
class EgressPlan:
    """Egress of every zone against ``egress.target_minutes``."""

    zones: tuple[ZoneEgress, ...]
    target_minutes: float
    speed_mps: float

    @property
    def all_met(self) -> bool:
        """Whether every zone empties within the target."""
        return all(z.target_met for z in self.zones)

    def to_json(self) -> list[dict[str, Any]]:
        """Rows of plan.json ``egress``."""
        return [z.to_json() for z in self.zones]

    def to_geojson_features(self, graph: VenueGraph) -> list[dict[str, Any]]:
        """Each zone's bottleneck elements: a Point per gate, a LineString per edge."""
        features = []
        for z in self.zones:
            for b in z.bottlenecks:
                props = {
                    "layer": "egress-bottleneck",
                    "zone": z.zone,
                    "label": b.label,
                    "minutes": round(z.minutes, 2),
                    "target_met": z.target_met,
                    "persons_per_minute": round(b.persons_per_minute, 1),
                }
                points = [graph.latlon[graph.index[n]] for n in b.nodes]
                features.append(
                    point_feature(points[0], props)
                    if len(points) == 1
                    else line_feature(points, props)
                )
        return features
