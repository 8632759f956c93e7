"""A calendar plan's folder: roster, assignments, fairness, shortfalls, weeks, the cross-day
check and a summary, written whole (the folder is swapped in at once)."""

from __future__ import annotations

import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from eventplan.calendar.dayfolder import day_folders
from eventplan.calendar.fairness import fairness_rows
from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.plan import CalendarPlan
from eventplan.calendar.sitemap import SITES_HTML, sites_map
from eventplan.io.folder import write_folder
from eventplan.io.spreadsheet import csv_bytes, neutralise

#: The file that marks a calendar plan folder (and lets a later run replace it).
SUMMARY_JSON = "calendar.json"
PROVEN = (
    "Each week's bound (the sum of its station groups' CP-SAT bounds) is proven for that week "
    "given the weeks before it as planned and the events' quotas per group; their sum bounds "
    "the rolling plan's objective for those histories, not the best plan of the whole period "
    "solved at once."
)


def summary(plan: CalendarPlan, violations: list[str]) -> dict[str, Any]:
    objective = sum(week.objective for week in plan.weeks)
    bound = sum(week.bound for week in plan.weeks)
    return {
        "from": plan.first.isoformat(),
        "to": plan.last.isoformat(),
        "assignments": len(plan.assignments),
        "shortfall_people": sum(s.need - s.filled for s in plan.shortfalls),
        "objective": objective,
        "bound": bound,
        "gap": (objective - bound) / max(abs(objective), 1.0),
        "proven": PROVEN,
        "weeks": [
            {
                "from": w.first.isoformat(),
                "to": w.last.isoformat(),
                "status": w.status,
                "objective": w.objective,
                "bound": w.bound,
                "gap": w.gap,
                "seconds": round(w.seconds, 2),
                "variables": w.variables,
            }
            for w in plan.weeks
        ],
        "check": {"passed": not violations, "violations": len(violations)},
    }


def roster_table(loaded: LoadedCalendar, plan: CalendarPlan) -> pd.DataFrame:
    """Person by day: each cell the day's duties (``site/window``, or ``site/post/window`` at
    a duty of several posts; split duties joined)."""
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in sorted(plan.assignments, key=lambda a: (a.day, a.start)):
        place = f"{a.site}/{a.post}" if a.post else a.site
        cells[a.person, a.day.isoformat()].append(f"{place}/{a.window}")
    days = [d.isoformat() for d in sorted(plan.duties)]
    rows = []
    for person in loaded.people:
        row: dict[str, Any] = {
            "person": person.id,
            "name": person.name,
            "organisation": person.organisation,
            "station": person.station,
            "role": person.role,
        }
        for day in days:
            row[day] = " + ".join(cells.get((person.id, day), []))
        rows.append(row)
    return pd.DataFrame(rows, columns=["person", "name", "organisation", "station", "role", *days])


def plan_files(
    loaded: LoadedCalendar, plan: CalendarPlan, violations: list[str], lang: str = "en"
) -> dict[str, bytes]:
    """Every file of the folder, by name (the maps in ``lang``)."""
    roster = roster_table(loaded, plan)
    assignments = pd.DataFrame(
        [
            {
                "person": a.person,
                "date": a.day.isoformat(),
                "site": a.site,
                "duty": a.duty,
                "post": a.post,
                "window": a.window,
                "start": _clock(a.start),
                "end": _clock(a.end),
                "travel_minutes": a.travel,
                "minutes": a.minutes,
                "night": a.night,
            }
            for a in plan.assignments
        ]
    )
    shortfalls = pd.DataFrame(
        [
            {
                "date": s.day.isoformat(),
                "site": s.site,
                "duty": s.duty,
                "post": s.post,
                "window": s.window,
                "priority": s.priority,
                "roles": " ".join(s.roles),
                "need": s.need,
                "filled": s.filled,
                "short": s.need - s.filled,
            }
            for s in plan.shortfalls
        ],
        columns=[
            *("date", "site", "duty", "post", "window", "priority", "roles"),
            *("need", "filled", "short"),
        ],
    )
    fairness = pd.DataFrame(fairness_rows(loaded, plan.assignments, plan.carried))
    report = summary(plan, violations)
    return {
        SUMMARY_JSON: (json.dumps(report, indent=2, allow_nan=False) + "\n").encode("utf-8"),
        "roster.csv": csv_bytes(roster),
        "roster.xlsx": _workbook(
            {"roster": roster, "fairness": fairness, "shortfalls": shortfalls}
        ),
        "assignments.csv": csv_bytes(assignments),
        "fairness.csv": csv_bytes(fairness),
        "shortfalls.csv": csv_bytes(shortfalls),
        "check.txt": ("\n".join(violations) + "\n" if violations else "passed\n").encode("utf-8"),
        SITES_HTML: sites_map(loaded, plan, lang).encode("utf-8"),
        **day_folders(loaded, plan, lang),
    }


def write_plan(
    directory: str | Path,
    loaded: LoadedCalendar,
    plan: CalendarPlan,
    violations: list[str],
    lang: str = "en",
) -> list[Path]:
    """Write the folder whole; the caller holds :func:`eventplan.io.folder.folder_lock`."""
    files = plan_files(loaded, plan, violations, lang)
    return write_folder(directory, files, marker=SUMMARY_JSON)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02}:{minutes % 60:02}"


def _workbook(sheets: dict[str, pd.DataFrame]) -> bytes:
    from openpyxl import Workbook

    # Streamed rows, and no cell for an empty one: a month's roster is mostly days off (the
    # bundled month's roster sheet: 0.34 s instead of 1.1).
    book = Workbook(write_only=True)
    for title, frame in sheets.items():
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "B2"
        sheet.append(list(frame.columns))
        for values in frame.itertuples(index=False):
            sheet.append([None if isinstance(v, str) and not v else neutralise(v) for v in values])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
