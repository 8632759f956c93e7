"""What people worked in a period, read from the archive: planned, attended, or the better of
the two.

Each event counts with its **current plan**: its highest version (the latest added among
equals). Where the event's attendance has been imported, what people worked is what the
muster file says; elsewhere it is what the current plan planned. Rows count in the period by
their ``day`` (the local day their shift starts, see :mod:`eventplan.archive.times`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session, aliased

from eventplan.archive.schema import (
    Assignment,
    Attendance,
    Event,
    Organisation,
    Person,
    PlanVersion,
)


@dataclass(frozen=True, slots=True)
class Work:
    """One row of work: a roster stint (``attended`` False) or a muster record (True)."""

    person: str
    name: str
    role: str
    pool: str
    organisation: str
    event: str
    post: str
    day: date
    starts: datetime
    ends: datetime
    hours: float
    night_hours: float
    attended: bool
    briefing: bool = False
    #: the event's timezone, in which ``day`` is counted (``starts`` and ``ends`` are UTC)
    zone: str = "UTC"
    #: from the station and back, beside ``hours`` (see :mod:`eventplan.archive.travel`)
    travel_hours: float = 0.0

    @property
    def paid_hours(self) -> float:
        """Working time: the hours at the post (or the muster's) and the travel."""
        return self.hours + self.travel_hours


def current_plans(session: Session) -> dict[int, int]:
    """The current plan version's key of every event, by the event's key."""
    current: dict[int, tuple[int, int]] = {}
    for event_id, plan_id, version in session.execute(
        select(PlanVersion.event_id, PlanVersion.id, PlanVersion.version)
    ):
        if (version, plan_id) > current.get(event_id, (0, 0)):
            current[event_id] = (version, plan_id)
    return {event_id: plan_id for event_id, (_, plan_id) in current.items()}


def mustered_events(session: Session) -> set[str]:
    """The ids of the events whose attendance has been imported."""
    return set(session.scalars(select(Event.event_key).where(Event.attendance_at.is_not(None))))


def planned(session: Session, start: date, end: date) -> list[Work]:
    """The current plans' stints on days ``start`` to ``end`` (inclusive)."""
    plans = list(current_plans(session).values())
    found: list[Work] = []
    for chunk in _chunks(plans):
        query = _planned_query().where(
            Assignment.plan_id.in_(chunk), Assignment.day >= start, Assignment.day <= end
        )
        found.extend(_planned_row(row) for row in session.execute(query))
    return found


def attended(session: Session, start: date, end: date) -> list[Work]:
    """The muster records on days ``start`` to ``end`` (inclusive)."""
    query = (
        select(
            Person.person_key,
            Person.name,
            Person.role,
            Person.pool,
            Organisation.organisation_key,
            Event.event_key,
            Attendance.day,
            Attendance.arrived_utc,
            Attendance.left_utc,
            Attendance.hours,
            Attendance.night_hours,
            Event.timezone,
        )
        .join(Person, Attendance.person_id == Person.id)
        .join(Event, Attendance.event_id == Event.id)
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .where(Attendance.day >= start, Attendance.day <= end)
    )
    return [
        Work(
            person=person,
            name=name,
            role=role,
            pool=pool,
            organisation=organisation or "",
            event=event,
            post="",
            day=day,
            starts=arrived,
            ends=left,
            hours=hours,
            night_hours=night,
            attended=True,
            zone=zone,
        )
        for (
            person,
            name,
            role,
            pool,
            organisation,
            event,
            day,
            arrived,
            left,
            hours,
            night,
            zone,
        ) in session.execute(query)
    ]


def worked(session: Session, start: date, end: date) -> list[Work]:
    """What people worked: the muster records of events with attendance, the current plan's
    stints of the others."""
    with_attendance = mustered_events(session)
    plan = planned(session, start, end)
    present = with_travel(attended(session, start, end), plan)
    return [w for w in plan if w.event not in with_attendance] + present


def with_travel(present: list[Work], plan: list[Work]) -> list[Work]:
    """Muster records with the travel the plan gave the person that day at that event (on
    their first record of it): whoever came travelled as planned; a no-show did not."""
    planned_travel: dict[tuple[str, str, date], float] = defaultdict(float)
    for row in plan:
        planned_travel[row.person, row.event, row.day] += row.travel_hours
    found = []
    for row in present:
        travel = planned_travel.pop((row.person, row.event, row.day), 0.0)
        found.append(replace(row, travel_hours=travel) if travel else row)
    return found


def _planned_query() -> Select:  # type: ignore[type-arg]
    """Columns, not ORM objects: a month of a district is a few hundred thousand rows."""
    owner = aliased(Organisation)
    return (
        select(
            Person.person_key,
            Person.name,
            Assignment.role,
            Assignment.pool,
            owner.organisation_key,
            Event.event_key,
            Assignment.post,
            Assignment.day,
            Assignment.starts_utc,
            Assignment.ends_utc,
            Assignment.hours,
            Assignment.night_hours,
            Assignment.briefing,
            Event.timezone,
            Assignment.travel_hours,
        )
        .join(Person, Assignment.person_id == Person.id)
        .join(PlanVersion, Assignment.plan_id == PlanVersion.id)
        .join(Event, PlanVersion.event_id == Event.id)
        .outerjoin(owner, Assignment.organisation_id == owner.id)
    )


def _planned_row(row: Row[Any]) -> Work:
    (person, name, role, pool, organisation, event, post, day, starts, ends, hours, night,
     briefing, zone, travel) = row  # fmt: skip
    return Work(
        person=person,
        name=name,
        role=role,
        pool=pool,
        organisation=organisation or "",
        event=event,
        post=post,
        day=day,
        starts=starts,
        ends=ends,
        hours=hours,
        night_hours=night,
        attended=False,
        briefing=briefing,
        zone=zone,
        travel_hours=travel,
    )


def _chunks(values: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
