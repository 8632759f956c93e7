"""Rule ``files``: a broken plan folder gives violations naming the place, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventplan.checker import check_plan
from eventplan.errors import InputError


def rules(report) -> set[str]:  # type: ignore[no-untyped-def]
    return {v.rule for v in report.violations}


def messages(report) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(v) for v in report.violations)


def test_the_hand_written_plan_holds(scenario, make_plan):
    report = check_plan(scenario, make_plan())
    assert report.ok, messages(report)
    assert (report.people, report.stints, report.coverage_rows) == (7, 12, 15)
    assert report.summary() == "plan holds: 7 people, 12 stints, 15 coverage rows checked"


def test_a_missing_folder_is_an_input_error(scenario, tmp_path):
    with pytest.raises(InputError, match="no such plan folder"):
        check_plan(scenario, tmp_path / "nowhere")


@pytest.mark.parametrize("name", ["roster.csv", "coverage.csv", "plan.json"])
def test_a_missing_file_is_reported(scenario, make_plan, name):
    folder = make_plan()
    (folder / name).unlink()
    report = check_plan(scenario, folder)
    assert [str(v) for v in report.violations] == [f"[files] {name}: missing from the plan folder"]


def test_an_empty_folder_gives_three_violations(scenario, tmp_path):
    report = check_plan(scenario, tmp_path)
    assert len(report.violations) == 3
    assert rules(report) == {"files"}


def test_a_missing_column_is_reported(scenario, make_plan):
    folder = make_plan()
    path = folder / "coverage.csv"
    path.write_text(path.read_text().replace(",shortfall", ",short"))
    report = check_plan(scenario, folder)
    assert "missing column(s) shortfall" in messages(report)
    assert rules(report) == {"files"}


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("2025-07-12T15:00", "2025-07-12T15:00x", "is not a local ISO-8601 date-time"),
        ("2025-07-12T15:00", "2025-07-12T15:30", "is not on the 60-minute slot grid"),
        # (+08:00 is Asia/Shanghai's own offset: written so, the time is fine)
        ("2025-07-12T15:00", "2025-07-12T15:00+02:00", "is at +08:00 at 2025-07-12T15:00, not"),
        ("2025-07-12T15:00", "2025-07-12", "is a date"),
        ("2025-07-12T15:00", "2025-07-12T18:00", "not after its start"),
        ("2025-07-12T15:00", "1999-07-12T15:00", "is longer than a day"),
        (",police,police,,gate,", ",police,polize,,gate,", "unknown pool 'polize'"),
        (",police,police,,gate,", ",cop,police,,gate,", "unknown role 'cop'"),
        (",police,police,,gate,", ",police,police,,gait,", "unknown post 'gait'"),
        (",police,police,,gate,", ",guard,police,,gate,", "pool 'police' is of role police"),
    ],
)
def test_a_bad_roster_row_is_named_by_line(scenario, make_plan, before, after, expected):
    folder = make_plan()
    path = folder / "roster.csv"
    text = path.read_text()
    assert before in text
    path.write_text(text.replace(before, after, 1))
    report = check_plan(scenario, folder)
    assert any(
        v.subject == "roster.csv" and "line 2:" in v.message and expected in v.message
        for v in report.violations
    ), messages(report)
    # The row is left out; totals that depend on the whole roster are then not compared.
    assert "could not be used" in messages(report)


@pytest.mark.parametrize(
    ("person", "pool", "expected"),
    [
        ("police-0005", "police", "unknown person 'police-0005'"),  # the pool holds 4
        ("police-0000", "police", "unknown person 'police-0000'"),  # numbered from 1
        ("p-0001", "police", "unknown person 'p-0001'"),
        ("guards-0001", "police", "unknown person 'guards-0001'"),
    ],
)
def test_person_ids_must_belong_to_the_pool(scenario, make_plan, roster, person, pool, expected):
    roster[4] = (person, "police", pool, "", "gate", 18, 20)
    report = check_plan(scenario, make_plan(roster=roster))
    assert any(expected in v.message for v in report.violations), messages(report)


def test_people_of_the_scenario_list_are_known(document, make_plan, roster):
    from eventplan.scenario import from_document

    document["people"] = [{"id": "li-wei", "name": "Li Wei", "role": "police", "pool": "police"}]
    roster[4] = ("li-wei", "police", "police", "", "gate", 18, 20)
    report = check_plan(from_document(document), make_plan(roster=roster))
    assert report.ok, messages(report)


@pytest.mark.parametrize(
    ("index", "unit", "expected"),
    [
        (2, "", "expected rapid#<k> with k from 1 to 1"),
        (2, "rapid#2", "expected rapid#<k> with k from 1 to 1"),
        (0, "rapid#1", "'gate' is a post (leave it empty)"),
        (11, "perimeter-1", "expected perimeter#<k>"),
    ],
)
def test_unit_labels_are_checked(scenario, make_plan, roster, index, unit, expected):
    person, role, pool, _, post, start, end = roster[index]
    roster[index] = (person, role, pool, unit, post, start, end)
    report = check_plan(scenario, make_plan(roster=roster))
    assert any(expected in v.message for v in report.violations), messages(report)


def test_garbage_files_give_violations_not_tracebacks(scenario, make_plan):
    folder = make_plan()
    (folder / "roster.csv").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "coverage.csv").write_text('post,slot_start\n"unclosed')
    (folder / "plan.json").write_text("[1, 2")
    report = check_plan(scenario, folder)
    text = messages(report)
    assert "roster.csv: holds binary data, not text" in text
    assert "coverage.csv: line 1: missing column(s)" in text
    assert "plan.json: line 1: is not valid JSON" in text


def test_a_short_row_and_a_bad_count_are_reported(scenario, make_plan):
    folder = make_plan()
    path = folder / "coverage.csv"
    lines = path.read_text().splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0]
    lines[2] = lines[2].rsplit(",", 1)[0] + ",-1"
    path.write_text("\n".join(lines) + "\n")
    report = check_plan(scenario, folder)
    # The two rows are left out but not reported missing: they are there, only unreadable.
    assert messages(report).splitlines() == [
        "[files] coverage.csv: line 2: has 6 cells, the header has 7",
        "[files] coverage.csv: line 3: shortfall: '-1' is not a whole number of people",
    ]


def test_plan_json_must_be_an_object_for_this_scenario(scenario, make_plan):
    folder = make_plan()
    path = folder / "plan.json"
    plan = json.loads(path.read_text())
    plan["scenario"]["id"] = "other-event"
    del plan["eventplan"]
    path.write_text(json.dumps(plan))
    report = check_plan(scenario, folder)
    assert rules(report) == {"plan"}
    assert "is for scenario 'other-event', not 'tiny-concert'" in messages(report)
    assert "no format number" in messages(report)
    Path(path).write_text("3")
    assert "must hold a JSON object" in messages(check_plan(scenario, folder))


def test_assignments_must_equal_the_roster(scenario, make_plan):
    folder = make_plan()
    path = folder / "plan.json"
    plan = json.loads(path.read_text())
    plan["assignments"][0]["post"] = "stage"
    path.write_text(json.dumps(plan))
    report = check_plan(scenario, folder)
    assert [v.rule for v in report.violations] == ["plan"]
    assert "1 record(s) only in plan.json, 1 only in roster.csv" in messages(report)


def test_a_roster_without_the_leads_column_reads_as_nobody_leading(scenario, make_plan):
    # Rosters written before leaders existed end at the 'end' column.
    folder = make_plan()
    path = folder / "roster.csv"
    lines = path.read_text().splitlines()
    assert lines[0].endswith(",end,leads")
    path.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n")
    report = check_plan(scenario, folder)
    assert report.ok, messages(report)


def test_nobody_leads_at_a_post(scenario, make_plan):
    folder = make_plan()
    path = folder / "roster.csv"
    lines = path.read_text().splitlines()
    lines[1] += "gate"
    path.write_text("\n".join(lines) + "\n")
    report = check_plan(scenario, folder)
    assert messages(report).splitlines()[0] == (
        "[files] roster.csv: line 2: leads column is 'gate', but nobody at a post leads "
        "(leave it empty)"
    )
