"""The archive's tables as SQLAlchemy 2 ORM classes.

Times are stored as naive UTC date-times (``*_utc``), so that SQLite and PostgreSQL compare
them alike; ``day`` is the local date, in the event's timezone, of the shift a row belongs to,
which is what periods are counted in. Hours are real elapsed hours (a night across a change of
the clocks is as long as it really was). Ids from the files (``event_key``, ``person_key``,
``organisation_key``) are kept apart from the integer keys that join the tables.

The Alembic migrations in ``migrations/versions`` create exactly these tables; a test compares
the two.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Constraint names the same on every database, so that migrations can refer to them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Event(Base):
    """An event (a scenario's ``event.id``), with the attendance imported for it, if any."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_key: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    timezone: Mapped[str] = mapped_column(String)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    attendance_file: Mapped[str | None] = mapped_column(String, nullable=True)
    attendance_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    attendance_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Organisation(Base):
    """Where people come from (a scenario's ``organisations``)."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_key: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)


class Person(Base):
    """A person as last seen in a plan: name, role, pool and the pool's organisation."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_key: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(String)
    role: Mapped[str] = mapped_column(String)
    pool: Mapped[str] = mapped_column(String)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id"), nullable=True
    )


class PlanVersion(Base):
    """One plan folder, known by the SHA-256 of its plan.json; a replanned plan names the
    plan.json hash of its parent (``parent_sha256``), linked (``parent_id``) once both are in."""

    __tablename__ = "plan_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    version: Mapped[int] = mapped_column(Integer)
    parent_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("plan_versions.id"), nullable=True)
    replanned_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    status: Mapped[str] = mapped_column(String)
    objective: Mapped[float | None] = mapped_column(Float, nullable=True)
    gap: Mapped[float | None] = mapped_column(Float, nullable=True)
    folder: Mapped[str] = mapped_column(String)
    added_utc: Mapped[datetime] = mapped_column(DateTime)


class Assignment(Base):
    """One roster row of a plan version: a person's stint at a post (or briefing)."""

    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_person_day", "person_id", "day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    role: Mapped[str] = mapped_column(String)
    pool: Mapped[str] = mapped_column(String)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id"), nullable=True
    )
    unit: Mapped[str] = mapped_column(String)
    post: Mapped[str] = mapped_column(String)
    leads: Mapped[str] = mapped_column(String)
    briefing: Mapped[bool] = mapped_column(Boolean)
    starts_utc: Mapped[datetime] = mapped_column(DateTime)
    ends_utc: Mapped[datetime] = mapped_column(DateTime)
    day: Mapped[date] = mapped_column(Date, index=True)
    hours: Mapped[float] = mapped_column(Float)
    night_hours: Mapped[float] = mapped_column(Float)
    #: from the station to the post and back, beside ``hours`` (paid working time; a
    #: calendar's day folder says it, other plans have none)
    travel_hours: Mapped[float] = mapped_column(Float, server_default=text("0"))


class Shortfall(Base):
    """Need a plan version leaves uncovered: ``missing`` people of a role group at a post."""

    __tablename__ = "shortfalls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"), index=True)
    post: Mapped[str] = mapped_column(String)
    role_group: Mapped[str] = mapped_column(String)
    priority: Mapped[str] = mapped_column(String)
    missing: Mapped[int] = mapped_column(Integer)
    starts_utc: Mapped[datetime] = mapped_column(DateTime)
    ends_utc: Mapped[datetime] = mapped_column(DateTime)
    day: Mapped[date] = mapped_column(Date, index=True)


class Attendance(Base):
    """Who actually worked an event, from its muster file: arrived and left."""

    __tablename__ = "attendance"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    line: Mapped[int] = mapped_column(Integer)
    arrived_utc: Mapped[datetime] = mapped_column(DateTime)
    left_utc: Mapped[datetime] = mapped_column(DateTime)
    day: Mapped[date] = mapped_column(Date, index=True)
    hours: Mapped[float] = mapped_column(Float)
    night_hours: Mapped[float] = mapped_column(Float)
