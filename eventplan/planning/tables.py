"""roster.csv and coverage.csv as tables, in the columns of the plan folder's contract."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from eventplan.io.plan_files import COVERAGE_COLUMNS, ROSTER_COLUMNS
from eventplan.staffing.roster import Roster
from eventplan.timegrid import TimeGrid


def iso(moment: datetime) -> str:
    """Local time as written in every plan file: ``YYYY-MM-DDTHH:MM``."""
    return pd.Timestamp(moment).strftime("%Y-%m-%dT%H:%M")


#: The ``post`` of a briefing row: ``briefing:<muster node>``.
BRIEFING_PREFIX = "briefing:"


def roster_rows(roster: Roster, grid: TimeGrid) -> pd.DataFrame:
    """One row per person and stint; a break splits a shift into two rows, and a briefing
    before the shift is a row of its own (``briefing:<node>``)."""
    rows = []
    for shift in roster.shifts:
        person = (shift.person, shift.name, shift.role, shift.pool)
        template = shift.template
        if template.brief:
            at = BRIEFING_PREFIX + shift.muster
            start, end = grid.start(template.start), grid.end(template.work_start - 1)
            rows.append((*person, "", at, iso(start), iso(end), ""))
        for k, (first, last) in enumerate(template.pieces()):
            label = shift.instance[k] if k < len(shift.instance) else ""
            leads = shift.leads[k] if k < len(shift.leads) else ""
            start, end = grid.start(first), grid.end(last - 1)
            rows.append((*person, label, shift.station_id, iso(start), iso(end), leads))
    return pd.DataFrame(rows, columns=list(ROSTER_COLUMNS))


def coverage_rows(coverage: pd.DataFrame) -> pd.DataFrame:
    """The coverage table in coverage.csv's columns, times as local ISO text."""
    table = coverage[list(COVERAGE_COLUMNS)].copy()
    for column in ("slot_start", "slot_end"):
        table[column] = pd.to_datetime(table[column]).dt.strftime("%Y-%m-%dT%H:%M")
    return table
