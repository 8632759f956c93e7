"""The schema is versioned with Alembic: an empty database is brought to the newest version
when the archive is opened, the migrations build exactly the tables the code uses, and they
undo and redo cleanly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from eventplan.archive.database import archive_engine, downgrade, head_revision, upgrade
from eventplan.archive.schema import Base

TABLES = {
    "events",
    "organisations",
    "people",
    "plan_versions",
    "assignments",
    "shortfalls",
    "attendance",
}


def _revision(engine) -> str | None:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_an_empty_database_is_upgraded_to_the_newest_schema_when_opened(db: str) -> None:
    with archive_engine(db) as engine:
        assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
        assert _revision(engine) == head_revision()
        with engine.connect() as connection:
            # The migrations and the ORM classes describe the same tables, columns, keys and
            # indexes: autogenerate finds nothing to change.
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_opening_again_changes_nothing_and_the_migrations_undo_and_redo(db: str) -> None:
    with archive_engine(db) as engine, engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organisations (organisation_key, name, kind) "
                "VALUES ('psb', 'Station', 'police-station')"
            )
        )
    with archive_engine(db) as engine:  # opened again: already at the head, data kept
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM organisations")).scalar() == 1
        downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        assert _revision(engine) is None
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) >= TABLES
        assert _revision(engine) == head_revision()
