"""The files of a plan folder: plan.json, roster.csv, coverage.csv, scenario.json, routes.geojson
and, when the scenario names one, ground.geojson (which the folder's scenario.json then names).

:func:`plan_files` makes every file's content in memory; :func:`write_plan` writes them, with
any extra file such as the map rendered from the same content, as one folder swapped in whole
(a reader sees the old plan folder or the new one, never a mix). The CSV files open in a
spreadsheet as they are (see :mod:`eventplan.io.spreadsheet`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eventplan.io.folder import write_folder
from eventplan.io.identity import FILES_KEY, file_hashes
from eventplan.io.plan_files import COVERAGE_CSV, GROUND_GEOJSON, PLAN_JSON, ROSTER_CSV
from eventplan.io.spreadsheet import csv_bytes
from eventplan.planning.plan import Plan
from eventplan.planning.tables import records

SCENARIO_JSON = "scenario.json"
ROUTES_GEOJSON = "routes.geojson"


def plan_files(plan: Plan, extra: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """Every file of the plan folder by name (``extra`` files too), in the order they are
    written; plan.json lists the SHA-256 of every other file under ``files``."""
    geojson = plan.venue.to_geojson() if plan.venue is not None else None
    scenario, ground = plan.scenario.to_document(), plan.scenario.venue.ground
    if ground is not None:  # a file of its own beside scenario.json, which names it
        scenario["venue"]["ground"] = GROUND_GEOJSON
    others = {
        ROSTER_CSV: csv_bytes(plan.roster_rows()),
        COVERAGE_CSV: csv_bytes(plan.coverage_rows()),
        SCENARIO_JSON: _json(scenario),
        ROUTES_GEOJSON: _json(geojson or {"type": "FeatureCollection", "features": []}),
    }
    if ground is not None:
        others[GROUND_GEOJSON] = ground.to_bytes()
    others.update(extra or {})
    return {PLAN_JSON: _json({**plan.document, FILES_KEY: file_hashes(others)}), **others}


def map_source(plan: Plan) -> dict[str, Any]:
    """The plan's content as the map reads it (see :func:`eventplan.render.render_map`):
    rows as mappings, the roster's those of plan.json (made once for both)."""
    return {
        "plan": plan.document,
        "scenario": plan.scenario,
        "roster": plan.document["assignments"],
        "coverage": records(plan.coverage_rows()),
    }


def write_plan(
    plan: Plan, directory: str | Path, extra: Mapping[str, bytes] | None = None
) -> list[Path]:
    """Write every file of a plan (and ``extra`` files) as the whole of ``directory``; return
    their paths. The caller holds :func:`eventplan.io.folder.folder_lock` on the folder."""
    return write_folder(directory, plan_files(plan, extra))


def _json(data: object) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
