"""Per-day plan folders: every day of a calendar plan is a plan folder ``eventplan check``
accepts, and a tampered one fails."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventplan.calendar.dayfolder import day_folders
from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.plan import CalendarPlan
from eventplan.checker import check_plan
from eventplan.cli import main
from eventplan.scenario import dump, from_document, load
from tests.archive.archive_scenarios import evening_document
from tests.calendar.micro import MONDAY, calendar, contract, duty, plan, write

ENTRY = {"id": "entry", "start": "07:30", "end": "08:10", "part": "morning"}
DISMISSAL = {"id": "dismissal", "start": "16:30", "end": "17:30", "part": "afternoon"}
NIGHT = {"id": "night", "start": "18:00", "end": "23:30", "part": "day"}


def written(folder: Path, loaded: LoadedCalendar, result: CalendarPlan) -> list[Path]:
    """Write the day folders under ``folder``; return them, by date."""
    for name, content in day_folders(loaded, result).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return sorted((folder / "days").iterdir())


def violations(day: Path) -> list[str]:
    return [str(v) for v in check_plan(load(day / "scenario.json"), day).violations]


def test_a_split_school_day_is_one_shift_with_its_gate_as_post(tmp_path: Path) -> None:
    # One officer, a school gate at entry 07:30-08:10 and dismissal 16:30-17:30, split duty
    # allowed: the officer takes both windows on the Monday, one day planned. The day's folder
    # holds one post 'gate', its roster two rows (07:30-08:10, 16:30-17:30) and its coverage
    # one row per 10-minute slot (gcd of the times with 60): 4 + 6 = 10, none short.
    document = calendar(
        [{"id": "li", "name": "Li"}],
        [duty("gate", windows=[ENTRY, DISMISSAL])],
        {"c": contract(split_allowed=True)},
    )
    loaded, result = plan(tmp_path, document, days=1)
    (day,) = written(tmp_path / "out", loaded, result)
    assert day.name == MONDAY.isoformat()
    roster = list(csv.DictReader(io.StringIO((day / "roster.csv").read_text("utf-8-sig"))))
    assert [(r["person"], r["post"], r["start"][11:], r["end"][11:]) for r in roster] == [
        ("li", "gate", "07:30", "08:10"),
        ("li", "gate", "16:30", "17:30"),
    ]
    coverage = list(csv.DictReader(io.StringIO((day / "coverage.csv").read_text("utf-8-sig"))))
    assert len(coverage) == 10 and all(r["shortfall"] == "0" for r in coverage)
    assert violations(day) == []
    assert main(["check", str(day / "scenario.json"), str(day)]) == 0


def test_an_event_day_names_its_scenario_and_passes(tmp_path: Path) -> None:
    # The evening show needs one police officer 18:00-23:00 (its phases); the calendar's
    # event at site s2 asks that of the force. Two officers, one daily gate 09:00-10:00 at s1:
    # the Monday's folder has the gate and the event as posts, each staffed by one officer.
    scenario = tmp_path / "evening.yaml"
    dump(from_document(evening_document()), scenario)
    document = calendar([{"id": "li"}, {"id": "wang"}], [duty("gate")])
    document["events"] = [
        {"id": "show", "site": "s2", "scenario": str(scenario), "dates": [MONDAY.isoformat()]}
    ]
    loaded, result = plan(tmp_path, document, days=1)
    (day,) = written(tmp_path / "out", loaded, result)
    posts = {p.id: p for p in load(day / "scenario.json").posts}
    assert set(posts) == {"gate", "event:show"}
    assert str(scenario) in (posts["event:show"].name or "")
    rows = (day / "roster.csv").read_text("utf-8-sig")
    assert "event:show" in rows and "2026-09-07T18:00" in rows
    assert violations(day) == []


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    people=st.integers(1, 4),
    split=st.booleans(),
    rest=st.sampled_from([0, 11]),
    travel=st.integers(0, 30),
    windows=st.sets(st.integers(0, 2), min_size=1),
    count=st.integers(1, 3),
)
def test_every_day_folder_of_a_plan_passes_check(
    people: int, split: bool, rest: int, travel: int, windows: set[int], count: int
) -> None:
    chosen = [[ENTRY, DISMISSAL, NIGHT][i] for i in sorted(windows)]
    duties = [
        duty("a", "s1", windows=chosen, needs=[{"roles": ["police"], "count": count}]),
        duty("b", "s2", "weekdays", windows=[ENTRY, DISMISSAL], priority="high"),
    ]
    rules = contract(split_allowed=split, min_rest_hours=rest, hours_per_week=6)
    document = calendar(
        [{"id": f"p{k}", "name": f"<b>{k}</b>"} for k in range(people)],
        duties,
        {"c": rules},
        {"s1": travel, "s2": 5},
    )
    with tempfile.TemporaryDirectory() as folder:
        loaded, result = plan(Path(folder), document, days=4)
        days = written(Path(folder) / "out", loaded, result)
        assert len(days) == 4
        for day in days:
            assert violations(day) == [], day.name


def _rehash(day: Path) -> None:
    """Make plan.json list the files as they now are (a tamper the hashes do not catch)."""
    document: dict[str, Any] = json.loads((day / "plan.json").read_text("utf-8"))
    for name in document["files"]:
        document["files"][name] = hashlib.sha256((day / name).read_bytes()).hexdigest()
    (day / "plan.json").write_text(json.dumps(document), "utf-8")


def test_a_tampered_day_folder_fails(tmp_path: Path) -> None:
    # Two officers each stand the daily gate 09:00-10:00 (need 2). Moving one roster row to
    # another hour breaks the files' hashes (exit 2); with the hashes made to match, the
    # checker still finds the gate short in coverage.csv's terms (exit 1).
    document = calendar(
        [{"id": "li"}, {"id": "wang"}],
        [duty("gate", needs=[{"roles": ["police"], "count": 2}])],
    )
    loaded, result = plan(tmp_path, document, days=1)
    (day,) = written(tmp_path / "out", loaded, result)
    assert violations(day) == []
    roster = day / "roster.csv"
    text = roster.read_text("utf-8-sig")
    roster.write_text(text.replace("T09:00,2026-09-07T10:00", "T11:00,2026-09-07T12:00", 1))
    scenario = str(day / "scenario.json")
    assert main(["check", scenario, str(day)]) == 2
    _rehash(day)
    assert main(["check", scenario, str(day)]) == 1
    assert any("coverage" in v for v in violations(day))


def test_the_calendar_command_writes_a_folder_per_day(tmp_path: Path) -> None:
    # A daily gate for a week: seven day folders, each passing check.
    path = write(tmp_path, calendar([{"id": "li"}], [duty("gate")]))
    out = tmp_path / "out"
    words = ["calendar", "plan", str(path), "--from", "2026-09-07", "--to", "2026-09-13"]
    assert main([*words, "-o", str(out), "--time-limit", "5"]) == 0
    days = sorted((out / "days").iterdir())
    assert [d.name for d in days] == [f"2026-09-{n:02d}" for n in range(7, 14)]
    assert all(main(["check", str(d / "scenario.json"), str(d)]) == 0 for d in days)
    assert all((d / "map.html").is_file() for d in days) and (out / "sites.html").is_file()
