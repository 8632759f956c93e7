"""The report and the ledger, their figures derived by hand from the two small plans of
``archive_scenarios`` and a muster file:

- the evening (Sat 12 July): Li planned 18:00-23:00 (5 h) at the gate, Wang 20:00-23:00 (3 h)
  at the stage, one guard short at the stage for 3 h; the muster says Li came 17:45-23:15
  (5.5 h, of it 1.25 h after 22:00) and Wang did not come;
- the night (Sun 13 July, 21:00 to 02:00): Li planned 5 h, 4 of them after 22:00; no muster.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from eventplan import cli
from eventplan.archive import add_plan, import_attendance, ledger, report
from tests.archive.archive_scenarios import EVENING

JULY = (date(2025, 7, 1), date(2025, 7, 31))


@pytest.fixture
def archive(db: str, plans: dict[str, Path], tmp_path: Path) -> str:
    add_plan(db, plans["evening"])
    add_plan(db, plans["night"])
    muster = tmp_path / "muster.csv"
    muster.write_text("person,arrived,left\nli,2025-07-12T17:45,2025-07-12T23:15\nwang,,\n")
    import_attendance(db, EVENING, muster)
    return db


def test_the_report_figures(archive: str) -> None:
    found = report(archive, *JULY)
    assert (found.events, found.with_attendance) == (2, 1)
    people = {p.person: p for p in found.people}
    # Li: two events on two days; planned 5 + 5 = 10 h; worked 5.5 (muster) + 5 (plan) h.
    li = people["li"]
    assert (li.events, li.days, li.planned_hours, li.worked_hours, li.no_shows) == (
        2, 2, 10.0, 10.5, 0,
    )  # fmt: skip
    # Wang: planned 3 h at the evening, did not come: 0 h worked, one shift missed.
    wang = people["wang"]
    assert (wang.events, wang.planned_hours, wang.worked_hours, wang.no_shows) == (1, 3.0, 0, 1)
    organisations = {o.organisation: o for o in found.organisations}
    assert (organisations["psb"].people, organisations["psb"].worked_hours) == (1, 10.5)
    assert (organisations["secure"].people, organisations["secure"].planned_hours) == (0, 3.0)
    # No-shows only where attendance was taken (the evening): one planned shift per pool.
    pools = {(p.pool, p.shifts, p.no_shows) for p in found.pools}
    assert pools == {("guards", 1, 1), ("police", 1, 0)}
    # The stage: 1 guard x 3 h short in the plan, and Wang's 3 h not worked.
    assert [(p.event, p.post, p.short_hours, p.no_show_hours) for p in found.posts] == [
        (EVENING, "stage", 3.0, 3.0)
    ]


def test_the_report_counts_only_the_days_of_the_period(archive: str) -> None:
    found = report(archive, date(2025, 7, 13), date(2025, 7, 13))
    # Sunday only: the night, planned and not mustered: Li 5 h; nothing short.
    assert [(p.person, p.planned_hours, p.worked_hours) for p in found.people] == [("li", 5.0, 5.0)]
    assert found.posts == () and found.pools == ()


def test_the_ledger_gives_hours_days_weekends_and_nights(archive: str) -> None:
    li = ledger(archive, *JULY)["li"]
    # 5.5 + 5 h on Saturday and Sunday (one weekend); night hours 1.25 + 4; only the night
    # event has the 3 night hours that make a night.
    assert (li.hours, li.days, li.weekends, li.nights, li.events) == (10.5, 2, 1, 1, 2)
    assert li.night_hours == 5.25
    assert li.last_end == datetime(2025, 7, 13, 18)  # Monday 02:00 in Shanghai, as UTC
    assert "wang" not in ledger(archive, *JULY)  # he worked nothing


def test_the_report_command_prints_and_writes_csv_safe_for_spreadsheets(
    archive: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "july.csv"
    words = ["archive", "report", "--from", "2025-07-01", "--to", "2025-07-31", "--db", archive]
    assert cli.main([*words, "-o", str(output)]) == 0
    printed = capsys.readouterr().out
    assert "2025-07-01 to 2025-07-31, 2 events (1 with attendance)" in printed
    with output.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    secure = next(r for r in rows if r["section"] == "organisation" and r["id"] == "secure")
    assert secure["name"] == "'=Secure Ltd"  # a name never becomes a formula
    wang = next(r for r in rows if r["section"] == "person" and r["id"] == "wang")
    assert (wang["planned_hours"], wang["worked_hours"], wang["no_shows"]) == ("3.0", "0.0", "1")
    assert cli.main([*words[:2], "--from", "2025-08-01", "--to", "2025-07-01"]) == 2
    assert cli.main([*words, "-o", str(tmp_path / "july.txt")]) == 2
