"""The supervisor rows that tighten the LP, on a micro-scenario whose LP bound they raise."""

from __future__ import annotations

import time

import pytest

from eventplan.planning.stages import lay_groundwork
from eventplan.staffing.build import build_model
from eventplan.staffing.colgen import column_generation
from tests.staffing.micro import at, scenario

ROLES = {
    "police": {"cost": 10, "shift_hours": [4, 8]},
    "auxiliary": {"cost": 5, "shift_hours": [8, 8]},
}
PHASES = [
    {"id": "early", "start": at("08:00"), "end": at("12:00")},
    {"id": "late", "start": at("12:00"), "end": at("16:00")},
]
POOLS = [
    {"id": "p", "role": "police", "count": 10},
    {"id": "a", "role": "auxiliary", "count": 10},
]
RULES = {"supervision": [{"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 4}]}


def test_a_need_only_supervised_people_meet_still_needs_a_whole_supervisor():
    # A post needs 2 auxiliaries 08:00-16:00 and an officer 08:00-12:00, at most 4
    # auxiliaries per officer (shifts: officers 4-8 h, auxiliaries 8 h). Any plan: 2
    # auxiliaries (2 x 8 h x 5 = 80) and an officer all 8 h (80), 3 shifts: 160.03. The ratio
    # row alone lets the LP keep half an officer after 12:00, half an 8-hour and half a 4-hour
    # officer: 80 + 40 + 20 and 3 shifts, 140.03. The supervisor row of the auxiliaries' need,
    # "officers + shortfall / 2 >= 1" (nobody counts toward it, or an officer stands there),
    # holds for every plan and lifts the LP to the plan's 160.03.
    needs = [
        {"phases": ["early"], "roles": ["police"], "min": 1},
        {"phases": ["early", "late"], "roles": ["auxiliary"], "min": 2},
    ]
    posts = [{"id": "gate", "node": "g", "priority": "critical", "needs": needs}]
    documented = {"roles": ROLES, "pools": POOLS, "rules": RULES, "posts": posts}
    groundwork = lay_groundwork(scenario(phases=PHASES, **documented))
    model = build_model(
        groundwork.scenario, groundwork.grid, groundwork.requirements, all_columns=False
    )
    relaxation = column_generation(model, None, time.perf_counter() + 30, None)
    assert relaxation.converged
    assert relaxation.bound == pytest.approx(160.03)
