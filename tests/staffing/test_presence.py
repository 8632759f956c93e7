"""The presence cuts and the rounded supervisor rows: micro cases whose LP they lift to the
integer optimum, worked out by hand."""

from __future__ import annotations

import time

import pytest

from eventplan.planning.stages import lay_groundwork
from eventplan.staffing.build import build_model
from eventplan.staffing.colgen import column_generation
from eventplan.staffing.presence import supervisor_level
from tests.staffing.micro import at, scenario

DAY = [{"id": "main", "start": at("08:00"), "end": at("16:00")}]


def lp_bound(cuts: bool, **sections) -> float:
    groundwork = lay_groundwork(scenario(phases=DAY, **sections))
    model = build_model(
        groundwork.scenario, groundwork.grid, groundwork.requirements, False, cuts=cuts
    )
    relaxation = column_generation(model, None, time.perf_counter() + 30, None)
    assert relaxation.converged
    return relaxation.bound


@pytest.mark.parametrize(
    ("need", "share", "level", "coef"),
    [
        # one officer per 5 counted: a need of 1 wants 1 officer, or the 1 short (coef 1)
        (1, 5, 1, 1.0),
        # 8 counted, 5 per officer: officers + short / 5 >= 1.6 rounds to officers +
        # short / 3 >= 2 (one officer leaves 3 of the 8 short)
        (8, 5, 2, 1 / 3),
        # a multiple: nothing to round, officers + short / 5 >= 1
        (5, 5, 1, 0.2),
        # 2 counted, 4 per officer (the old supervisor row: officers + short / 2 >= 1)
        (2, 4, 1, 0.5),
    ],
)
def test_the_supervisor_level_rounds_the_ratio(need, share, level, coef):
    assert supervisor_level(need, share) == (level, pytest.approx(coef))


def test_a_need_longer_than_a_shift_with_a_break_takes_two_whole_shifts():
    # One officer 08:00-16:00 (32 slots), 8-hour shifts only, each with a 30-minute break
    # (2 slots) somewhere: one shift works at most 30 of the 32 slots. Any plan takes two
    # shifts (2 x 8 h x 1 = 16, plus 0.01 a shift) or leaves the break short at a critical
    # post (far dearer). The LP alone takes a share of several shifts whose breaks fall at
    # different times and pays for less than two. The presence cut "shifts meeting the day +
    # shortfall / 2 >= 2" (32 / 30 rounded up; 32 mod 30 = 2) lifts it to 16.02.
    sections = {
        "roles": {"police": {"cost": 1, "shift_hours": [8, 8]}},
        "rules": {"meal_break": {"after_hours": 6, "minutes": 30}},
    }
    assert lp_bound(False, **sections) < 16.0
    assert lp_bound(True, **sections) == pytest.approx(16.02)


def test_a_need_of_eight_at_four_auxiliaries_per_officer_takes_two_whole_officers():
    # 8 people, police or auxiliary, 08:00-16:00 (8-hour shifts, no break), at most 4
    # auxiliaries per officer. Officers cost 10 an hour, auxiliaries 5. Any plan: 2 officers
    # and 6 auxiliaries, 2 x 80 + 6 x 40 = 400, plus 0.01 a shift: 400.08. The ratio row
    # alone lets the LP take 1.6 officers and 6.4 auxiliaries (384); the rounded supervisor
    # row "officers + short / 3 >= 2" holds in every plan and lifts it to 400.08.
    sections = {
        "roles": {
            "police": {"cost": 10, "shift_hours": [8, 8]},
            "auxiliary": {"cost": 5, "shift_hours": [8, 8]},
        },
        "pools": [
            {"id": "p", "role": "police", "count": 10},
            {"id": "a", "role": "auxiliary", "count": 10},
        ],
        "rules": {"supervision": [{"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 4}]},
        "posts": [
            {
                "id": "barrier",
                "node": "g",
                "priority": "critical",
                "needs": [{"phases": ["main"], "roles": ["police", "auxiliary"], "min": 8}],
            }
        ],
    }
    assert lp_bound(False, **sections) == pytest.approx(384.08, abs=0.02)
    assert lp_bound(True, **sections) == pytest.approx(400.08)
