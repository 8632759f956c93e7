"""``--suggest POST``: people on duty elsewhere and free people, best first."""

from __future__ import annotations

from datetime import datetime

from eventplan.replan import Events, read_parent, replan
from eventplan.replan.api import walking_minutes
from eventplan.replan.output import suggest
from tests.replan.conftest import solved_document, solved_folder, two_days


def suggestions(folder, at: datetime, post: str):
    parent = read_parent(folder)
    plan = replan(parent.plan, Events(), at=at)
    first = plan.grid.index(at)
    posts = {p.id for p in plan.scenario.posts}
    return suggest(plan, post, first, walking_minutes(plan.scenario, posts, {post}))


def test_a_free_officer_comes_before_one_who_would_leave_a_gap(tmp_path):
    # At 17:00 the kiosk officer (16-18) could go to the gate, leaving the kiosk 1 slot
    # short (17-18); the free officer leaves nothing uncovered, on the shortest legal shift
    # at the gate from 17:00 (2 h: 17-19). Free first, then the kiosk officer.
    folder = solved_folder(tmp_path / "plan", police=3)
    found = suggestions(folder, datetime(2025, 7, 12, 17, 0), "gate")
    rostered = {s.person for s in read_parent(folder).plan.roster.shifts}
    free = ({"police-0001", "police-0002", "police-0003"} - rostered).pop()
    best = found[0]
    assert (best.person, best.post, best.leaves, best.span) == (free, "", 0, "17:00-19:00")
    assert [(s.post, s.leaves) for s in found[1:]] == [("kiosk", 1)]


def test_someone_who_worked_the_day_before_is_free_the_next(tmp_path):
    # Two days; three officers. On the second day one of them has no shift: they worked the
    # first day (16-18 at most), 23 hours before, more than the 11 hours of rest.
    folder = solved_document(two_days(police=3), tmp_path / "plan")
    plan = read_parent(folder).plan
    second = {s.person for s in plan.roster.shifts if s.template.day == 1}
    first = {s.person for s in plan.roster.shifts if s.template.day == 0}
    found = suggestions(folder, datetime(2025, 7, 13, 17, 0), "gate")
    free = [s.person for s in found if not s.post]
    assert free and set(free) <= first - second
