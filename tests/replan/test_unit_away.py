"""A unit sent away on the second day of a multi-day event."""

from __future__ import annotations

import csv

import pytest

from eventplan.checker import check_plan
from eventplan.cli import main
from eventplan.replan import read_parent
from eventplan.scenario import load
from tests.replan.conftest import solved_document, two_days


@pytest.fixture(scope="module")
def with_unit(tmp_path_factory):
    # Two days of 4 one-hour slots (16-20), four officers. Each day the gate needs 1 officer
    # 16-20, the kiosk 1 officer 16-18, and the standing unit `rrt` (one officer) stands
    # 18-20 (the show): three officers a day, one of them the unit's crew on both days.
    doc = two_days(police=4)
    doc["units"] = [
        {"id": "rrt", "composition": {"police": 1}, "phases": ["show"], "standing": True}
    ]
    return solved_document(doc, tmp_path_factory.mktemp("unit") / "plan")


def rows(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize("unit", ["rrt", "rrt#1"])
def test_a_unit_away_on_the_second_day_is_one_line_and_no_change(with_unit, tmp_path, unit):
    # At 17:00 on 13 July the unit (or its one crew) is sent away 18:00-19:00, times of day on
    # the day of --at. Its member's shift that day (18-20) overlaps: one `away` line, from
    # 18:00. The same member's shift on 12 July (18-20) does not (a day earlier): no line.
    # Nobody replaces a unit, so nothing is short and nothing is chosen: 0 changes, 0 fewest,
    # and the roster is the parent's.
    parent = read_parent(with_unit)
    crew = [s for s in parent.plan.roster.shifts if s.station_id == "rrt"]
    assert len({s.person for s in crew}) == 1 and len(crew) == 2
    out = tmp_path / "new"
    at = ["--at", "2025-07-13T17:00", "--unit-away", f"{unit}@18:00-19:00"]
    assert main(["replan", str(with_unit), *at, "-o", str(out), "--no-map"]) == 0
    changes = rows(out / "changes.csv")
    assert [(c["time"], c["person"], c["change"]) for c in changes] == [
        ("2025-07-13T18:00", crew[0].person, "away")
    ]
    assert (changes[0]["from"], changes[0]["to"]) == ("rrt 18:00-20:00", "away 18:00-19:00")
    new = read_parent(out)
    section = new.document["replan"]
    assert (section["changes"], section["fewest_possible"], section["proven"]) == (0, 0, True)
    assert rows(out / "roster.csv") == rows(with_unit / "roster.csv")
    assert check_plan(load(out / "scenario.json"), out, with_unit).ok
