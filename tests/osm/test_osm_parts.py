"""The import's parts on micro inputs: tags, geometry, simplification, ids."""

from __future__ import annotations

import networkx as nx
import pytest
import shapely

from eventplan.osm import tags as T
from eventplan.osm.ids import assign_ids, natural_key, slug
from eventplan.osm.model import Feature
from eventplan.osm.reader import normalize_name
from eventplan.osm.simplify import simplify
from eventplan.venue.geo import Projection, haversine_m


@pytest.mark.parametrize(
    "value, metres",
    [
        ("3", 3.0),
        ("2,5 m", 2.5),
        ("4.5m", 4.5),
        ("10 ft", 3.05),
        ("10'", 3.05),
        ("wide", None),
        ("", None),
        ("0", None),
        (None, None),
    ],
)
def test_parse_width(value, metres):
    assert T.parse_width(value) == metres


@pytest.mark.parametrize(
    "tags, walkable",
    [
        ({"highway": "footway"}, True),
        ({"highway": "steps"}, True),
        ({"highway": "residential"}, True),
        ({"highway": "service", "access": "private"}, True),
        ({"highway": "footway", "access": "no"}, False),
        ({"highway": "footway", "access": "no", "foot": "yes"}, True),
        ({"highway": "primary", "foot": "no"}, False),
        ({"highway": "primary", "sidewalk": "separate"}, False),
        ({"highway": "primary", "sidewalk": "both"}, True),
        ({"highway": "residential", "tunnel": "yes"}, False),
        ({"highway": "residential", "tunnel": "yes", "sidewalk": "right"}, True),
        ({"highway": "motorway"}, False),
        ({"highway": "construction"}, False),
        ({"building": "yes"}, False),
    ],
)
def test_walkable(tags, walkable):
    assert T.is_walkable(tags) is walkable


def test_kinds_and_widths():
    assert T.edge_kind({"highway": "steps"}) == "stairs"
    assert T.edge_kind({"highway": "service"}) == "road"
    assert T.edge_kind({"highway": "footway", "footway": "crossing"}) == "walkway"
    assert T.edge_width({"highway": "pedestrian"}) == 6.0
    assert T.edge_width({"highway": "footway", "footway": "crossing"}) == T.CROSSING_WIDTH_M
    assert T.edge_width({"highway": "residential", "width": "7.5"}) == 7.5
    assert T.point_kind({"entrance": "main"}) == "gate"
    assert T.point_kind({"barrier": "lift_gate"}) is None  # a vehicle barrier
    assert T.point_kind({"highway": "bus_stop"}) == "transit"
    assert T.point_kind({"amenity": "parking_entrance"}) == "parking"
    assert T.point_kind({"place": "square"}) == "plaza"
    assert T.capacity({"capacity": "18 523"}) == 18523
    assert T.capacity({"capacity": "many"}) is None


def test_geometry():
    # one degree of latitude is about 111.2 km on the mean sphere
    assert haversine_m((45.0, 5.0), (46.0, 5.0)) == pytest.approx(111_195, rel=1e-4)
    proj = Projection(45.0, 5.0)
    corners = [proj.latlon((x, y)) for x, y in [(0, 0), (10, 0), (10, 10), (0, 10)]]
    ring = tuple((i, lat, lon) for i, (lat, lon) in enumerate(corners))
    square = Feature("way", 1, {}, *corners[0], ring=ring, closed=True).outline(proj)
    assert square.area == pytest.approx(100.0)
    assert square.contains(shapely.Point(5, 5)) and not square.contains(shapely.Point(15, 5))


def test_names_and_slugs():
    assert normalize_name("Stade Louis-II") == normalize_name("stade  louis II")
    assert slug("Place d'Armes (Port)") == "place-d-armes-port"
    assert slug("路易二世體育場") == ""
    assert sorted(["gate-10", "gate-2", "gate-1"], key=natural_key) == [
        "gate-1",
        "gate-2",
        "gate-10",
    ]


def _graph(edges, kinds=None):
    graph = nx.Graph()
    for i, (a, b, length, width, kind) in enumerate(edges):
        for n in (a, b):
            graph.add_node(
                n,
                lat=45.0 + i * 1e-4,
                lon=5.0,
                kind=(kinds or {}).get(n, "junction"),
                osm=f"node/{n}",
            )
        graph.add_edge(a, b, length=length, width=width, kind=kind)
    return graph


def test_chain_merges_into_one_edge():
    # 1 - 2 - 3 - 4 - 5 with 1 and 5 ends, 3 a gate: two merged edges
    graph = _graph(
        [
            (1, 2, 10.0, 3.0, "walkway"),
            (2, 3, 5.0, 2.0, "stairs"),
            (3, 4, 7.0, 6.0, "road"),
            (4, 5, 8.0, 4.0, "walkway"),
        ],
        kinds={3: "gate"},
    )
    out = simplify(graph)
    assert set(out.nodes) == {1, 3, 5}
    assert out.edges[1, 3] == {"length": 15.0, "width": 2.0, "kind": "stairs"}
    assert out.edges[3, 5] == {"length": 15.0, "width": 4.0, "kind": "walkway"}


def test_loops_and_parallel_paths_keep_a_middle_node():
    # a loop 1-2-3-4-8-1 hanging off 1, and two routes 1-5 and 1-6-5
    graph = _graph(
        [
            (0, 1, 1.0, 3.0, "walkway"),
            (1, 2, 1.0, 3.0, "walkway"),
            (2, 3, 1.0, 3.0, "walkway"),
            (3, 4, 1.0, 3.0, "walkway"),
            (4, 8, 1.0, 3.0, "walkway"),
            (8, 1, 1.0, 3.0, "walkway"),
            (1, 5, 4.0, 3.0, "walkway"),
            (1, 6, 2.0, 3.0, "walkway"),
            (6, 5, 2.0, 3.0, "walkway"),
            (5, 7, 1.0, 3.0, "walkway"),
        ]
    )
    out = simplify(graph)
    assert nx.number_of_selfloops(out) == 0
    assert sum(d for _, _, d in out.edges(data="length")) == pytest.approx(15.0)
    assert 6 in out  # otherwise 1-5 would be two edges
    # a simple graph needs two nodes on a loop: a triangle with node 1
    assert len(set(out.nodes) & {2, 3, 4, 8}) == 2


def test_a_bare_ring_keeps_one_node():
    graph = _graph(
        [(1, 2, 1.0, 3.0, "walkway"), (2, 3, 1.0, 3.0, "walkway"), (3, 1, 1.0, 3.0, "walkway")]
    )
    out = simplify(graph)
    assert sum(d for _, _, d in out.edges(data="length")) == pytest.approx(3.0)
    assert nx.number_of_selfloops(out) == 0


def test_ids_are_unique_and_named():
    graph = _graph(
        [(1, 2, 1.0, 3.0, "walkway"), (2, 3, 1.0, 3.0, "walkway"), (3, 4, 1.0, 3.0, "walkway")],
        kinds={1: "transit", 4: "transit", 2: "gate"},
    )
    graph.nodes[1]["name"] = graph.nodes[4]["name"] = "Stade"
    ids = assign_ids(graph, [2])
    assert ids == {1: "transit-stade", 4: "transit-stade-2", 2: "gate-1", 3: "j-3"}
