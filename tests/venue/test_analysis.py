"""``analyse`` as a whole: every plan section, the GeoJSON, the facts the summary shows."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from eventplan.scenario import Scenario
from eventplan.venue.analysis import analyse
from tests.venue.micro import LAT, LON, make_scenario, node


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
    # The terminal summary (eventplan.summary) is written from these plan.json rows: the
    # stand's egress is over target, and the patrol "round" runs one team.
    data = result.to_json()
    assert [(z["zone"], z["target_met"]) for z in data["egress"]] == [("stand", False)]
    assert {(p["id"], p["teams"]) for p in data["patrols"]} == {("round", 1)}
    assert result.team_counts() == {"round": 1}


def _positions(geometry: dict[str, Any]) -> list[list[float]]:
    coords = geometry["coordinates"]
    if geometry["type"] == "Point":
        return [coords]
    if geometry["type"] == "LineString":
        return coords
    return [p for line in coords for p in line]
