"""A stadium-like venue graph laid out around a real stadium's coordinates.

Rings from the centre outwards: stand sections (95 m), their gates (145 m), plazas (230 m), the
street ring (380 m), then car parks (520 m) and transit stops (650 to 900 m) on radial streets.
Every stand has one gate reached by stairs; gates open onto the nearest plaza; plazas onto the
street ring. A command post and first-aid points sit by gates. The graph is connected by
construction: every ring is closed and each outer node hangs on the ring inside it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

M_PER_DEG_LAT = 111_320.0


@dataclass
class VenueLayout:
    """Nodes, edges and zones of the venue, as plain scenario records."""

    name: str
    lat: float
    lon: float
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    zones: list[dict] = field(default_factory=list)

    def ids(self, kind: str) -> list[str]:
        """Node ids of one kind, in layout order."""
        return [n["id"] for n in self.nodes if n["kind"] == kind]

    def point(self, radius: float, angle: float) -> tuple[float, float]:
        """Latitude and longitude ``radius`` metres from the centre at ``angle`` radians."""
        north, east = radius * math.cos(angle), radius * math.sin(angle)
        lat = self.lat + north / M_PER_DEG_LAT
        lon = self.lon + east / (M_PER_DEG_LAT * math.cos(math.radians(self.lat)))
        return round(lat, 6), round(lon, 6)

    def add_node(self, node_id: str, kind: str, radius: float, angle: float, **extra) -> str:
        lat, lon = self.point(radius, angle)
        self.nodes.append({"id": node_id, "kind": kind, **extra, "lat": lat, "lon": lon})
        return node_id

    def add_edge(self, a: str, b: str, **extra) -> None:
        self.edges.append({"a": a, "b": b, **extra})


@dataclass(frozen=True)
class VenueSize:
    gates: int
    plazas: int
    streets: int
    parkings: int
    transits: int
    medicals: int


def venue_size(posts: int, attendance: int) -> VenueSize:
    """Numbers of each kind of node for an event of this size."""
    gates = max(2, min(48, round(posts / 12), attendance // 2000 + 2))
    return VenueSize(
        gates=gates,
        plazas=max(2, gates // 2),
        streets=max(4, gates),
        parkings=max(1, min(10, posts // 50 + 1)),
        transits=max(1, min(8, posts // 60 + 1)),
        medicals=max(1, gates // 8),
    )


def build_venue(
    name: str, lat: float, lon: float, size: VenueSize, attendance: int, rng: random.Random
) -> VenueLayout:
    """The venue of a generated event: connected graph plus one zone per stand section."""
    venue = VenueLayout(name, lat, lon)
    g = size.gates
    turn = 2 * math.pi
    offset = rng.uniform(0, turn / g)
    angles = [offset + turn * i / g for i in range(g)]
    for i, angle in enumerate(angles):
        venue.add_node(f"stand-{i + 1}", "stand", 95.0, angle, name=f"Stand section {i + 1}")
    for i, angle in enumerate(angles):
        width = rng.choice((6.0, 8.0, 10.0, 12.0))
        venue.add_node(f"gate-{i + 1}", "gate", 145.0, angle, name=f"Gate {i + 1}", width_m=width)
    _ring(venue, venue.ids("stand"), width_m=6.0)
    for i in range(g):
        venue.add_edge(f"stand-{i + 1}", f"gate-{i + 1}", kind="stairs", width_m=4.0)
    plazas = _ring_nodes(venue, "plaza", size.plazas, 230.0, offset, rng, area=True)
    _ring(venue, plazas, width_m=15.0)
    for i, angle in enumerate(angles):
        venue.add_edge(f"gate-{i + 1}", _nearest(plazas, size.plazas, angle, offset), width_m=8.0)
    streets = _ring_nodes(venue, "road", size.streets, 380.0, offset, rng)
    _ring(venue, streets, kind="road", width_m=12.0)
    for i, plaza in enumerate(plazas):
        angle = offset + turn * i / size.plazas
        venue.add_edge(plaza, _nearest(streets, size.streets, angle, offset), width_m=10.0)
    _outer(venue, "parking", size.parkings, 520.0, streets, offset, rng)
    _outer(venue, "transit", size.transits, 650.0, streets, offset, rng)
    venue.add_node("command", "command", 170.0, angles[0] + 0.5 * turn / g, name="Command post")
    venue.add_edge("command", "gate-1", width_m=4.0)
    for m in range(size.medicals):
        i = m * g // size.medicals
        angle = angles[i] - 0.3 * turn / g
        venue.add_node(f"medical-{m + 1}", "medical", 160.0, angle, name=f"First aid {m + 1}")
        venue.add_edge(f"medical-{m + 1}", f"gate-{i + 1}", width_m=4.0)
    _zones(venue, angles, attendance)
    return venue


def _ring_nodes(
    venue: VenueLayout,
    kind: str,
    count: int,
    radius: float,
    offset: float,
    rng: random.Random,
    area: bool = False,
) -> list[str]:
    ids = []
    for i in range(count):
        angle = offset + 2 * math.pi * i / count
        extra = {"area_m2": float(rng.randrange(3000, 12001, 500))} if area else {}
        label = {"plaza": "Plaza", "road": "Street"}[kind]
        ids.append(
            venue.add_node(
                f"{kind}-{i + 1}",
                kind,
                radius * rng.uniform(0.97, 1.03),
                angle,
                name=f"{label} {i + 1}",
                **extra,
            )
        )
    return ids


def _ring(venue: VenueLayout, ids: list[str], **extra) -> None:
    if len(ids) == 2:
        venue.add_edge(ids[0], ids[1], **extra)
        return
    for a, b in zip(ids, ids[1:] + ids[:1], strict=True):
        venue.add_edge(a, b, **extra)


def _nearest(ids: list[str], count: int, angle: float, offset: float) -> str:
    """The ring node closest in angle (ring nodes sit at ``offset + 2 pi i / count``)."""
    step = 2 * math.pi / count
    return ids[round((angle - offset) / step) % count]


def _outer(
    venue: VenueLayout,
    kind: str,
    count: int,
    radius: float,
    streets: list[str],
    offset: float,
    rng: random.Random,
) -> None:
    label = {"parking": "Car park", "transit": "Metro station"}[kind]
    for i in range(count):
        angle = offset + 2 * math.pi * (i + rng.uniform(0.2, 0.8)) / count
        r = radius * rng.uniform(1.0, 1.4)
        node = venue.add_node(f"{kind}-{i + 1}", kind, r, angle, name=f"{label} {i + 1}")
        venue.add_edge(
            node,
            _nearest(streets, len(streets), angle, offset),
            kind="road" if kind == "parking" else "walkway",
            width_m=8.0,
        )


def _zones(venue: VenueLayout, angles: list[float], attendance: int) -> None:
    """One zone per stand section, its capacity an equal share of a slightly larger venue."""
    g = len(angles)
    capacity = max(1, math.ceil(attendance * 1.05 / g))
    half = math.pi / g
    for i, angle in enumerate(angles):
        polygon = [
            list(venue.point(r, angle + s * half * 0.9))
            for r, s in ((60.0, -1), (120.0, -1), (120.0, 1), (60.0, 1))
        ]
        venue.zones.append(
            {
                "id": f"zone-{i + 1}",
                "name": f"Stand section {i + 1}",
                "capacity": capacity,
                "nodes": [f"stand-{i + 1}"],
                "exits": [f"gate-{i + 1}"],
                "polygon": polygon,
            }
        )
