"""Every plan ``solve`` returns under the rules of command passes the independent checker."""

from __future__ import annotations

import tempfile

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from eventplan.checker import check_plan
from eventplan.errors import InputError
from eventplan.planning import solve
from eventplan.planning.output import write_plan
from tests.staffing.micro import at, scenario

HOURS = ["08:00", "10:00", "12:00", "14:00", "16:00", "18:00"]
ROLES = ["police", "auxiliary", "guard"]


@st.composite
def ruled(draw):
    cut = draw(st.integers(1, len(HOURS) - 2))
    phases = [
        {"id": "a", "start": at(HOURS[0]), "end": at(HOURS[cut])},
        {"id": "b", "start": at(HOURS[cut]), "end": at(HOURS[-1])},
    ]
    low = draw(st.integers(2, 4))
    roles = {
        r: {"cost": c, "shift_hours": [low, low + draw(st.integers(0, 6))]}
        for r, c in zip(ROLES, (10, 5, 3), strict=True)
    }
    if draw(st.booleans()):
        roles["police"]["briefing"] = {"minutes": 30, "node": "g"}
    pools = [
        {"id": "p", "role": "police", "count": draw(st.integers(1, 8))},
        {"id": "x", "role": "auxiliary", "count": draw(st.integers(1, 8))},
        {"id": "s", "role": "guard", "count": draw(st.integers(1, 8)), "tags": ["searcher"]},
    ]
    posts = [_post(draw, i) for i in range(draw(st.integers(1, 3)))]
    rules = {"meal_break": {"after_hours": 5, "minutes": 30}} if draw(st.booleans()) else {}
    if draw(st.booleans()):
        rules["supervision"] = [
            {"roles": ["auxiliary"], "by": ["police"], "per_supervisor": draw(st.integers(1, 4))}
        ]
    windows = []
    if draw(st.booleans()):
        start = draw(st.sampled_from(["10:00", "12:00", "14:00"]))
        end = {"10:00": "11:00", "12:00": "13:00", "14:00": "15:00"}[start]
        windows = [{"id": "peak", "start": at(start), "end": at(end)}]
        rules["no_handover"] = ["peak"]
    extra = _forces(draw)
    try:
        return scenario(
            phases=phases,
            windows=windows,
            roles=roles,
            pools=pools,
            posts=posts,
            rules=rules,
            **extra,
        )
    except InputError:  # e.g. a standing unit longer than a shift: not a case to solve
        assume(False)


def _post(draw, i: int) -> dict:
    needs = [
        {
            "phases": draw(st.sampled_from([["a"], ["b"], ["a", "b"]])),
            "roles": draw(
                st.sampled_from([["police"], ["auxiliary"], ["police", "auxiliary"], ["guard"]])
            ),
            "min": draw(st.integers(1, 3)),
        }
        for _ in range(draw(st.integers(1, 2)))
    ]
    if draw(st.booleans()):
        needs.append({"phases": ["b"], "roles": ["guard"], "tags": ["searcher"], "min": 1})
    return {"id": f"post{i}", "node": "g", "priority": "critical", "needs": needs}


def _forces(draw) -> dict:
    extra: dict = {}
    if draw(st.booleans()):
        extra["units"] = [
            {
                "id": "rr",
                "composition": {"police": 1, "auxiliary": 1},
                "phases": ["b"],
                "standby": "g",
                "standing": True,
                "relief": draw(st.booleans()),
                "leader": "police",
            }
        ]
    if draw(st.booleans()):
        extra["sectors"] = [{"id": "north", "posts": ["post0"], "leader": {"role": "police"}}]
    if draw(st.booleans()):
        extra["reserves"] = [
            {"id": "res", "roles": ["guard"], "phases": ["a"], "min": 1, "node": "g"}
        ]
    return extra


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ruled())
def test_every_plan_under_the_rules_passes_the_checker(s):
    plan = solve(s, time_limit=5, seed=0, workers=1)
    with tempfile.TemporaryDirectory() as folder:
        write_plan(plan, folder)
        report = check_plan(s, folder)
    assert report.ok, report.summary() + "\n" + "\n".join(str(v) for v in report.violations[:10])
