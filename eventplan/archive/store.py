"""Adding a plan folder to the archive: its event, organisations, people, the plan version with
its lineage, its assignments and what it leaves short, in one transaction.

A plan already in the archive (the same plan.json, by SHA-256) is not added again. A replanned
plan is linked to its parent when the parent is in the archive, and a parent added after its
replans is linked to them then.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from eventplan.archive.database import archive_engine
from eventplan.archive.folder import PlanRecord, read_plan
from eventplan.archive.schema import (
    Assignment,
    Event,
    Organisation,
    Person,
    PlanVersion,
    Shortfall,
)
from eventplan.archive.times import hours_between, night_hours, shift_days, to_local
from eventplan.errors import InputError, Problem
from eventplan.io.plan_files import PLAN_JSON


@dataclass(frozen=True, slots=True)
class Added:
    """What ``add`` did: ``new`` is False when the plan was already in the archive."""

    event: str
    sha256: str
    version: int
    parent: str | None
    parent_found: bool
    new: bool
    assignments: int
    shortfalls: int


def add_plan(db: str | Engine | None, folder: str | Path) -> Added:
    """Add the plan folder ``folder`` to the archive ``db`` (see :func:`open_archive`).

    Raises
    ------
    InputError
        For a folder that is not one whole plan (nothing is written then), or a replan whose
        parent in the archive is of another event or not an earlier version.
    """
    record = read_plan(folder)
    with archive_engine(db) as engine:
        try:
            return _add(engine, record)
        except IntegrityError:  # the same plan added at the same moment by another process
            return _add(engine, record)


def _add(engine: Engine, record: PlanRecord) -> Added:
    with Session(engine) as session, session.begin():
        found = session.scalar(select(PlanVersion).where(PlanVersion.sha256 == record.sha256))
        if found is not None:
            return _added(record, found, new=False, parent_found=found.parent_id is not None)
        event = _event(session, record)
        organisations = _organisations(session, record)
        people = _people(session, record, organisations)
        plan = _plan_version(session, record, event)
        _link_replans(session, plan)
        session.execute(
            insert(Assignment), _assignment_rows(record, plan.id, people, organisations)
        )
        if record.shortfalls:
            session.execute(insert(Shortfall), _shortfall_rows(record, plan.id))
        return _added(record, plan, new=True, parent_found=plan.parent_id is not None)


def _added(record: PlanRecord, plan: PlanVersion, *, new: bool, parent_found: bool) -> Added:
    return Added(
        event=record.scenario.event.id,
        sha256=record.sha256,
        version=plan.version,
        parent=plan.parent_sha256,
        parent_found=parent_found,
        new=new,
        assignments=len(record.stints),
        shortfalls=len(record.shortfalls),
    )


def _event(session: Session, record: PlanRecord) -> Event:
    facts = record.scenario.event
    first, last = record.days()
    event = session.scalar(select(Event).where(Event.event_key == facts.id))
    if event is None:
        event = Event(event_key=facts.id, first_day=first, last_day=last)
        session.add(event)
    event.name, event.kind, event.timezone = facts.name, facts.kind, facts.timezone
    event.first_day, event.last_day = min(event.first_day, first), max(event.last_day, last)
    session.flush()
    return event


def _organisations(session: Session, record: PlanRecord) -> dict[str, int]:
    """The archive's key of every organisation of the scenario, by its id."""
    given = {o.id: o for o in record.scenario.organisations}
    known = {
        o.organisation_key: o
        for o in session.scalars(
            select(Organisation).where(Organisation.organisation_key.in_(given))
        )
    }
    for key, organisation in given.items():
        row = known.get(key) or Organisation(organisation_key=key)
        row.name, row.kind = organisation.name, organisation.kind
        if key not in known:
            session.add(row)
            known[key] = row
    session.flush()
    return {key: row.id for key, row in known.items()}


def _people(
    session: Session, record: PlanRecord, organisations: Mapping[str, int]
) -> dict[str, int]:
    """The archive's key of everyone on the roster and every named person of the scenario,
    their name, role, pool and organisation updated to this plan's (in bulk: a plan holds
    thousands of people)."""
    pool_organisation = {p.id: p.organisation for p in record.scenario.pools}
    facts: dict[str, dict[str, Any]] = {}
    for key, name, role, pool in [
        *((p.id, p.name, p.role, p.pool) for p in record.scenario.people),
        *((s.person, s.name, s.role, s.pool) for s in record.stints),
    ]:
        organisation = pool_organisation.get(pool)
        facts[key] = {
            "person_key": key,
            "name": name,
            "role": role,
            "pool": pool,
            "organisation_id": organisations.get(organisation) if organisation else None,
        }
    known = _known_people(session, list(facts))
    changed = [
        {"id": known[key][0], **fact}
        for key, fact in facts.items()
        if key in known and known[key][1:] != tuple(fact.values())[1:]
    ]
    if changed:
        session.execute(update(Person), changed)
    fresh = [fact for key, fact in facts.items() if key not in known]
    if fresh:
        session.execute(insert(Person), fresh)
        known.update(_known_people(session, [fact["person_key"] for fact in fresh]))
    return {key: row[0] for key, row in known.items()}


def _known_people(session: Session, keys: list[str]) -> dict[str, tuple[Any, ...]]:
    """``(id, name, role, pool, organisation_id)`` of the people of ``keys`` already stored."""
    columns = (Person.id, Person.name, Person.role, Person.pool, Person.organisation_id)
    found: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(keys), 500):  # (bounded IN lists)
        query = select(Person.person_key, *columns).where(
            Person.person_key.in_(keys[start : start + 500])
        )
        found.update((row[0], tuple(row[1:])) for row in session.execute(query))
    return found


def _plan_version(session: Session, record: PlanRecord, event: Event) -> PlanVersion:
    lineage, solver = record.lineage, record.solver
    plan = PlanVersion(
        event_id=event.id,
        sha256=record.sha256,
        version=lineage.version,
        parent_sha256=lineage.parent,
        replanned_utc=lineage.at,
        status=str(solver.get("status") or ""),
        objective=_number(solver.get("objective")),
        gap=_number(solver.get("gap")),
        folder=str(record.folder)[:1000],
        added_utc=datetime.now(UTC).replace(tzinfo=None),
    )
    if lineage.parent is not None:
        parent = session.scalar(select(PlanVersion).where(PlanVersion.sha256 == lineage.parent))
        if parent is not None:
            _check_parent(session, record, parent, event)
            plan.parent_id = parent.id
    session.add(plan)
    session.flush()
    return plan


def _check_parent(session: Session, record: PlanRecord, parent: PlanVersion, event: Event) -> None:
    where = str(record.folder / PLAN_JSON)
    if parent.event_id != event.id:
        other = session.get(Event, parent.event_id)
        raise InputError(
            Problem(
                where,
                "replan.parent",
                f"the parent plan is of event '{other.event_key if other else '?'}', "
                f"not '{event.event_key}'",
            )
        )
    if parent.version >= record.lineage.version:
        raise InputError(
            Problem(
                where,
                "replan.version",
                f"version {record.lineage.version} replans version {parent.version}: "
                "a replan's version must be above its parent's",
            )
        )


def _link_replans(session: Session, plan: PlanVersion) -> None:
    """Link the replans of ``plan`` added before it."""
    for child in session.scalars(
        select(PlanVersion).where(
            PlanVersion.parent_sha256 == plan.sha256, PlanVersion.parent_id.is_(None)
        )
    ):
        if child.event_id == plan.event_id and child.version > plan.version:
            child.parent_id = plan.id
    session.flush()


def _assignment_rows(
    record: PlanRecord, plan_id: int, people: Mapping[str, int], organisations: Mapping[str, int]
) -> list[dict[str, Any]]:
    zone = record.zone
    pool_organisation = {p.id: p.organisation for p in record.scenario.pools}
    by_person: dict[str, list[int]] = defaultdict(list)
    for index, stint in enumerate(record.stints):
        by_person[stint.person].append(index)
    days = [to_local(s.starts, zone).date() for s in record.stints]
    for indices in by_person.values():
        spans = [(record.stints[i].starts, record.stints[i].ends) for i in indices]
        for i, day in zip(indices, shift_days(spans, zone), strict=True):
            days[i] = day
    travel = record.travel or (0.0,) * len(record.stints)
    rows = []
    for stint, day, way in zip(record.stints, days, travel, strict=True):
        organisation = pool_organisation.get(stint.pool)
        rows.append(
            {
                "plan_id": plan_id,
                "person_id": people[stint.person],
                "role": stint.role,
                "pool": stint.pool,
                "organisation_id": organisations.get(organisation) if organisation else None,
                "unit": stint.unit,
                "post": stint.post,
                "leads": stint.leads,
                "briefing": stint.is_briefing,
                "starts_utc": stint.starts,
                "ends_utc": stint.ends,
                "day": day,
                "hours": hours_between(stint.starts, stint.ends),
                "night_hours": night_hours(stint.starts, stint.ends, zone),
                "travel_hours": way,
            }
        )
    return rows


def _shortfall_rows(record: PlanRecord, plan_id: int) -> list[dict[str, Any]]:
    return [
        {
            "plan_id": plan_id,
            "post": short.post,
            "role_group": short.role_group,
            "priority": short.priority,
            "missing": short.missing,
            "starts_utc": short.starts,
            "ends_utc": short.ends,
            "day": to_local(short.starts, record.zone).date(),
        }
        for short in record.shortfalls
    ]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
