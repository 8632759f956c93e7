"""Events across a change of the clocks plan in real time, end to end.

Before, a Berlin night across the spring change was planned on naive local times: stints
lasted a different real time than planned (a 4-hour police shift from 00:00 to 04:00 lasts 3
real hours), and across the autumn change the repeated hour was paid to nobody.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventplan.checker import check_plan
from eventplan.planning.output import write_plan
from eventplan.planning.stages import solve
from eventplan.render.bundle import load_bundle
from eventplan.timegrid import build_grid
from tests.dst.events import (
    AUTUMN,
    ROLE_COST,
    ROLE_HOURS,
    SPRING,
    SUMMER,
    read_csv,
    real,
    real_shifts,
    scenario,
)

WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d[+-]\d\d:\d\d$")
LOCAL = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d$")


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> dict[str, Path]:
    """The long night solved and written, in spring, autumn and summer."""
    folders = {}
    for name, night in (("spring", SPRING), ("autumn", AUTUMN), ("summer", SUMMER)):
        folder = tmp_path_factory.mktemp(name)
        write_plan(solve(scenario(night), time_limit=30, seed=1, workers=1), folder)
        folders[name] = folder
    return folders


def test_grid_slots_are_real_quarter_hours_whose_labels_jump_in_spring():
    grid = build_grid(scenario(SPRING))
    assert grid.size == 8 * 4  # 22:00+01:00 to 07:00+02:00: eight real hours
    labels = [grid.start_label(i) for i in range(grid.size)]
    at = labels.index("2025-03-30T01:45+01:00")
    assert labels[at + 1] == "2025-03-30T03:00+02:00"
    assert not [label for label in labels if label.startswith("2025-03-30T02:")]


def test_grid_slots_repeat_the_hour_clocks_go_back_in_autumn():
    grid = build_grid(scenario(AUTUMN))
    assert grid.size == 10 * 4  # 22:00+02:00 to 07:00+01:00: ten real hours
    labels = [grid.start_label(i) for i in range(grid.size)]
    repeated = [label for label in labels if label.startswith("2025-10-26T02:")]
    assert repeated == [
        *(f"2025-10-26T02:{m:02d}+02:00" for m in (0, 15, 30, 45)),
        *(f"2025-10-26T02:{m:02d}+01:00" for m in (0, 15, 30, 45)),
    ]


@pytest.mark.parametrize("night", ["spring", "autumn"])
def test_every_shift_lasts_the_roles_hours_in_real_time(plans, night):
    shifts = real_shifts(read_csv(plans[night] / "roster.csv"))
    assert shifts
    for person, role, hours in shifts:
        low, high = ROLE_HOURS[role]
        assert low - 1e-9 <= hours <= high + 1e-9, (person, role, hours)


@pytest.mark.parametrize("night", ["spring", "autumn"])
def test_pay_is_for_real_hours(plans, night):
    shifts = real_shifts(read_csv(plans[night] / "roster.csv"))
    paid = sum(ROLE_COST[role] * hours for _, role, hours in shifts)
    plan = json.loads((plans[night] / "plan.json").read_text("utf-8"))
    assert plan["kpis"]["cost"] == pytest.approx(paid)


@pytest.mark.parametrize("night", ["spring", "autumn"])
def test_the_checker_passes_a_plan_across_the_change(plans, night):
    report = check_plan(scenario(SPRING if night == "spring" else AUTUMN), plans[night])
    assert report.ok, "\n".join(str(v) for v in report.violations[:10])


def _times(folder: Path) -> list[str]:
    """Every time written in a plan folder's roster, coverage and plan.json phases."""
    times = []
    for row in read_csv(folder / "roster.csv"):
        times += [row["start"], row["end"]]
    for row in read_csv(folder / "coverage.csv"):
        times += [row["slot_start"], row["slot_end"]]
    plan = json.loads((folder / "plan.json").read_text("utf-8"))
    for phase in plan["phases"]:
        times += [phase["start"], phase["end"]]
    return times


@pytest.mark.parametrize("night", ["spring", "autumn"])
def test_times_across_the_change_are_written_with_their_offsets(plans, night):
    times = _times(plans[night])
    assert all(WITH_OFFSET.match(t) for t in times), [t for t in times if not WITH_OFFSET.match(t)]


def test_the_repeated_hour_is_written_twice_with_its_two_offsets(plans):
    starts = {row["slot_start"] for row in read_csv(plans["autumn"] / "coverage.csv")}
    assert {"2025-10-26T02:30+02:00", "2025-10-26T02:30+01:00"} <= starts
    assert real("2025-10-26T02:30+01:00") - real("2025-10-26T02:30+02:00") == (
        real("2025-10-26T03:30") - real("2025-10-26T02:30+01:00")
    )


def test_a_night_without_a_change_writes_plain_local_times(plans):
    times = _times(plans["summer"])
    assert all(LOCAL.match(t) for t in times), [t for t in times if not LOCAL.match(t)]


def test_the_map_reads_times_with_offsets_in_real_time(plans):
    bundle = load_bundle(plans["autumn"])
    roster = read_csv(plans["autumn"] / "roster.csv")
    assert len(bundle.roster) == len(roster)
    for row, written in zip(bundle.roster, roster, strict=True):
        assert row.end - row.start == real(written["end"]) - real(written["start"])
        assert f"{row.start:%H:%M}" == written["start"][11:16]  # shown as the local clock
