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

from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import shapely

from eventplan.osm.model import Feature
from eventplan.venue.geo import Projection

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
    """A venue ring in metres (a shapely ring) with positions along its perimeter."""

    def __init__(self, venue: Feature) -> None:
        self.proj = Projection(venue.lat, venue.lon)
        xy = self.proj.xy_array([(la, lo) for _, la, lo in venue.ring])
        self.size = len(xy)
        self.refs = {ref for ref, _, _ in venue.ring}
        self.ring = shapely.LinearRing(xy) if self.size >= 3 else shapely.LinearRing()
        self.box = self.ring.bounds

    @property
    def perimeter(self) -> float:
        return self.ring.length

    def near_box(self, xy: np.ndarray, margin: float) -> np.ndarray:
        """Which of the points ``xy`` lie within ``margin`` of the ring's bounding box."""
        x0, y0, x1, y1 = self.box
        return (
            (x0 - margin <= xy[:, 0])
            & (xy[:, 0] <= x1 + margin)
            & (y0 - margin <= xy[:, 1])
            & (xy[:, 1] <= y1 + margin)
        )

    def locate(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Distances of the points ``xy`` to the ring and their positions along the perimeter."""
        points = shapely.points(xy)
        return shapely.distance(self.ring, points), shapely.line_locate_point(self.ring, points)


def _xy(graph: nx.Graph, outline: _Outline, nodes: list) -> np.ndarray:
    return outline.proj.xy_array([(graph.nodes[n]["lat"], graph.nodes[n]["lon"]) for n in nodes])


def _crossings(
    graph: nx.Graph, outline: _Outline, snap_m: float
) -> list[tuple[object, object, list[tuple[float, float]]]]:
    """Walk edges that cross the outline away from their ends, each with the (position on
    the edge, position along the perimeter) of every crossing."""
    edges = list(graph.edges())
    if not edges:
        return []
    ends = np.stack(
        [_xy(graph, outline, [u for u, _ in edges]), _xy(graph, outline, [v for _, v in edges])],
        axis=1,
    )
    x0, y0, x1, y1 = outline.box
    lo, hi = ends.min(axis=1), ends.max(axis=1)
    overlap = (hi[:, 0] >= x0) & (lo[:, 0] <= x1) & (hi[:, 1] >= y0) & (lo[:, 1] <= y1)
    candidates = np.flatnonzero(overlap)
    end_distance = outline.locate(ends[candidates].reshape(-1, 2))[0].reshape(-1, 2)
    candidates = candidates[end_distance.min(axis=1) > snap_m]  # else an end is a candidate
    segments = shapely.linestrings(ends[candidates])
    crossing = shapely.intersects(segments, outline.ring)
    found = []
    for e, segment in zip(candidates[crossing].tolist(), segments[crossing], strict=True):
        hits = shapely.get_parts(shapely.intersection(segment, outline.ring))
        points = shapely.get_coordinates(hits[shapely.get_type_id(hits) == 0])  # not overlaps
        if not len(points):
            continue
        pu, pv = ends[e]
        along = ((points - pu) @ (pv - pu)) / ((pv - pu) @ (pv - pu))
        cuts = list(zip(along.tolist(), outline.locate(points)[1].tolist(), strict=True))
        found.append((*edges[e], cuts))
    return found


def _insert_crossings(
    graph: nx.Graph, outline: _Outline, snap_m: float, tag: str
) -> list[tuple[object, float]]:
    """Split walk edges where they cross the outline; return the new nodes and positions."""
    created = []
    for u, v, cuts in _crossings(graph, outline, snap_m):
        pu, pv = _xy(graph, outline, [u, v]).tolist()
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
    junctions = [n for n, kind in graph.nodes(data="kind") if kind == "junction"]
    if not junctions:
        return None
    distance, _ = outline.locate(_xy(graph, outline, junctions))
    best = int(np.argmin(distance))  # the first of equals, in graph order
    return junctions[best], float(distance[best])


def _near(graph: nx.Graph, outline: _Outline, reach: float) -> dict[object, tuple[float, float]]:
    """Nodes near the outline's box: distance to the ring (0 on it) and position along it."""
    nodes = list(graph)
    xy = _xy(graph, outline, nodes)
    close = outline.near_box(xy, reach)
    distance, position = outline.locate(xy[close])
    picked = [n for n, c in zip(nodes, close.tolist(), strict=True) if c]
    return {
        n: (0.0 if n in outline.refs else float(d), float(pos))
        for n, d, pos in zip(picked, distance.tolist(), position.tolist(), strict=True)
    }


def _derived_groups(
    graph: nx.Graph,
    outline: _Outline,
    near: dict[object, tuple[float, float]],
    crossings: list[tuple[object, float]],
    snap_m: float,
    spacing_m: float,
    min_gates: int,
) -> tuple[list, float]:
    """Candidate gates grouped along the outline, widening the snap distance step by step
    until there are ``min_gates`` groups, and the snap distance used."""
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
    return groups, used


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
    if outline.size < 3:
        return VenueGates(venue)
    near = _near(graph, outline, snap_m * SNAP_STEPS[-1])
    tagged = [
        n
        for n, (d, _) in near.items()
        if d <= snap_m and graph.nodes[n]["kind"] == "gate" and not graph.nodes[n].get("derived")
    ]
    if tagged:
        return VenueGates(venue, sorted(tagged, key=lambda n: near[n][1]), False, snap_m)
    crossings = _insert_crossings(graph, outline, snap_m, f"x{index}")
    groups, used = _derived_groups(graph, outline, near, crossings, snap_m, spacing_m, min_gates)
    gates = []
    for group in groups:
        _, _, node = min(group, key=lambda c: (c[1], -graph.degree(c[2]), str(c[2])))
        graph.nodes[node]["kind"] = "gate"
        graph.nodes[node]["derived"] = True
        gates.append(node)
    # crossing points not chosen as gates stay as plain junctions of their split edge
    return VenueGates(venue, gates, True, used)
