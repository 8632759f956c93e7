"""The ledger: what each person already worked in a period, for a planner to start from.

``ledger(db, start, end)`` counts, per person, the hours, the days, the weekends and the
nights worked from ``start`` to ``end`` (inclusive local days), the events, and when their last
work ended (for rest across the period's edge). Work is what the muster files say for events
whose attendance was imported, else what the current plan planned
(:mod:`eventplan.archive.worked`). Briefings and travel from the station and back are paid
work and count in the hours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from eventplan.archive.database import archive_engine
from eventplan.archive.times import NIGHT_SHIFT_HOURS, weekend_of
from eventplan.archive.worked import Work, worked


@dataclass(frozen=True, slots=True)
class Worked:
    """What one person worked in the period.

    ``days`` are distinct local days with a shift starting on them; ``weekends`` distinct
    weekends (Saturday and Sunday) with any; ``nights`` shifts with at least
    :data:`~eventplan.archive.times.NIGHT_SHIFT_HOURS` hours between 22:00 and 06:00;
    ``last_end`` the end of the last work, naive UTC.
    """

    person: str
    name: str
    role: str
    pool: str
    organisation: str
    hours: float
    days: int
    weekends: int
    nights: int
    night_hours: float
    events: int
    last_end: datetime


def ledger(db: str | Engine | None, start: date, end: date) -> dict[str, Worked]:
    """What each person worked from ``start`` to ``end`` (inclusive), by person id.

    Parameters
    ----------
    db
        The archive: an engine, a URL or path, or None for the default (see
        :func:`eventplan.archive.database.database_url`).
    """
    with archive_engine(db) as engine, Session(engine) as session:
        rows = worked(session, start, end)
    return tally(rows)


def work_rows(db: str | Engine | None, start: date, end: date) -> list[Work]:
    """Every row of work on the local days ``start`` to ``end`` (inclusive): the muster
    records of events with attendance, the current plans' stints of the others; for a planner
    that needs the days and times themselves (rest, consecutive days), not only the totals."""
    with archive_engine(db) as engine, Session(engine) as session:
        return worked(session, start, end)


def tally(rows: Iterable[Work]) -> dict[str, Worked]:
    """The ledger of some rows of work, by person id."""
    by_person: dict[str, list[Work]] = defaultdict(list)
    for row in rows:
        by_person[row.person].append(row)
    return {person: _one(work) for person, work in sorted(by_person.items())}


def _one(work: list[Work]) -> Worked:
    shifts: dict[tuple[str, date], float] = defaultdict(float)
    for row in work:
        shifts[row.event, row.day] += row.night_hours
    days = {row.day for row in work}
    last = max(work, key=lambda row: row.ends)
    return Worked(
        person=last.person,
        name=last.name,
        role=last.role,
        pool=last.pool,
        organisation=last.organisation,
        hours=round(sum(row.paid_hours for row in work), 6),
        days=len(days),
        weekends=len({weekend_of(day) for day in days} - {None}),
        nights=sum(1 for hours in shifts.values() if hours >= NIGHT_SHIFT_HOURS - 1e-9),
        night_hours=round(sum(row.night_hours for row in work), 6),
        events=len({row.event for row in work}),
        last_end=last.ends,
    )
