"""Replanned plans and their parents: plan.json's ``replan`` section (version, at, parent: the
SHA-256 of the parent folder's plan.json)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eventplan.archive import add_plan, ledger
from eventplan.archive.database import archive_engine
from eventplan.archive.schema import PlanVersion
from eventplan.errors import InputError
from tests.archive.conftest import edited_copy, sha256_of


def _replan(source: Path, target: Path, version: int, parent: str) -> Path:
    """A replan of ``source`` in which Li's stint ends at 22:00 instead of 23:00."""
    return edited_copy(
        source,
        target,
        plan=lambda d: d.update(
            replan={"version": version, "at": "2025-07-12T19:30", "parent": parent}
        ),
        roster=lambda text: text.replace("2025-07-12T23:00,\r\nwang", "2025-07-12T22:00,\r\nwang"),
    )


def test_a_replan_is_linked_to_its_parent_added_before_or_after(
    db: str, plans: dict[str, Path], tmp_path: Path
) -> None:
    parent_sha = sha256_of(plans["evening"] / "plan.json")
    second = _replan(plans["evening"], tmp_path / "v2", 2, parent_sha)
    third = _replan(second, tmp_path / "v3", 3, sha256_of(second / "plan.json"))
    # The replan first: its parent is not in the archive yet.
    added = add_plan(db, second)
    assert (added.version, added.parent, added.parent_found) == (2, parent_sha, False)
    assert add_plan(db, plans["evening"]).new  # the parent, then the grandchild
    assert add_plan(db, third).parent_found
    with archive_engine(db) as engine, Session(engine) as session:
        versions = {p.version: p for p in session.scalars(select(PlanVersion))}
        assert versions[1].parent_id is None
        assert versions[2].parent_id == versions[1].id  # linked when the parent came
        assert versions[3].parent_id == versions[2].id
        # "at" is local time in Shanghai (UTC+8).
        assert versions[2].replanned_utc == datetime(2025, 7, 12, 11, 30)
    # The current plan of the event is the highest version: Li works 18:00-22:00, 4 hours.
    assert ledger(db, date(2025, 7, 12), date(2025, 7, 12))["li"].hours == 4.0


def test_a_replan_of_another_event_or_of_a_later_version_is_refused(
    sqlite_db: str, plans: dict[str, Path], tmp_path: Path
) -> None:
    add_plan(sqlite_db, plans["night"])
    night_sha = sha256_of(plans["night"] / "plan.json")
    foreign = _replan(plans["evening"], tmp_path / "foreign", 2, night_sha)
    with pytest.raises(InputError, match="the parent plan is of event 'archive-night'"):
        add_plan(sqlite_db, foreign)
    add_plan(sqlite_db, plans["evening"])
    backwards = _replan(
        plans["evening"], tmp_path / "back", 1, sha256_of(plans["evening"] / "plan.json")
    )
    with pytest.raises(InputError, match="must be above its parent's"):
        add_plan(sqlite_db, backwards)


def test_a_bad_replan_section_is_named_at_every_place(
    sqlite_db: str, plans: dict[str, Path], tmp_path: Path
) -> None:
    bad = edited_copy(
        plans["evening"],
        tmp_path / "bad",
        plan=lambda d: d.update(replan={"version": 0, "at": "soon", "parent": "abc"}),
    )
    with pytest.raises(InputError) as raised:
        add_plan(sqlite_db, bad)
    assert [p.path for p in raised.value.problems] == [
        "replan.version",
        "replan.parent",
        "replan.at",
    ]
