"""Drone rotations counted by hand."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from eventplan.scenario import Scenario
from eventplan.venue.drones import drone_windows, plan_drone
from tests.venue.micro import make_scenario, node

SHOW = [{"id": "show", "start": "2025-07-12T19:00", "end": "2025-07-12T20:00"}]


def at(hhmm: str, day: int = 12) -> datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return datetime(2025, 7, day, hour, minute)


def fleet(
    count: int = 2,
    endurance: float = 25,
    swap: float = 5,
    watch: Any = ("p",),
    phases: list[dict[str, Any]] | None = None,
    flies: Any = ("show",),
    **event: Any,
) -> Scenario:
    drone = {
        "id": "d",
        "count": count,
        "endurance_minutes": endurance,
        "swap_minutes": swap,
        "pilot_role": "police",
        "phases": list(flies),
        "watch": list(watch),
    }
    nodes = [node("p", "plaza"), node("q", "plaza", dlat=0.001), node("r", dlat=0.002)]
    edges = [{"a": "p", "b": "q"}, {"a": "q", "b": "r"}]
    return make_scenario(nodes, edges, phases=phases or SHOW, drones=[drone], **event)


def test_two_positions_for_an_hour_side_by_side() -> None:
    # Endurance 25, swap 5, 60 minutes: each position flies 0-25, 25-50, 50-60. A drone that
    # lands at 25 is ready at 30, too late for 25 but in time for 50: two airframes a position.
    s = fleet()
    plan = plan_drone(s.drones[0], s, stagger=False)
    assert plan.airframes_per_position == 2
    assert plan.airframes_needed == 4
    spans = sorted((x.position, x.start, x.end) for x in plan.sorties)
    assert spans == [
        (1, at("19:00"), at("19:25")),
        (1, at("19:25"), at("19:50")),
        (1, at("19:50"), at("20:00")),
        (2, at("19:00"), at("19:25")),
        (2, at("19:25"), at("19:50")),
        (2, at("19:50"), at("20:00")),
    ]
    first, _, third = (x for x in plan.sorties if x.position == 1)
    assert first.airframe == third.airframe  # back in the air after its swap
    assert plan.pilot_windows == ((at("19:00"), at("20:00"), 2),)


def test_staggered_positions_share_airframes() -> None:
    # Position 2 first flies 12 minutes, so reliefs come at 12, 25, 37, 50: at no moment are
    # more than three airframes flying or being turned round.
    s = fleet()
    plan = plan_drone(s.drones[0], s)
    assert plan.airframes_needed == 3 and len(plan.sorties) == 6
    second = [(x.start, x.end) for x in plan.sorties if x.position == 2]
    assert second == [
        (at("19:00"), at("19:12")),
        (at("19:12"), at("19:37")),
        (at("19:37"), at("20:00")),
    ]
    for x in plan.sorties:
        assert x.end - x.start <= timedelta(minutes=25)
    busy: dict[int, list[tuple[datetime, datetime]]] = {}
    for x in plan.sorties:  # an airframe never flies again within its swap time
        busy.setdefault(x.airframe, []).append((x.start, x.end))
    for flights in busy.values():
        for (_, land), (launch, _) in zip(sorted(flights), sorted(flights)[1:], strict=False):
            assert launch - land >= timedelta(minutes=5)


def test_handover_overlap_counts_both_pilots() -> None:
    s = fleet(count=1, endurance=30, swap=10)
    plan = plan_drone(s.drones[0], s, handover_minutes=2)
    assert [(x.start, x.end) for x in plan.sorties] == [
        (at("19:00"), at("19:30")),
        (at("19:28"), at("19:58")),
        (at("19:56"), at("20:00")),
    ]
    assert plan.pilot_windows == (
        (at("19:00"), at("19:28"), 1),
        (at("19:28"), at("19:30"), 2),
        (at("19:30"), at("19:56"), 1),
        (at("19:56"), at("19:58"), 2),
        (at("19:58"), at("20:00"), 1),
    )
    assert plan.airframes_per_position == 2  # ceil(40 / 28)
    slots = plan.pilots_per_slot(
        [at("19:00"), at("19:15"), at("19:30"), at("19:45")], timedelta(minutes=15)
    )
    assert slots.tolist() == [1, 2, 1, 2]


def test_touching_phases_fly_as_one_stretch_and_days_repeat() -> None:
    phases = [
        {"id": "ingress", "start": "18:00", "end": "19:00"},
        {"id": "show", "start": "19:00", "end": "19:30"},
        {"id": "egress", "start": "22:00", "end": "22:30"},
    ]
    s = fleet(
        count=1,
        endurance=60,
        swap=0,
        phases=phases,
        flies=("ingress", "show", "egress"),
        days=["2025-07-12", "2025-07-13"],
    )
    windows = drone_windows(s.drones[0], s)
    assert windows == [
        (at("18:00"), at("19:30")),
        (at("22:00"), at("22:30")),
        (at("18:00", 13), at("19:30", 13)),
        (at("22:00", 13), at("22:30", 13)),
    ]
    plan = plan_drone(s.drones[0], s)
    assert len(plan.sorties) == 2 * (2 + 1)
    assert plan.airframes_needed == 1  # no swap time: one airframe relieves itself


def test_watch_nodes_are_dealt_out_to_positions() -> None:
    s = fleet(count=2, watch=("p", "q", "r"))
    plan = plan_drone(s.drones[0], s)
    assert {x.position: x.watch for x in plan.sorties} == {1: ("p", "r"), 2: ("q",)}
    s = fleet(count=3, watch=("p",))
    assert {x.watch for x in plan_drone(s.drones[0], s).sorties} == {("p",)}


def test_json_entry() -> None:
    s = fleet(count=1, endurance=22.5, swap=5)
    entry = plan_drone(s.drones[0], s).to_json()
    assert entry["id"] == "d" and entry["pilot_role"] == "police"
    assert entry["sorties"][0] == {
        "position": 1,
        "airframe": 1,
        "watch": ["p"],
        "start": "2025-07-12T19:00",
        "end": "2025-07-12T19:22:30",
    }
    assert entry["pilots"] == [
        {"start": "2025-07-12T19:00", "end": "2025-07-12T20:00", "pilots": 1}
    ]


def test_handover_must_be_shorter_than_a_flight() -> None:
    s = fleet(count=1)
    with pytest.raises(ValueError, match="handover_minutes"):
        plan_drone(s.drones[0], s, handover_minutes=25)
