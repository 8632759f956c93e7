"""Egress times checked by hand (persons / (flow x effective width) plus the walk)."""

from __future__ import annotations

from typing import Any

import pytest

from eventplan.errors import InputError
from eventplan.scenario import Scenario
from eventplan.venue.analysis import analyse
from eventplan.venue.egress import (
    WALKING_SPEED_MPS,
    EgressPlan,
    plan_egress,
    stair_speed_factor,
    zone_persons,
)
from eventplan.venue.graph import VenueGraph
from eventplan.venue.passages import sfpe_stair_factor
from tests.venue.micro import make_scenario, node

# At 1.2 m/s a minute is 72 m.
MINUTE_M = WALKING_SPEED_MPS * 60


def zone(zone_id: str, capacity: int, nodes: list[str], exits: list[str]) -> dict[str, Any]:
    return {"id": zone_id, "capacity": capacity, "nodes": nodes, "exits": exits}


def egress(s: Scenario) -> EgressPlan:
    return plan_egress(s, VenueGraph.from_scenario(s))


def test_one_gate_by_hand() -> None:
    # 1,000 people, one 2 m gate at 82 p/m/min: 1000 / 164 = 6.1 minutes, after a 1-minute walk.
    s = make_scenario(
        [node("stand", "stand"), node("gate", "gate", dlat=0.001, width_m=2.0)],
        [{"a": "stand", "b": "gate", "width_m": 10.0, "length_m": MINUTE_M}],
        zones=[zone("z", 1000, ["stand"], ["gate"])],
    )
    (z,) = egress(s).zones
    assert z.persons == 1000
    assert z.queue_minutes == pytest.approx(1000 / (82 * 2))
    assert z.walk_minutes == pytest.approx(1.0)
    assert z.minutes == pytest.approx(1 + 1000 / 164)
    assert z.bottleneck == "gate" and z.bottlenecks[0].persons_per_minute == 164
    assert z.target_met is True  # 7.1 <= 8
    assert z.minutes_alone == pytest.approx(z.minutes)


def test_two_exits_of_different_widths() -> None:
    # 2 m and 3 m gates: 82 x 5 = 410 persons per minute in all; the walk is to the nearer.
    s = make_scenario(
        [
            node("stand", "stand"),
            node("g2", "gate", dlat=0.001, width_m=2.0),
            node("g3", "gate", dlat=-0.001, width_m=3.0),
        ],
        [
            {"a": "stand", "b": "g2", "width_m": 10.0, "length_m": MINUTE_M},
            {"a": "stand", "b": "g3", "width_m": 10.0, "length_m": 2 * MINUTE_M},
        ],
        zones=[zone("z", 1000, ["stand"], ["g2", "g3"])],
    )
    (z,) = egress(s).zones
    assert z.persons_per_minute == pytest.approx(410)
    assert z.minutes == pytest.approx(1 + 1000 / 410)
    assert [b.label for b in z.bottlenecks] == ["g3", "g2"]  # busiest first


def test_a_stair_is_the_bottleneck() -> None:
    # 1,500 people down a 2 m stair (66 p/m/min: 132 per minute) to a 4 m gate (328 per minute).
    # The stair's 18 m take as long as 36 m on the level: half a minute at 1.2 m/s.
    s = make_scenario(
        [
            node("tier", "stand"),
            node("concourse", dlat=0.0005),
            node("gate", "gate", dlat=0.001, width_m=4.0),
        ],
        [
            {"a": "tier", "b": "concourse", "kind": "stairs", "width_m": 2.0, "length_m": 18.0},
            {"a": "concourse", "b": "gate", "width_m": 6.0, "length_m": 36.0},
        ],
        zones=[zone("upper", 1500, ["tier"], ["gate"])],
    )
    result = egress(s)
    (z,) = result.zones
    assert z.bottleneck == "tier|concourse"
    assert z.bottlenecks[0].kind == "stairs"
    assert z.queue_minutes == pytest.approx(1500 / 132)
    assert z.walk_minutes == pytest.approx(1.0)
    assert not z.target_met and not result.all_met


def test_boundary_layer_narrows_every_passage() -> None:
    s = make_scenario(
        [node("stand", "stand"), node("gate", "gate", dlat=0.001, width_m=2.3)],
        [{"a": "stand", "b": "gate", "width_m": 10.0, "length_m": MINUTE_M}],
        zones=[zone("z", 1000, ["stand"], ["gate"])],
        egress={"boundary_layer_m": 0.15},
    )
    (z,) = egress(s).zones
    assert z.queue_minutes == pytest.approx(1000 / (82 * 2.0))


def test_zones_sharing_a_gate_finish_together_unless_held_up_before() -> None:
    # Two stands, each down its own 2 m stair (132/min) to one shared 3 m gate (246/min).
    # Fair shares: A is held by its stair at 132/min; B gets the rest of the gate, 114/min.
    nodes = [
        node("A", "stand"),
        node("B", "stand", dlon=0.001),
        node("C", dlat=0.0005),
        node("G", "gate", dlat=0.001, width_m=3.0),
    ]
    edges = [
        {"a": "A", "b": "C", "kind": "stairs", "width_m": 2.0, "length_m": 18.0},
        {"a": "B", "b": "C", "kind": "stairs", "width_m": 2.0, "length_m": 18.0},
        {"a": "C", "b": "G", "width_m": 10.0, "length_m": 36.0},
    ]
    zones = [zone("a", 1000, ["A"], ["G"]), zone("b", 500, ["B"], ["G"])]
    a, b = egress(make_scenario(nodes, edges, zones=zones)).zones
    assert a.persons_per_minute == pytest.approx(132, rel=1e-4)
    assert b.persons_per_minute == pytest.approx(246 - 132, rel=1e-4)
    assert (a.bottleneck, b.bottleneck) == ("A|C", "G")
    assert b.minutes_alone == pytest.approx(1 + 500 / 132)
    assert b.minutes > b.minutes_alone
    # Equal stands: both queue (1,000 + 1,000) / 246 minutes.
    zones = [zone("a", 1000, ["A"], ["G"]), zone("b", 1000, ["B"], ["G"])]
    a, b = egress(make_scenario(nodes, edges, zones=zones)).zones
    assert a.queue_minutes == pytest.approx(2000 / 246, rel=1e-4)
    assert b.queue_minutes == pytest.approx(2000 / 246, rel=1e-4)


def test_zones_keep_to_their_own_exits() -> None:
    # Both stands sit at the same node, one may use both gates, the other only the narrow one.
    nodes = [
        node("S", "stand"),
        node("N", "gate", dlat=0.001, width_m=2.0),
        node("W", "gate", dlat=-0.001, width_m=6.0),
    ]
    edges = [
        {"a": "S", "b": "N", "width_m": 10.0, "length_m": MINUTE_M},
        {"a": "S", "b": "W", "width_m": 10.0, "length_m": MINUTE_M},
    ]
    zones = [zone("narrow", 820, ["S"], ["N"]), zone("both", 1000, ["S"], ["N", "W"])]
    narrow, both = egress(make_scenario(nodes, edges, zones=zones)).zones
    assert narrow.persons_per_minute == pytest.approx(164, rel=1e-4)
    assert narrow.queue_minutes == pytest.approx(820 / 164, rel=1e-4)
    assert both.persons_per_minute == pytest.approx(492, rel=1e-4)


def test_people_scale_down_to_the_attendance() -> None:
    nodes = [node("A", "stand"), node("B", "stand", dlat=0.001), node("G", "gate", dlat=0.002)]
    edges = [{"a": "A", "b": "B"}, {"a": "B", "b": "G"}]
    zones = [zone("a", 3000, ["A"], ["G"]), zone("b", 1001, ["B"], ["G"])]
    s = make_scenario(nodes, edges, zones=zones, attendance=2000)
    persons = zone_persons(s)
    # 2000 x 3000 / 4001 = 1499.63 and 2000 x 1001 / 4001 = 500.37: the larger remainder
    # gets the person left over.
    assert persons == {"a": 1500, "b": 500}
    roomy = make_scenario(nodes, edges, zones=zones, attendance=10_000)
    assert zone_persons(roomy) == {"a": 3000, "b": 1001}


def test_a_zone_spread_over_nodes_sends_each_its_share() -> None:
    # Half the zone at each node; one node's way out is a 1 m walkway (82/min), the other's
    # 10 m: the narrow half takes 500 / 82 minutes and sets the zone's time.
    nodes = [
        node("x", "stand"),
        node("y", "stand", dlon=0.002),
        node("gx", "gate", dlat=0.001),
        node("gy", "gate", dlat=0.001, dlon=0.002),
    ]
    edges = [
        {"a": "x", "b": "gx", "width_m": 1.0, "length_m": MINUTE_M},
        {"a": "y", "b": "gy", "width_m": 10.0, "length_m": MINUTE_M},
        {"a": "gx", "b": "gy", "width_m": 1.0, "length_m": 500.0},
    ]
    zones = [zone("z", 1000, ["x", "y"], ["gx", "gy"])]
    (z,) = egress(make_scenario(nodes, edges, zones=zones)).zones
    assert z.queue_minutes == pytest.approx(500 / 82, rel=1e-4)
    assert z.bottleneck == "x|gx"


def test_a_zone_with_no_way_out_is_an_input_error() -> None:
    s = make_scenario(
        [node("stand", "stand"), node("gate", "gate", dlat=0.001, width_m=0.2)],
        [{"a": "stand", "b": "gate", "length_m": 50.0}],
        zones=[zone("z", 1000, ["stand"], ["gate"])],
        egress={"boundary_layer_m": 0.15},
    )
    with pytest.raises(InputError, match="zone 'z' cannot be left: no width to pass at gate"):
        egress(s)


def test_json_rows() -> None:
    s = make_scenario(
        [node("stand", "stand"), node("gate", "gate", dlat=0.001)],
        [{"a": "stand", "b": "gate", "length_m": MINUTE_M}],
        zones=[zone("z", 500, ["stand"], ["gate"])],
    )
    (row,) = egress(s).to_json()
    # No widths given: the walkway's default 3 m limits, and the row says it is assumed.
    assert row["bottleneck"] == "stand|gate"
    assert row["bottlenecks"][0]["width_assumed"] is True
    assert row["minutes"] == pytest.approx(1 + 500 / 246, abs=0.01)
    assert set(row) >= {"zone", "persons", "minutes", "bottleneck", "target_met"}


def stair_venue(**egress_settings: Any) -> Scenario:
    """100 people who leave down 30 m of stairs and along 90 m of walkway to a 10 m gate."""
    return make_scenario(
        [
            node("tier", "stand"),
            node("concourse", dlat=0.0003),
            node("gate", "gate", dlat=0.001, width_m=10.0),
        ],
        [
            {"a": "tier", "b": "concourse", "kind": "stairs", "width_m": 5.0, "length_m": 30.0},
            {"a": "concourse", "b": "gate", "width_m": 10.0, "length_m": 90.0},
        ],
        zones=[zone("upper", 100, ["tier"], ["gate"])],
        egress=egress_settings,
    )


def test_walking_speeds_by_default() -> None:
    # 1.2 m/s on the level, stairs at half of it: 30 / 0.6 + 90 / 1.2 = 50 + 75 = 125 s.
    (z,) = egress(stair_venue()).zones
    assert z.walk_minutes == pytest.approx(125 / 60)


def test_walking_speed_and_stair_factor_from_the_scenario() -> None:
    # 1.0 m/s on the level, stairs at 0.6 of it: 30 / 0.6 + 90 / 1.0 = 50 + 90 = 140 s.
    (z,) = egress(stair_venue(walking_speed_mps=1.0, stair_speed_factor=0.6)).zones
    assert z.walk_minutes == pytest.approx(140 / 60)
    # The speeds leave the queue alone: the 5 m stair passes 66 x 5 = 330 persons a minute
    # (the 10 m gate 820), so 100 people queue 100 / 330 minutes.
    assert z.minutes == pytest.approx(140 / 60 + 100 / 330)


def test_stair_speed_from_the_sfpe_table() -> None:
    # Riser 165 mm, tread 305 mm: k = 1.16 against 1.40 on the level, so stairs at
    # 1.5 x 1.16 / 1.40 = 1.242857 m/s: 30 / 1.242857 + 90 / 1.5 = 24.138 + 60 = 84.138 s.
    s = stair_venue(walking_speed_mps=1.5, stairs={"riser_mm": 165, "tread_mm": 305})
    assert stair_speed_factor(s.egress) == pytest.approx(1.16 / 1.40)
    (z,) = egress(s).zones
    assert z.walk_minutes == pytest.approx((30 / (1.5 * 1.16 / 1.40) + 90 / 1.5) / 60)
    assert z.walk_minutes == pytest.approx(84.138 / 60, abs=1e-4)


@pytest.mark.parametrize(
    ("riser", "tread", "k_stairs"),
    [
        (191, 254, 1.00),
        (178, 279, 1.08),
        (165, 305, 1.16),
        (165, 330, 1.23),
        # slope 170/300 = 0.56667 lies between 165/305 = 0.54098 (1.16) and 178/279 = 0.63799
        # (1.08): 0.02568 / 0.09701 = 0.26475 of the way, k = 1.16 - 0.08 x 0.26475 = 1.13882
        (170, 300, 1.13882),
        (200, 250, 1.00),  # steeper than the table: as 191/254
        (150, 350, 1.23),  # shallower than the table: as 165/330
    ],
)
def test_sfpe_stair_factor(riser: float, tread: float, k_stairs: float) -> None:
    assert sfpe_stair_factor(riser, tread) == pytest.approx(k_stairs / 1.40, abs=1e-5)


def test_only_egress_walks_at_the_egress_speeds() -> None:
    # Egress walks stairs at 0.9 of its level speed; the shared graph of the other analyses
    # keeps half speed (30 m of stairs cost 60 level-equivalent metres).
    s = stair_venue(stair_speed_factor=0.9)
    venue = analyse(s, patrol_time_limit_s=0)
    assert venue.graph.walk_minutes("tier", "concourse", 1.2) == pytest.approx(60 / 72)
    (z,) = venue.egress.zones
    assert z.walk_minutes == pytest.approx((30 / (1.2 * 0.9) + 90 / 1.2) / 60)
