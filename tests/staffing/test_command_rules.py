"""The rules of command in the staffing model, each on a micro-scenario with its optimum
derived by hand (objective = paid hours x role cost + 0.01 per shift, needs fully covered)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from eventplan.planning import solve
from tests.staffing.micro import at, scenario

ROLES = {
    "police": {"cost": 10, "shift_hours": [8, 8]},
    "auxiliary": {"cost": 5, "shift_hours": [8, 8]},
}
POOLS = [
    {"id": "p", "role": "police", "count": 10},
    {"id": "a", "role": "auxiliary", "count": 10},
]


def post(post_id: str, roles: list[str], count: int, **extra) -> dict:
    return {
        "id": post_id,
        "node": "g",
        "priority": "critical",
        "needs": [{"phases": ["main"], "roles": roles, "min": count}],
        **extra,
    }


def standing_unit(composition: dict[str, int], **extra) -> dict:
    """The unit "rr", standing at node "g" through the main phase."""
    return {
        "id": "rr",
        "composition": composition,
        "phases": ["main"],
        "standby": "g",
        "standing": True,
        **extra,
    }


def on_duty(plan, station: str) -> dict[str, np.ndarray]:
    """People of each role working (not on break) at a station, per slot."""
    duty: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(plan.grid.size, np.int64))
    for shift in plan.roster.shifts:
        if shift.station_id == station:
            duty[shift.role][shift.template.working()] += 1
    return duty


def test_without_supervision_auxiliaries_stand_alone():
    # 5 of police or auxiliary for 8 hours: five auxiliaries (5 x 8 h x 5) = 200, 5 shifts.
    s = scenario(roles=ROLES, pools=POOLS, posts=[post("gate", ["police", "auxiliary"], 5)])
    plan = solve(s, seed=1, workers=1)
    assert plan.report.objective == pytest.approx(200.05)


def test_at_most_four_auxiliaries_per_officer():
    # The same post, at most 4 auxiliaries per police officer: 1 officer and 4 auxiliaries,
    # 1 x 8 x 10 + 4 x 8 x 5 = 240, 5 shifts.
    rules = {"supervision": [{"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 4}]}
    s = scenario(
        roles=ROLES, pools=POOLS, rules=rules, posts=[post("gate", ["police", "auxiliary"], 5)]
    )
    plan = solve(s, seed=1, workers=1)
    assert plan.report.status == "optimal"
    assert plan.report.objective == pytest.approx(240.05)
    duty = on_duty(plan, "gate")
    assert np.all(duty["auxiliary"] <= 4 * duty["police"])


def test_auxiliaries_only_where_an_officer_is():
    # Two of police or auxiliary; auxiliaries only with an officer present: 1 officer and 1
    # auxiliary (80 + 40 = 120) beat two officers (160).
    rules = {"supervision": [{"roles": ["auxiliary"], "by": ["police"]}]}
    s = scenario(
        roles=ROLES, pools=POOLS, rules=rules, posts=[post("gate", ["police", "auxiliary"], 2)]
    )
    plan = solve(s, seed=1, workers=1)
    assert plan.report.objective == pytest.approx(120.02)
    duty = on_duty(plan, "gate")
    assert np.all((duty["auxiliary"] == 0) | (duty["police"] >= 1))


def test_the_only_officer_goes_where_he_can_also_supervise():
    # One officer (2-6 h, 30 min meal break after 5 h) and one auxiliary (2-3 h) who works
    # only beside him; 08:00-14:00 three posts need an officer, the third an auxiliary too.
    # Best: the officer 6 h at the third post (5.5 h worked), the auxiliary 3 h beside him:
    # short 6 + 6 (the other posts) + 0.5 (the break) + 3 (the auxiliary) = 15.5 h. With the
    # officer anywhere else the auxiliary cannot work: 18.5 h. (The station block's supervisor
    # cut must keep its shortfall term, or the block bound claims 18.5 is the best.)
    roles = {
        "police": {"cost": 10, "shift_hours": [2, 6]},
        "auxiliary": {"cost": 5, "shift_hours": [2, 3]},
    }
    pools = [
        {"id": "p", "role": "police", "count": 1},
        {"id": "x", "role": "auxiliary", "count": 1},
    ]
    rules = {
        "meal_break": {"after_hours": 5, "minutes": 30},
        "supervision": [{"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 1}],
    }
    need = {"phases": ["main"], "roles": ["police"], "min": 1}
    posts = [
        {"id": "a", "node": "g", "priority": "critical", "needs": [need]},
        {"id": "b", "node": "g", "priority": "critical", "needs": [need]},
        {
            "id": "c",
            "node": "g",
            "priority": "critical",
            "needs": [need, {"phases": ["main"], "roles": ["auxiliary"], "min": 1}],
        },
    ]
    phases = [{"id": "main", "start": at("08:00"), "end": at("14:00")}]
    s = scenario(roles=roles, pools=pools, rules=rules, posts=posts, phases=phases)
    plan = solve(s, seed=0, workers=1)
    assert plan.report.status.value == "optimal"
    assert plan.kpis.uncovered_person_hours["critical"] == pytest.approx(15.5)
    assert {shift.station_id for shift in plan.roster.shifts} == {"c"}


def test_venue_wide_supervision_counts_every_post():
    # Two posts of 2 police-or-auxiliary each, at most 4 auxiliaries per officer venue-wide:
    # 1 officer and 3 auxiliaries in all (80 + 120 = 200), 4 shifts. Per post it would take
    # an officer at each post (2 x 80 + 2 x 40 = 240).
    rules = {
        "supervision": [
            {"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 4, "scope": "venue"}
        ]
    }
    posts = [post("a", ["police", "auxiliary"], 2), post("b", ["police", "auxiliary"], 2)]
    plan = solve(scenario(roles=ROLES, pools=POOLS, rules=rules, posts=posts), seed=1, workers=1)
    assert plan.report.objective == pytest.approx(200.04)


def test_no_handover_inside_a_window():
    # One officer 08:00-16:00, shifts of 4 to 6 hours. Without a window: 08-12 and 12-16,
    # 8 hours. With no handover in [11:00, 13:00): the first shift must end at 13:00 or 14:00
    # (at least 4 h, at most 6 h, not inside the window) and the second start before 11:00 to
    # reach 16:00 in at most 6 h: 08-13 and 10-16, 11 hours in all.
    roles = {"police": {"cost": 1, "shift_hours": [4, 6]}}
    free = solve(scenario(roles=roles), seed=1, workers=1)
    assert free.report.objective == pytest.approx(8.02)
    windowed = scenario(
        roles=roles,
        windows=[{"id": "peak", "start": at("11:00"), "end": at("13:00")}],
        rules={"no_handover": ["peak"]},
    )
    plan = solve(windowed, seed=1, workers=1)
    assert plan.report.objective == pytest.approx(11.02)
    for shift in plan.roster.shifts:
        for moment in (shift.start, shift.end):
            assert not (at("11:00") <= moment.isoformat()[:16] < at("13:00"))


def test_a_standing_unit_keeps_its_people_all_day():
    # A unit of 2 officers for 08:00-16:00 with meal breaks after 6 hours: standing, it is
    # the same two officers all day without a break (2 x 8 h = 16, 2 shifts), one of them its
    # leader. The post's officer cannot work 8 h without a break there: 08-12 and 12-16 (8 h,
    # 2 shifts), 24.04 in all.
    s = scenario(
        roles={"police": {"cost": 1, "shift_hours": [4, 8]}},
        rules={"meal_break": {"after_hours": 6, "minutes": 30}},
        units=[standing_unit({"police": 2}, leader="police")],
    )
    plan = solve(s, seed=1, workers=1)
    members = [sh for sh in plan.roster.shifts if sh.station_id == "rr"]
    assert plan.report.objective == pytest.approx(24.04)
    assert len(members) == 2
    assert all(sh.template.break_start < 0 for sh in members)
    assert {(sh.start.hour, sh.end.hour) for sh in members} == {(8, 16)}
    assert sorted(lead for sh in members for lead in sh.leads) == ["", "rr#1"]


def test_relieved_crews_hand_over_whole():
    # A unit of one officer and one auxiliary for 08:00-16:00, shifts of exactly 4 hours:
    # two crews, 08-12 and 12-16, each of both roles; 4 shifts x 4 h x 1 = 16 plus the post.
    s = scenario(
        roles={
            "police": {"cost": 1, "shift_hours": [4, 4]},
            "auxiliary": {"cost": 1, "shift_hours": [4, 4]},
        },
        pools=POOLS,
        units=[standing_unit({"police": 1, "auxiliary": 1}, relief=True)],
    )
    plan = solve(s, seed=1, workers=1)
    crews = defaultdict(set)
    for shift in plan.roster.shifts:
        if shift.station_id == "rr":
            crews[(shift.start, shift.end)].add(shift.role)
    assert sorted((a.hour, b.hour) for a, b in crews) == [(8, 12), (12, 16)]
    assert all(roles == {"police", "auxiliary"} for roles in crews.values())


def test_relieved_crews_never_overlap():
    # The unit stands 08:00-16:00 (8 h) and shifts last exactly 6 h inside the event: two
    # crews overlapping for 4 h would cover it all, but a unit is one crew at a time. So one
    # crew of 6 h and 2 h short, whatever the shortfall costs.
    s = scenario(
        roles={"police": {"cost": 1, "shift_hours": [6, 6]}},
        posts=[post("post", ["police"], 1, priority="low")],
        units=[standing_unit({"police": 1}, relief=True)],
    )
    for blocks in (False, True):
        plan = solve(s, seed=1, workers=1, blocks=blocks)
        assert on_duty(plan, "rr")["police"].max() == 1
        assert plan.kpis.uncovered_person_hours["critical"] == pytest.approx(2.0)


def test_a_briefing_is_paid_but_not_coverage():
    # One officer 08:00-16:00 briefed for 30 minutes first: one shift 07:30-16:00 (8.5 h).
    s = scenario(
        roles={
            "police": {"cost": 1, "shift_hours": [4, 9], "briefing": {"minutes": 30, "node": "g"}}
        }
    )
    plan = solve(s, seed=1, workers=1)
    assert plan.report.objective == pytest.approx(8.51)
    rows = plan.roster_rows()
    briefing = rows[rows["post"] == "briefing:g"]
    assert list(briefing[["start", "end"]].iloc[0]) == [at("07:30"), at("08:00")]
    assert plan.kpis.uncovered_person_hours["critical"] == 0


def test_a_reserve_is_kept_free():
    # The post's officer and 2 in reserve all day: 3 x 8 h = 24, 3 shifts; at 25 % of the 10
    # officers (ceil 2.5 = 3) the reserve holds 3: 32.04.
    reserve = {"id": "res", "roles": ["police"], "phases": ["main"], "node": "g"}
    fixed = solve(scenario(reserves=[{**reserve, "min": 2}]), seed=1, workers=1)
    assert fixed.report.objective == pytest.approx(24.03)
    assert {s.station_id for s in fixed.roster.shifts} == {"post", "res"}
    shared = solve(scenario(reserves=[{**reserve, "share": 0.25}]), seed=1, workers=1)
    assert shared.report.objective == pytest.approx(32.04)


def test_a_sector_leader_is_on_duty_while_its_posts_are():
    # The post needs an officer 08-16; its sector's leader too: 2 x 8 h = 16.
    s = scenario(sectors=[{"id": "north", "posts": ["post"], "leader": {"role": "police"}}])
    plan = solve(s, seed=1, workers=1)
    assert plan.report.objective == pytest.approx(16.02)
    (leader,) = [sh for sh in plan.roster.shifts if sh.station_id == "north"]
    assert leader.leads == ("north",)
    (sector,) = plan.document["sectors"]
    assert [row["person"] for row in sector["leaders"]] == [leader.person]


def test_a_tagged_need_is_met_only_by_people_with_the_tag():
    # 2 officers, one of them a female searcher, for 8 hours. The female searcher counts for
    # both needs: 2 people (16.02), one from the tagged pool.
    s = scenario(
        pools=[
            {"id": "p", "role": "police", "count": 10},
            {"id": "f", "role": "police", "count": 3, "tags": ["female-searcher"]},
        ],
        posts=[
            {
                "id": "post",
                "node": "g",
                "priority": "critical",
                "needs": [
                    {"phases": ["main"], "roles": ["police"], "min": 2},
                    {
                        "phases": ["main"],
                        "roles": ["police"],
                        "tags": ["female-searcher"],
                        "min": 1,
                    },
                ],
            }
        ],
        roles={"police": {"cost": 1, "shift_hours": [8, 8]}},
    )
    plan = solve(s, seed=1, workers=1)
    assert plan.report.objective == pytest.approx(16.02)
    assert sorted(sh.pool for sh in plan.roster.shifts) == ["f", "p"]
    groups = set(plan.coverage["role_group"])
    assert groups == {"police", "police[female-searcher]"}


def test_minimising_people_reuses_the_same_officer_each_day():
    # One officer 08-16 on each of two days, rested 11 h: two shifts (16 h) either way; by
    # cost the roster spreads them over two people, minimising people draws one
    # (16.02 + 200 for the person drawn).
    days = {
        "days": ["2025-07-12", "2025-07-13"],
        "phases": [{"id": "main", "start": "08:00", "end": "16:00"}],
    }
    spread = solve(scenario(**days), seed=1, workers=1)
    assert spread.kpis.staff_total == 2
    lean = solve(scenario(**days, objective={"minimise": "people"}), seed=1, workers=1)
    assert lean.report.objective == pytest.approx(216.02)
    assert lean.kpis.staff_total == 1


def test_a_need_may_name_a_window_instead_of_a_phase():
    # An officer all day and a second one in the 09:00-10:00 peak, shifts of 4 to 8 hours:
    # two shifts, one from 08:00 (at least 4 h, so to 12:00 or later) and one to 16:00 that
    # starts by 09:00 (at least 7 h): 08-12 and 09-16, 11 hours.
    s = scenario(
        roles={"police": {"cost": 1, "shift_hours": [4, 8]}},
        windows=[{"id": "peak", "start": at("09:00"), "end": at("10:00")}],
        posts=[
            {
                "id": "post",
                "node": "g",
                "priority": "critical",
                "needs": [
                    {"phases": ["main"], "roles": ["police"], "min": 1},
                    {"phases": ["peak"], "roles": ["police"], "min": 2},
                ],
            }
        ],
    )
    plan = solve(s, seed=1, workers=1)
    assert plan.report.objective == pytest.approx(11.02)
