"""The archive's first schema: events, organisations, people, plan versions, assignments,
shortfalls and attendance.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _key() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "events",
        _key(),
        sa.Column("event_key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("timezone", sa.String(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("attendance_file", sa.String(), nullable=True),
        sa.Column("attendance_sha256", sa.String(length=64), nullable=True),
        sa.Column("attendance_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("event_key", name="uq_events_event_key"),
    )
    op.create_table(
        "organisations",
        _key(),
        sa.Column("organisation_key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
        sa.UniqueConstraint("organisation_key", name="uq_organisations_organisation_key"),
    )
    op.create_table(
        "people",
        _key(),
        sa.Column("person_key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("pool", sa.String(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name="fk_people_organisation_id_organisations",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.UniqueConstraint("person_key", name="uq_people_person_key"),
    )
    _plan_versions()
    _assignments()
    _shortfalls()
    _attendance()


def _plan_versions() -> None:
    op.create_table(
        "plan_versions",
        _key(),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("parent_sha256", sa.String(length=64), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("replanned_utc", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("objective", sa.Float(), nullable=True),
        sa.Column("gap", sa.Float(), nullable=True),
        sa.Column("folder", sa.String(), nullable=False),
        sa.Column("added_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_plan_versions_event_id_events"
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["plan_versions.id"], name="fk_plan_versions_parent_id_plan_versions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_plan_versions"),
        sa.UniqueConstraint("sha256", name="uq_plan_versions_sha256"),
    )
    op.create_index("ix_plan_versions_event_id", "plan_versions", ["event_id"])
    op.create_index("ix_plan_versions_parent_sha256", "plan_versions", ["parent_sha256"])


def _assignments() -> None:
    op.create_table(
        "assignments",
        _key(),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("pool", sa.String(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("post", sa.String(), nullable=False),
        sa.Column("leads", sa.String(), nullable=False),
        sa.Column("briefing", sa.Boolean(), nullable=False),
        sa.Column("starts_utc", sa.DateTime(), nullable=False),
        sa.Column("ends_utc", sa.DateTime(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("night_hours", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name="fk_assignments_organisation_id_organisations",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_assignments_person_id_people"
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan_versions.id"], name="fk_assignments_plan_id_plan_versions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assignments"),
    )
    op.create_index("ix_assignments_plan_id", "assignments", ["plan_id"])
    op.create_index("ix_assignments_day", "assignments", ["day"])
    op.create_index("ix_assignments_person_day", "assignments", ["person_id", "day"])


def _shortfalls() -> None:
    op.create_table(
        "shortfalls",
        _key(),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("post", sa.String(), nullable=False),
        sa.Column("role_group", sa.String(), nullable=False),
        sa.Column("priority", sa.String(), nullable=False),
        sa.Column("missing", sa.Integer(), nullable=False),
        sa.Column("starts_utc", sa.DateTime(), nullable=False),
        sa.Column("ends_utc", sa.DateTime(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan_versions.id"], name="fk_shortfalls_plan_id_plan_versions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_shortfalls"),
    )
    op.create_index("ix_shortfalls_plan_id", "shortfalls", ["plan_id"])
    op.create_index("ix_shortfalls_day", "shortfalls", ["day"])


def _attendance() -> None:
    op.create_table(
        "attendance",
        _key(),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("arrived_utc", sa.DateTime(), nullable=False),
        sa.Column("left_utc", sa.DateTime(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("night_hours", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name="fk_attendance_event_id_events"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_attendance_person_id_people"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_attendance"),
    )
    op.create_index("ix_attendance_event_id", "attendance", ["event_id"])
    op.create_index("ix_attendance_day", "attendance", ["day"])


def downgrade() -> None:
    for table in (
        "attendance",
        "shortfalls",
        "assignments",
        "plan_versions",
        "people",
        "organisations",
        "events",
    ):
        op.drop_table(table)
