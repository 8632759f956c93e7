"""The files of a plan folder: plan.json, roster.csv, coverage.csv, scenario.json, routes.geojson.

:func:`plan_files` makes every file's content in memory; :func:`write_plan` writes them, each
atomically (a reader sees the old file or the whole new one), with any extra file such as the
map rendered from the same content.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eventplan.io.atomic import write_bytes
from eventplan.io.identity import FILES_KEY, file_hashes
from eventplan.io.plan_files import COVERAGE_CSV, PLAN_JSON, ROSTER_CSV
from eventplan.planning.plan import Plan

SCENARIO_JSON = "scenario.json"
ROUTES_GEOJSON = "routes.geojson"


def plan_files(plan: Plan, extra: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """Every file of the plan folder by name (``extra`` files too), in the order they are
    written; plan.json lists the SHA-256 of every other file under ``files``."""
    geojson = plan.venue.to_geojson() if plan.venue is not None else None
    others = {
        ROSTER_CSV: plan.roster_rows().to_csv(index=False).encode("utf-8"),
        COVERAGE_CSV: plan.coverage_rows().to_csv(index=False).encode("utf-8"),
        SCENARIO_JSON: _json(plan.scenario.to_document()),
        ROUTES_GEOJSON: _json(geojson or {"type": "FeatureCollection", "features": []}),
        **(extra or {}),
    }
    return {PLAN_JSON: _json({**plan.document, FILES_KEY: file_hashes(others)}), **others}


def map_source(plan: Plan) -> dict[str, Any]:
    """The plan's content as the map reads it (see :func:`eventplan.render.render_map`)."""
    return {
        "plan": plan.document,
        "scenario": plan.scenario,
        "roster": plan.roster_rows(),
        "coverage": plan.coverage_rows(),
    }


def write_plan(
    plan: Plan, directory: str | Path, extra: Mapping[str, bytes] | None = None
) -> list[Path]:
    """Write every file of a plan (and ``extra`` files) into ``directory``; return their paths."""
    directory = Path(directory)
    files = plan_files(plan, extra)
    written = []
    for name, data in files.items():
        write_bytes(directory / name, data)
        written.append(directory / name)
    return written


def _json(data: object) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
