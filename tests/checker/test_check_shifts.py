"""Rules on people's time: ``overlap``, ``shift-length``, ``rest``, ``meal-break``,
``availability``, ``shifts-per-day``, ``max-days``; and ``role-fit``, ``pool-size``."""

from __future__ import annotations

import copy
from typing import Any

from eventplan.checker import check_plan
from eventplan.scenario import from_document


def found(report, rule: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [v.message for v in report.violations if v.rule == rule]


def only(report) -> set[str]:  # type: ignore[no-untyped-def]
    return {v.rule for v in report.violations}


def test_nobody_is_in_two_places_at_once(scenario, make_plan, roster):
    roster.append(("police-0003", "police", "police", "", "stage", 19, 20))
    report = check_plan(scenario, make_plan(roster=roster))
    assert found(report, "overlap") == [
        "at 'gate' 2025-07-12T18:00-20:00 (line 6) and at 'stage' 2025-07-12T19:00-20:00 "
        "(line 14) at once"
    ]


def test_a_shift_longer_than_the_role_allows(scenario, make_plan, roster):
    roster[4] = ("police-0003", "police", "police", "", "gate", 15, 22)
    report = check_plan(scenario, make_plan(roster=roster))
    assert found(report, "shift-length") == [
        "shift 2025-07-12T15:00-22:00 lasts 7 h, longer than the 6 h a police shift may last"
    ]


def test_a_shift_shorter_than_the_role_allows(scenario, make_plan, roster, coverage, cost):
    roster[7] = ("guards-0002", "guard", "guards", "", "gate", 16, 17)
    coverage[5] = ("gate", 17, "guard", 3, 2)
    report = check_plan(scenario, make_plan(roster=roster, coverage=coverage, cost=cost - 3))
    assert only(report) == {"shift-length"}
    assert found(report, "shift-length") == [
        "shift 2025-07-12T16:00-17:00 lasts 1 h, shorter than the 2 h a police shift lasts "
        "at least".replace("police", "guard")
    ]


def test_too_short_a_rest_joins_two_stretches_into_one_long_shift(
    scenario, make_plan, roster, cost
):
    # 15-17 and 20-22 rest 3 h, less than 11 h: one shift of 7 h, paid whole.
    roster += [
        ("police-0004", "police", "police", "", "stage", 15, 17),
        ("police-0004", "police", "police", "", "stage", 20, 22),
    ]
    report = check_plan(scenario, make_plan(roster=roster, cost=cost + 70))
    assert only(report) == {"rest"}
    assert found(report, "rest") == [
        "rests only 3 h (2025-07-12T17:00-20:00), less than the 11 h between shifts; so the "
        "stints form one shift 2025-07-12T15:00-22:00 of 7 h, longer than the 6 h allowed"
    ]


def test_a_split_shift_within_the_hours_is_one_shift_paid_whole(scenario, make_plan, roster, cost):
    roster += [
        ("police-0004", "police", "police", "", "stage", 15, 17),
        ("police-0004", "police", "police", "", "stage", 20, 21),
    ]
    assert check_plan(scenario, make_plan(roster=roster, cost=cost + 60)).ok


def test_a_long_shift_needs_its_meal_break(scenario, make_plan, roster, coverage):
    roster[1] = ("police-0001", "police", "police", "", "gate", 18, 20)  # no break at 18
    coverage[2] = ("gate", 18, "police", 1, 2)
    coverage[12] = ("ratio:0", 18, "police+guard", 2, 5)
    report = check_plan(scenario, make_plan(roster=roster, coverage=coverage))
    assert only(report) == {"meal-break"}
    assert found(report, "meal-break") == [
        "shift 2025-07-12T15:00-20:00 lasts 5 h, longer than 4 h, but its longest break is "
        "0 min, not the 60 min required"
    ]


def test_the_meal_break_is_rounded_up_to_whole_slots(document, make_plan):
    # 30 minutes round up to one 60-minute slot (the valid plan); 61 minutes to two slots.
    assert check_plan(from_document(document), make_plan()).ok
    document["rules"]["meal_break"]["minutes"] = 61
    report = check_plan(from_document(document), make_plan())
    assert found(report, "meal-break") == [
        "shift 2025-07-12T15:00-20:00 lasts 5 h, longer than 4 h, but its longest break is "
        "60 min, not the 120 min required"
    ]


def test_a_shift_must_lie_inside_the_pools_availability(scenario, make_plan, roster, cost):
    roster.append(("police-0004", "police", "police", "", "stage", 14, 16))
    report = check_plan(scenario, make_plan(roster=roster, cost=cost + 20))
    assert only(report) == {"availability"}
    assert found(report, "availability") == [
        "shift 2025-07-12T14:00-16:00 is not inside the availability of pool 'police' "
        "(2025-07-12T15:00-22:00)"
    ]


def test_a_pool_without_availability_is_available_over_the_phases(
    scenario, make_plan, roster, cost
):
    roster.append(("guards-0005", "guard", "guards", "", "stage", 21, 23))
    report = check_plan(scenario, make_plan(roster=roster, cost=cost + 6))
    assert found(report, "availability") == [
        "shift 2025-07-12T21:00-23:00 is not inside the availability of pool 'guards' "
        "(2025-07-12T16:00-21:00)"
    ]


def test_a_shift_must_respect_the_persons_own_availability(document, make_plan, roster):
    document["people"] = [
        {"id": "li-wei", "role": "police", "pool": "police", "available_from": "2025-07-12T19:00"}
    ]
    roster[4] = ("li-wei", "police", "police", "", "gate", 18, 20)
    report = check_plan(from_document(document), make_plan(roster=roster))
    assert only(report) == {"availability"}
    assert found(report, "availability") == [
        "shift 2025-07-12T18:00-20:00 starts before the person is available (2025-07-12T19:00)"
    ]


def test_people_only_stand_where_their_role_is_used(scenario, make_plan, roster, coverage, cost):
    roster.append(("guards-0005", "guard", "guards", "rapid#1", "rapid", 18, 20))
    coverage[12:14] = [("ratio:0", 18, "police+guard", 2, 5), ("ratio:0", 19, "police+guard", 2, 6)]
    report = check_plan(scenario, make_plan(roster=roster, coverage=coverage, cost=cost + 6))
    assert only(report) == {"role-fit"}
    assert found(report, "role-fit") == [
        "stands at unit 'rapid' as guard (line 14), but it only uses police"
    ]


def test_no_pool_is_used_beyond_its_count(document, make_plan, roster, cost):
    # Four police, one of them named: the named one and police-0001..0004 make five.
    document["people"] = [{"id": "li-wei", "role": "police", "pool": "police"}]
    roster += [
        ("li-wei", "police", "police", "", "stage", 15, 17),
        ("police-0004", "police", "police", "", "stage", 15, 17),
    ]
    report = check_plan(from_document(document), make_plan(roster=roster, cost=cost + 40))
    assert only(report) == {"pool-size"}
    assert found(report, "pool-size") == [
        "the roster has 5 people of pool 'police', more than its count 4"
    ]


# A three-day event: the desk needs one officer 08:00-12:00 each day.
MULTI_DAY: dict[str, Any] = {
    "eventplan": 1,
    "event": {
        "id": "expo",
        "name": "Expo",
        "timezone": "Asia/Shanghai",
        "attendance": 500,
        "slot_minutes": 60,
        "days": ["2025-08-20", "2025-08-21", "2025-08-22"],
        "phases": [{"id": "day", "start": "08:00", "end": "12:00"}],
    },
    "roles": {"police": {"cost": 1.0, "shift_hours": [2.0, 6.0]}},
    "pools": [{"id": "police", "role": "police", "count": 3}],
    "rules": {"min_rest_hours": 4.0, "max_days": 2},
    "venue": {"nodes": [{"id": "hall", "lat": 40.0, "lon": 111.0}]},
    "posts": [
        {
            "id": "desk",
            "node": "hall",
            "needs": [{"phases": ["day"], "roles": ["police"], "min": 1}],
        }
    ],
}


def test_one_shift_a_day_on_at_most_max_days(tmp_path, plan_writer):
    scenario = from_document(copy.deepcopy(MULTI_DAY))
    days = ["2025-08-20", "2025-08-21", "2025-08-22"]
    people = [("police-0001", d, 8, 10) for d in days]  # three days, max_days is 2
    people += [("police-0002", d, 10, 12) for d in days[:2]] + [("police-0003", days[2], 10, 12)]
    people.append(("police-0002", days[0], 16, 18))  # rests 4 h: a second shift that day
    roster = [
        {
            "person": p,
            "name": "",
            "role": "police",
            "pool": "police",
            "unit": "",
            "post": "desk",
            "start": f"{d}T{a:02d}:00",
            "end": f"{d}T{b:02d}:00",
        }
        for p, d, a, b in people
    ]
    coverage = [
        {
            "post": "desk",
            "slot_start": f"{d}T{h:02d}:00",
            "slot_end": f"{d}T{h + 1:02d}:00",
            "role_group": "police",
            "required": 1,
            "assigned": 1,
            "shortfall": 0,
        }
        for d in days
        for h in range(8, 12)
    ]
    folder = plan_writer(tmp_path / "plan", roster, coverage, 14.0, scenario_id="expo")
    report = check_plan(scenario, folder)
    assert only(report) == {"shifts-per-day", "max-days"}
    assert found(report, "shifts-per-day") == [
        "works 2 shifts starting on 2025-08-20: 2025-08-20T10:00-12:00, "
        "2025-08-20T16:00-18:00 (at most one a day)"
    ]
    assert found(report, "max-days") == [
        "works on 3 days (2025-08-20, 2025-08-21, 2025-08-22), more than max_days 2"
    ]
    assert {(v.rule, v.subject) for v in report.violations} == {
        ("shifts-per-day", "police-0002"),
        ("max-days", "police-0001"),
    }
