"""Fixtures of the map tests: plan folders (solved or fabricated) and a real Chromium.

Plans of the bundled scenarios (``scenarios/*.yaml``) come from the real solver. Small plans
built here cover what bundled scenarios may lack: hostile names, several days, empty
sections. Browser tests drive Debian's Chromium through Playwright and are skipped, with the
reason, only where ``/usr/bin/chromium`` or the ``playwright`` package is missing (CI installs
both with ``.ci/browser``).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventplan.scenario import Scenario, dump
from tests.render import render_synth as synth
from tests.render.render_synth import BUNDLED, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Seconds the solver may take per bundled scenario in these tests.
SOLVE_SECONDS = "10"


def solver_available() -> bool:
    """Whether ``eventplan solve`` is a working command of this checkout."""
    from eventplan import cli

    return "solve" in cli.COMMANDS


def solve_into(scenario_file: Path, folder: Path) -> Path:
    """Solve a scenario file with the real solver into ``folder`` (no map)."""
    from eventplan import cli

    with contextlib.redirect_stdout(None):
        code = cli.main(
            [
                "solve",
                str(scenario_file),
                "-o",
                str(folder),
                "--time-limit",
                SOLVE_SECONDS,
                "--seed",
                "1",
                "--workers",
                "1",
                "--no-map",
            ]
        )
    assert code == 0, f"eventplan solve {scenario_file.name} exited {code}"
    return folder


def fabricated(scenario: Scenario, folder: Path, seed: int = 0) -> Path:
    return synth.write_plan(scenario, folder, seed)


@pytest.fixture(scope="session")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Plan folders by name: every bundled scenario, plus the small cases built here."""
    base = tmp_path_factory.mktemp("plans")
    out: dict[str, Path] = {}
    real = solver_available()
    for file in BUNDLED:
        folder = base / file.stem
        if real:
            out[file.stem] = solve_into(file, folder)
        else:
            from eventplan.scenario import load

            out[file.stem] = fabricated(load(file), folder)
    mini = synth.scenario_from(synth.small_document())
    hostile = synth.scenario_from(synth.small_document(hostile=True))
    if real:
        for name, scenario in (("mini", mini), ("hostile", hostile)):
            dump(scenario, base / f"{name}.yaml")
            out[name] = solve_into(base / f"{name}.yaml", base / name)
    else:
        out["mini"] = fabricated(mini, base / "mini")
        out["hostile"] = fabricated(hostile, base / "hostile")
    out["hostile-fabricated"] = fabricated(hostile, base / "hostile-fabricated")
    out["multiday"] = fabricated(synth.scenario_from(synth.multiday_document()), base / "multiday")
    out["sparse"] = sparse_plan(mini, base / "sparse")
    return out


def sparse_plan(scenario: Scenario, folder: Path) -> Path:
    """A plan with only its required keys: no forces, no analyses, no command sections, no
    CSV files."""
    fabricated(scenario, folder)
    plan = json.loads((folder / "plan.json").read_text("utf-8"))
    for key in (
        *("patrols", "standby", "response", "egress", "drones", "kpis", "shortfalls"),
        *("command", "sectors", "reserves", "rules", "queues"),
    ):
        plan.pop(key, None)
    (folder / "plan.json").write_text(json.dumps(plan), "utf-8")
    (folder / "roster.csv").unlink()
    (folder / "coverage.csv").unlink()
    return folder


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium under Playwright (a fresh temporary profile for each launch)."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need /usr/bin/chromium (apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("browser tests need the playwright package (pip install playwright)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def copy_plan(source: Path, target: Path) -> Path:
    """A private copy of a plan folder, for tests that change it."""
    shutil.copytree(source, target)
    return target
