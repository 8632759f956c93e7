"""The duty sheet of events across a change of the clocks, from the real solver.

Berlin's clocks fall back on 26 October 2025 (02:00 to 03:00 happens twice, first at +02:00,
then at +01:00) and spring forward on 30 March (02:00 to 03:00 does not exist). The sheet
must count real time across either change, keep the two readings of a repeated time apart
and in order, and show a time near the change with its UTC offset. What the sheet should say
is worked out here from the plan files with :mod:`zoneinfo` alone (``tests.dst.events``).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from eventplan.sheet import build_sheet, write_html, write_workbook
from eventplan.sheet.model import Section
from tests.dst.events import AUTUMN, SPRING, read_csv, real, real_shifts
from tests.sheet.sheet_book import header_row, titled

NIGHTS = ["autumn", "spring", "changeover"]
#: The day each night's clocks change.
CHANGE_DAY = {"autumn": AUTUMN[1], "spring": SPRING[1], "changeover": AUTUMN[1]}
#: The people of the long night belong to no organisation: their section is "Other".
PEOPLE = "other"


def records(section: Section, table: int = 0) -> list[dict[str, Any]]:
    """A table's rows as mappings from column title to cell."""
    found = section.tables[table]
    return [dict(zip((c.title for c in found.columns), row, strict=True)) for row in found.rows]


def wall(text: str) -> datetime:
    """The reading of the clock on the wall of a time written with its offset."""
    return datetime.fromisoformat(text[:16])


def written(moment: datetime) -> str:
    """A local time with its offset as plan files write it: ``2025-10-26T02:30+01:00``."""
    assert moment.tzinfo is not None, f"{moment} has no UTC offset"
    return moment.isoformat(timespec="minutes")


def shown(text: str, night: str, pattern: str = "{time} (UTC{offset})") -> str:
    """How the sheet shows a time written as ``text``: ``MM-DD HH:MM``, with its offset from
    01:00 to 04:00 on the day of the change (the hour repeated or skipped and an hour either
    side)."""
    local = f"{text[5:10]} {text[11:16]}"
    if near_change(local, night):
        return pattern.replace("{time}", local).replace("{offset}", text[16:])
    return local


def near_change(cell: str, night: str) -> bool:
    """Whether a time cell ``MM-DD HH:MM...`` of the page is from 01:00 to 04:00 on the day of
    the change."""
    return cell[:5] == CHANGE_DAY[night][5:] and "01:00" <= cell[6:11] < "04:00"


def phases_in_plan(folder: Path) -> list[tuple[str, str, str]]:
    """plan.json's phases: (id, start, end) as written."""
    plan = json.loads((folder / "plan.json").read_text("utf-8"))
    return [(p["id"], p["start"], p["end"]) for p in plan["phases"]]


def shifts_in_roster(folder: Path) -> dict[str, tuple[str, str]]:
    """Each person's shift start and end as roster.csv writes them (one shift each)."""
    found: dict[str, tuple[str, str]] = {}
    for row in read_csv(folder / "roster.csv"):
        start, end = found.get(row["person"], (row["start"], row["end"]))
        found[row["person"]] = (
            min(start, row["start"], key=real),
            max(end, row["end"], key=real),
        )
    return found


@pytest.mark.parametrize("night", NIGHTS)
def test_every_shift_shown_lasts_its_real_length(nights: dict[str, Path], night: str):
    roster = read_csv(nights[night] / "roster.csv")
    really = {(person, round(hours * 60)) for person, _, hours in real_shifts(roster)}
    rows = records(build_sheet(nights[night]).section(PEOPLE))
    lengths = {(r["ID"], (r["Shift end"] - r["Shift start"]) // timedelta(minutes=1)) for r in rows}
    assert lengths == really
    roster_shifts = shifts_in_roster(nights[night])
    assert {(r["ID"], written(r["Shift start"]), written(r["Shift end"])) for r in rows} == {
        (person, *times) for person, times in roster_shifts.items()
    }
    assert [
        person
        for person, (start, end) in roster_shifts.items()
        if real(end) - real(start) != wall(end) - wall(start)
    ], "no shift across the change"


@pytest.mark.parametrize("night", NIGHTS)
def test_phases_are_shown_as_written_and_last_their_real_length(
    nights: dict[str, Path], night: str
):
    phases = phases_in_plan(nights[night])
    rows = records(build_sheet(nights[night]).section("cover"))
    assert [(r["Phase"], written(r["Start"]), written(r["End"])) for r in rows] == phases
    for r, (_, start, end) in zip(rows, phases, strict=True):
        assert r["End"] - r["Start"] == real(end) - real(start)


def test_the_two_readings_of_0230_stay_two_rows_in_real_time_order(nights: dict[str, Path]):
    sheet = build_sheet(nights["changeover"])
    rows = records(sheet.section(PEOPLE))
    assert [(r["Role"], written(r["Shift start"])) for r in rows] == [
        ("guard", "2025-10-25T22:00+02:00"),
        ("police", "2025-10-26T02:30+02:00"),  # the first 02:30, an hour before the second
        ("guard", "2025-10-26T02:30+01:00"),
    ]
    short = records(sheet.section("cover"), -1)
    assert [(r["Post"], r["Role"], written(r["Start"])) for r in short] == [
        ("stage-front", "police", "2025-10-26T02:30+02:00"),
        ("stage-front", "guard", "2025-10-26T02:30+01:00"),
    ]


def test_a_phase_within_the_repeated_hour_has_its_people_and_needs(nights: dict[str, Path]):
    posts = records(build_sheet(nights["changeover"]).section("sector:"))
    gate = [r for r in posts if r["Post"] == "gate-watch"]
    assert [(r["Phase"], r["Time"], r["Needs (most at once)"], r["People"]) for r in gate] == [
        ("ingress", "10-25 22:00–10-26 02:30 (UTC+02:00)", "guard 1", 1),
        ("show", "10-26 02:30 (UTC+02:00)–02:30 (UTC+01:00)", "police 1", 1),
        ("egress", "10-26 02:30 (UTC+01:00)–07:00", "guard 1, police 1", 2),
    ]
    assert gate[1]["Who"] == "police: police 0001"


def test_the_needs_of_the_repeated_hour_are_counted_once(nights: dict[str, Path]):
    posts = records(build_sheet(nights["autumn"]).section("sector:"))
    needs = {(r["Post"], r["Phase"]): r["Needs (most at once)"] for r in posts}
    # long_night: the gate asks for 2 guards and 1 officer in the show, the stage for 2 officers
    assert needs[("gate-watch", "show")] == "police 1, guard 2"
    assert needs[("stage-front", "show")] == "police 2"


def test_handover_partners_change_over_at_the_same_real_instant(nights: dict[str, Path]):
    for night in NIGHTS:
        _check_handovers(nights[night])


def _check_handovers(folder: Path) -> None:
    """Whom a row hands over to starts at its station when its last stint there ends, in
    real time; whom it takes over from ends there when its first stint starts."""
    roster = read_csv(folder / "roster.csv")
    ids = {row["name"]: row["person"] for row in roster}
    stints: dict[tuple[str, str], list[tuple[datetime, datetime]]] = {}
    for row in roster:
        stints.setdefault((row["person"], row["post"]), []).append(
            (real(row["start"]), real(row["end"]))
        )
    paired = 0
    for r in records(build_sheet(folder).section(PEOPLE)):
        mine = stints[(r["ID"], r["Post or unit"])]
        if r["Hands over to"]:
            theirs = stints[(ids[r["Hands over to"]], r["Post or unit"])]
            assert max(end for _, end in mine) in [start for start, _ in theirs], r
            paired += 1
        if r["Takes over from"]:
            theirs = stints[(ids[r["Takes over from"]], r["Post or unit"])]
            assert min(start for start, _ in mine) in [end for _, end in theirs], r
    assert paired


def test_the_guard_hands_over_to_the_officer_at_the_first_0230(nights: dict[str, Path]):
    rows = records(build_sheet(nights["changeover"]).section(PEOPLE))
    (officer,) = [r for r in rows if r["Role"] == "police"]
    (early,) = [r for r in rows if r["Role"] == "guard" and r["Shift start"].hour == 22]
    (late,) = [r for r in rows if r["Role"] == "guard" and r["Shift start"].hour == 2]
    assert (early["Takes over from"], early["Hands over to"]) == ("", officer["Name"])
    assert (officer["Takes over from"], officer["Hands over to"]) == (early["Name"], "")
    assert (late["Takes over from"], late["Hands over to"]) == ("", "")  # an hour after


@pytest.mark.parametrize(("night", "lang"), [(n, "en") for n in NIGHTS] + [("changeover", "zh")])
def test_the_page_shows_the_offset_of_times_near_the_change(
    nights: dict[str, Path], tmp_path: Path, night: str, lang: str
):
    html = tmp_path / "duty.html"
    write_html(build_sheet(nights[night], lang), html)
    text = html.read_text("utf-8")
    pattern = "{time}（UTC{offset}）" if lang == "zh" else "{time} (UTC{offset})"
    near = 0
    for start, end in shifts_in_roster(nights[night]).values():
        for moment in (start, end):
            cell = shown(moment, night, pattern)
            assert f'<td class="time">{cell}</td>' in text
            near += "UTC" in cell
    assert near, "no shift starts or ends near the change"
    for cell in re.findall(r'<td class="time">([^<]*)</td>', text):
        assert ("UTC" in cell) == near_change(cell, night), cell


@pytest.mark.parametrize("night", NIGHTS)
def test_the_workbook_keeps_date_times_and_gives_the_offset_in_their_format(
    nights: dict[str, Path], tmp_path: Path, night: str
):
    xlsx = tmp_path / "duty.xlsx"
    write_workbook(build_sheet(nights[night]), xlsx)
    page = titled(load_workbook(xlsx), "Other")
    top = header_row(page, "Name")
    titles = [c.value for c in page[top]]
    columns = [titles.index("Shift start") + 1, titles.index("Shift end") + 1]
    roster = shifts_in_roster(nights[night])
    near = 0
    for row in range(top + 1, page.max_row + 1):
        times = roster[page.cell(row, 2).value]
        for column, moment in zip(columns, times, strict=True):
            cell = page.cell(row, column)
            assert cell.value == datetime.fromisoformat(moment[:16])  # the local clock
            literal = shown(moment, night)[11:]
            assert cell.number_format == "mm-dd hh:mm" + (f'"{literal}"' if literal else "")
            near += bool(literal)
    assert near, "no shift starts or ends near the change"
    # A column holding an offset is wide enough to show it rather than "####" (which of start
    # and end falls near the change depends on the plan).
    with_offset = [
        column
        for column in columns
        if any(
            "UTC" in page.cell(row, column).number_format
            for row in range(top + 1, page.max_row + 1)
        )
    ]
    assert with_offset
    for column in with_offset:
        width = page.column_dimensions[get_column_letter(column)].width
        assert width >= len("10-26 02:30 (UTC+01:00)")
