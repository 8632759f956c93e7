"""Where the archive is: --db, else $EVENTPLAN_ARCHIVE, else ./eventplan-archive.sqlite."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventplan.archive.database import (
    ARCHIVE_VARIABLE,
    DEFAULT_FILE,
    database_url,
    open_archive,
)
from eventplan.errors import InputError


def test_the_archive_named_by_option_variable_or_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ARCHIVE_VARIABLE, raising=False)
    assert database_url(None) == f"sqlite:///{DEFAULT_FILE}"
    monkeypatch.setenv(ARCHIVE_VARIABLE, "/srv/plans.sqlite")
    assert database_url(None) == "sqlite:////srv/plans.sqlite"
    assert database_url("here.sqlite") == "sqlite:///here.sqlite"  # --db wins
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
    # PostgreSQL URLs as people write them are read through psycopg 3.
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h:5433/db") == "postgresql+psycopg://u@h:5433/db"


def test_an_address_of_another_kind_is_refused() -> None:
    with pytest.raises(InputError, match="not an archive"):
        database_url("mysql://u@h/db")


def test_an_archive_that_cannot_be_opened_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot open the archive") as raised:
        open_archive(str(tmp_path / "no-such-folder" / "a.sqlite"))
    assert raised.value.problems[0].file.endswith("a.sqlite")
    not_a_database = tmp_path / "notes.sqlite"
    not_a_database.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(InputError, match="cannot open the archive"):
        open_archive(str(not_a_database))


def test_the_default_archive_file_is_ignored_by_git() -> None:
    ignored = (Path(__file__).parents[2] / ".gitignore").read_text().splitlines()
    assert DEFAULT_FILE in ignored
