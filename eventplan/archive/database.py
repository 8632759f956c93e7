"""Opening the archive: where it is, the engine, and its schema brought up to date.

The archive is a SQLite file unless a PostgreSQL URL is given. Where: ``--db`` (a file path,
``sqlite:///PATH`` or ``postgresql://...``), else ``$EVENTPLAN_ARCHIVE``, else
``./eventplan-archive.sqlite``. Opening runs the Alembic migrations shipped in the package up
to the newest, so an archive written by an older eventplan is upgraded in place, and an empty
database gets the whole schema.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from eventplan.errors import InputError, Problem

#: The variable naming the archive when ``--db`` is not given.
ARCHIVE_VARIABLE = "EVENTPLAN_ARCHIVE"
#: The archive when neither ``--db`` nor the variable names one (in the working folder).
DEFAULT_FILE = "eventplan-archive.sqlite"
_POSTGRES = ("postgresql", "postgres")


def database_url(given: str | None = None) -> str:
    """The SQLAlchemy URL of the archive ``given`` names (see the module for the defaults).

    A plain path is a SQLite file; ``postgresql://`` and ``postgres://`` are read through
    psycopg 3.
    """
    text = (given or os.environ.get(ARCHIVE_VARIABLE) or DEFAULT_FILE).strip()
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if not scheme:
        return f"sqlite:///{Path(text).expanduser()}"
    if scheme in _POSTGRES:
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if scheme.startswith(("sqlite", "postgresql+")):
        return text
    raise InputError(
        Problem(
            _shown(text),
            "",
            "not an archive: give a file path, sqlite:///PATH or postgresql://HOST/DATABASE",
        )
    )


def open_archive(given: str | Engine | None = None) -> Engine:
    """An engine on the archive, its schema migrated to the newest version.

    Raises
    ------
    InputError
        When the archive cannot be reached or opened (a missing folder, a refused
        connection, a file that is not a database).
    """
    if isinstance(given, Engine):
        return given
    url = database_url(given)
    shown = _shown(given or url)
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError, ValueError) as error:
        raise InputError(Problem(shown, "", f"cannot open the archive: {error}")) from None
    if engine.dialect.name == "sqlite":
        _sqlite_pragmas(engine)
    try:
        upgrade(engine)
    except DBAPIError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise InputError(Problem(shown, "", f"cannot open the archive: {reason}")) from None
    return engine


@contextmanager
def archive_engine(given: str | Engine | None) -> Iterator[Engine]:
    """:func:`open_archive` for one piece of work: an engine opened here is closed after it
    (its connections too); one handed in is left open."""
    engine = open_archive(given)
    try:
        yield engine
    finally:
        if engine is not given:
            engine.dispose()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the shipped migrations on ``engine`` up to ``revision``."""
    _migrate(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Undo the shipped migrations on ``engine`` down to ``revision`` (``base``: none)."""
    _migrate(engine, "downgrade", revision)


def _migrate(engine: Engine, direction: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    with resources.as_file(resources.files(__package__) / "migrations") as folder:
        config.set_main_option("script_location", str(folder))
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            getattr(command, direction)(config, revision)


def head_revision() -> str:
    """The newest migration shipped in the package."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    with resources.as_file(resources.files(__package__) / "migrations") as folder:
        config.set_main_option("script_location", str(folder))
        head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def _sqlite_pragmas(engine: Engine) -> None:
    """Foreign keys enforced, and a writer waits for another instead of failing at once."""

    @event.listens_for(engine, "connect")
    def _on_connect(connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.close()


def shown_url(engine: Engine) -> str:
    """The archive's URL as messages show it, without a password."""
    return _shown(engine.url.render_as_string(hide_password=True))


def _shown(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url if len(url) <= 200 else f"{url[:197]}..."
