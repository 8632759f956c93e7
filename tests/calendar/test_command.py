"""``eventplan calendar plan`` end to end on a micro calendar: the folder, written whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventplan.cli import main
from tests.calendar.micro import calendar, duty, write


def test_plan_writes_the_folder_and_replaces_it_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two people, a one-hour daily duty for one, a week: 7 duties, none short.
    people = [{"id": "p1", "name": '=HYPERLINK("x")'}, {"id": "p2"}]
    path = write(tmp_path, calendar(people, [duty("d")]))
    out = tmp_path / "out"
    words = ["calendar", "plan", str(path), "--from", "2026-09-07", "--to", "2026-09-13"]
    assert main([*words, "-o", str(out), "--time-limit", "5"]) == 0
    summary = json.loads((out / "calendar.json").read_text())
    assert (summary["assignments"], summary["shortfall_people"]) == (7, 0)
    assert summary["check"]["passed"]
    assert (out / "check.txt").read_text() == "passed\n"
    roster = (out / "roster.csv").read_bytes()
    assert roster.startswith("\ufeff".encode()) and b"'=HYPERLINK" in roster
    assert (out / "roster.xlsx").stat().st_size > 0
    assert main([*words, "-o", str(out), "--time-limit", "5", "--lang", "zh"]) == 0
    assert (tmp_path / "out.previous" / "calendar.json").is_file()
    assert "跨日核查通过" in capsys.readouterr().out
