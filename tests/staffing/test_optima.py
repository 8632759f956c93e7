"""Micro-scenarios whose optimum is derived by hand, one per constraint family."""

from __future__ import annotations

import pytest

from eventplan.planning import solve
from tests.staffing.micro import at, scenario

PHASES = [
    {"id": "early", "start": at("08:00"), "end": at("10:00")},
    {"id": "peak", "start": at("10:00"), "end": at("12:00")},
    {"id": "late", "start": at("12:00"), "end": at("16:00")},
]


def uncovered(plan, priority: str = "critical") -> float:
    return plan.kpis.uncovered_person_hours[priority]


def test_interval_needs_cost_the_required_person_hours():
    # 2 police 08:00-16:00 and 3 during 10:00-12:00, shifts of 4 to 8 hours. The need alone
    # is 2 x 8 + 1 x 2 = 18 police-hours, a lower bound on paid hours; 08-16, 08-12 and 10-16
    # (8 + 4 + 6 hours) meet it exactly, so the optimum is 18 police-hours.
    s = scenario(
        phases=PHASES,
        posts=[
            {
                "id": "post",
                "node": "g",
                "priority": "critical",
                "needs": [
                    {"phases": ["early", "peak", "late"], "roles": ["police"], "min": 2},
                    {"phases": ["peak"], "roles": ["police"], "min": 3},
                ],
            }
        ],
    )
    plan = solve(s, seed=1, workers=1)
    assert plan.report.status == "optimal"
    assert plan.cost == pytest.approx(18.0)
    assert uncovered(plan) == 0


def test_minimum_shift_length_is_paid_in_full():
    # One police officer 10:00-11:00 with 4-to-8-hour shifts: one 4-hour shift, cost 4.
    s = scenario(
        phases=[
            {"id": "main", "start": at("08:00"), "end": at("16:00")},
            {"id": "short", "start": at("16:00"), "end": at("17:00")},
        ],
        posts=[
            {
                "id": "post",
                "node": "g",
                "needs": [{"phases": ["short"], "roles": ["police"], "min": 1}],
            }
        ],
    )
    plan = solve(s)
    assert plan.cost == pytest.approx(4.0)
    (shift,) = plan.roster.shifts
    assert shift.hours == pytest.approx(4.0)


def test_long_need_is_split_into_legal_shifts():
    # 06:00-20:00 (14 h) with shifts of at most 8 h: two shifts whose lengths add up to 14.
    s = scenario(phases=[{"id": "main", "start": at("06:00"), "end": at("20:00")}])
    plan = solve(s)
    assert plan.cost == pytest.approx(14.0)
    assert all(4 <= sh.hours <= 8 for sh in plan.roster.shifts)
    assert uncovered(plan) == 0


def test_one_person_counts_toward_every_need_listing_their_role():
    # "police 1" plus "police or auxiliary 4": four people, one of them police. 4 h at police
    # cost 10 and three auxiliaries at cost 5: 40 + 60 = 100.
    s = scenario(
        phases=[{"id": "main", "start": at("08:00"), "end": at("12:00")}],
        roles={
            "police": {"cost": 10, "shift_hours": [4, 8]},
            "auxiliary": {"cost": 5, "shift_hours": [4, 8]},
        },
        pools=[
            {"id": "p", "role": "police", "count": 10},
            {"id": "a", "role": "auxiliary", "count": 10},
        ],
        posts=[
            {
                "id": "post",
                "node": "g",
                "priority": "high",
                "needs": [
                    {"phases": ["main"], "roles": ["police"], "min": 1},
                    {"phases": ["main"], "roles": ["police", "auxiliary"], "min": 4},
                ],
            }
        ],
    )
    plan = solve(s)
    assert plan.cost == pytest.approx(100.0)
    assert plan.kpis.staff_by_role == {"auxiliary": 3, "police": 1}


def test_screening_staff_follow_the_arrival_rate_capped_by_lanes():
    # 6,000 arrive 16:00-17:00: 100 per minute; this gate takes half: 50/min; 5 per lane per
    # minute wants 10 lanes, capped at 8 lanes x 2 staff = 16 guards for that hour. Guards
    # work 1-8 h shifts at cost 3: 16 x 1 h x 3 = 48.
    s = scenario(
        attendance=6000,
        phases=[{"id": "ingress", "start": at("16:00"), "end": at("17:00")}],
        arrivals=[{"start": at("16:00"), "end": at("17:00"), "share": 1.0}],
        roles={"guard": {"cost": 3, "shift_hours": [1, 8]}},
        pools=[{"id": "gd", "role": "guard", "count": 50}],
        posts=[
            {
                "id": "gate",
                "node": "g",
                "priority": "critical",
                "screening": {
                    "lanes": 8,
                    "persons_per_lane_per_minute": 5,
                    "staff_per_lane": 2,
                    "arrival_share": 0.5,
                    "roles": ["guard"],
                },
            }
        ],
    )
    plan = solve(s)
    assert plan.coverage["required"].max() == 16
    assert plan.cost == pytest.approx(48.0)


def test_ratio_adds_people_on_duty_anywhere():
    # 1,000 attendees at one per 100: 10 police or guards on duty 08:00-12:00. The post needs
    # 2 police and 1 guard; the cheapest way to 10 is 2 police + 8 guards for 4 h:
    # 2 x 4 x 10 + 8 x 4 x 3 = 80 + 96 = 176.
    s = scenario(
        phases=[{"id": "main", "start": at("08:00"), "end": at("12:00")}],
        roles={
            "police": {"cost": 10, "shift_hours": [4, 8]},
            "guard": {"cost": 3, "shift_hours": [4, 8]},
        },
        pools=[
            {"id": "p", "role": "police", "count": 10},
            {"id": "gd", "role": "guard", "count": 20},
        ],
        posts=[
            {
                "id": "post",
                "node": "g",
                "needs": [
                    {"phases": ["main"], "roles": ["police"], "min": 2},
                    {"phases": ["main"], "roles": ["guard"], "min": 1},
                ],
            }
        ],
        rules={"ratios": [{"roles": ["police", "guard"], "per_attendees": 100}]},
    )
    plan = solve(s)
    assert plan.cost == pytest.approx(176.0)
    assert uncovered(plan) == 0


def test_meal_break_is_a_hole_another_shift_must_cover():
    # One police officer 08:00-16:00; shifts of 7-8 h, which all exceed the 6 h meal-break
    # threshold, so each has a 30-minute hole. One shift cannot cover; two shifts of 7 h
    # (08-15 and 09-16) cover each other's breaks: 14 h is optimal (two shifts of >= 7 h).
    s = scenario(
        roles={"police": {"cost": 1, "shift_hours": [7, 8]}},
        rules={"meal_break": {"after_hours": 6, "minutes": 30}},
    )
    plan = solve(s)
    assert uncovered(plan) == 0
    assert plan.cost == pytest.approx(14.0)
    assert all(sh.template.break_start >= 0 for sh in plan.roster.shifts)


def test_unit_draws_its_whole_composition_over_its_phases():
    # Two units of 2 police over 08:00-12:00: 4 officers x 4 h = 16.
    s = scenario(
        phases=[{"id": "main", "start": at("08:00"), "end": at("12:00")}],
        posts=[
            {
                "id": "post",
                "node": "g",
                "priority": "normal",
                "needs": [{"phases": ["main"], "roles": ["police"], "min": 1}],
            }
        ],
        units=[
            {
                "id": "rr",
                "composition": {"police": 2},
                "count": 2,
                "phases": ["main"],
                "standby": "g",
            }
        ],
    )
    plan = solve(s)
    assert plan.cost == pytest.approx(20.0)  # 16 for the units + 4 for the post
    labels = {label for sh in plan.roster.shifts if sh.station_id == "rr" for label in sh.instance}
    assert labels == {"rr#1", "rr#2"}


def test_exhausted_pool_leaves_a_named_shortfall():
    # Two police needed 08:00-12:00, one exists: 4 critical person-hours uncovered.
    s = scenario(
        phases=[{"id": "main", "start": at("08:00"), "end": at("12:00")}],
        pools=[{"id": "p", "role": "police", "count": 1}],
        posts=[
            {
                "id": "post",
                "node": "g",
                "priority": "critical",
                "needs": [{"phases": ["main"], "roles": ["police"], "min": 2}],
            }
        ],
    )
    plan = solve(s)
    assert uncovered(plan) == pytest.approx(4.0)
    (run,) = plan.shortfalls
    assert run.missing == 1 and "exhausted" in run.cause


def test_unavailable_hours_are_explained():
    # The pool arrives at 10:00; 08:00-10:00 cannot be covered by anyone.
    s = scenario(
        phases=[{"id": "main", "start": at("08:00"), "end": at("14:00")}],
        pools=[
            {
                "id": "p",
                "role": "police",
                "count": 5,
                "available": {"start": at("10:00"), "end": at("14:00")},
            }
        ],
    )
    plan = solve(s)
    assert uncovered(plan) == pytest.approx(2.0)
    (run,) = plan.shortfalls
    assert "available" in run.cause


def test_availability_shorter_than_any_shift_is_explained():
    s = scenario(
        phases=[{"id": "main", "start": at("08:00"), "end": at("14:00")}],
        pools=[
            {
                "id": "p",
                "role": "police",
                "count": 5,
                "available": {"start": at("10:00"), "end": at("12:00")},
            }
        ],
    )
    plan = solve(s)
    assert plan.roster.shifts == ()
    assert any("no allowed shift" in r.cause for r in plan.shortfalls)


def test_far_too_few_people_still_solves_and_explains():
    s = scenario(
        pools=[{"id": "p", "role": "police", "count": 1}],
        posts=[
            {
                "id": f"post{i}",
                "node": "g",
                "priority": "critical",
                "needs": [{"phases": ["main"], "roles": ["police"], "min": 50}],
            }
            for i in range(5)
        ],
    )
    plan = solve(s)
    assert plan.report.status in ("optimal", "feasible")
    assert uncovered(plan) > 0
    assert all(run.cause for run in plan.shortfalls)
