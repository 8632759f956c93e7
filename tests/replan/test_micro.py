"""Hand-derived replans of the micro event (see conftest.py)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pandas as pd
import pytest

from eventplan.checker import check_plan
from eventplan.planning.output import write_plan
from eventplan.replan import Events, NeedChange, read_parent, replan
from eventplan.scenario import from_document
from tests.replan.conftest import solved_folder

AT = datetime(2025, 7, 12, 17, 0)


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    return read_parent(solved_folder(tmp_path_factory.mktemp("three") / "plan", police=3))


@pytest.fixture(scope="module")
def one(tmp_path_factory):
    return read_parent(solved_folder(tmp_path_factory.mktemp("one") / "plan", police=1))


def gate_officer(parent) -> str:
    return next(s.person for s in parent.plan.roster.shifts if s.station_id == "gate")


def passes(plan, folder, parent_dir=None):
    write_plan(plan, folder)
    report = check_plan(plan.scenario, folder, parent_dir)
    assert report.ok, [str(v) for v in report.violations]


def test_one_absent_with_a_free_officer_next_door_is_one_change(three, tmp_path):
    # The gate officer is absent from 17:00: the gate (critical) lacks 1 officer 17-20. One
    # officer is free: a 3-hour shift 17-20 (within 2-4 h) covers it whole, so one change
    # suffices, and none cannot (the critical need would stay uncovered).
    new = replan(three.plan, Events(absent=(gate_officer(three),)), at=AT)
    revision = new.revision
    assert revision.made == 1 and revision.fewest == 1 and revision.proven
    assert new.kpis.uncovered_person_hours["critical"] == 0
    passes(new, tmp_path / "new")


def test_an_absence_nobody_can_fill_changes_nothing_and_names_the_shortfall(one, tmp_path):
    # One officer in all, rostered at the gate (critical outranks the kiosk). Absent from
    # 17:00, nobody is left to send: no change, and the gate lacks 1 officer 17:00-20:00.
    new = replan(one.plan, Events(absent=(gate_officer(one),)), at=AT)
    assert new.revision.made == 0 and new.revision.fewest == 0
    gate = [r for r in new.shortfalls if r.post == "gate"]
    assert [(r.start, r.end, r.missing) for r in gate] == [
        (datetime(2025, 7, 12, 17, 0), datetime(2025, 7, 12, 20, 0), 1)
    ]
    passes(new, tmp_path / "new")


def test_no_events_leave_the_parent_unchanged(three, tmp_path):
    new = replan(three.plan, Events(), at=AT)
    assert new.revision.made == 0
    pd.testing.assert_frame_equal(new.roster_rows(), three.plan.roster_rows())
    pd.testing.assert_frame_equal(new.coverage_rows(), three.plan.coverage_rows())


def test_nothing_before_the_change_differs_from_the_parent(three, tmp_path):
    parent_dir = tmp_path / "parent"
    write_plan(three.plan, parent_dir)
    new = replan(three.plan, Events(absent=(gate_officer(three),)), at=AT)
    passes(new, tmp_path / "new", parent_dir)


def kiosk_officer(parent) -> str:
    return next(s.person for s in parent.plan.roster.shifts if s.station_id == "kiosk")


@pytest.mark.parametrize(
    ("tiers", "made"),
    [
        # Changes outrank the (high, not critical) kiosk: its last hour is left open.
        (("critical", "changes", "shortfall", "cost"), 0),
        # Shortfall outranks changes: the free officer works 17-19 (2 h, the shortest shift)
        # at the kiosk, covering its last hour.
        (("critical", "shortfall", "changes", "cost"), 1),
    ],
)
def test_the_scenario_orders_the_tiers(three, tiers, made):
    document = three.plan.scenario.to_document()
    document["replan"] = {"tiers": list(tiers)}
    plan = dataclasses.replace(three.plan, scenario=from_document(document, file="micro.yaml"))
    new = replan(plan, Events(absent=(kiosk_officer(three),)), at=AT)
    assert new.revision.made == made
    kiosk = [r for r in new.shortfalls if r.post == "kiosk"]
    assert len(kiosk) == (1 - made)


def test_a_closed_post_sends_its_people_home(three, tmp_path):
    # The kiosk closes at 17:00: its officer (16-18) goes home then, a change the event
    # forces; nothing is short, so the replan chooses no change.
    events = Events(close=(("kiosk", datetime(2025, 7, 12, 17, 0)),))
    new = replan(three.plan, events, at=AT)
    assert new.revision.made == 0
    assert [(c.person, c.kind) for c in new.revision.changes] == [
        (kiosk_officer(three), "released")
    ]
    assert not [r for r in new.shortfalls if r.post == "kiosk"]
    passes(new, tmp_path / "new", write_parent(three, tmp_path))


def test_a_new_need_is_met_with_the_fewest_changes(three, tmp_path):
    # The gate needs 2 officers from 18:00: it has 1 (16-20); the free officer works 18-20
    # (2 h, the shortest shift): one change, and none cannot cover the critical need.
    events = Events(need=(NeedChange("gate", "police", 2, datetime(2025, 7, 12, 18, 0)),))
    new = replan(three.plan, events, at=AT)
    assert (new.revision.made, new.revision.fewest) == (1, 1)
    assert new.kpis.uncovered_person_hours["critical"] == 0
    assert "replan2-1" in {w.id for w in new.scenario.event.windows}
    passes(new, tmp_path / "new", write_parent(three, tmp_path))


def write_parent(parent, tmp_path):
    folder = tmp_path / "parent"
    write_plan(parent.plan, folder)
    return folder


def test_people_who_arrived_are_called_in_first(three, tmp_path):
    # Three officers: two rostered, one free. With one more called in (--extra police=1, id
    # police-0004) and the free officer marked as arrived, the arrived officer is sent: people
    # who came after all go before anyone else of their pool.
    rostered = {s.person for s in three.plan.roster.shifts}
    free = sorted({"police-0001", "police-0002", "police-0003"} - rostered)
    events = Events(absent=(gate_officer(three),), arrived=tuple(free), extra={"police": 1})
    new = replan(three.plan, events, at=AT)
    called = [c.person for c in new.revision.changes if c.kind == "called-in"]
    assert called == free
    assert new.scenario.pool("police").count == 4
    passes(new, tmp_path / "new")


def test_a_shift_lengthened_is_one_change(tmp_path_factory, tmp_path):
    # Two officers: the gate's (16-20) and the kiosk's (16-18); nobody free. The kiosk now
    # needs its officer until 20:00 (--need kiosk:police=1 from 17:00 adds 18-20), and the
    # scenario puts shortfall before changes. The kiosk officer's shift can end at 20:00 (4 h,
    # the longest shift): one change, lengthened; moving the gate officer would leave the
    # critical gate short.
    two = read_parent(solved_folder(tmp_path_factory.mktemp("two") / "plan", police=2))
    document = two.plan.scenario.to_document()
    document["replan"] = {"tiers": ["critical", "shortfall", "changes", "cost"]}
    plan = dataclasses.replace(two.plan, scenario=from_document(document, file="micro.yaml"))
    events = Events(need=(NeedChange("kiosk", "police", 1, AT),))
    new = replan(plan, events, at=AT)
    assert [(c.person, c.kind) for c in new.revision.changes] == [
        (kiosk_officer(two), "lengthened")
    ]
    assert (new.revision.made, new.revision.fewest) == (1, 1)
    assert not [r for r in new.shortfalls if r.post == "kiosk"]
    passes(new, tmp_path / "new")
