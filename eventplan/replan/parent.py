"""The parent plan read back from its folder, as the :class:`Plan` a replan starts from.

The scenario comes from the folder's ``scenario.json``; the groundwork (venue analyses, grid,
demands) and the shift templates are laid again by the stages a solve uses, the patrol loops
taken from plan.json rather than searched again (see :mod:`eventplan.replan.stored`); the
model is made without its rows (a replan reads only its supplies, templates and
candidates); the named shifts
come from ``roster.csv``: each run of one person's stints at one station is one shift, its
briefing row its first slots, a gap inside it its meal break.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from eventplan.errors import InputError, Problem
from eventplan.io.plan_files import PLAN_JSON, ROSTER_CSV
from eventplan.planning.plan import Plan
from eventplan.planning.stages import Groundwork, lay_groundwork
from eventplan.planning.tables import BRIEFING_PREFIX
from eventplan.replan.stored import stored_venue
from eventplan.scenario import load
from eventplan.staffing.build import build_model
from eventplan.staffing.coverage import coverage_table, shortfall_runs
from eventplan.staffing.diagnose import explainer
from eventplan.staffing.model import StaffingModel
from eventplan.staffing.report import SolveReport, SolveStatus
from eventplan.staffing.roster import Roster, Shift
from eventplan.staffing.run import StaffingResult
from eventplan.staffing.templates import Template
from eventplan.timegrid import TimeGrid

SCENARIO_JSON = "scenario.json"


@dataclass(frozen=True)
class Parent:
    """The parent plan, its folder's plan.json, and that file's SHA-256."""

    plan: Plan
    document: dict[str, Any]
    sha256: str


def read_parent(folder: str | Path) -> Parent:
    """The plan of a plan folder.

    Raises
    ------
    InputError
        When the folder lacks plan.json, scenario.json or roster.csv, or they do not read.
    """
    folder = Path(folder)
    missing = [n for n in (PLAN_JSON, SCENARIO_JSON, ROSTER_CSV) if not (folder / n).is_file()]
    if missing:
        raise InputError(
            [Problem(str(folder / n), "", "missing: not a plan folder") for n in missing]
        )
    raw = (folder / PLAN_JSON).read_bytes()
    try:
        document = json.loads(raw)
    except ValueError as error:
        raise InputError(Problem(str(folder / PLAN_JSON), "", f"unreadable: {error}")) from None
    scenario = load(folder / SCENARIO_JSON)
    groundwork = lay_groundwork(scenario, stored_venue(scenario, document))
    model = build_model(scenario, groundwork.grid, groundwork.requirements, False, rows=False)
    rows = pd.read_csv(folder / ROSTER_CSV, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    shifts = shifts_from_rows(model, rows)
    plan = plan_of(groundwork, model, shifts, _report(document))
    return Parent(plan, document, hashlib.sha256(raw).hexdigest())


def _report(document: dict[str, Any]) -> SolveReport:
    solver = document.get("solver", {})
    status = solver.get("status", "feasible")
    return SolveReport(
        SolveStatus(status) if status in SolveStatus._value2member_map_ else SolveStatus.FEASIBLE,
        float(solver.get("objective", float("nan"))),
        float(solver.get("bound", float("nan"))),
        float(solver.get("seconds", 0.0)),
        str(solver.get("method", "")),
        int(solver.get("seed", 0)),
        int(solver.get("workers", 1)),
    )


def plan_of(
    groundwork: Groundwork, model: StaffingModel, shifts: list[Shift], report: SolveReport
) -> Plan:
    """A plan of named shifts: coverage and shortfalls recounted from them."""
    grid = groundwork.grid
    shifts.sort(key=lambda s: (s.start, s.station_id, s.person))
    roster = Roster(tuple(shifts), ())
    coverage = coverage_table(groundwork.requirements, grid, roster.shifts)
    proven = report.status is SolveStatus.OPTIMAL
    runs = shortfall_runs(coverage, grid, explainer(model, roster, proven))
    counts = np.zeros(len(model.columns))
    staffing = StaffingResult(model, counts, report, roster, coverage, tuple(runs))
    return Plan(groundwork.scenario, grid, staffing, groundwork.venue)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=None)


def supply_of(model: StaffingModel) -> dict[str, int]:
    """The supply of every named person; generated ids go by their pool's first supply."""
    out: dict[str, int] = {}
    for supply in model.supplies:
        for person in supply.people:
            out[person] = supply.index
        out.setdefault(f"pool:{supply.pool}", supply.index)
    return out


def shifts_from_rows(model: StaffingModel, rows: pd.DataFrame) -> list[Shift]:
    """Named shifts from roster.csv's rows (see the module docstring)."""
    by_person: dict[str, list[Any]] = defaultdict(list)
    # Times as datetimes, each text parsed once (a plan has few distinct times, many rows).
    moments = {text: _moment(text) for text in {*rows["start"], *rows["end"]}}
    for row in rows.itertuples(index=False):
        by_person[row.person].append(row._replace(start=moments[row.start], end=moments[row.end]))
    shifts: list[Shift] = []
    supplies = supply_of(model)
    standing = {s.id for s in model.requirements.stations if s.standing}
    for own in by_person.values():
        own.sort(key=lambda r: r.start)
        previous_end: datetime | None = None
        for run in _runs(own, model.grid):
            shift = _shift(model, run, previous_end, supplies, standing)
            if shift is not None:
                shifts.append(shift)
                previous_end = shift.end
    return shifts


def _runs(own: list[Any], grid: TimeGrid) -> list[list[Any]]:
    """One person's rows in runs at one station on one working day, a briefing joined to the
    run after it."""
    runs: list[list[Any]] = []
    days: list[int] = []
    for row in own:
        briefing = row.post.startswith(BRIEFING_PREFIX)
        last = runs[-1][-1] if runs else None
        slot = grid.index(row.start)
        day = grid.day_of(slot) if slot is not None else -1
        if last is not None and day != days[-1]:
            last = None  # a new working day begins a new shift
        same = last is not None and last.post == row.post and not briefing
        if last is not None and (same or last.post.startswith(BRIEFING_PREFIX)):
            runs[-1].append(row)
        else:
            runs.append([row])
            days.append(day)
    return runs


def _shift(
    model: StaffingModel,
    run: list[Any],
    previous_end: datetime | None,
    supplies: dict[str, int],
    standing: set[str],
) -> Shift | None:
    """The shift of one run (a briefing alone too: a shift cut short by an absence)."""
    grid = model.grid
    first = run[0]
    brief_rows = [r for r in run if r.post.startswith(BRIEFING_PREFIX)]
    stints = [r for r in run if not r.post.startswith(BRIEFING_PREFIX)] or run
    start = grid.index(first.start)
    end = _slots_before(grid, stints[-1].end)
    work = grid.index(stints[0].start) if stints is not run else end
    if start is None or work is None:
        return None
    brk = (-1, -1)
    if len(stints) > 1 and stints is not run:
        leave, back = grid.index(stints[0].end), grid.index(stints[1].start)
        brk = (-1 if leave is None else leave, -1 if back is None else back)
    station = stints[0].post if stints is not run else ""
    template = Template(grid.day_of(start), start, end, *brk, work - start, station in standing)
    began = first.start
    if previous_end is not None and (began - previous_end).total_seconds() < 3600:
        began = previous_end  # the walk from the post before is part of the shift
    supply = supplies.get(first.person, supplies.get(f"pool:{first.pool}", 0))
    on_post = stints if stints is not run else []
    return Shift(
        first.person,
        first.name,
        first.role,
        first.pool,
        station,
        _labels(s.unit for s in on_post),
        supply,
        template,
        began,
        run[-1].end,
        model.supplies[supply].tags,
        _labels(s.leads for s in on_post),
        brief_rows[0].post.removeprefix(BRIEFING_PREFIX) if brief_rows else "",
    )


def _slots_before(grid: TimeGrid, moment: datetime) -> int:
    """The slots starting before ``moment``: the end of a run ending then (a day's last slot
    ends where no slot starts, and a briefing may end inside one)."""
    return bisect_left(grid.starts, moment)


def _labels(values: Any) -> tuple[str, ...]:
    out = tuple(values)
    return out if any(out) else ()
