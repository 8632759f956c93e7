"""Writing a plan folder: plan.json, roster.csv, coverage.csv, routes.geojson, map.html.

Every file is first written in full to a temporary folder beside the target, then moved into
place file by file with an atomic rename, so a crash or Ctrl-C never leaves half a file.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from eventplan.plan import Plan
from eventplan.plan_files import COVERAGE_CSV, PLAN_JSON, ROSTER_CSV

PLAN_FILES = (PLAN_JSON, ROSTER_CSV, COVERAGE_CSV, "scenario.json", "routes.geojson")


def write_plan(
    plan: Plan, directory: str | Path, render: Callable[[Path], str] | None = None
) -> list[Path]:
    """Write every output of a plan into ``directory``; return the files written.

    ``render`` turns the folder of plan files into map HTML (it runs on the staged folder,
    before anything is moved into place).
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".plan-", dir=directory))
    try:
        _json(staging / PLAN_JSON, plan.to_json())
        plan.roster_rows().to_csv(staging / ROSTER_CSV, index=False)
        plan.coverage_rows().to_csv(staging / COVERAGE_CSV, index=False)
        _json(staging / "scenario.json", plan.scenario.to_document())
        _json(
            staging / "routes.geojson",
            plan.geojson or {"type": "FeatureCollection", "features": []},
        )
        names = list(PLAN_FILES)
        if render is not None:
            (staging / "map.html").write_text(render(staging), encoding="utf-8")
            names.append("map.html")
        written = []
        for name in names:
            os.replace(staging / name, directory / name)
            written.append(directory / name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
