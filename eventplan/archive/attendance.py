"""Actual attendance, imported after an event from its muster file.

The muster file is a CSV (UTF-8, a byte-order mark allowed) with the columns ``person``,
``arrived`` and ``left`` (others, such as ``name`` or ``note``, are ignored): one row per time
a person was on duty, times local to the event's timezone as plan files write them. A row
with neither time records that the person did not come. Everyone the event's current plan has
on duty and the file does not show present is a no-show. A person who is in the archive but
not in this plan (a stand-in) may be listed: their hours count.

Every problem is named with the file and line, all at once, and nothing is written unless the
whole file is good: a person unknown to the archive, a time that is not one, a time the
event's zone does not have (or has twice, without the offset that says which), leaving before
arriving, a stay longer than :data:`MAX_STAY`, one far outside the event's days, and two rows
of one person that overlap. Importing a file again for the same event replaces what the last
import recorded.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.orm import Session

from eventplan.archive.database import archive_engine
from eventplan.archive.roster import BadCell, local_instant, text_cell
from eventplan.archive.schema import Attendance, Event, Person
from eventplan.archive.times import (
    hours_between,
    night_hours,
    shift_days,
    to_local,
    to_utc,
    zone_of,
)
from eventplan.errors import InputError, Problem
from eventplan.io.bounded import Refused, csv_rows, decode, read_capped

COLUMNS = ("person", "arrived", "left")
#: Largest muster file read.
MAX_BYTES = 50 * 1024 * 1024
#: Longest stay one row may record.
MAX_STAY = timedelta(hours=24)
#: How far before the event's first day or after its last a row may lie.
SLACK = timedelta(days=1)
MAX_PROBLEMS = 100


@dataclass(frozen=True, slots=True)
class Presence:
    """One row of a muster file that records a person on duty (naive UTC)."""

    line: int
    person: str
    arrived: datetime
    left: datetime


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import recorded: rows of presence, people present, and whether it replaced an
    earlier import."""

    event: str
    rows: int
    people: int
    replaced: bool


def import_attendance(db: str | Engine | None, event: str, path: str | Path) -> Imported:
    """Import the muster file ``path`` as the attendance of ``event``.

    Raises
    ------
    InputError
        For an event the archive does not have, or a file with any problem (all named).
    """
    path = Path(path)
    raw = _read(path)
    with archive_engine(db) as engine, Session(engine) as session, session.begin():
        found = session.scalar(select(Event).where(Event.event_key == event))
        if found is None:
            raise InputError(Problem(event, "", _unknown_event(session, event)))
        people = _people(session)
        presences = read_muster(path, raw, found, people)
        replaced = found.attendance_at is not None
        session.execute(delete(Attendance).where(Attendance.event_id == found.id))
        if presences:
            session.execute(insert(Attendance), _rows(presences, found, people))
        found.attendance_file = str(path)[:1000]
        found.attendance_sha256 = hashlib.sha256(raw).hexdigest()
        found.attendance_at = datetime.now(UTC).replace(tzinfo=None)
        return Imported(event, len(presences), len({p.person for p in presences}), replaced)


def read_muster(path: Path, raw: bytes, event: Event, people: Mapping[str, int]) -> list[Presence]:
    """The presences of a muster file's bytes; an :class:`InputError` naming every bad row."""
    where, zone = str(path), zone_of(event.timezone)
    first = to_utc(datetime.combine(event.first_day, datetime.min.time()), zone) - SLACK
    last = to_utc(datetime.combine(event.last_day, datetime.max.time()), zone) + SLACK
    presences, problems = [], []
    try:
        rows = csv_rows(decode(raw, where), where)
        header = _header(next(rows, (1, []))[1], where)
        for line, cells in rows:
            if not any(cell.strip() for cell in cells):
                continue
            record = dict(zip(header, cells, strict=False))
            try:
                presence = _presence(line, record, zone, people, (first, last))
            except BadCell as bad:
                problems.append(Problem(where, bad.column, bad.message, line))
                if len(problems) >= MAX_PROBLEMS:
                    break
                continue
            if presence is not None:
                presences.append(presence)
    except Refused as refused:
        raise InputError(Problem(where, "", refused.message, refused.line)) from None
    problems.extend(_overlaps(presences, where))
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line or 0))
    return presences


def _read(path: Path) -> bytes:
    try:
        return read_capped(path, str(path), MAX_BYTES)
    except Refused as refused:
        raise InputError(Problem(str(path), "", refused.message, refused.line)) from None


def _header(cells: list[str], where: str) -> list[str]:
    header = [cell.strip().lower() for cell in cells]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise InputError(
            Problem(
                where,
                "",
                f"missing column(s): {', '.join(missing)} (a muster file has the columns "
                f"{', '.join(COLUMNS)})",
                1,
            )
        )
    return header


def _presence(
    line: int,
    record: Mapping[str, str],
    zone: tzinfo,
    people: Mapping[str, int],
    bounds: tuple[datetime, datetime],
) -> Presence | None:
    person = text_cell(record, "person")
    if not person:
        raise BadCell("person", "empty person id")
    if person not in people:
        raise BadCell("person", f"unknown person '{person[:80]}' (not in any archived plan)")
    times = [text_cell(record, key) for key in ("arrived", "left")]
    if not any(times):
        return None  # recorded absent
    if not all(times):
        key = "arrived" if not times[0] else "left"
        raise BadCell(key, "missing (give both times, or neither for someone absent)")
    arrived, left = local_instant(record, "arrived", zone), local_instant(record, "left", zone)
    if not arrived < left:
        raise BadCell("left", "before or at the time of arrival")
    if left - arrived > MAX_STAY:
        raise BadCell("left", f"a stay of {hours_between(arrived, left):.1f} hours (at most 24)")
    first, last = bounds
    if arrived < first or left > last:
        raise BadCell("arrived", "far outside the event's days")
    return Presence(line, person, arrived, left)


def _overlaps(presences: list[Presence], where: str) -> list[Problem]:
    by_person: dict[str, list[Presence]] = defaultdict(list)
    for presence in presences:
        by_person[presence.person].append(presence)
    problems = []
    for rows in by_person.values():
        rows.sort(key=lambda p: p.arrived)
        for before, after in itertools.pairwise(rows):
            if after.arrived < before.left:
                problems.append(
                    Problem(
                        where,
                        "arrived",
                        f"overlaps line {before.line} of the same person",
                        after.line,
                    )
                )
    return problems


def _people(session: Session) -> dict[str, int]:
    """The archive's key of every person (a district's force: few enough to hold at once)."""
    return {key: id_ for key, id_ in session.execute(select(Person.person_key, Person.id))}


def _rows(
    presences: list[Presence], event: Event, people: Mapping[str, int]
) -> list[dict[str, Any]]:
    zone = zone_of(event.timezone)
    by_person: dict[str, list[int]] = defaultdict(list)
    for index, presence in enumerate(presences):
        by_person[presence.person].append(index)
    days = [to_local(p.arrived, zone).date() for p in presences]
    for indices in by_person.values():
        spans = [(presences[i].arrived, presences[i].left) for i in indices]
        for i, day in zip(indices, shift_days(spans, zone), strict=True):
            days[i] = day
    return [
        {
            "event_id": event.id,
            "person_id": people[p.person],
            "line": p.line,
            "arrived_utc": p.arrived,
            "left_utc": p.left,
            "day": day,
            "hours": hours_between(p.arrived, p.left),
            "night_hours": night_hours(p.arrived, p.left, zone),
        }
        for p, day in zip(presences, days, strict=True)
    ]


def _unknown_event(session: Session, event: str) -> str:
    known = sorted(session.scalars(select(Event.event_key)))
    shown = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
    return f"unknown event '{event[:80]}' (known: {shown or 'none: add a plan first'})"
