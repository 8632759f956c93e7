"""Properties of replans of generated events: the past never changes, and the checker accepts
every replanned plan (against the parent too)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventplan.checker import check_plan
from eventplan.generate import Spec, generate
from eventplan.planning import solve
from eventplan.planning.output import write_plan
from eventplan.replan import Events, read_parent, replan


@pytest.fixture(scope="module", params=[3, 11])
def parent(request, tmp_path_factory):
    scenario = generate(Spec(staff=80, posts=6, seed=request.param, hours=10, slot_minutes=30))
    folder = tmp_path_factory.mktemp(f"gen{request.param}") / "plan"
    write_plan(solve(scenario, time_limit=20, workers=1, seed=0), folder)
    return folder, read_parent(folder)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_replans_keep_the_past_and_pass_the_checker(parent, tmp_path_factory, data):
    folder, read = parent
    plan = read.plan
    grid = plan.grid
    slot = data.draw(st.integers(1, grid.size - 2), label="slot")
    at = grid.start(slot)
    people = sorted({s.person for s in plan.roster.shifts if s.end > at})
    absent = data.draw(st.lists(st.sampled_from(people), max_size=8, unique=True), label="absent")
    pools = [p.id for p in plan.scenario.pools]
    extra = data.draw(st.dictionaries(st.sampled_from(pools), st.integers(1, 3), max_size=1))
    new = replan(plan, Events(absent=tuple(absent), extra=extra), at=at)
    out = tmp_path_factory.mktemp("new") / "plan"
    write_plan(new, out)
    report = check_plan(new.scenario, out, folder)
    assert report.ok, [str(v) for v in report.violations][:10]
    changed = {c.person for c in new.revision.changes}
    assert all(c.start >= at - timedelta(minutes=grid.slot_minutes) for c in new.revision.changes)
    assert set(absent) <= changed | {p for p in absent if p not in people}
