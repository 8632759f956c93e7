"""Travel hours beside each assignment; a calendar's days known by the calendar and the date.

A district calendar's day folders named their event by the date alone (``day-2026-09-07``), so
the days of two calendars in one archive were one event, the later replacing the earlier. They
are now ``CALENDAR.DATE``, the calendar's identity being its id, else its name as a slug. The
days already stored are given the new key where their name says the calendar's
(``District calendar: 2026-09-07``), so that a day added again is the same event; a day of a
calendar without a name (``Calendar: DATE``) keeps its old key.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_OLD_KEY = re.compile(r"day-(\d{4}-\d{2}-\d{2})")
#: A calendar without a name gave its days this name (its file's stem is not stored).
_UNNAMED = "Calendar"


def upgrade() -> None:
    op.add_column(
        "assignments",
        sa.Column("travel_hours", sa.Float(), server_default=sa.text("0"), nullable=False),
    )
    connection = op.get_bind()
    events = sa.table(
        "events", sa.column("id", sa.Integer), sa.column("event_key"), sa.column("name")
    )
    rows = connection.execute(
        sa.select(events.c.id, events.c.event_key, events.c.name).where(
            events.c.event_key.like("day-%")
        )
    ).all()
    taken = {key for (key,) in connection.execute(sa.select(events.c.event_key))}
    for ident, key, name in rows:
        new = _calendar_day_key(key, name)
        if new is not None and new not in taken:
            connection.execute(sa.update(events).where(events.c.id == ident).values(event_key=new))
            taken.add(new)


def downgrade() -> None:
    # The days keep their new keys: the old ones would join two calendars' days again.
    with op.batch_alter_table("assignments") as batch:
        batch.drop_column("travel_hours")


def _calendar_day_key(key: str, name: str) -> str | None:
    """``SLUG.DATE`` for a calendar day's old key and name (the loader's slug of the name,
    as it stood when this migration was written), None when the name does not say it."""
    found = _OLD_KEY.fullmatch(key)
    calendar, _, day = name.rpartition(": ")
    if found is None or day != found.group(1) or not calendar or calendar == _UNNAMED:
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", calendar.lower()).strip("-")[:100].strip("-")
    return f"{slug}.{day}" if slug else None
