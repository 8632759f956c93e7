"""The workbook of a plan from the real solver, opened with openpyxl and checked cell by cell
against the plan folder's roster (see ``sheet_scenarios.solved_document``)."""

from __future__ import annotations

import itertools
import zipfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from eventplan.sheet.workbook import display_width
from tests.sheet.sheet_book import cells, header_row, roster, table, titled
from tests.sheet.sheet_scenarios import FORMULA, HOSTILE_NAMES, LONG_NAME, SCRIPT


@pytest.fixture(scope="module")
def book(outputs: dict[str, Path]):
    return load_workbook(outputs["xlsx-en"])


def test_a_guards_row_says_where_when_and_with_whom(book, solved: Path):
    rows = roster(solved)
    guard = next(r for r in rows if r["role"] == "guard" and r["post"] == "gate-a")
    own = sorted((r for r in rows if r["person"] == guard["person"]), key=lambda r: r["start"])
    mine = [r for r in table(titled(book, FORMULA), "Name") if r["ID"] == guard["person"]]
    assert len(mine) == 1, "one station, one shift: one row"
    (row,) = mine
    start, end = own[0]["start"], max(r["end"] for r in own)
    assert row["Name"] == guard["name"]
    assert (row["Post or unit"], row["Call sign"], row["Channel"]) == ("Gate A 甲门", "A门", "3")
    assert (row["Muster at"], row["Muster time"]) == ("Plaza 广场", start - timedelta(minutes=30))
    assert (row["Shift start"], row["Shift end"]) == (start, end)
    gaps = [
        f"{a['end']:%H:%M}–{b['start']:%H:%M}"
        for a, b in itertools.pairwise(own)
        if a["end"] < b["start"]
    ]
    assert row["Break"] == ", ".join(gaps)
    leader = next(r for r in rows if r["leads"] == "north" and r["start"] <= start < r["end"])
    assert row["Reports to"] == f"{leader['name']} (北区)"
    at_gate = [r for r in rows if r["post"] == "gate-a" and r["person"] != guard["person"]]
    relief = {r["name"] for r in at_gate if r["start"] == own[-1]["end"]}
    if row["Hands over to"]:
        assert row["Hands over to"] in relief
    handed_by = {r["name"] for r in at_gate if r["end"] == start}
    assert row["Takes over from"] in handed_by | {""}


def test_every_person_on_the_roster_has_a_row_in_their_organisations_sheet(book, solved: Path):
    rows = roster(solved)
    pools = {"police": "新城区公安分局", "guards": FORMULA, "aux": "District auxiliary brigade"}
    pools["vols"] = "Other"
    for pool, title in pools.items():
        people = {r["person"] for r in rows if r["pool"] == pool}
        listed = {r["ID"] for r in table(titled(book, title), "Name")}
        assert listed == people, pool


def test_a_posts_phases_list_who_stands_there(book, solved: Path):
    rows = roster(solved)
    sector = table(titled(book, "North sector"), "Post")
    at_gate = [r for r in sector if r["Post"] == "Gate A 甲门"]
    assert [r["Phase"] for r in at_gate] == ["ingress", "show", "egress"]
    day = datetime(2025, 7, 12)
    windows = {"ingress": (16, 19), "show": (19, 22), "egress": (22, 23)}
    for line in at_gate:
        start, end = (day + timedelta(hours=h) for h in windows[line["Phase"]])
        there = {
            r["name"]
            for r in rows
            if r["post"] == "gate-a" and r["start"] < end and start < r["end"]
        }
        assert line["People"] == len(there)
        assert all(name in line["Who"] for name in there)
        assert line["Call sign"] == "A门"
    assert at_gate[0]["Needs (most at once)"] == "Police officer 1, Security guard 2"


def test_cover_totals_count_the_people_on_the_roster(book, solved: Path):
    rows = roster(solved)
    people = {r["person"]: r["role"] for r in rows}
    by_role = Counter(people.values())
    totals = table(titled(book, "Cover"), "Organisation")
    (total,) = [r for r in totals if r["Organisation"] == "Total"]
    assert total["Total"] == len(people)
    assert total["Police officer"] == by_role["police"]
    assert total["auxiliary"] == by_role["auxiliary"]
    assert total["Security guard"] == by_role["guard"]
    assert total["志愿者"] == by_role["volunteer"] == 3
    (psb,) = [r for r in totals if r["Organisation"] == "新城区公安分局"]
    assert (psb["Commander"], psb["Phone"], psb["Total"]) == (
        "王建国",
        "0471-6900110",
        by_role["police"],
    )
    facts = [c.value for c in titled(book, "Cover")["A"][:8]]
    assert (
        "Command post: Command post · at Command building 指挥楼 · call sign 指挥部 · channel 1"
        in facts
    )
    assert any(str(f).startswith("Plan: optimal · optimality gap 0.0%") for f in facts)


def test_every_sheet_freezes_its_header_and_prints_a4_landscape_fit_to_width(book):
    assert book.sheetnames[0] == "Cover"
    for page in book.worksheets:
        setup = page.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)  # 9: A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert page.sheet_properties.pageSetUpPr.fitToPage
        assert page.print_title_rows, page.title
    people = titled(book, "新城区公安分局")
    header = header_row(people, "Name")
    assert people.freeze_panes == f"A{header + 1}"
    assert people.print_title_rows == f"${header}:${header}"
    rows = len(table(people, "Name"))
    assert people.auto_filter.ref == f"A{header}:N{header + rows}"  # the header and every row


def test_columns_fit_their_content_with_chinese_counted_twice(book):
    assert display_width("民警") == 4 and display_width("ab") == 2
    cover = titled(book, "Cover")
    organisation = cover.column_dimensions["A"].width
    assert organisation >= display_width("新城区公安分局") + 2
    others = titled(book, "Other")
    name_width = others.column_dimensions["A"].width
    assert 30 <= name_width <= 40  # the 200-character name is capped and wraps


def test_hostile_names_are_stored_as_text_never_as_formulas(outputs: dict[str, Path]):
    path = outputs["xlsx-en"]
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
    book = load_workbook(path)
    found = Counter()
    for page in book.worksheets:
        for cell in cells(page):
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                assert cell.data_type == "s", (page.title, cell.coordinate)
                assert cell.quotePrefix, (page.title, cell.coordinate)
                found[cell.value] += 1
    assert found[FORMULA] >= 3  # the organisation's title, a person's name, the cover row
    assert found["@gate B"] and found["-B"] and found["+1 555"]
    texts = {cell.value for page in book.worksheets for cell in cells(page)}
    assert LONG_NAME in texts and SCRIPT in texts
    assert all(name in texts for name in HOSTILE_NAMES)


def test_the_chinese_workbook_speaks_chinese(outputs: dict[str, Path]):
    book = load_workbook(outputs["xlsx-zh"])
    assert book.sheetnames[0] == "总览"
    police = table(titled(book, "新城区公安分局"), "姓名")
    assert {r["类别"] for r in police} == {"民警"}
    assert {r["听从指挥"] for r in police} <= {"Command post (指挥部)"} | {
        r["听从指挥"] for r in police if r["听从指挥"].endswith("（北区）")
    }
    aux = table(titled(book, "District auxiliary brigade"), "姓名")
    assert {r["类别"] for r in aux} == {"辅警"}  # no label in the scenario: the vocabulary's
    units = table(titled(book, "机动力量"), "类型")
    assert {r["职责"] for r in units} == {"组长", "组员"}
    assert {r["编组"] for r in units} == {"Rapid unit 第1组", "Rapid unit 第2组"}
