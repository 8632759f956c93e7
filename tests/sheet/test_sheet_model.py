"""The duty sheet's content, on a plan folder written by hand: every answer known in advance.

Roster (see ``HANDMADE_ROSTER``): at the gate, guard g1 08:00-12:00 hands over to g2
12:00-16:00; officer c1 is briefed 07:30-08:00, stands 08:00-11:00 and 11:30-16:00 (a break
11:00-11:30, covered by c2); sector s1 is led by c3 08:00-12:00, then c4 12:00-16:00. The
officers' pool musters at the command node 45 minutes before the shift, the briefing included.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from eventplan.errors import InputError
from eventplan.i18n import Texts, role_label
from eventplan.io.spreadsheet import BYTE_ORDER_MARK, neutralise
from eventplan.sheet import build_sheet
from eventplan.sheet.folder import read_plan_folder
from eventplan.sheet.model import Section
from eventplan.sheet.sheetnames import SheetNames, valid_name


def at(hm: str) -> datetime:
    return datetime.fromisoformat(f"2025-07-12T{hm}")


def records(section: Section, table: int = 0) -> list[dict[str, Any]]:
    """A table's rows as mappings from column title to cell."""
    found = section.tables[table]
    return [dict(zip((c.title for c in found.columns), row, strict=True)) for row in found.rows]


def person(section: Section, person_id: str) -> list[dict[str, Any]]:
    return [row for row in records(section) if row["ID"] == person_id]


def test_handover_partners_pair_the_stint_that_ends_with_the_one_that_starts(handmade: Path):
    sheet = build_sheet(handmade)
    guards = sheet.section("unit:Guard company")
    (g1,) = person(guards, "g1")
    (g2,) = person(guards, "g2")
    assert (g1["Takes over from"], g1["Hands over to"]) == ("", "Guard Two")
    assert (g2["Takes over from"], g2["Hands over to"]) == ("Guard One", "")


def test_break_relief_takes_over_and_hands_back(handmade: Path):
    cops = build_sheet(handmade).section("organisation:psb")
    (c1,) = person(cops, "c1")
    (c2,) = person(cops, "c2")
    assert c1["Break"] == "11:00–11:30"
    assert (c1["Shift start"], c1["Shift end"]) == (at("07:30"), at("16:00"))  # briefing first
    assert (c2["Takes over from"], c2["Hands over to"]) == ("Cop One", "Cop One")


def test_muster_is_before_the_shift_and_its_briefing(handmade: Path):
    cops = build_sheet(handmade).section("organisation:psb")
    (c1,) = person(cops, "c1")
    assert c1["Muster at"] == "Command building 指挥楼"
    assert c1["Muster time"] == at("06:45")  # 07:30 briefing - 45 minutes
    (g1,) = person(build_sheet(handmade).section("unit:Guard company"), "g1")
    assert (g1["Muster at"], g1["Muster time"]) == ("", None)  # no muster, no briefing


def test_people_report_to_the_sector_leader_on_duty_and_leaders_to_the_command_post(
    handmade: Path,
):
    sheet = build_sheet(handmade)
    guards = sheet.section("unit:Guard company")
    assert person(guards, "g1")[0]["Reports to"] == "Lead A (Sector one)"
    assert person(guards, "g2")[0]["Reports to"] == "Lead B (Sector one)"
    (lead,) = person(sheet.section("organisation:psb"), "c3")
    assert lead["Post or unit"] == "Sector one: leader on duty"
    assert lead["Reports to"] == "HQ (Base)"
    assert lead["Hands over to"] == "Lead B"


def test_sector_lists_each_phase_with_who_stands_there_and_the_leader(handmade: Path):
    rows = records(build_sheet(handmade).section("sector:s1"))
    assert [(r["Post"], r["Phase"], r["Time"]) for r in rows] == [
        ("Gate", "morning", "08:00–12:00"),
        ("Gate", "afternoon", "12:00–16:00"),
    ]
    morning, afternoon = rows
    assert morning["Who"] == (
        "Police officer: Cop One 08:00–11:00, 11:30–12:00, Cop Two 11:00–11:30; 保安: Guard One"
    )
    assert morning["People"] == 3
    assert morning["Needs (most at once)"] == "Police officer 1, 保安 1"
    assert (morning["Leader on duty"], afternoon["Leader on duty"]) == ("Lead A", "Lead B")


def test_cover_counts_people_on_the_roster_by_organisation_and_role(handmade: Path):
    cover = build_sheet(handmade).section("cover")
    totals = records(cover, 1)
    assert [(r["Organisation"], r["Police officer"], r["保安"], r["Total"]) for r in totals] == [
        ("PSB", 4, 0, 4),
        ("Guard company", 0, 2, 2),
        ("Total", 4, 2, 6),
    ]
    facts = dict(cover.facts)
    assert facts["Plan"] == "optimal · optimality gap 0.0% · objective 1,234"
    assert facts["Command post"] == "HQ · at Command building 指挥楼 · call sign Base"


def test_chinese_sheet_uses_the_role_vocabulary_for_english_labels(handmade: Path):
    sheet = build_sheet(handmade, "zh")
    cops = sheet.section("organisation:psb").tables[0]
    roles = {row[2] for row in cops.rows}
    assert roles == {"民警"}  # the scenario's label is English: the vocabulary's word
    assert "保安" in [c.title for c in sheet.section("cover").tables[1].columns]  # kept as given
    assert sheet.section("sector:s1").tables[0].rows[0][8].startswith("民警：Cop One")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_roles_are_named_as_the_terminal_and_the_map_name_them(handmade: Path, lang: str):
    folder = read_plan_folder(handmade)
    labels = {rid: role.label for rid, role in folder.scenario.roles.items()}
    columns = [c.title for c in build_sheet(folder, lang).section("cover").tables[1].columns]
    named = [role_label(rid, label, lang) for rid, label in labels.items()]
    assert columns[3:-1] == named
    if lang == "zh":  # as the solve summary and check name them
        assert named == [Texts("zh", labels).role(rid) for rid in labels] == ["民警", "保安"]


def test_shortfalls_are_listed_most_urgent_first_with_their_cause(handmade: Path):
    cover = build_sheet(handmade).section("cover")
    assert cover.tables[-1].caption == "Shortfalls"
    assert [tuple(r.values()) for r in records(cover, -1)] == [
        ("critical", "Gate", "Police officer", 2, at("08:00"), at("09:00"),
         "nobody of role police is available then (pools: cops)"),
        ("low", "Gate", "保安", 1, at("15:00"), at("16:00"),
         "left open by choice: at low priority (weight 1 per person-hour) the shortest shift "
         "that would cover it costs more"),
    ]  # fmt: skip


def test_chinese_sheet_shows_status_priorities_and_causes_in_the_command_lines_words(
    handmade: Path,
):
    cover = build_sheet(handmade, "zh").section("cover")
    t = Texts("zh")
    assert dict(cover.facts)["方案"].startswith(f"{t('status.optimal')} · 与最优解差距 0.0%")
    assert cover.tables[-1].caption == "缺口"
    rows = [(r["优先级"], r["类别"], r["缺额"], r["原因"]) for r in records(cover, -1)]
    low = "有意留空：按低优先级（每人时权重 1），覆盖它所需的最短班次成本更高"
    assert rows == [
        (t("priority.critical"), "民警", 2, "此时没有民警可用（人员库：cops）"),
        (t("priority.low"), "保安", 1, low),
    ]
    assert [r[0] for r in rows] == ["关键", "低"]


def test_a_plan_without_shortfalls_has_no_table_of_them(handmade: Path):
    plan = json.loads((handmade / "plan.json").read_text())
    plan["shortfalls"] = [{"post": "gate"}, *plan["shortfalls"][:0]]  # one that cannot be read
    (handmade / "plan.json").write_text(json.dumps(plan))
    captions = [table.caption for table in build_sheet(handmade).section("cover").tables]
    assert "Shortfalls" not in captions


def test_a_plan_over_more_than_one_day_shows_dates(handmade: Path):
    roster = (handmade / "roster.csv").read_text("utf-8")
    (handmade / "roster.csv").write_text(
        roster.replace("2025-07-12T12:00,2025-07-12T16:00", "2025-07-12T20:00,2025-07-13T02:00")
    )
    sheet = build_sheet(handmade)
    assert (sheet.time_format, sheet.excel_time_format) == ("%m-%d %H:%M", "mm-dd hh:mm")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: (f / "plan.json").unlink(), "no plan.json here"),
        (lambda f: (f / "plan.json").write_text("[1, 2]"), "not an eventplan plan"),
        (lambda f: (f / "plan.json").write_text("{"), "not valid JSON"),
        (lambda f: (f / "scenario.json").unlink(), "no scenario.json here"),
        (lambda f: (f / "roster.csv").unlink(), "no roster.csv here"),
        (
            lambda f: (f / "roster.csv").write_text(
                "person,name,role,pool,unit,post,start,end,leads\np,n,r,q,,x,soon,later,\n"
            ),
            "roster.csv:2: start: expected a date-time",
        ),
    ],
)
def test_a_folder_that_holds_no_readable_plan_is_an_input_error(handmade: Path, change, message):
    change(handmade)
    with pytest.raises(InputError) as raised:
        build_sheet(handmade)
    assert message in str(raised.value)


def test_missing_folder_and_unknown_language_are_input_errors(tmp_path: Path, handmade: Path):
    with pytest.raises(InputError, match="no such folder"):
        build_sheet(tmp_path / "nowhere")
    with pytest.raises(InputError, match="unknown language 'fr'"):
        build_sheet(handmade, "fr")


def test_sheet_names_are_valid_for_excel_and_unique():
    names = SheetNames()
    assert names.add("a/b\\c?d*e[f]g:h") == "a b c d e f g h"
    assert names.add("'quoted'") == "quoted"
    assert names.add("History") == "History_"
    long = "新城区辅警大队 (District auxiliary police brigade)"
    assert names.add(long) == "新城区辅警大队"  # the part in brackets goes first
    assert names.add("新城区辅警大队") == "新城区辅警大队 (2)"
    assert names.add("x" * 40) == "x" * 31
    assert names.add("X" * 40) == "X" * 27 + " (2)"  # names differing in case clash
    assert names.add("😀" * 20) == "😀" * 15  # two UTF-16 units each
    assert valid_name("[]:*?/\\") == "Sheet"


def test_every_language_file_has_the_same_words():
    from eventplan.sheet.words import _load

    english, chinese = _load("en.json"), _load("zh.json")
    assert set(english) == set(chinese)
    assert all(chinese.values())


def test_plan_json_without_phases_falls_back_to_the_scenario(handmade: Path):
    plan = json.loads((handmade / "plan.json").read_text())
    del plan["phases"]
    (handmade / "plan.json").write_text(json.dumps(plan))
    phases = records(build_sheet(handmade).section("cover"), 0)
    assert [p["Phase"] for p in phases] == ["morning", "afternoon"]


def test_names_neutralised_for_spreadsheets_in_the_csv_are_read_back_as_written(handmade: Path):
    roster = (handmade / "roster.csv").read_text("utf-8")
    (handmade / "roster.csv").write_text(roster.replace("Guard One", "'=Guard One"))
    guards = build_sheet(handmade).section("unit:Guard company")
    assert person(guards, "g1")[0]["Name"] == "=Guard One"
    assert person(guards, "g2")[0]["Takes over from"] == "=Guard One"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("=1+1", "=1+1"),
        ("+86 Guard", "+86 Guard"),
        ("-Guard-", "-Guard-"),
        ("@guard", "@guard"),
        ("\tGuard One", "Guard One"),  # a blank before the name, as any other cell's
        ("'Tis Guard", "'Tis Guard"),  # an apostrophe of the name's own
    ],
)
def test_roster_csv_is_read_as_solve_writes_it(handmade: Path, written: str, shown: str):
    raw = (handmade / "roster.csv").read_bytes()
    assert raw.startswith(BYTE_ORDER_MARK.encode()) and b"\r\n" in raw  # (as csv_bytes has it)
    text = raw.decode("utf-8-sig").replace("Guard One", f'"{neutralise(written)}"')
    (handmade / "roster.csv").write_bytes((BYTE_ORDER_MARK + text).encode("utf-8"))
    guards = build_sheet(handmade).section("unit:Guard company")
    assert person(guards, "g1")[0]["Name"] == shown
    assert person(guards, "g2")[0]["Takes over from"] == shown
    assert [r["ID"] for r in records(guards)] == ["g1", "g2"]  # the first column found


def test_without_coverage_csv_the_sheet_lists_who_stands_there_without_needs(handmade: Path):
    (handmade / "coverage.csv").unlink()
    rows = records(build_sheet(handmade).section("sector:s1"))
    assert [r["Needs (most at once)"] for r in rows] == ["", ""]
    assert rows[1]["Who"] == "Police officer: Cop One; 保安: Guard Two"
