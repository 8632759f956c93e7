"""Malformed instance files: every problem at once, as FILE:LINE: SECTION: what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.curtois.__main__ import main
from eventplan.errors import InputError
from eventplan.rostering.instance import load, parse
from tests.rostering.micro import text


def problems(written: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse(written, "bad.txt")
    return [str(p) for p in caught.value.problems]


def test_every_problem_is_named_with_its_line() -> None:
    written = text(
        days=3,
        shifts=["D,480,X", "D,60,"],
        staff=["A,D=x,100,0,5,1,1,1", "B,D=9,100,200,5,1,1"],
        covers=["7,D,1,100,1", "0,Q,1,100,1"],
        on=["Z,0,D,1"],
    )
    found = problems(written)
    expected = [
        "bad.txt:6: SECTION_SHIFTS: shift 'D' is defined twice",
        "bad.txt:5: SECTION_SHIFTS: unknown shift 'X' among those after 'D'",
        "bad.txt:9: SECTION_STAFF: the most shifts of 'D' 'x' is not a whole number",
        "bad.txt:10: SECTION_STAFF: expected 8 fields",
        "bad.txt:13: SECTION_SHIFT_ON_REQUESTS: unknown employee 'Z'",
        "bad.txt:16: SECTION_COVER: day 7 is outside the horizon (days 0 to 2)",
        "bad.txt:17: SECTION_COVER: unknown shift 'Q'",
    ]
    for message in expected:
        assert any(f.startswith(message) for f in found), (message, found)


def test_missing_sections_and_stray_lines() -> None:
    found = problems("hello\nSECTION_NOPE\n1\n")
    assert "bad.txt:1: 'hello' is outside any section" in found
    assert any(f.startswith("bad.txt:2: unknown section 'SECTION_NOPE'") for f in found)
    assert "bad.txt: SECTION_HORIZON: missing or empty" in found
    assert "bad.txt: SECTION_STAFF: missing or empty" in found


def test_contract_contradictions() -> None:
    found = problems(text(days=3, staff=["A,D=9,100,200,1,2,1,1"]))
    assert "bad.txt:8: SECTION_STAFF: MinTotalMinutes is more than MaxTotalMinutes" in found
    assert (
        "bad.txt:8: SECTION_STAFF: MinConsecutiveShifts is more than MaxConsecutiveShifts" in found
    )


def test_unreadable_files(tmp_path: Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"SECTION_HORIZON\n\x00\xff")
    for path, message in [(tmp_path / "none.txt", "missing"), (binary, "binary data")]:
        with pytest.raises(InputError) as caught:
            load(path)
        assert message in str(caught.value)


def test_command_exits_2_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("SECTION_HORIZON\nfourteen\n")
    assert main([str(bad), "--time-limit", "1"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2: SECTION_HORIZON: the number of days 'fourteen' is not a whole number" in err
    assert "Traceback" not in err
