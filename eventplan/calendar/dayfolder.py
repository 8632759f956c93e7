"""Each planned day as a plan folder that ``eventplan check`` accepts: ``days/YYYY-MM-DD/``.

The day's scenario (:mod:`eventplan.calendar.dayscenario`) is validated like any scenario;
the calendar's assignments of that day become the roster's shifts (a person's windows at one
post one shift, a split duty's break inside it); coverage, shortfalls, plan.json and the
folder's file hashes come from the same stages ``eventplan solve`` writes them with; travel.csv
says each person's travel from the station and back, which the archive counts as paid time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np
import pandas as pd

from eventplan.archive.travel import TRAVEL_CSV
from eventplan.calendar.dayscenario import at, day_scenario, pool_id, post_id
from eventplan.calendar.history import Assignment
from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.plan import CalendarPlan, WeekResult
from eventplan.io.plan_files import MAP_HTML
from eventplan.io.spreadsheet import csv_bytes
from eventplan.planning.output import map_source, plan_files
from eventplan.planning.plan import Plan
from eventplan.planning.stages import Groundwork, lay_groundwork
from eventplan.render import render_map
from eventplan.scenario.loader import from_document
from eventplan.staffing.coverage import coverage_table, shortfall_runs
from eventplan.staffing.report import SolveReport, SolveStatus
from eventplan.staffing.roster import Roster, Shift
from eventplan.staffing.run import StaffingResult
from eventplan.staffing.templates import Template
from eventplan.timegrid import TimeGrid

#: The folder, inside a calendar plan's folder, that holds one plan folder per day.
DAYS = "days"
CAUSE = "left open by the calendar plan (see shortfalls.csv of the calendar folder)"


def day_folders(loaded: LoadedCalendar, plan: CalendarPlan, lang: str = "en") -> dict[str, bytes]:
    """Every file of every day's folder, by path relative to the calendar folder, its map
    (the commander's map of the day, in ``lang``) included; a day without duty has none."""
    by_day: dict[date, list[Assignment]] = defaultdict(list)
    for assignment in plan.assignments:
        by_day[assignment.day].append(assignment)
    files: dict[str, bytes] = {}
    for day, duties in sorted(plan.duties.items()):
        if not duties:
            continue
        assignments = by_day.get(day, [])
        day_plan = plan_of_day(loaded, plan, day, assignments)
        page = render_map(map_source(day_plan), lang=lang).encode("utf-8")
        extra = {MAP_HTML: page, TRAVEL_CSV: travel_csv(assignments)}
        for name, content in plan_files(day_plan, extra).items():
            files[f"{DAYS}/{day.isoformat()}/{name}"] = content
    return files


def travel_csv(assignments: list[Assignment]) -> bytes:
    """Each person's minutes of travel that day at each post (both ways, every window: each
    is a trip from the station and back), for the archive to count as working time."""
    minutes: dict[tuple[str, str], int] = defaultdict(int)
    for a in assignments:
        minutes[a.person, post_id(a.duty, a.event, a.post)] += 2 * a.travel
    rows = [
        {"person": person, "post": post, "travel_minutes": total}
        for (person, post), total in sorted(minutes.items())
    ]
    return csv_bytes(pd.DataFrame(rows, columns=["person", "post", "travel_minutes"]))


def plan_of_day(
    loaded: LoadedCalendar, plan: CalendarPlan, day: date, assignments: list[Assignment]
) -> Plan:
    """The plan of one day: its scenario, and the calendar's assignments as its roster."""
    document = day_scenario(loaded, day, plan.duties[day], assignments)
    scenario = from_document(document, file=f"{loaded.source}#{day.isoformat()}")
    groundwork = lay_groundwork(scenario)
    shifts = _shifts(loaded, groundwork, day, assignments)
    grid = groundwork.grid
    coverage = coverage_table(groundwork.requirements, grid, shifts)
    runs = shortfall_runs(coverage, grid, lambda *_: CAUSE)
    report = _report(_week_of(plan, day))
    staffing = StaffingResult(
        None,  # type: ignore[arg-type]  # no staffing model: the calendar's model staffed it
        np.zeros(0),
        report,
        Roster(tuple(shifts), ()),
        coverage,
        tuple(runs),
    )
    return Plan(scenario, grid, staffing, groundwork.venue)


def _shifts(
    loaded: LoadedCalendar, groundwork: Groundwork, day: date, assignments: list[Assignment]
) -> list[Shift]:
    """One shift per person and run of windows at one post (a break between two windows)."""
    grid = groundwork.grid
    people = {p.id: p for p in loaded.people}
    own: dict[str, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        own[assignment.person].append(assignment)
    shifts: list[Shift] = []
    for pid, mine in own.items():
        person = people[pid]
        mine.sort(key=lambda a: a.start)
        runs: list[list[Assignment]] = []
        for a in mine:
            last = runs[-1][-1] if runs else None
            if last and (last.duty, last.post, last.event) == (a.duty, a.post, a.event):
                runs[-1].append(a)
            else:
                runs.append([a])
        for run in runs:
            slots = [_slot(grid, day, a.start) for a in run]
            ends = [_slot(grid, day, a.end) for a in run]
            gap = (ends[0], slots[1]) if len(run) > 1 else (-1, -1)
            template = Template(grid.day_of(slots[0]), slots[0], ends[-1], *gap)
            shifts.append(
                Shift(
                    pid, person.name or pid, person.role,
                    pool_id(person.organisation, person.role),
                    post_id(run[0].duty, run[0].event, run[0].post), (), 0, template,
                    at(day, run[0].start), at(day, run[-1].end),
                )
            )  # fmt: skip
    shifts.sort(key=lambda s: (s.start, s.station_id, s.person))
    return shifts


def _slot(grid: TimeGrid, day: date, minutes: int) -> int:
    """The slot starting at a time of the day (the grid's end for the day's last end)."""
    found = grid.index(at(day, minutes))
    return grid.size if found is None else found


def _week_of(plan: CalendarPlan, day: date) -> WeekResult | None:
    return next((w for w in plan.weeks if w.first <= day <= w.last), None)


def _report(week: WeekResult | None) -> SolveReport:
    """The search that made the day: its week's (status, objective, bound, seconds)."""
    if week is None:
        return SolveReport(SolveStatus.FEASIBLE, float("nan"), float("nan"), 0.0, "", 0, 2)
    status = SolveStatus.OPTIMAL if week.status == "OPTIMAL" else SolveStatus.FEASIBLE
    return SolveReport(
        status, week.objective, week.bound, week.seconds, "calendar week (CP-SAT)", 0, 2
    )
