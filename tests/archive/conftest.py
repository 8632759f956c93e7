"""Fixtures of the archive's tests: two small plans solved once, plan folders edited by hand,
and archives on SQLite and on a real PostgreSQL.

PostgreSQL tests run against the server ``EVENTPLAN_TEST_POSTGRES_URL`` names (``.ci/postgres``
starts a throwaway one in CI) and are skipped only where that variable is unset. Each test
gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from eventplan import cli
from eventplan.io.identity import FILES_KEY, file_hashes
from eventplan.scenario import dump, from_document
from tests.archive.archive_scenarios import evening_document, night_document

POSTGRES_VARIABLE = "EVENTPLAN_TEST_POSTGRES_URL"


def run_cli(*words: str) -> int:
    """``eventplan WORDS...`` in this process, its output dropped; the exit code."""
    with contextlib.redirect_stdout(None):
        return cli.main(list(words))


def _solve(base: Path, name: str, document: dict[str, Any]) -> Path:
    scenario_file = base / f"{name}.yaml"
    dump(from_document(document), scenario_file)
    folder = base / name
    code = run_cli(
        "solve", str(scenario_file), "-o", str(folder),
        "--time-limit", "20", "--seed", "1", "--workers", "1", "--no-map",
    )  # fmt: skip
    assert code == 0, f"eventplan solve exited {code}"
    return folder


@pytest.fixture(scope="session")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The plan folders of the evening and the night events (``archive_scenarios``), solved
    once per session by the real solver."""
    base = tmp_path_factory.mktemp("archive-plans")
    return {
        "evening": _solve(base, "evening", evening_document()),
        "night": _solve(base, "night", night_document()),
    }


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edited_copy(
    source: Path,
    target: Path,
    plan: Callable[[dict[str, Any]], None] | None = None,
    roster: Callable[[str], str] | None = None,
) -> Path:
    """A copy of a plan folder with plan.json and roster.csv edited, its identity (the files'
    hashes in plan.json) written anew, as a solve would have written it."""
    shutil.copytree(source, target)
    if roster is not None:
        path = target / "roster.csv"
        path.write_bytes(roster(path.read_bytes().decode("utf-8")).encode("utf-8"))
    document = json.loads((target / "plan.json").read_text(encoding="utf-8"))
    if plan is not None:
        plan(document)
    contents = {p.name: p.read_bytes() for p in target.iterdir() if p.name != "plan.json"}
    document[FILES_KEY] = file_hashes(contents)
    (target / "plan.json").write_text(json.dumps(document, indent=1), encoding="utf-8")
    return target


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty archive: a SQLite file, or a new database on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "archive.sqlite")
        return
    yield from _postgres_database()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    return str(tmp_path / "archive.sqlite")


def _postgres_database() -> Iterator[str]:
    server = os.environ.get(POSTGRES_VARIABLE)
    if not server:
        pytest.skip(f"{POSTGRES_VARIABLE} is not set (.ci/postgres starts a server and sets it)")
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server)
    name = f"eventplan_{uuid.uuid4().hex[:12]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
