"""The venue graph: lengths, widths, walking times, paths; and ``analyse`` as a whole."""

from __future__ import annotations

import json
import math
import random
from typing import Any

import networkx as nx
import numpy as np
import pytest

from eventplan.analysis import analyse
from eventplan.errors import InputError
from eventplan.osm.geo import haversine_m
from eventplan.scenario import Scenario, from_document
from eventplan.scenario.model import Venue
from eventplan.venue import DEFAULT_WIDTH_M, SPEED_FACTOR, VenueGraph

LAT, LON = 43.7300, 7.4200


def node(
    node_id: str, kind: str = "junction", dlat: float = 0.0, dlon: float = 0.0, **extra: Any
) -> dict[str, Any]:
    """A node near a fixed point (offsets in degrees)."""
    return {"id": node_id, "kind": kind, "lat": LAT + dlat, "lon": LON + dlon, **extra}


def make_scenario(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]] | None = None,
    *,
    zones: list[dict[str, Any]] | None = None,
    attendance: int = 100_000,
    phases: list[dict[str, Any]] | None = None,
    days: list[str] | None = None,
    **sections: Any,
) -> Scenario:
    """A minimal valid scenario around a venue (one role, one pool, one post)."""
    document = {
        "eventplan": 1,
        "event": {
            "id": "micro",
            "name": "Micro venue",
            "timezone": "Europe/Monaco",
            "attendance": attendance,
            "slot_minutes": 15,
            "phases": phases
            or [{"id": "show", "start": "2025-07-12T19:00", "end": "2025-07-12T20:00"}],
            **({"days": days} if days else {}),
        },
        "roles": {"police": {"shift_hours": [1, 12]}},
        "pools": [{"id": "police", "role": "police", "count": 100}],
        "venue": {"nodes": nodes, "edges": edges or [], "zones": zones or []},
        "posts": [
            {
                "id": "post",
                "node": nodes[0]["id"],
                "priority": "normal",
                "needs": [{"phases": ["show"], "roles": ["police"], "min": 1}],
            }
        ],
        **sections,
    }
    return from_document(document)


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


def small_event() -> Scenario:
    """A gate, a plaza and a stand on a line, with one of everything analysed."""
    nodes = [
        node("gate", "gate", width_m=4.0),
        node("plaza", "plaza", dlat=0.001),
        node("stand", "stand", dlat=0.002),
    ]
    edges = [
        {"a": "gate", "b": "plaza", "length_m": 66.0, "width_m": 8.0},
        {"a": "plaza", "b": "stand", "kind": "stairs", "length_m": 33.0, "width_m": 4.0},
    ]
    return make_scenario(
        nodes,
        edges,
        attendance=2000,
        zones=[{"id": "stand", "capacity": 2000, "nodes": ["stand"], "exits": ["gate"]}],
        units=[{"id": "rapid", "composition": {"police": 2}, "count": 1, "phases": ["show"]}],
        patrols=[
            {
                "id": "round",
                "composition": {"police": 1},
                "phases": ["show"],
                "targets": {"kinds": ["gate", "stand"]},
                "revisit_minutes": 10,
            }
        ],
        drones=[
            {
                "id": "eye",
                "count": 1,
                "endurance_minutes": 30,
                "swap_minutes": 5,
                "pilot_role": "police",
                "phases": ["show"],
                "watch": ["plaza"],
            }
        ],
    )


def test_analyse_gives_every_plan_section() -> None:
    result = analyse(small_event(), patrol_time_limit_s=0)
    data = json.loads(json.dumps(result.to_json()))  # plain JSON all the way down
    assert set(data) == {"patrols", "standby", "response", "egress", "drones"}
    (team,) = data["patrols"]
    # gate -> plaza -> stand and back: 66 m + 33 m of stairs (66 m level) twice at 1.1 m/s.
    assert team["nodes"] == ["gate", "plaza", "stand", "plaza", "gate"]
    assert team["loop_minutes"] == pytest.approx(264 / 66)
    # Every node is within 3 minutes of every other; the stand holds most of the weight.
    assert data["standby"] == [{"unit": "rapid", "index": 1, "node": "stand", "chosen": True}]
    # In 1 minute (78 m) the stand reaches the plaza but not the gate: the crowd's 60 % plus
    # two thirds of the 10 % spread over nodes; the gate's post (30 %) is left out.
    assert data["response"]["reach"] == {"1": round(0.6 + 0.2 / 3, 4), "3": 1.0, "5": 1.0}
    assert data["response"]["unreached"]["1"] == ["gate"]
    (zone,) = data["egress"]
    # 2,000 persons through 4 m of stairs at 66/m/min (264/min) and a 4 m gate (328/min).
    assert zone["bottleneck"] == "plaza|stand"
    assert zone["queue_minutes"] == pytest.approx(2000 / 264, abs=0.01)
    assert zone["persons"] == 2000 and zone["target_met"] is False
    (drone,) = data["drones"]
    assert len(drone["sorties"]) == 2 and drone["airframes_needed"] == 2
    assert result.team_counts() == {"round": 1}


def test_geojson_and_summary() -> None:
    result = analyse(small_event(), patrol_time_limit_s=0)
    collection = result.to_geojson()
    assert collection["type"] == "FeatureCollection"
    layers = [f["properties"]["layer"] for f in collection["features"]]
    assert {"patrol", "standby", "reach", "egress-bottleneck", "drone-watch"} <= set(layers)
    for feature in collection["features"]:
        for lon, lat in _positions(feature["geometry"]):
            assert math.isclose(lat, LAT, abs_tol=0.01) and math.isclose(lon, LON, abs_tol=0.01)
    lines = result.summary_lines()
    assert any("egress    stand" in line and "OVER TARGET" in line for line in lines)
    assert any(line.startswith("  patrol    round: 1 team(s)") for line in lines)


def _positions(geometry: dict[str, Any]) -> list[list[float]]:
    coords = geometry["coordinates"]
    if geometry["type"] == "Point":
        return [coords]
    if geometry["type"] == "LineString":
        return coords
    return [p for line in coords for p in line]
