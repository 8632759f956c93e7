"""Standby placement and response reach on hand-built venues."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from eventplan.scenario import Scenario
from eventplan.venue.graph import VenueGraph
from eventplan.venue.response import WEIGHT_MIX, node_weights, plan_response
from tests.venue.micro import make_scenario, node

# At 1.3 m/s a minute is 78 m.
MINUTE_M = 78.0


def unit(count: int = 1, standby: Any = "auto", within: float = 1.5, **extra: Any) -> dict:
    return {
        "id": extra.pop("id", "u"),
        "composition": {"police": 2},
        "count": count,
        "phases": extra.pop("phases", ["show"]),
        "standby": standby,
        "respond_within_minutes": within,
        **extra,
    }


def star(*units: dict[str, Any], arms: int = 6, arm_m: float = MINUTE_M) -> Scenario:
    """A centre with ``arms`` gates one minute's walk away, no two within reach of each other."""
    nodes = [node("c")] + [
        node(f"l{i}", "gate", dlat=0.0007 * math.cos(i), dlon=0.0007 * math.sin(i))
        for i in range(arms)
    ]
    edges = [{"a": "c", "b": f"l{i}", "length_m": arm_m} for i in range(arms)]
    return make_scenario(nodes, edges, units=list(units))


def test_best_standby_of_a_star_is_its_centre() -> None:
    s = star(unit(within=1.5))
    result = plan_response(s, VenueGraph.from_scenario(s))
    assert [(r.unit, r.index, r.node, r.chosen) for r in result.standby] == [("u", 1, "c", True)]
    assert result.objective == pytest.approx(1.0) and result.optimal
    by_minute = {r.minutes: r for r in result.reach}
    assert by_minute[1.0].node_share == pytest.approx(1.0)  # exactly one minute away
    assert by_minute[1.0].unreached == ()
    assert result.units[0].reach.weight_share == pytest.approx(1.0)


def test_reach_by_weight_and_by_node_by_hand() -> None:
    # Arms of two minutes: from the centre nothing else is reached within 1 minute.
    s = star(unit(within=3.0), arm_m=2 * MINUTE_M)
    graph = VenueGraph.from_scenario(s)
    weights = node_weights(s, graph)
    assert weights.sum() == pytest.approx(1.0)
    # No zones: posts (one normal post at the centre) take 0.3/0.4, nodes 0.1/0.4 spread.
    base = WEIGHT_MIX["base"] / (WEIGHT_MIX["base"] + WEIGHT_MIX["posts"]) / 7
    assert weights[graph.index["l0"]] == pytest.approx(base)
    result = plan_response(s, graph)
    assert result.standby[0].node == "c"
    one = result.reach[0]
    assert one.minutes == 1.0 and one.node_share == pytest.approx(1 / 7)
    assert one.weight_share == pytest.approx(1 - 6 * base)
    assert one.unreached == tuple(f"l{i}" for i in range(6))


def test_two_units_split_two_clusters() -> None:
    # Two hubs 1 km apart, each with three gates a minute away: one unit at each hub.
    nodes, edges = [], []
    for hub, offset in (("west", 0.0), ("east", 0.012)):
        nodes.append(node(hub, dlon=offset))
        for i in range(3):
            nodes.append(node(f"{hub}{i}", "gate", dlat=0.0007 * (i + 1), dlon=offset))
            edges.append({"a": hub, "b": f"{hub}{i}", "length_m": MINUTE_M})
    edges.append({"a": "west", "b": "east", "length_m": 1000.0})
    s = make_scenario(nodes, edges, units=[unit(count=2, within=1.0)])
    result = plan_response(s, VenueGraph.from_scenario(s))
    assert sorted(r.node for r in result.standby) == ["east", "west"]
    assert [r.index for r in result.standby] == [1, 2]
    assert result.reach[0].node_share == pytest.approx(1.0)


def test_explicit_standby_is_kept_and_others_fill_the_gaps() -> None:
    s = star(unit(id="fixed", standby="l0", within=1.0), unit(id="free", within=1.0))
    result = plan_response(s, VenueGraph.from_scenario(s))
    rows = {(r.unit, r.node, r.chosen) for r in result.standby}
    assert rows == {("fixed", "l0", False), ("free", "c", True)}
    fixed = next(u for u in result.units if u.unit == "fixed")
    # From l0 one minute reaches only the centre.
    assert set(fixed.reach.unreached) == {f"l{i}" for i in range(1, 6)}


def test_one_standby_node_for_a_whole_entry() -> None:
    s = star(unit(count=3, standby="l2"))
    result = plan_response(s, VenueGraph.from_scenario(s))
    assert [r.node for r in result.standby] == ["l2", "l2", "l2"]
    assert result.method == "fixed"


def test_units_on_duty_at_different_times_do_not_cover_for_each_other() -> None:
    # Two hubs as above; the early unit is fixed at the west hub. The late unit is on duty
    # alone in its phase, so it must also go west (the west hub holds the post), not east.
    phases = [
        {"id": "early", "start": "2025-07-12T18:00", "end": "2025-07-12T19:00"},
        {"id": "show", "start": "2025-07-12T19:00", "end": "2025-07-12T20:00"},
    ]
    nodes, edges = [], []
    for hub, offset in (("west", 0.0), ("east", 0.012)):
        nodes.append(node(hub, dlon=offset))
        for i in range(3):
            nodes.append(node(f"{hub}{i}", "gate", dlat=0.0007 * (i + 1), dlon=offset))
            edges.append({"a": hub, "b": f"{hub}{i}", "length_m": MINUTE_M})
    edges.append({"a": "west", "b": "east", "length_m": 1000.0})
    late = unit(id="late", within=1.0, phases=["show"])
    early = unit(id="early", standby="west", within=1.0, phases=["early"])
    s = make_scenario(nodes, edges, phases=phases, units=[early, late])
    result = plan_response(s, VenueGraph.from_scenario(s))
    assert {r.unit: r.node for r in result.standby} == {"early": "west", "late": "west"}
    together = make_scenario(
        nodes, edges, phases=phases, units=[{**early, "phases": ["show"]}, late]
    )
    result = plan_response(together, VenueGraph.from_scenario(together))
    assert {r.unit: r.node for r in result.standby} == {"early": "west", "late": "east"}


def test_greedy_without_the_exact_check_agrees_on_a_star() -> None:
    s = star(unit(count=2, within=1.0))
    graph = VenueGraph.from_scenario(s)
    quick = plan_response(s, graph, exact_time_limit_s=0)
    exact = plan_response(s, graph)
    assert quick.objective == pytest.approx(exact.objective)
    assert exact.optimal and not quick.optimal and quick.method == "greedy"


def test_reached_lines_include_part_of_an_edge() -> None:
    nodes = [node("a"), node("b", dlat=0.001)]
    s = make_scenario(nodes, [{"a": "a", "b": "b", "length_m": 100.0}])
    graph = VenueGraph.from_scenario(s)
    (line,) = graph.reached_lines("a", 25.0)
    assert line[0] == graph.latlon[0]
    assert line[1][0] == pytest.approx(graph.latlon[0][0] + 0.25 * 0.001)
    assert graph.reached_lines("a", 100.0) == [[graph.latlon[0], graph.latlon[1]]]


def test_geojson_has_points_and_reach_per_threshold() -> None:
    s = star(unit(within=1.5))
    graph = VenueGraph.from_scenario(s)
    features = plan_response(s, graph).to_geojson_features(graph)
    layers = [f["properties"]["layer"] for f in features]
    assert layers == ["standby", "reach", "reach", "reach"]
    assert features[0]["geometry"]["type"] == "Point"
    assert all(f["geometry"]["type"] == "MultiLineString" for f in features[1:])


def test_no_units_no_reach() -> None:
    s = star()
    result = plan_response(s, VenueGraph.from_scenario(s))
    assert result.standby == () and result.reach == ()
    assert result.to_json()["response"]["reach"] == {}
    assert np.isclose(node_weights(s, VenueGraph.from_scenario(s)).sum(), 1.0)
