"""The archive's report over a period: hours per person and organisation, events per person,
no-shows per pool, and the posts left short.

Worked hours are the muster file's where an event's attendance was imported, else the current
plan's (see :mod:`eventplan.archive.worked`); planned hours are always the current plan's.
No-shows are counted only for events with attendance: a planned shift (a person's stints of
one event on one day) that no muster record of that person overlaps. Posts left short are the
plan's shortfalls (person-hours of need without anyone) and, with attendance, the hours of
the no-shows' stints at each post.

Hours are working time: the time at the post (or the muster's) and the travel from the station
and back that a calendar's day folder records (travel on duty is paid working time; see
:mod:`eventplan.archive.travel`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from eventplan.archive.database import archive_engine
from eventplan.archive.schema import Event, Organisation, PlanVersion, Shortfall
from eventplan.archive.times import hours_between
from eventplan.archive.worked import (
    Work,
    attended,
    current_plans,
    mustered_events,
    planned,
    with_travel,
)


@dataclass(frozen=True, slots=True)
class PersonLine:
    person: str
    name: str
    organisation: str
    role: str
    events: int
    days: int
    planned_hours: float
    worked_hours: float
    no_shows: int


@dataclass(frozen=True, slots=True)
class OrganisationLine:
    organisation: str
    name: str
    people: int
    planned_hours: float
    worked_hours: float


@dataclass(frozen=True, slots=True)
class PoolLine:
    """Planned shifts of a pool in events with attendance, and how many nobody came to."""

    pool: str
    organisation: str
    shifts: int
    no_shows: int

    @property
    def rate(self) -> float:
        return self.no_shows / self.shifts if self.shifts else 0.0


@dataclass(frozen=True, slots=True)
class PostLine:
    event: str
    post: str
    short_hours: float
    no_show_hours: float


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    events: int
    with_attendance: int
    people: tuple[PersonLine, ...]
    organisations: tuple[OrganisationLine, ...]
    pools: tuple[PoolLine, ...]
    posts: tuple[PostLine, ...]


def report(db: str | Engine | None, start: date, end: date) -> Report:
    """The report of the archive ``db`` from ``start`` to ``end`` (inclusive local days)."""
    with archive_engine(db) as engine, Session(engine) as session:
        plan = planned(session, start, end)
        present = attended(session, start, end)
        musters = mustered_events(session)
        short = _short_hours(session, start, end)
        named = session.execute(select(Organisation.organisation_key, Organisation.name))
        names = {key: name for key, name in named}
    present = with_travel(present, plan)
    work = [w for w in plan if w.event not in musters] + present
    absent = _no_shows([w for w in plan if w.event in musters], present)
    return Report(
        start=start,
        end=end,
        events=len({w.event for w in plan} | {w.event for w in present}),
        with_attendance=len({w.event for w in plan if w.event in musters}),
        people=_people(plan, work, absent),
        organisations=_organisations(plan, work, names),
        pools=_pools([w for w in plan if w.event in musters], absent),
        posts=_posts(short, absent),
    )


def _no_shows(plan: list[Work], present: list[Work]) -> list[list[Work]]:
    """The planned shifts (rows of one person, event and day) no muster record overlaps."""
    shifts: dict[tuple[str, str, date], list[Work]] = defaultdict(list)
    for row in plan:
        shifts[row.person, row.event, row.day].append(row)
    seen: dict[tuple[str, str], list[Work]] = defaultdict(list)
    for row in present:
        seen[row.person, row.event].append(row)
    absent = []
    for (person, event, _day), rows in shifts.items():
        start, end = min(r.starts for r in rows), max(r.ends for r in rows)
        if not any(r.starts < end and start < r.ends for r in seen.get((person, event), ())):
            absent.append(rows)
    return absent


def _people(plan: list[Work], work: list[Work], absent: list[list[Work]]) -> tuple[PersonLine, ...]:
    planned_by, worked_by = _group(plan), _group(work)
    no_shows: dict[str, int] = defaultdict(int)
    for rows in absent:
        no_shows[rows[0].person] += 1
    lines = []
    for person in sorted(set(planned_by) | set(worked_by)):
        mine = worked_by.get(person) or planned_by[person]
        latest = max(planned_by.get(person, []) + worked_by.get(person, []), key=_when)
        lines.append(
            PersonLine(
                person=person,
                name=latest.name,
                organisation=latest.organisation,
                role=latest.role,
                events=len({w.event for w in mine}),
                days=len({(w.event, w.day) for w in mine}),
                planned_hours=round(sum(w.paid_hours for w in planned_by.get(person, ())), 6),
                worked_hours=round(sum(w.paid_hours for w in worked_by.get(person, ())), 6),
                no_shows=no_shows.get(person, 0),
            )
        )
    return tuple(lines)


def _group(rows: Iterable[Work]) -> dict[str, list[Work]]:
    by_person: dict[str, list[Work]] = defaultdict(list)
    for row in rows:
        by_person[row.person].append(row)
    return by_person


def _when(row: Work) -> datetime:
    return row.starts


def _organisations(
    plan: list[Work], work: list[Work], names: dict[str, str]
) -> tuple[OrganisationLine, ...]:
    planned_hours = _sum_by(plan, lambda w: w.organisation)
    worked_hours = _sum_by(work, lambda w: w.organisation)
    people: dict[str, set[str]] = defaultdict(set)
    for row in work:
        people[row.organisation].add(row.person)
    return tuple(
        OrganisationLine(
            organisation=key,
            name=names.get(key, ""),
            people=len(people.get(key, ())),
            planned_hours=round(planned_hours.get(key, 0.0), 6),
            worked_hours=round(worked_hours.get(key, 0.0), 6),
        )
        for key in sorted(set(planned_hours) | set(worked_hours))
    )


def _pools(plan: list[Work], absent: list[list[Work]]) -> tuple[PoolLine, ...]:
    shifts: dict[tuple[str, str], set[tuple[str, str, date]]] = defaultdict(set)
    for row in plan:
        shifts[row.pool, row.organisation].add((row.person, row.event, row.day))
    missed: dict[tuple[str, str], int] = defaultdict(int)
    for rows in absent:
        missed[rows[0].pool, rows[0].organisation] += 1
    return tuple(
        PoolLine(pool, organisation, len(keys), missed.get((pool, organisation), 0))
        for (pool, organisation), keys in sorted(shifts.items())
    )


def _posts(short: dict[tuple[str, str], float], absent: list[list[Work]]) -> tuple[PostLine, ...]:
    missed: dict[tuple[str, str], float] = defaultdict(float)
    for rows in absent:
        for row in rows:
            if not row.briefing:
                missed[row.event, row.post] += row.hours
    return tuple(
        PostLine(
            event,
            post,
            round(short.get((event, post), 0.0), 6),
            round(missed.get((event, post), 0.0), 6),
        )
        for event, post in sorted(set(short) | set(missed))
    )


def _short_hours(session: Session, start: date, end: date) -> dict[tuple[str, str], float]:
    """Person-hours of need the current plans leave without anyone, by event and post."""
    plans = list(current_plans(session).values())
    found: dict[tuple[str, str], float] = defaultdict(float)
    query = (
        select(Event.event_key, Shortfall)
        .join(PlanVersion, Shortfall.plan_id == PlanVersion.id)
        .join(Event, PlanVersion.event_id == Event.id)
        .where(Shortfall.plan_id.in_(plans), Shortfall.day >= start, Shortfall.day <= end)
    )
    for event, short in session.execute(query):
        found[event, short.post] += short.missing * hours_between(short.starts_utc, short.ends_utc)
    return dict(found)


def _sum_by(rows: Iterable[Work], key) -> dict[str, float]:  # type: ignore[no-untyped-def]
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        totals[key(row)] += row.paid_hours
    return totals
