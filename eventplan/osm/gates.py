"""Gates of a venue outline: the tagged ones on it, or gates derived where walkways meet it.

Many stadium outlines in OpenStreetMap carry no entrance nodes. People still enter where the
walk network touches the building, so a gate is derived at every walk node on or within
``snap_m`` of the outline and at every point where a walkway crosses it (inserted into the
edge, lengths kept). Candidates closer than ``spacing_m`` along the outline make one gate,
the one nearest the outline. When that gives fewer than ``min_gates``, the snap distance is
doubled, then doubled again; an outline with no walk node near it at all gets its nearest
one as its only gate, so every zone has an exit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx

from eventplan.osm.geo import ring_distance, segment_intersection
from eventplan.osm.model import Feature
from eventplan.venue.geo import XY, Projection

#: Multiples of ``snap_m`` tried in turn until a venue has ``min_gates`` derived gates.
SNAP_STEPS = (1.0, 2.0, 4.0)


@dataclass(slots=True)
class VenueGates:
    """The gates found for one venue outline."""

    venue: Feature
    gates: list[object] = field(default_factory=list)
    derived: bool = False
    snap_m: float = 0.0


class _Outline:
    """A venue ring in metres with positions along its perimeter."""

    def __init__(self, venue: Feature) -> None:
        self.proj = Projection(venue.lat, venue.lon)
        self.ring: list[XY] = [self.proj.xy((la, lo)) for _, la, lo in venue.ring]
        self.refs = {ref for ref, _, _ in venue.ring}
        self.cum = [0.0]
        for i in range(len(self.ring)):
            a, b = self.ring[i], self.ring[(i + 1) % len(self.ring)]
            self.cum.append(self.cum[-1] + math.hypot(b[0] - a[0], b[1] - a[1]))
        xs, ys = [p[0] for p in self.ring], [p[1] for p in self.ring]
        self.box = (min(xs), min(ys), max(xs), max(ys))

    @property
    def perimeter(self) -> float:
        return self.cum[-1]

    def near_box(self, q: XY, margin: float) -> bool:
        x0, y0, x1, y1 = self.box
        return x0 - margin <= q[0] <= x1 + margin and y0 - margin <= q[1] <= y1 + margin

    def locate(self, q: XY) -> tuple[float, float]:
        """Distance of ``q`` to the ring and its position along the perimeter."""
        d, i, t = ring_distance(q, self.ring)
        return d, self.cum[i] + t * (self.cum[i + 1] - self.cum[i])


def _xy(graph: nx.Graph, outline: _Outline, node: object) -> XY:
    a = graph.nodes[node]
    return outline.proj.xy((a["lat"], a["lon"]))


def _insert_crossings(
    graph: nx.Graph, outline: _Outline, snap_m: float, tag: str
) -> list[tuple[object, float]]:
    """Split walk edges where they cross the outline; return the new nodes and positions."""
    ring, created = outline.ring, []
    for u, v in list(graph.edges()):
        pu, pv = _xy(graph, outline, u), _xy(graph, outline, v)
        box = (min(pu[0], pv[0]), min(pu[1], pv[1]), max(pu[0], pv[0]), max(pu[1], pv[1]))
        x0, y0, x1, y1 = outline.box
        if box[2] < x0 or box[0] > x1 or box[3] < y0 or box[1] > y1:
            continue
        if outline.locate(pu)[0] <= snap_m or outline.locate(pv)[0] <= snap_m:
            continue  # an end near the outline is a candidate gate already
        cuts = []
        for i in range(len(ring)):
            hit = segment_intersection(pu, pv, ring[i], ring[(i + 1) % len(ring)])
            if hit:
                cuts.append(
                    (hit[0], outline.cum[i] + hit[1] * (outline.cum[i + 1] - outline.cum[i]))
                )
        if not cuts:
            continue
        data = graph.edges[u, v]
        graph.remove_edge(u, v)
        prev, prev_t = u, 0.0
        for t, pos in sorted(cuts):
            key = f"{tag}:{len(created)}"
            lat, lon = outline.proj.latlon(
                (pu[0] + t * (pv[0] - pu[0]), pu[1] + t * (pv[1] - pu[1]))
            )
            graph.add_node(key, lat=lat, lon=lon, kind="junction", osm="")
            graph.add_edge(prev, key, **{**data, "length": data["length"] * (t - prev_t)})
            prev, prev_t = key, t
            created.append((key, pos))
        graph.add_edge(prev, v, **{**data, "length": data["length"] * (1 - prev_t)})
    return created


def _cluster(cands: list[tuple[float, float, object]], perimeter: float, spacing: float):
    """Group (position, distance, node) candidates lying within ``spacing`` along the ring."""
    cands = sorted(cands, key=lambda c: c[0])
    groups: list[list[tuple[float, float, object]]] = []
    for c in cands:
        if groups and c[0] - groups[-1][0][0] <= spacing:
            groups[-1].append(c)
        else:
            groups.append([c])
    if len(groups) > 1 and groups[0][0][0] + perimeter - groups[-1][-1][0] <= spacing:
        last = groups.pop()
        if groups[0][-1][0] + perimeter - last[0][0] <= spacing:
            groups[0] = last + groups[0]
        else:
            groups.append(last)
    return groups


def _nearest_junction(graph: nx.Graph, outline: _Outline) -> tuple[object, float] | None:
    best = None
    for node, kind in graph.nodes(data="kind"):
        if kind == "junction":
            d = outline.locate(_xy(graph, outline, node))[0]
            if best is None or d < best[1]:
                best = (node, d)
    return best


def assign_gates(
    graph: nx.Graph,
    venue: Feature,
    index: int,
    snap_m: float = 5.0,
    spacing_m: float = 30.0,
    min_gates: int = 2,
) -> VenueGates:
    """Find or derive the gates of ``venue`` in ``graph`` (modified in place)."""
    outline = _Outline(venue)
    if len(outline.ring) < 3:
        return VenueGates(venue)
    reach = snap_m * SNAP_STEPS[-1]
    near: dict[object, tuple[float, float]] = {}
    for node in graph:
        q = _xy(graph, outline, node)
        if outline.near_box(q, reach):
            near[node] = (0.0, outline.locate(q)[1]) if node in outline.refs else outline.locate(q)
    tagged = [
        n
        for n, (d, _) in near.items()
        if d <= snap_m and graph.nodes[n]["kind"] == "gate" and not graph.nodes[n].get("derived")
    ]
    if tagged:
        return VenueGates(venue, sorted(tagged, key=lambda n: near[n][1]), False, snap_m)
    crossings = _insert_crossings(graph, outline, snap_m, f"x{index}")
    groups: list = []
    used = snap_m
    for step in SNAP_STEPS:
        used = snap_m * step
        cands = [(pos, 0.0, key) for key, pos in crossings]
        cands += [
            (pos, d, n)
            for n, (d, pos) in near.items()
            if d <= used and (graph.nodes[n]["kind"] == "junction" or graph.nodes[n].get("derived"))
        ]
        groups = _cluster(cands, outline.perimeter, spacing_m)
        if len(groups) >= min_gates:
            break
    if not groups:  # nothing near the outline: its nearest walk node is the way in
        nearest = _nearest_junction(graph, outline)
        if nearest is not None:
            groups, used = [[(0.0, nearest[1], nearest[0])]], nearest[1]
    gates = []
    for group in groups:
        _, _, node = min(group, key=lambda c: (c[1], -graph.degree(c[2]), str(c[2])))
        graph.nodes[node]["kind"] = "gate"
        graph.nodes[node]["derived"] = True
        gates.append(node)
    # crossing points not chosen as gates stay as plain junctions of their split edge
    return VenueGates(venue, gates, True, used)
