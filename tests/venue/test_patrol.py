"""Patrol loops on hand-built venues with known answers."""

from __future__ import annotations

import math
from typing import Any

import pytest

from eventplan.scenario import Scenario
from eventplan.venue.graph import VenueGraph
from eventplan.venue.patrol import PatrolPlan, patrol_targets, plan_patrol, team_counts
from tests.venue.micro import make_scenario, node


def patrol(teams: Any = "auto", revisit: float = 20.0, **targets: Any) -> dict[str, Any]:
    return {
        "id": "p",
        "composition": {"police": 1},
        "teams": teams,
        "phases": ["show"],
        "targets": targets or {"kinds": ["gate"]},
        "revisit_minutes": revisit,
        "speed_mps": 1.1,
    }


def ring(teams: Any, revisit: float) -> Scenario:
    """Six gates on a ring, each side 66 m: one minute apart at 1.1 m/s."""
    nodes = [
        node(
            f"g{i}",
            "gate",
            dlat=0.001 * math.cos(i * math.pi / 3),
            dlon=0.001 * math.sin(i * math.pi / 3),
        )
        for i in range(6)
    ]
    edges = [{"a": f"g{i}", "b": f"g{(i + 1) % 6}", "length_m": 66.0} for i in range(6)]
    return make_scenario(nodes, edges, patrols=[patrol(teams, revisit)])


def plan(s: Scenario, seconds: float = 0.0) -> PatrolPlan:
    return plan_patrol(s.patrols[0], s, VenueGraph.from_scenario(s), time_limit_s=seconds)


@pytest.mark.parametrize(
    ("revisit", "teams", "loop"),
    [
        (6.0, 1, 6.0),  # the whole ring, once round: 6 sides
        (5.9, 2, 4.0),  # two halves of three gates: out 2 sides and back
        (3.9, 3, 2.0),  # three pairs: out 1 side and back
        (1.9, 6, 0.0),  # no two gates fit in one loop: one standing team each
    ],
)
def test_ring_of_six_gates(revisit: float, teams: int, loop: float) -> None:
    result = plan(ring("auto", revisit))
    assert result.teams == teams == result.teams_needed == result.teams_lower_bound
    assert result.revisit_ok and not result.unserved
    assert [lp.loop_minutes for lp in result.loops] == pytest.approx([loop] * teams)
    assert sorted(t for lp in result.loops for t in lp.targets) == [f"g{i}" for i in range(6)]
    for lp in result.loops:
        assert lp.nodes[0] == lp.nodes[-1]
        assert lp.max_revisit_minutes <= revisit


def test_loops_walk_along_venue_edges() -> None:
    s = ring("auto", 5.9)
    graph = VenueGraph.from_scenario(s)
    for lp in plan(s).loops:
        for a, b in zip(lp.nodes, lp.nodes[1:], strict=False):
            assert b in dict(graph.neighbours(a))
        # g0 g1 g2 g1 g0: the middle gate is passed twice a loop, so it waits half a loop.
        middle = lp.targets[lp.revisit_minutes.index(min(lp.revisit_minutes))]
        assert lp.nodes.count(middle) == 2
        assert min(lp.revisit_minutes) == pytest.approx(2.0)


def test_given_teams_minimise_the_longest_loop_and_report_late_targets() -> None:
    result = plan(ring(2, 3.0))
    assert result.teams == 2 and len(result.loops) == 2
    assert [lp.loop_minutes for lp in result.loops] == pytest.approx([4.0, 4.0])
    # In each half the end gates wait a whole loop (4 > 3 min), the middle one 2 minutes.
    assert not result.revisit_ok
    assert len(result.unserved) == 4
    assert result.teams_needed == 3


def test_targets_too_far_apart_for_the_revisit_time() -> None:
    # Two gates 2.2 km apart (a 66-minute round trip at 1.1 m/s) and a 20-minute revisit.
    nodes = [node("north", "gate"), node("mid", dlat=0.01), node("south", "gate", dlat=0.02)]
    edges = [
        {"a": "north", "b": "mid", "length_m": 1100.0},
        {"a": "mid", "b": "south", "length_m": 1100.0},
    ]
    one = plan(make_scenario(nodes, edges, patrols=[patrol(1, 20.0)]))
    assert one.teams == 1 and not one.revisit_ok
    assert set(one.unserved) == {"north", "south"}
    assert one.loops[0].loop_minutes == pytest.approx(4400 / 66)
    assert one.loops[0].nodes == ("north", "mid", "south", "mid", "north")
    assert (one.teams_needed, one.teams_lower_bound) == (2, 2)
    assert one.isolated == ("north", "south")
    auto = plan(make_scenario(nodes, edges, patrols=[patrol("auto", 20.0)]))
    assert auto.teams == 2 and auto.revisit_ok
    assert [lp.nodes for lp in auto.loops] == [("north", "north"), ("south", "south")]


def test_more_teams_than_targets_leaves_some_idle() -> None:
    nodes = [node("a", "gate"), node("b", "gate", dlat=0.001)]
    result = plan(
        make_scenario(nodes, [{"a": "a", "b": "b", "length_m": 66.0}], patrols=[patrol(3, 1.0)])
    )
    assert result.teams == 3 and len(result.loops) == 2 and result.idle_teams == 1
    assert result.revisit_ok


def test_targets_by_kind_and_by_node() -> None:
    nodes = [node("g", "gate"), node("p", "plaza", dlat=0.001), node("j", dlat=0.002)]
    edges = [{"a": "g", "b": "p"}, {"a": "p", "b": "j"}]
    s = make_scenario(nodes, edges, patrols=[patrol("auto", 20.0, kinds=["gate"], nodes=["j"])])
    assert patrol_targets(s.patrols[0], s) == ["g", "j"]


def test_team_counts_agree_with_the_plans_and_search_keeps_the_count() -> None:
    s = ring("auto", 5.9)
    graph = VenueGraph.from_scenario(s)
    assert team_counts(s, graph) == {"p": 2}
    searched = plan_patrol(s.patrols[0], s, graph, time_limit_s=0.2)
    assert searched.teams == 2
    again = plan_patrol(s.patrols[0], s, graph, time_limit_s=0)
    assert again == plan_patrol(s.patrols[0], s, graph, time_limit_s=0)  # repeatable


def test_a_longer_line_of_targets_is_split_evenly() -> None:
    # Ten gates 66 m apart on a line; revisit 8 min: a loop over k consecutive gates takes
    # 2 (k - 1) minutes, so at most 5 gates a loop and at least 2 loops.
    nodes = [node(f"g{i}", "gate", dlat=0.0006 * i) for i in range(10)]
    edges = [{"a": f"g{i}", "b": f"g{i + 1}", "length_m": 66.0} for i in range(9)]
    result = plan(make_scenario(nodes, edges, patrols=[patrol("auto", 8.0)]), seconds=0.2)
    assert result.teams == 2 and result.revisit_ok
    assert sorted(lp.loop_minutes for lp in result.loops) == pytest.approx([8.0, 8.0])
