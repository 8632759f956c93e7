"""Posts opened from a time, and closures and new needs on multi-day events."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import numpy as np
import pytest

from eventplan.checker import check_plan
from eventplan.cli import main
from eventplan.planning.output import write_plan
from eventplan.replan import Events, NeedChange, read_parent, replan
from eventplan.scenario import from_document
from tests.replan.conftest import solved_document, solved_folder, two_days

AT = datetime(2025, 7, 12, 17, 0)
DAY2 = datetime(2025, 7, 13, 17, 0)


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    folder = solved_folder(tmp_path_factory.mktemp("three") / "plan", police=3)
    return folder, read_parent(folder)


@pytest.fixture(scope="module")
def days(tmp_path_factory):
    folder = solved_document(two_days(police=3), tmp_path_factory.mktemp("days") / "plan")
    return folder, read_parent(folder)


def checked(new, tmp_path, parent_dir):
    out = tmp_path / "new"
    write_plan(new, out)
    report = check_plan(new.scenario, out, parent_dir)
    assert report.ok, [str(v) for v in report.violations]


def required(plan, post: str) -> np.ndarray:
    """People the post requires in each slot (its role groups together, most of any)."""
    demands = [d for d in plan.staffing.model.requirements.all_demands() if d.station_id == post]
    return np.max([d.required for d in demands], axis=0)


def shortfall_first(parent):
    document = parent.plan.scenario.to_document()
    document["replan"] = {"tiers": ["critical", "shortfall", "changes", "cost"]}
    return dataclasses.replace(parent.plan, scenario=from_document(document, file="micro.yaml"))


def test_a_post_opened_again_is_covered_with_one_change(three, tmp_path):
    # The kiosk needs 1 officer 16-18 (its phase), then closes. Opened from 18:00, it needs 1
    # (its last level) to 20:00. The kiosk officer (16-18) can stay to 20:00 (4 h, the
    # longest shift) or the free officer work 18-20 (2 h): one change either way, and with
    # shortfall before changes none is not enough.
    folder, parent = three
    events = Events(reopen=(("kiosk", datetime(2025, 7, 12, 18, 0)),))
    new = replan(shortfall_first(parent), events, at=AT)
    assert (new.revision.made, new.revision.fewest) == (1, 1)
    assert required(new, "kiosk").tolist() == [1, 1, 1, 1]
    assert not [r for r in new.shortfalls if r.post == "kiosk"]
    checked(new, tmp_path, folder)


def test_a_closure_on_the_second_day_leaves_the_first_as_it_was(days, tmp_path):
    # Two days of 4 one-hour slots (16-20). The kiosk closes at 17:00 on the second day: it
    # still needs 1 officer 16-18 on the first and 16-17 on the second; its officer of the
    # second day is sent home at 17:00 (forced, no change chosen).
    folder, parent = days
    events = Events(close=(("kiosk", DAY2),))
    new = replan(parent.plan, events, at=DAY2)
    assert new.revision.made == 0
    assert required(new, "kiosk").tolist() == [1, 1, 0, 0, 1, 0, 0, 0]
    assert [c.kind for c in new.revision.changes] == ["released"]
    checked(new, tmp_path, folder)


def test_a_new_need_on_the_second_day_is_met_there_only(days, tmp_path):
    # The gate needs 2 officers from 18:00 on the second day (it had 1): slots 6 and 7 of
    # the two days' 8; the first day keeps 1. The free officer of the second day works
    # 18-20 (the shortest shift): one change.
    folder, parent = days
    events = Events(need=(NeedChange("gate", "police", 2, datetime(2025, 7, 13, 18, 0)),))
    new = replan(parent.plan, events, at=DAY2)
    assert required(new, "gate").tolist() == [1, 1, 1, 1, 1, 1, 2, 2]
    assert (new.revision.made, new.revision.fewest) == (1, 1)
    assert new.kpis.uncovered_person_hours["critical"] == 0
    checked(new, tmp_path, folder)


def test_a_new_need_on_the_first_day_ends_with_that_day(days, tmp_path):
    # On a multi-day event a change holds to the end of its working day: the gate needs 2
    # from 18:00 on the first day only (slots 2 and 3), the second keeps 1.
    folder, parent = days
    events = Events(need=(NeedChange("gate", "police", 2, datetime(2025, 7, 12, 18, 0)),))
    new = replan(parent.plan, events, at=AT)
    assert required(new, "gate").tolist() == [1, 1, 2, 2, 1, 1, 1, 1]
    checked(new, tmp_path, folder)


def test_times_of_day_on_the_command_line_fall_on_the_day_of_the_change(days, tmp_path):
    folder, _parent = days
    out = tmp_path / "new"
    code = main(["replan", str(folder), "--at", "2025-07-13T17:00", "--close", "kiosk",
                 "--need", "gate:police=2@18:00", "-o", str(out), "--no-map"])  # fmt: skip
    assert code == 0
    assert main(["check", str(out / "scenario.json"), str(out), "--parent", str(folder)]) == 0
    windows = {w.id: (w.start, w.end) for w in read_parent(out).plan.scenario.event.windows}
    assert windows["replan2-3"] == (datetime(2025, 7, 13, 18, 0), datetime(2025, 7, 13, 20, 0))
