"""Transit stops, car parks and plazas: placed on the walk graph or linked to it.

A feature that is a node of the graph takes its place; any other one (a platform beside the
road, a car park mapped as an area, a square) becomes a node of its own, linked to the
nearest walk node by a short walkway edge. Features of one stop or car park that share a
name and lie close together (platform and stop position, two platforms) make one node.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import shapely

from eventplan.osm import tags as T
from eventplan.osm.model import Feature
from eventplan.osm.reader import normalize_name
from eventplan.osm.region import Region
from eventplan.venue.geo import LatLon, Projection, haversine_m

#: Features of one name closer than this are one place.
SAME_PLACE_M = 80.0
#: Farthest a feature may lie from the walk network to be linked to it.
MAX_LINK_M = {"transit": 100.0, "parking": 150.0, "plaza": 150.0}
#: Width and minimum length of a link edge.
LINK_WIDTH_M = 3.0
MIN_LINK_M = 1.0


class _WalkNodes:
    """Nearest walk node of a point: an R-tree (shapely's STRtree) over the projected nodes."""

    def __init__(self, walk: dict[object, LatLon]) -> None:
        self.keys = list(walk)
        self.proj = Projection(*next(iter(walk.values()), (0.0, 0.0)))
        self.tree = shapely.STRtree(shapely.points(self.proj.xy_array(walk.values())))

    def nearest(self, p: LatLon, max_m: float) -> object | None:
        """The walk node nearest to ``p`` if within ``max_m`` (the first of equals)."""
        point = shapely.Point(self.proj.xy(p))
        found = self.tree.query_nearest(point, max_distance=max_m)
        return self.keys[int(found.min())] if len(found) else None


@dataclass(slots=True)
class Placement:
    """What became of the points of interest: counts by kind and those left out."""

    placed: dict[str, int]
    skipped: list[str]


def _merge_same_place(
    features: list[Feature], graph: nx.Graph, kind: str
) -> tuple[list[Feature], list[Feature]]:
    """One feature per place: the best ranked of each group of close namesakes, and the rest."""

    def rank(f: Feature) -> tuple:
        on_graph = f.osm_type == "node" and f.osm_id in graph
        order = T.transit_rank(f.tags) if kind == "transit" else 0
        return (order, not on_graph, f.osm_type != "node", f.osm_id)

    chosen: list[Feature] = []
    twins: list[Feature] = []
    for f in sorted(features, key=rank):
        name = normalize_name(f.name)
        twin = name and any(
            normalize_name(c.name) == name
            and haversine_m((c.lat, c.lon), (f.lat, f.lon)) < SAME_PLACE_M
            for c in chosen
        )
        (twins if twin else chosen).append(f)
    return chosen, twins


def place_points(graph: nx.Graph, features: list[Feature], region: Region) -> Placement:
    """Mark or add transit, parking and plaza nodes in ``graph`` (modified in place)."""
    placement = Placement({"transit": 0, "parking": 0, "plaza": 0}, [])
    if graph.number_of_nodes() == 0:
        return placement
    walk = {n: (a["lat"], a["lon"]) for n, a in graph.nodes(data=True) if a["kind"] == "junction"}
    index = _WalkNodes(walk)
    for kind in ("transit", "parking", "plaza"):
        group = [f for f in features if T.point_kind(f.tags) == kind]
        group = [f for f in group if region.contains((f.lat, f.lon))]
        chosen, twins = _merge_same_place(group, graph, kind)
        for f in twins:  # a stop position on the road beside its platform: a plain junction
            if f.osm_type == "node" and f.osm_id in graph and graph.nodes[f.osm_id]["kind"] == kind:
                graph.nodes[f.osm_id]["kind"] = "junction"
                graph.nodes[f.osm_id].pop("name", None)
        for f in chosen:
            if f.osm_type == "node" and f.osm_id in graph:
                node = graph.nodes[f.osm_id]
                if node["kind"] == kind:
                    placement.placed[kind] += 1
                continue
            hit = index.nearest((f.lat, f.lon), MAX_LINK_M[kind])
            if hit is None:
                label = f"{kind} {f.name or f.ref}"
                placement.skipped.append(
                    f"{label}: farther than {MAX_LINK_M[kind]:g} m from a walkway"
                )
                continue
            key = f.ref
            attrs = {"lat": f.lat, "lon": f.lon, "kind": kind, "osm": f.ref}
            if f.name:
                attrs["name"] = f.name
            if kind == "plaza" and f.closed:
                attrs["area"] = round(f.outline(Projection(f.lat, f.lon)).area)
            graph.add_node(key, **attrs)
            length = max(MIN_LINK_M, haversine_m((f.lat, f.lon), walk[hit]))
            graph.add_edge(key, hit, length=length, width=LINK_WIDTH_M, kind="walkway")
            placement.placed[kind] += 1
    return placement
