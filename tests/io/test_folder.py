"""Plan folders written as a whole, under a lock (issue: plan folders were not written as a
whole, had no lock, and a killed run left its files behind)."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

from eventplan.io import folder
from eventplan.io.folder import (
    FolderBusy,
    NotAPlanFolder,
    folder_lock,
    lock_path,
    previous_path,
    write_folder,
)

OLD = {"plan.json": b'{"old": 1}\n', "roster.csv": b"old\n", "map.html": b"<p>old</p>"}
NEW = {"plan.json": b'{"new": 2}\n', "roster.csv": b"new\n", "coverage.csv": b"new\n"}


def contents(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir()}


def test_a_new_folder_holds_exactly_the_files(tmp_path: Path) -> None:
    target = tmp_path / "out" / "plan"
    written = write_folder(target, NEW)
    assert contents(target) == NEW
    assert [p.name for p in written] == list(NEW)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["plan"]


def test_no_map_over_an_old_folder_leaves_no_old_map(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    write_folder(target, OLD)
    write_folder(target, NEW)
    assert contents(target) == NEW  # no map.html of the old event
    assert contents(previous_path(target)) == OLD


def test_only_one_previous_plan_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    write_folder(target, OLD)
    write_folder(target, NEW)
    third = {"plan.json": b"3"}
    write_folder(target, third)
    assert contents(target) == third
    assert contents(previous_path(target)) == NEW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan", "plan.previous"]


def test_a_folder_that_is_not_a_plan_is_not_replaced(tmp_path: Path) -> None:
    home = tmp_path / "documents"
    home.mkdir()
    (home / "letter.txt").write_text("keep me")
    with pytest.raises(NotAPlanFolder, match=r"holds no plan\.json"):
        write_folder(home, NEW)
    assert contents(home) == {"letter.txt": b"keep me"}
    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep me too")
    with pytest.raises(NotAPlanFolder, match="not a folder"):
        write_folder(a_file, NEW)
    assert a_file.read_text() == "keep me too"


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    target.mkdir()
    write_folder(target, NEW)
    assert contents(target) == NEW


def test_two_writers_cannot_hold_the_lock(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    with folder_lock(target) as stale:
        assert stale is None
        assert "process" in lock_path(target).read_text()
        busy = pytest.raises(FolderBusy, match=f"process {os.getpid()}.*is writing this plan")
        with busy, folder_lock(target):
            pass
    assert not lock_path(target).exists()
    with folder_lock(target):  # free again
        pass


def test_a_stale_lock_is_named_and_taken_over(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    lock_path(target).write_text("eventplan (process 99999 on elsewhere, started 2026-01-01)\n")
    with folder_lock(target) as stale:
        assert stale is not None
        assert "stale lock" in stale and "process 99999 on elsewhere" in stale
    assert not lock_path(target).exists()


def test_staging_left_by_a_killed_run_is_removed(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    left = tmp_path / ".plan.k1ll3d.new"
    left.mkdir()
    (left / "plan.json").write_bytes(b"half")
    unrelated = tmp_path / ".other.x.new"
    unrelated.mkdir()
    write_folder(target, NEW)
    assert not left.exists()
    assert unrelated.exists()


class Interrupted(BaseException):
    """Stands for a signal arriving between two steps."""


STEPS = (
    (os, "rename"),
    (os, "fsync"),
    (os, "chmod"),
    (shutil, "rmtree"),
    (folder, "_exchange"),
    (folder, "_write_synced"),
)


def count_steps(monkeypatch: pytest.MonkeyPatch, fail_at: int | None) -> list[str]:
    """Wrap every step of a folder write; raise :class:`Interrupted` at step ``fail_at``."""
    seen: list[str] = []
    for owner, name in STEPS:
        original = getattr(owner, name)

        def step(*args: object, _original=original, _name=name, **kwargs: object) -> object:
            if fail_at is not None and len(seen) == fail_at:
                seen.append(_name)
                raise Interrupted(_name)
            seen.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(owner, name, step)
    return seen


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_an_interrupted_swap_leaves_the_old_plan_or_the_new_one_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(folder, "_exchange", lambda first, second: False)
    # Count the steps of one undisturbed write over a plan that has a previous one.
    base = tmp_path / "count"
    write_folder(base / "plan", OLD)
    write_folder(base / "plan", OLD)
    with monkeypatch.context() as counting:
        seen = count_steps(counting, None)
        write_folder(base / "plan", NEW)
    assert len(seen) > 10 and "rmtree" in seen and "rename" in seen
    for fail_at in range(len(seen)):
        root = tmp_path / f"at-{fail_at}"
        target = root / "plan"
        write_folder(target, OLD)
        write_folder(target, OLD)
        with monkeypatch.context() as failing:
            count_steps(failing, fail_at)
            with contextlib.suppress(Interrupted):
                write_folder(target, NEW)
        found = contents(target)
        assert found in (OLD, NEW), f"interrupted at step {fail_at} ({seen[fail_at]})"
        if found == NEW and previous_path(target).exists():
            assert contents(previous_path(target)) == OLD
        # A folder half-staged when the signal came is cleared by the next write.
        write_folder(target, NEW)
        leftovers = [p.name for p in root.iterdir() if p.name.endswith(".new")]
        assert leftovers == [], f"staging left after step {fail_at} ({seen[fail_at]})"
