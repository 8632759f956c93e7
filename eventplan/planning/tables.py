"""roster.csv and coverage.csv as tables, in the columns of the plan folder's contract.

Times are written as local ISO-8601 ``YYYY-MM-DDTHH:MM``, with the UTC offset
(``2025-10-26T02:30+01:00``) when clocks change during the event (:meth:`TimeGrid.label`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from eventplan.io.plan_files import COVERAGE_COLUMNS, ROSTER_COLUMNS
from eventplan.staffing.roster import Roster
from eventplan.timegrid import TimeGrid

#: The ``post`` of a briefing row: ``briefing:<muster node>``.
BRIEFING_PREFIX = "briefing:"


def roster_records(roster: Roster, grid: TimeGrid) -> list[dict[str, str]]:
    """One row per person and stint, as a mapping by column (plan.json's ``assignments``,
    which roster.csv and the map reuse); a break splits a shift into two rows, and a
    briefing before the shift is a row of its own (``briefing:<node>``)."""
    rows = []
    for shift in roster.shifts:
        person = (shift.person, shift.name, shift.role, shift.pool)
        template = shift.template
        if template.brief:
            at = BRIEFING_PREFIX + shift.muster
            start, end = grid.start_label(template.start), grid.end_label(template.work_start - 1)
            rows.append((*person, "", at, start, end, ""))
        for k, (first, last) in enumerate(template.pieces()):
            label = shift.instance[k] if k < len(shift.instance) else ""
            leads = shift.leads[k] if k < len(shift.leads) else ""
            start, end = grid.start_label(first), grid.end_label(last - 1)
            rows.append((*person, label, shift.station_id, start, end, leads))
    return [dict(zip(ROSTER_COLUMNS, row, strict=True)) for row in rows]


def coverage_rows(coverage: pd.DataFrame, grid: TimeGrid) -> pd.DataFrame:
    """The coverage table in coverage.csv's columns, times as local ISO text."""
    table = coverage[list(COVERAGE_COLUMNS)].copy()
    slots = [int(slot) for slot in coverage["slot"]]
    table["slot_start"] = [grid.start_label(slot) for slot in slots]
    table["slot_end"] = [grid.end_label(slot) for slot in slots]
    return table


def records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows as mappings by column, values as plain Python values (what
    ``DataFrame.to_dict("records")`` gives, column by column rather than cell by cell)."""
    columns = [table[name].tolist() for name in table.columns]
    return [dict(zip(table.columns, row, strict=True)) for row in zip(*columns, strict=True)]
