"""Every plan that ``solve`` returns passes the independent checker."""

from __future__ import annotations

import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventplan.checker import check_plan
from eventplan.planning import solve
from eventplan.planning.output import write_plan
from tests.staffing.micro import at, scenario

HOURS = ["08:00", "10:00", "12:00", "14:00", "16:00", "18:00"]


@st.composite
def scenarios(draw):
    cut = draw(st.integers(1, len(HOURS) - 2))
    phases = [
        {"id": "a", "start": at(HOURS[0]), "end": at(HOURS[cut])},
        {"id": "b", "start": at(HOURS[cut]), "end": at(HOURS[-1])},
    ]
    low = draw(st.integers(1, 4))
    roles = {
        "police": {"cost": 10, "shift_hours": [low, low + draw(st.integers(0, 6))]},
        "guard": {"cost": 3, "shift_hours": [2, 8]},
    }
    pools = [
        {"id": "p", "role": "police", "count": draw(st.integers(1, 12))},
        {
            "id": "g",
            "role": "guard",
            "count": draw(st.integers(0, 12)) or 1,
            "available": {"start": at(HOURS[draw(st.integers(0, 2))]), "end": at("18:00")},
        },
    ]
    posts = []
    for i in range(draw(st.integers(1, 4))):
        needs = [
            {
                "phases": draw(st.sampled_from([["a"], ["b"], ["a", "b"]])),
                "roles": draw(st.sampled_from([["police"], ["guard"], ["police", "guard"]])),
                "min": draw(st.integers(1, 4)),
            }
            for _ in range(draw(st.integers(1, 2)))
        ]
        posts.append(
            {
                "id": f"post{i}",
                "node": "g",
                "priority": draw(st.sampled_from(["critical", "high", "normal", "low"])),
                "needs": needs,
            }
        )
    extra = {}
    if draw(st.booleans()):
        extra["rules"] = {"meal_break": {"after_hours": 4, "minutes": 30}}
    if draw(st.booleans()):
        extra["units"] = [
            {
                "id": "rr",
                "composition": {"police": 1, "guard": 1},
                "count": draw(st.integers(1, 2)),
                "phases": ["b"],
                "standby": "g",
            }
        ]
    return scenario(phases=phases, roles=roles, pools=pools, posts=posts, **extra)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_every_plan_passes_the_checker(s):
    plan = solve(s, time_limit=5, seed=0, workers=1)
    with tempfile.TemporaryDirectory() as folder:
        write_plan(plan, folder)
        report = check_plan(s, folder)
    assert report.ok, report.summary() + "\n" + "\n".join(str(v) for v in report.violations[:10])
