"""The calendar starts from the plan archive: what people worked before ``--from`` counts.

The archive holds two real plans (``tests/archive/archive_scenarios``): Officer Li (``li``)
works Saturday 2025-07-12 18:00-23:00 and Sunday 21:00 to Monday 02:00 (Asia/Shanghai).
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import pytest

from eventplan import cli
from eventplan.archive import add_plan
from eventplan.calendar.carried import read_carried
from eventplan.calendar.history import carried_history
from eventplan.calendar.loader import load_calendar
from eventplan.calendar.plan import plan_calendar
from eventplan.calendar.verify import verify
from eventplan.scenario import dump, from_document
from tests.archive.archive_scenarios import evening_document, night_document
from tests.calendar.micro import calendar, contract, duty, write

MONDAY = date(2025, 7, 14)
ZONE = "Asia/Shanghai"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> str:
    base = tmp_path_factory.mktemp("calendar-archive")
    db = str(base / "archive.sqlite")
    for name, document in (("evening", evening_document()), ("night", night_document())):
        scenario = base / f"{name}.yaml"
        dump(from_document(document), scenario)
        with contextlib.redirect_stdout(None):
            code = cli.main(["solve", str(scenario), "-o", str(base / name), "--time-limit",
                             "20", "--seed", "1", "--workers", "1", "--no-map"])  # fmt: skip
        assert code == 0
        add_plan(db, base / name)
    return db


def test_the_history_is_read_from_the_archive(archive):
    carried = read_carried(archive, MONDAY, {"li", "nobody"}, ZONE)
    history = carried_history(carried, {"li": 40 * 60})
    # Saturday and Sunday worked, one weekend; the return at 02:00 local on Monday; 5 + 5
    # hours in July; one night (4 hours between 22:00 and 06:00 on Sunday's shift).
    assert history.worked["li"] == {date(2025, 7, 12), date(2025, 7, 13)}
    assert history.weekends["li"] == {date(2025, 7, 12)}
    assert history.last_return["li"] == MONDAY.toordinal() * 1440 + 2 * 60
    assert history.month_minutes["li", 2025, 7] == 600
    assert history.nights["li"] == 1
    assert "nobody" not in history.worked and "wang" not in history.worked
    # On a calendar kept in UTC (8 hours behind Shanghai) the night ended 18:00 on Sunday.
    utc = read_carried(archive, MONDAY, {"li"}, "UTC")
    assert max(s.returns for s in utc.of("li")) == (MONDAY.toordinal() - 1) * 1440 + 18 * 60


def test_rest_after_archived_work_holds_on_the_first_day(tmp_path: Path, archive):
    # A daily 09:00-10:00 duty for Li alone, 11 hours of rest: without the archive Li takes
    # all 7 days; with it, Monday 09:00 is 7 hours after the night market ended (02:00), so
    # Monday is left short: 6 duties.
    document = calendar([{"id": "li"}], [duty("d")], {"c": contract(min_rest_hours=11)})
    document["settings"] = {"timezone": ZONE}
    loaded = load_calendar(write(tmp_path, document))
    last = date(2025, 7, 20)
    fresh = plan_calendar(loaded, MONDAY, last, time_limit=10)
    carried = read_carried(archive, MONDAY, {"li"}, ZONE)
    started = plan_calendar(loaded, MONDAY, last, time_limit=10, carried=carried)
    assert len(fresh.assignments) == 7
    assert len(started.assignments) == 6
    assert MONDAY not in {a.day for a in started.assignments}
    assert verify(loaded, started.assignments, MONDAY, carried) == []


def test_the_command_reads_the_archive(tmp_path: Path, archive, capsys):
    document = calendar([{"id": "li"}], [duty("d")], {"c": contract(min_rest_hours=11)})
    document["settings"] = {"timezone": ZONE}
    path = write(tmp_path, document)
    out = tmp_path / "out"
    code = cli.main(["calendar", "plan", str(path), "--from", "2025-07-14", "--to",
                     "2025-07-20", "-o", str(out), "--db", archive])  # fmt: skip
    assert code == 0
    days = {line.split(",")[1] for line in (out / "assignments.csv").read_text().splitlines()[1:]}
    assert "2025-07-14" not in days and len(days) == 6
