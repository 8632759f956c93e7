"""Actual attendance from a muster file: imported, replaced, and refused with every problem
named by file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventplan import cli
from eventplan.archive import add_plan, import_attendance, ledger
from eventplan.errors import InputError
from tests.archive.archive_scenarios import EVENING

HEADER = "person,arrived,left,note\n"


def _muster(tmp_path: Path, body: str, name: str = "muster.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_attendance_is_imported_and_a_new_import_replaces_it(
    db: str, plans: dict[str, Path], tmp_path: Path
) -> None:
    add_plan(db, plans["evening"])
    first = _muster(tmp_path, "li,2025-07-12T17:45,2025-07-12T23:15,early\nwang,,,sick\n")
    done = import_attendance(db, EVENING, first)
    assert (done.rows, done.people, done.replaced) == (1, 1, False)
    # Li came 17:45-23:15: 5.5 hours; Wang did not come, so he worked nothing.
    worked = ledger(db, date(2025, 7, 12), date(2025, 7, 12))
    assert set(worked) == {"li"} and worked["li"].hours == 5.5
    second = _muster(tmp_path, "li,2025-07-12T18:00,2025-07-12T22:00,\n", "again.csv")
    assert import_attendance(db, EVENING, second).replaced
    assert ledger(db, date(2025, 7, 12), date(2025, 7, 12))["li"].hours == 4.0


def test_every_problem_of_a_muster_file_is_named_and_nothing_is_imported(
    sqlite_db: str, plans: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_plan(sqlite_db, plans["evening"])
    bad = _muster(
        tmp_path,
        "zhao,2025-07-12T17:45,2025-07-12T23:15,\n"  # line 2: nobody of that id
        "li,2025-07-12T25:45,2025-07-12T23:00,\n"  # 3: no hour 25
        "li,2025-07-12T19:00,2025-07-12T18:00,\n"  # 4: left before arriving
        "wang,2025-07-12T19:00,,\n"  # 5: one time only
        "wang,2025-07-12T08:00,2025-07-13T09:00,\n"  # 6: 25 hours
        "li,2025-07-20T18:00,2025-07-20T20:00,\n"  # 7: a week after the event
        "wang,2025-07-12T20:00,2025-07-12T23:00,\n"  # 8: good
        "wang,2025-07-12T22:00,2025-07-12T23:30,\n",  # 9: overlaps line 8
    )
    with pytest.raises(InputError) as raised:
        import_attendance(sqlite_db, EVENING, bad)
    assert [(p.line, p.path) for p in raised.value.problems] == [
        (2, "person"),
        (3, "arrived"),
        (4, "left"),
        (5, "left"),
        (6, "left"),
        (7, "arrived"),
        (9, "arrived"),
    ]
    assert ledger(sqlite_db, date(2025, 7, 12), date(2025, 7, 12))["wang"].hours == 3.0  # plan
    assert cli.main(["archive", "attend", EVENING, str(bad), "--db", sqlite_db]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{bad}:2: person: unknown person 'zhao' (not in any archived plan)"
    assert err[-1] == f"{bad}:9: arrived: overlaps line 8 of the same person"


def test_a_file_without_its_columns_or_an_unknown_event_is_refused(
    sqlite_db: str, plans: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_plan(sqlite_db, plans["evening"])
    headless = tmp_path / "short.csv"
    headless.write_text("person,arrived\nli,2025-07-12T18:00\n")
    assert cli.main(["archive", "attend", EVENING, str(headless), "--db", sqlite_db]) == 2
    assert "missing column(s): left" in capsys.readouterr().err
    good = _muster(tmp_path, "li,2025-07-12T18:00,2025-07-12T23:00,\n")
    assert cli.main(["archive", "attend", "no-such-event", str(good), "--db", sqlite_db]) == 2
    assert "unknown event 'no-such-event' (known: archive-evening)" in capsys.readouterr().err
    code = cli.main(["archive", "attend", EVENING, str(good), "--db", sqlite_db, "--lang", "zh"])
    assert code == 0
    assert capsys.readouterr().out.startswith(f"{EVENING} 的实际到岗：")
