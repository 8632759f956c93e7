"""The venue graph: lengths, widths, walking times, paths."""

from __future__ import annotations

import pickle
import random

import networkx as nx
import numpy as np
import pytest

from eventplan.errors import InputError
from eventplan.scenario.model import Venue
from eventplan.venue.geo import haversine_m
from eventplan.venue.graph import VenueGraph
from eventplan.venue.passages import DEFAULT_WIDTH_M, SPEED_FACTOR
from tests.venue.micro import LAT, LON, make_scenario, node


def test_length_from_coordinates_unless_given() -> None:
    s = make_scenario(
        [node("a"), node("b", dlat=0.001), node("c", dlat=0.002)],
        [{"a": "a", "b": "b"}, {"a": "b", "b": "c", "length_m": 250.0}],
    )
    g = VenueGraph.from_scenario(s)
    expected = haversine_m((LAT, LON), (LAT + 0.001, LON))
    assert g.passages[0].length_m == pytest.approx(expected)
    assert 110 < expected < 112  # a thousandth of a degree of latitude
    assert g.passages[1].length_m == 250.0
    assert g.walk_minutes("a", "c", 1.0) == pytest.approx((expected + 250.0) / 60)


def test_stairs_take_twice_as_long_and_ramps_a_little_longer() -> None:
    s = make_scenario(
        [node("a"), node("b", dlat=0.001), node("c", dlat=0.002)],
        [
            {"a": "a", "b": "b", "kind": "stairs", "length_m": 40.0},
            {"a": "b", "b": "c", "kind": "ramp", "length_m": 90.0},
        ],
    )
    g = VenueGraph.from_scenario(s)
    assert SPEED_FACTOR["stairs"] == 0.5
    # 40 m of stairs walk like 80 m on the level, 90 m of ramp like 100 m.
    assert g.walk_minutes("a", "b", 1.2) == pytest.approx(80 / 72)
    assert g.walk_minutes("b", "c", 1.2) == pytest.approx(100 / 72)
    assert g.walk_minutes("c", "a", 1.2) == pytest.approx(180 / 72)


def test_widths_default_by_kind_and_say_so() -> None:
    s = make_scenario(
        [node("a"), node("b", dlat=0.001), node("c", dlat=0.002)],
        [{"a": "a", "b": "b", "kind": "stairs"}, {"a": "b", "b": "c", "width_m": 7.5}],
    )
    stairs, walkway = VenueGraph.from_scenario(s).passages
    assert (stairs.width_m, stairs.width_assumed) == (DEFAULT_WIDTH_M["stairs"], True)
    assert (walkway.width_m, walkway.width_assumed) == (7.5, False)


def test_fastest_path_avoids_slow_stairs() -> None:
    # a-b by 50 m of stairs (100 m level-equivalent) or by a 90 m walkway detour via c.
    s = make_scenario(
        [node("a"), node("b", dlat=0.0005), node("c", dlon=0.0005)],
        [
            {"a": "a", "b": "b", "kind": "stairs", "length_m": 50.0},
            {"a": "a", "b": "c", "length_m": 45.0},
            {"a": "c", "b": "b", "length_m": 45.0},
        ],
    )
    g = VenueGraph.from_scenario(s)
    assert g.path("a", "b") == ["a", "c", "b"]
    assert g.walk(["a", "b", "a"]) == ["a", "c", "b", "c", "a"]
    assert g.walk_length_m(["a", "c", "b"]) == pytest.approx(90.0)


def test_parallel_edges_walk_the_fastest() -> None:
    s = make_scenario(
        [node("a"), node("b", dlat=0.001)],
        [
            {"a": "a", "b": "b", "kind": "stairs", "length_m": 30.0},
            {"a": "b", "b": "a", "length_m": 50.0},
        ],
    )
    g = VenueGraph.from_scenario(s)
    assert len(g.passages) == 2
    assert g.distances_m("a")[g.index["b"]] == pytest.approx(50.0)


def test_times_agree_with_networkx_on_a_random_graph() -> None:
    rng = random.Random(7)
    nodes = [
        node(f"n{i}", dlat=rng.uniform(0, 0.01), dlon=rng.uniform(0, 0.01)) for i in range(120)
    ]
    edges = [{"a": f"n{i}", "b": f"n{i + 1}"} for i in range(119)]
    edges += [
        {
            "a": f"n{rng.randrange(120)}",
            "b": f"n{rng.randrange(120)}",
            "kind": rng.choice(["walkway", "stairs", "ramp", "road"]),
        }
        for _ in range(200)
    ]
    edges = [e for e in edges if e["a"] != e["b"]]
    g = VenueGraph.from_scenario(make_scenario(nodes, edges))
    reference = nx.single_source_dijkstra_path_length(g.to_networkx(), "n5", weight="cost_m")
    mine = g.minutes_from("n5", 1.3) * 1.3 * 60
    for target, metres in reference.items():
        assert mine[g.index[target]] == pytest.approx(metres)
    near, metres = g.near_m(g.index["n5"], 300.0)
    assert set(near.tolist()) == {g.index[t] for t, m in reference.items() if m <= 300.0}
    assert list(metres) == sorted(metres)
    matrix = g.matrix_minutes(["n1", "n2", "n3"], 1.0)
    assert np.allclose(matrix, matrix.T) and np.all(np.diag(matrix) == 0)


def test_unreachable_nodes_are_an_input_error() -> None:
    # The loader refuses such a file; a venue built another way is checked again.
    venue = Venue.model_validate(
        {"nodes": [node("a"), node("b", dlat=0.001), node("c")], "edges": [{"a": "a", "b": "b"}]}
    )
    with pytest.raises(InputError, match=r"node\(s\) c cannot be reached"):
        VenueGraph(venue)


def test_equal_paths_go_through_the_first_node_and_zero_lengths_are_walked() -> None:
    # Two 100 m ways from a to d, via b or via c: the path takes b, the first in venue order.
    s = make_scenario(
        [node("a"), node("b", dlat=0.001), node("c", dlon=0.001), node("d", dlat=0.002)],
        [
            {"a": "a", "b": "c", "length_m": 50.0},
            {"a": "c", "b": "d", "length_m": 50.0},
            {"a": "a", "b": "b", "length_m": 50.0},
            {"a": "b", "b": "d", "length_m": 50.0},
        ],
    )
    g = VenueGraph.from_scenario(s)
    assert g.path("a", "d") == ["a", "b", "d"]
    assert g.path("d", "a") == ["d", "b", "a"]
    # A gate drawn on the junction it opens onto: an edge of no length, walked all the same.
    s = make_scenario(
        [node("gate", "gate"), node("j"), node("k"), node("far", dlat=0.001)],
        [{"a": "gate", "b": "j"}, {"a": "j", "b": "k"}, {"a": "k", "b": "far"}],
    )
    g = VenueGraph.from_scenario(s)
    assert g.walk_length_m(["gate", "j", "k"]) == 0.0
    assert g.path("far", "gate") == ["far", "k", "j", "gate"]
    assert g.path("gate", "far") == ["gate", "j", "k", "far"]


def test_searches_from_every_node_and_from_many_agree_with_single_searches() -> None:
    rng = random.Random(3)
    nodes = [
        node(f"n{i}", dlat=rng.uniform(0, 0.005), dlon=rng.uniform(0, 0.005)) for i in range(60)
    ]
    edges = [{"a": f"n{i}", "b": f"n{i + 1}"} for i in range(59)]
    edges += [{"a": f"n{rng.randrange(60)}", "b": f"n{rng.randrange(60)}"} for _ in range(80)]
    g = VenueGraph.from_scenario(make_scenario(nodes, [e for e in edges if e["a"] != e["b"]]))
    for i, (found, metres) in enumerate(g.near_all_m(200.0)):
        alone, alone_metres = g.near_m(i, 200.0)
        assert found.tolist() == alone.tolist() and metres.tolist() == alone_metres.tolist()
    sources = ["n3", "n40", "n3"]
    both = np.minimum(g.reach_m("n3", 150.0), g.reach_m("n40", 150.0))
    assert g.nearest_m(sources, 150.0).tolist() == both.tolist()
    assert np.all(g.nearest_m(sources) <= np.minimum(g.distances_m("n3"), g.distances_m("n40")))


def test_graph_with_cached_searches_pickles() -> None:
    s = make_scenario([node("a"), node("b", dlat=0.001)], [{"a": "a", "b": "b"}])
    g = VenueGraph.from_scenario(s)
    before = g.distances_m("a").tolist()
    again = pickle.loads(pickle.dumps(g))
    assert again.distances_m("a").tolist() == before and again.path("b", "a") == ["b", "a"]
