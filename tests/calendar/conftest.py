"""The archive's fixtures (a SQLite file and a real PostgreSQL database per test, the two
small plans solved once) for the calendar's tests that start from the archive."""

from tests.archive.conftest import db, plans, sqlite_db  # noqa: F401
