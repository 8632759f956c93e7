"""The checker measures shifts in real time and reads plan times in the event's zone.

Before, it measured shifts on the clock's readings: a 14-hour shift across the autumn change
looked like 13 hours, a 4-hour shift across the spring change that is really 3 looked like 4,
and a roster time that does not exist or happens twice was taken as it read.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from eventplan.checker import check_plan
from eventplan.io.plan_files import COVERAGE_COLUMNS, ROSTER_COLUMNS
from tests.dst.events import AUTUMN, SPRING, SUMMER, long_night, scenario

# person, pool/role, post, start, end
Row = tuple[str, str, str, str, str]


def plan_folder(folder: Path, rows: list[Row]) -> Path:
    """A plan folder with these roster rows, an empty coverage table and a bare plan.json."""
    with (folder / "roster.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(ROSTER_COLUMNS)
        for person, pool, post, start, end in rows:
            role = "guard" if pool == "guards" else pool
            writer.writerow([person, "", role, pool, "", post, start, end, ""])
    (folder / "coverage.csv").write_text(",".join(COVERAGE_COLUMNS) + "\n", encoding="utf-8")
    (folder / "plan.json").write_text(json.dumps({"eventplan": 1}), encoding="utf-8")
    return folder


def messages(report, rule: str) -> list[str]:
    return [f"{v.subject}: {v.message}" for v in report.violations if v.rule == rule]


def test_the_checker_catches_a_14_hour_autumn_shift_that_looks_like_13(tmp_path):
    doc = long_night(AUTUMN)
    doc["roles"]["police"]["shift_hours"] = [4, 13]
    night = scenario(AUTUMN, roles=doc["roles"])
    folder = plan_folder(
        tmp_path, [("police-0001", "police", "gate-watch", "2025-10-25T19:00", "2025-10-26T08:00")]
    )
    assert messages(check_plan(night, folder), "shift-length") == [
        "police-0001: shift 2025-10-25T19:00+02:00 to 2025-10-26T08:00+01:00 lasts 14 h, longer "
        "than the 13 h a police shift may last"
    ]


def test_the_checker_catches_a_4_hour_spring_shift_that_is_really_3(tmp_path):
    folder = plan_folder(
        tmp_path, [("police-0001", "police", "gate-watch", "2025-03-30T00:00", "2025-03-30T04:00")]
    )
    assert messages(check_plan(scenario(SPRING), folder), "shift-length") == [
        "police-0001: shift 2025-03-30T00:00+01:00 to 04:00+02:00 lasts 3 h, shorter than the "
        "4 h a police shift lasts at least"
    ]


def test_the_checker_counts_the_rest_across_the_change_in_real_time(tmp_path):
    # 23:30 to 10:30 the next morning is 11 h of rest by the clock's readings, as the rules
    # ask; across the spring change it is 10 real hours.
    doc = long_night(SPRING)
    doc["roles"]["police"]["shift_hours"] = [4, 13]
    for night, (eve, day) in ((SUMMER, SUMMER), (SPRING, SPRING)):
        folder = plan_folder(
            tmp_path,
            [
                ("police-0001", "police", "gate-watch", f"{eve}T19:30", f"{eve}T23:30"),
                ("police-0001", "police", "gate-watch", f"{day}T10:30", f"{day}T14:30"),
            ],
        )
        found = messages(check_plan(scenario(night, roles=doc["roles"]), folder), "rest")
        if night is SUMMER:
            assert found == []
        else:
            (rest,) = found
            assert rest.startswith("police-0001: rests only 10 h (2025-03-29T23:30+01:00 to ")


def test_a_roster_time_in_the_gap_is_a_files_violation(tmp_path):
    folder = plan_folder(
        tmp_path, [("police-0001", "police", "gate-watch", "2025-03-30T00:00", "2025-03-30T02:30")]
    )
    found = messages(check_plan(scenario(SPRING), folder), "files")
    assert (
        "roster.csv: line 2: end: 2025-03-30T02:30 does not exist in Europe/Berlin: clocks go "
        "from 02:00 to 03:00"
    ) in found


def test_an_ambiguous_roster_time_without_offset_is_a_files_violation(tmp_path):
    folder = plan_folder(
        tmp_path,
        [
            ("police-0001", "police", "gate-watch", "2025-10-25T22:00", "2025-10-26T02:30"),
            ("police-0002", "police", "gate-watch", "2025-10-25T22:00", "2025-10-26T02:30+01:00"),
            ("police-0003", "police", "gate-watch", "2025-10-25T22:00", "2025-10-26T02:30+03:00"),
        ],
    )
    found = messages(check_plan(scenario(AUTUMN), folder), "files")
    assert found[0].startswith(
        "roster.csv: line 2: end: 2025-10-26T02:30 happens twice in Europe/Berlin"
    )
    assert found[1] == (
        "roster.csv: line 4: end: 2025-10-26T02:30+03:00: Europe/Berlin is at +02:00 or +01:00 "
        "at 2025-10-26T02:30, not at +03:00"
    )
