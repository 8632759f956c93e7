"""Adding plan folders: what is stored, adding twice, and folders refused."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eventplan.archive import add_plan
from eventplan.archive.database import archive_engine
from eventplan.archive.schema import Assignment, Event, Organisation, Person, PlanVersion, Shortfall
from eventplan.errors import InputError
from tests.archive.archive_scenarios import EVENING
from tests.archive.conftest import edited_copy, run_cli, sha256_of


def _count(db: str, table: type) -> int:
    with archive_engine(db) as engine, Session(engine) as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_a_plan_round_trips_through_the_archive(db: str, plans: dict[str, Path]) -> None:
    added = add_plan(db, plans["evening"])
    assert added.new and added.event == EVENING and added.version == 1
    assert added.sha256 == sha256_of(plans["evening"] / "plan.json")
    with archive_engine(db) as engine, Session(engine) as session:
        event = session.scalars(select(Event)).one()
        assert (event.event_key, event.timezone) == (EVENING, "Asia/Shanghai")
        assert (event.first_day, event.last_day) == (date(2025, 7, 12), date(2025, 7, 12))
        rows = session.execute(
            select(Person.person_key, Person.name, Assignment.post, Assignment.starts_utc,
                   Assignment.ends_utc, Assignment.hours, Assignment.night_hours,
                   Assignment.day, Organisation.organisation_key)
            .join(Person, Assignment.person_id == Person.id)
            .join(Organisation, Assignment.organisation_id == Organisation.id)
            .order_by(Person.person_key)
        ).all()  # fmt: skip
        # Shanghai is UTC+8: Li's 18:00-23:00 is 10:00-15:00 UTC, 5 hours, one after 22:00;
        # Wang's 20:00-23:00 is 12:00-15:00 UTC, 3 hours, one after 22:00.
        assert [tuple(r) for r in rows] == [
            ("li", "Officer Li 李", "gate", datetime(2025, 7, 12, 10), datetime(2025, 7, 12, 15),
             5.0, 1.0, date(2025, 7, 12), "psb"),
            ("wang", "Wang 王", "stage", datetime(2025, 7, 12, 12), datetime(2025, 7, 12, 15),
             3.0, 1.0, date(2025, 7, 12), "secure"),
        ]  # fmt: skip
        short = session.scalars(select(Shortfall)).one()
        # One guard missing at the stage through the show: 20:00-23:00 local.
        assert (short.post, short.role_group, short.missing, short.priority) == (
            "stage", "guard", 1, "high",
        )  # fmt: skip
        assert (short.starts_utc, short.ends_utc) == (
            datetime(2025, 7, 12, 12),
            datetime(2025, 7, 12, 15),
        )
        named = session.execute(select(Organisation.organisation_key, Organisation.name))
        names = {key: name for key, name in named}
        assert names == {"psb": "新城区公安分局", "secure": "=Secure Ltd"}


def test_adding_the_same_plan_twice_changes_nothing(db: str, plans: dict[str, Path]) -> None:
    first = add_plan(db, plans["evening"])
    again = add_plan(db, plans["evening"])
    assert first.new and not again.new and again.sha256 == first.sha256
    assert [_count(db, t) for t in (Event, PlanVersion, Person, Assignment, Shortfall)] == [
        1, 1, 2, 2, 1,
    ]  # fmt: skip


def test_a_folder_that_is_not_one_plan_is_refused_and_nothing_is_written(
    sqlite_db: str, plans: dict[str, Path], tmp_path: Path
) -> None:
    mixed = tmp_path / "mixed"
    edited_copy(plans["evening"], mixed)
    roster = mixed / "roster.csv"
    roster.write_bytes(roster.read_bytes().replace(b"23:00", b"22:00", 1))
    (mixed / "map.html").write_text("<p>a map of another solve</p>")
    with pytest.raises(InputError) as raised:
        add_plan(sqlite_db, mixed)
    said = {(Path(p.file).name, p.message) for p in raised.value.problems}
    assert said == {
        ("roster.csv", "differs from the file plan.json lists (SHA-256): not of this plan"),
        ("map.html", "was not written with this plan (plan.json does not list it)"),
    }
    assert _count(sqlite_db, PlanVersion) == 0


def test_a_folder_without_identity_or_of_another_event_is_refused(
    sqlite_db: str, plans: dict[str, Path], tmp_path: Path
) -> None:
    old = edited_copy(plans["evening"], tmp_path / "old")
    document = json.loads((old / "plan.json").read_text())
    del document["files"]
    (old / "plan.json").write_text(json.dumps(document))
    with pytest.raises(InputError, match="has no identity"):
        add_plan(sqlite_db, old)
    foreign = edited_copy(
        plans["evening"], tmp_path / "foreign", plan=lambda d: d["scenario"].update(id="other")
    )
    with pytest.raises(InputError, match="a mixed folder"):
        add_plan(sqlite_db, foreign)
    assert run_cli("archive", "add", str(tmp_path / "nowhere"), "--db", sqlite_db) == 2
    assert _count(sqlite_db, PlanVersion) == 0


def test_the_command_adds_and_says_so(
    sqlite_db: str, plans: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from eventplan import cli

    assert cli.main(["archive", "add", str(plans["night"]), "--db", sqlite_db]) == 0
    assert cli.main(["archive", "add", str(plans["night"]), "--db", sqlite_db, "--lang", "zh"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"added {plans['night']}: event archive-night, version 1, 1 roster")
    assert out[1].startswith(f"档案中已有 {plans['night']}")


def test_people_take_the_name_and_pool_of_the_last_plan_added(
    sqlite_db: str, plans: dict[str, Path], tmp_path: Path
) -> None:
    add_plan(sqlite_db, plans["evening"])
    renamed = edited_copy(
        plans["night"],
        tmp_path / "renamed",
        roster=lambda t: t.replace("Officer Li", "Inspector Li"),
    )
    add_plan(sqlite_db, renamed)
    with archive_engine(sqlite_db) as engine, Session(engine) as session:
        names = {p.person_key: p.name for p in session.scalars(select(Person))}
    assert names == {"li": "Inspector Li 李", "wang": "Wang 王"}


def test_a_database_that_fails_midway_ends_the_command_without_a_traceback(
    sqlite_db: str,
    plans: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sqlalchemy.exc import OperationalError

    import eventplan.archive
    from eventplan import cli

    def failing(*_args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(eventplan.archive, "add_plan", failing)
    assert cli.main(["archive", "add", str(plans["evening"]), "--db", sqlite_db]) == 1
    err = capsys.readouterr().err
    assert err == "eventplan: error: the archive failed: server closed the connection\n"
