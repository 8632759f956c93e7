"""Event windows in lists of phases (the slots covered are the union) and arrival profiles
per screening post, in the demand the checker recomputes."""

from __future__ import annotations

from typing import Any

from eventplan.checker import check_plan
from eventplan.checker.clock import parse
from eventplan.checker.demand import required_staff
from tests.checker.drill import (
    DAY,
    cover,
    covers,
    document,
    fields_only,
    messages,
    post,
    scenario,
    stint,
    write,
)


def hour(h: int) -> int:
    return parse(f"{DAY}T{h:02d}:00")


def drill(**sections: Any) -> dict[str, Any]:
    """The drill with a window ``peak`` 17:00-18:00 inside ingress (16-18)."""
    doc = document(**sections)
    doc["event"]["windows"] = [{"id": "peak", "start": f"{DAY}T17:00", "end": f"{DAY}T18:00"}]
    return doc


def slots(table: dict[tuple[str, int, str], Any], station: str) -> list[int]:
    return sorted(t for s, t, _ in table if s == station)


def test_a_need_over_a_window_and_a_phase_covers_their_union():
    # show (18-20) and peak (17-18): 17, 18 and 19; peak alone: 17.
    doc = drill(
        posts=[
            post("gate", (["show", "peak"], ["guard"], 1)),
            post("plaza", (["peak"], ["guard"], 2)),
        ]
    )
    table = required_staff(fields_only(doc), {}, {})
    assert slots(table, "gate") == [hour(17), hour(18), hour(19)]
    assert slots(table, "plaza") == [hour(17)]


def test_units_patrols_drones_reserves_and_ratios_may_name_windows():
    doc = drill(
        posts=[post("gate", (["ingress"], ["guard"], 1))],
        units=[{"id": "rapid", "composition": {"police": 1}, "phases": ["peak"]}],
        patrols=[
            {
                "id": "ring",
                "composition": {"guard": 1},
                "teams": 1,
                "phases": ["peak", "show"],
                "targets": {"kinds": ["gate"]},
                "revisit_minutes": 30.0,
            }
        ],
        drones=[
            {
                "id": "eye",
                "count": 1,
                "endurance_minutes": 25.0,
                "pilot_role": "police",
                "phases": ["peak"],
                "watch": ["gate-node"],
            }
        ],
        reserves=[
            {
                "id": "standby",
                "roles": ["police"],
                "phases": ["peak"],
                "min": 1,
                "node": "command-node",
            }
        ],
    )
    doc["rules"]["ratios"] = [{"roles": ["guard"], "per_attendees": 500.0, "phases": ["peak"]}]
    table = required_staff(fields_only(doc), {}, {})
    for station in ("rapid", "eye", "standby", "ratio:0"):
        assert slots(table, station) == [hour(17)], station
    assert slots(table, "ring") == [hour(17), hour(18), hour(19)]


def test_a_plan_for_a_need_over_a_window(tmp_path):
    doc = drill(posts=[post("gate", (["peak"], ["guard"], 1))])
    roster = [stint("guards-0001", "gate", 17, 18)]
    report = check_plan(
        fields_only(doc),
        write(tmp_path / "a", roster, covers("gate", range(17, 18), "guard", 1, 1)),
    )
    assert report.ok, messages(report)
    early = [cover("gate", 16, "guard", 1, 0), *covers("gate", range(17, 18), "guard", 1, 1)]
    report = check_plan(fields_only(doc), write(tmp_path / "b", roster, early))
    assert messages(report) == [
        "[coverage] gate: guard 2025-07-12T16:00-17:00 (coverage.csv line 2): the scenario asks "
        "for no such row (no need of this post, role group and slot)"
    ]


def screening(**extra: Any) -> dict[str, Any]:
    return {
        "lanes": 5,
        "persons_per_lane_per_minute": 2.0,
        "staff_per_lane": 1,
        "arrival_share": 0.3,
        "roles": ["guard"],
        **extra,
    }


def test_a_screening_post_with_its_own_arrival_profile():
    # The away gate's 1000 x 0.3 arrive 17-18: 5 a minute, ceil(5 / 2) = 3 lanes at 17:00.
    # The home gate takes event.arrivals (none: evenly over ingress 16-18): 2.5 a minute,
    # ceil(2.5 / 2) = 2 lanes at 16:00 and 17:00.
    doc = drill(
        posts=[
            {"id": "away", "node": "gate-node", "screening": screening(arrival_profile="late")},
            {"id": "home", "node": "gate-node", "screening": screening()},
        ]
    )
    doc["event"]["arrival_profiles"] = {
        "late": [{"start": f"{DAY}T17:00", "end": f"{DAY}T18:00", "share": 1.0}]
    }
    table = required_staff(scenario(doc), {}, {})
    assert {t: d.required for (s, t, _), d in table.items() if s == "away"} == {hour(17): 3}
    assert {t: d.required for (s, t, _), d in table.items() if s == "home"} == {
        hour(16): 2,
        hour(17): 2,
    }
