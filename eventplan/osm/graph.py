"""The raw walk graph: one node per OSM node on a walkable way, one edge per way segment.

Nodes are keyed by OSM node id (int); nodes the importer adds (stops off the graph,
points where a walkway crosses a venue outline) are keyed by strings. Node attributes:
``lat``, ``lon``, ``kind`` (venue node kind), ``name``, ``osm`` ("node/123"), optionally
``width`` and ``area``. Edge attributes: ``length`` (metres, haversine), ``width`` (metres),
``kind`` (walkway, stairs, road). The graph attribute ``missing`` holds the ids of the nodes
the extract lacks beside a node of the graph: the ways were cut there.
"""

from __future__ import annotations

from itertools import pairwise

import networkx as nx

from eventplan.osm import tags as T
from eventplan.osm.model import Extract
from eventplan.osm.region import Region
from eventplan.venue.geo import haversine_m


def build_walk_graph(extract: Extract, region: Region) -> nx.Graph:
    """Every walkable segment whose two ends lie in ``region``, with tagged nodes marked."""
    graph = nx.Graph()
    inside: dict[int, bool] = {}
    for way in extract.ways:
        kind, width = T.edge_kind(way.tags), T.edge_width(way.tags)
        nodes = list(zip(way.refs, way.coords, strict=True))
        for (a, pa), (b, pb) in pairwise(nodes):
            if a == b:
                continue
            if a not in inside:
                inside[a] = region.contains(pa)
            if b not in inside:
                inside[b] = region.contains(pb)
            if not (inside[a] and inside[b]):
                continue
            for ref, p in ((a, pa), (b, pb)):
                if ref not in graph:
                    graph.add_node(ref, lat=p[0], lon=p[1], kind="junction", osm=f"node/{ref}")
            old = graph.get_edge_data(a, b)
            if old is None or width > old["width"]:  # the same segment in two ways
                graph.add_edge(a, b, length=haversine_m(pa, pb), width=width, kind=kind)
    graph.graph["missing"] = {
        missing for way in extract.ways for missing, beside in way.cuts if beside in graph
    }
    for feature in extract.points:
        if feature.osm_type != "node" or feature.osm_id not in graph:
            continue
        kind = T.point_kind(feature.tags)
        attrs = graph.nodes[feature.osm_id]
        attrs["kind"] = kind
        if feature.name:
            attrs["name"] = feature.name
        width = T.parse_width(feature.tags.get("width"))
        if kind == "gate" and width:
            attrs["width"] = width
    return graph


def largest_component(graph: nx.Graph) -> tuple[nx.Graph, int, int]:
    """The largest connected component, the number of parts cut off and of nodes in them."""
    if graph.number_of_nodes() == 0:
        return graph, 0, 0
    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(map(str, c))))
    keep = parts[0]
    dropped = sum(len(c) for c in parts[1:])
    return graph.subgraph(keep).copy(), len(parts) - 1, dropped


def total_length(graph: nx.Graph) -> float:
    """Sum of edge lengths in metres."""
    return sum(length for _, _, length in graph.edges(data="length"))
