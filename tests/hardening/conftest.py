"""Fixtures of the hardening tests: solved plan folders of the tiny concert, copied per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.folders import concert_document, copy_folder, solve, write_scenario


@pytest.fixture(scope="session")
def solved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Scenario files and solved folders: ``concert`` and ``other`` (another event)."""
    base = tmp_path_factory.mktemp("solved")
    found: dict[str, Path] = {}
    for key, event_id, name in (
        ("concert", "tiny-concert", "Tiny concert"),
        ("other", "other-concert", "Another concert"),
    ):
        scenario = write_scenario(base, concert_document(event_id, name), f"{key}.json")
        found[f"{key}-scenario"] = scenario
        found[key] = solve(scenario, base / key)
    return found


@pytest.fixture
def concert(solved: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh copy of the tiny concert's solved plan folder."""
    return copy_folder(solved["concert"], tmp_path / "concert")


@pytest.fixture
def concert_scenario(solved: dict[str, Path]) -> Path:
    return solved["concert-scenario"]
