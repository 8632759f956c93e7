"""A calendar's day folders in the archive: each calendar's days are events of their own, and
the travel from the station and back counts as working time.

The micro calendars (``tests/calendar/micro``) have one station and sites whose travel time
from it is given; they are planned for Monday 2026-09-07 alone, in UTC.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from eventplan.archive import add_plan, import_attendance, ledger, report
from eventplan.archive.database import database_url, head_revision, upgrade
from eventplan.archive.travel import TRAVEL_CSV
from eventplan.calendar.carried import read_carried
from eventplan.calendar.loader import load_calendar
from eventplan.calendar.outputs import write_plan
from eventplan.calendar.plan import plan_calendar
from eventplan.calendar.verify import verify
from eventplan.errors import InputError
from eventplan.io.identity import FILES_KEY, file_hashes
from tests.calendar.micro import MONDAY, calendar, contract, duty, write

DAY = MONDAY.isoformat()


def _day_folder(base: Path, document: dict[str, Any]) -> Path:
    """Plan the calendar for Monday and write its folder; the day's plan folder."""
    base.mkdir(parents=True, exist_ok=True)
    loaded = load_calendar(write(base, document))
    plan = plan_calendar(loaded, MONDAY, MONDAY, time_limit=10)
    violations = verify(loaded, plan.assignments, MONDAY)
    assert violations == []
    write_plan(base / "out", loaded, plan, violations)
    return base / "out" / "days" / DAY


def _one_hour(name: str, person: str, travel: int) -> dict[str, Any]:
    """One person, one duty at s1 from 09:00 to 10:00, ``travel`` minutes from the station."""
    document = calendar([{"id": person}], [duty("d")], travel={"s1": travel})
    document["name"] = name
    return document


def test_travel_there_and_back_counts_in_the_hours(db: str, tmp_path: Path) -> None:
    folder = _day_folder(tmp_path, _one_hour("North", "p", 20))
    add_plan(db, folder)
    found = report(db, MONDAY, MONDAY)
    # 09:00-10:00 at the post, 20 minutes from the station and 20 back: 60 + 40 = 100
    # minutes = 1.6667 h, planned and (no muster) worked; the ledger says the same.
    (line,) = found.people
    assert line.planned_hours == pytest.approx(100 / 60)
    assert line.worked_hours == pytest.approx(100 / 60)
    assert found.organisations[0].worked_hours == pytest.approx(100 / 60)
    assert ledger(db, MONDAY, MONDAY)["p"].hours == pytest.approx(100 / 60)
    # A calendar planning Tuesday on starts from it: on duty from 08:40 to 10:20.
    (stretch,) = read_carried(db, MONDAY + timedelta(days=1), {"p"}).of("p")
    midnight = MONDAY.toordinal() * 1440
    assert (stretch.leaves, stretch.returns) == (midnight + 8 * 60 + 40, midnight + 10 * 60 + 20)
    assert stretch.minutes == 100


def test_a_split_duty_travels_twice(db: str, tmp_path: Path) -> None:
    windows = [
        {"id": "entry", "start": "07:30", "end": "08:10", "part": "morning"},
        {"id": "dismissal", "start": "16:30", "end": "17:10", "part": "afternoon"},
    ]
    document = calendar(
        [{"id": "p"}],
        [duty("gate", windows=windows)],
        {"c": contract(split_allowed=True)},
        travel={"s1": 15},
    )
    folder = _day_folder(tmp_path, document)
    # Both windows at the one post: 40 + 40 minutes there; two trips from the station and
    # back at 15 minutes each way, 4 * 15 = 60: 140 minutes = 2.3333 h.
    assert (folder / TRAVEL_CSV).read_text(encoding="utf-8-sig").splitlines()[1:] == ["p,gate,60"]
    add_plan(db, folder)
    (line,) = report(db, MONDAY, MONDAY).people
    assert line.planned_hours == pytest.approx(140 / 60)


def test_whoever_came_travelled_and_a_no_show_did_not(db: str, tmp_path: Path) -> None:
    document = calendar([{"id": "p"}, {"id": "q"}], [duty("d", needs=[
        {"roles": ["police"], "count": 2}])], travel={"s1": 30})  # fmt: skip
    document["name"] = "North"
    add_plan(db, _day_folder(tmp_path, document))
    muster = tmp_path / "muster.csv"
    muster.write_text(f"person,arrived,left\np,{DAY}T08:55,{DAY}T10:05\nq,,\n")
    import_attendance(db, f"north.{DAY}", muster)
    people = {line.person: line for line in report(db, MONDAY, MONDAY).people}
    # p: 70 minutes by the muster and the planned 30 + 30 of travel = 130 minutes; q: no
    # muster record, so neither hours nor travel worked, one no-show; both planned 120.
    assert people["p"].worked_hours == pytest.approx(130 / 60)
    assert people["q"].worked_hours == 0
    assert people["q"].no_shows == 1
    assert people["p"].planned_hours == people["q"].planned_hours == pytest.approx(2.0)


def test_two_calendars_of_one_day_are_two_events(db: str, tmp_path: Path) -> None:
    north = _day_folder(tmp_path / "north", _one_hour("North", "n", 0))
    south = _day_folder(tmp_path / "south", _one_hour("South", "s", 0))
    add_plan(db, north)
    add_plan(db, south)
    found = report(db, MONDAY, MONDAY)
    # Each calendar's day is its own event; neither replaced the other.
    assert found.events == 2
    assert {line.person: line.planned_hours for line in found.people} == {"n": 1.0, "s": 1.0}


def test_a_bad_travel_file_is_refused_with_its_line(sqlite_db: str, tmp_path: Path) -> None:
    source = _day_folder(tmp_path, _one_hour("North", "p", 20))
    folder = tmp_path / "edited"
    shutil.copytree(source, folder)
    (folder / TRAVEL_CSV).write_text(
        "person,post,travel_minutes\np,d,forty\nghost,d,10\n", encoding="utf-8"
    )
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    contents = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "plan.json"}
    plan[FILES_KEY] = file_hashes(contents)
    (folder / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        add_plan(sqlite_db, folder)
    (problem,) = raised.value.problems
    assert problem.file.endswith(TRAVEL_CSV)
    assert (problem.line, problem.path) == (2, "travel_minutes")
    assert "forty" in problem.message


def test_the_migration_keys_stored_days_by_their_calendar(db: str) -> None:
    engine = create_engine(database_url(db))
    try:
        upgrade(engine, "0001")
        with engine.begin() as connection:
            for key, name in (
                ("day-2026-09-07", "District calendar, 2026: 2026-09-07"),
                ("day-2026-09-08", "Calendar: 2026-09-08"),  # a calendar without a name
                ("concert", "Concert: 2026-09-07"),
            ):
                connection.execute(
                    text(
                        "INSERT INTO events (event_key, name, kind, timezone, first_day, "
                        "last_day) VALUES (:key, :name, 'calendar', 'UTC', :day, :day)"
                    ),
                    {"key": key, "name": name, "day": date(2026, 9, 7)},
                )
        upgrade(engine)
        with engine.connect() as connection:
            keys = set(connection.execute(text("SELECT event_key FROM events")).scalars())
            columns = connection.execute(text("SELECT travel_hours FROM assignments")).all()
    finally:
        engine.dispose()
    # The named calendar's day takes the key the loader now gives it (its name as a slug,
    # then the date); the unnamed calendar's day and other events keep theirs.
    assert keys == {"district-calendar-2026.2026-09-07", "day-2026-09-08", "concert"}
    assert columns == []
    assert head_revision() == "0002"


def test_the_day_event_is_named_by_the_calendar(tmp_path: Path) -> None:
    folder = _day_folder(tmp_path, _one_hour("District calendar, 2026", "p", 0))
    scenario = json.loads((folder / "scenario.json").read_text(encoding="utf-8"))
    assert scenario["event"]["id"] == f"district-calendar-2026.{DAY}"
    listed = json.loads((folder / "plan.json").read_text(encoding="utf-8"))[FILES_KEY]
    digest = hashlib.sha256((folder / TRAVEL_CSV).read_bytes()).hexdigest()
    assert listed[TRAVEL_CSV] == digest
