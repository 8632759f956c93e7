"""The sweep table: one tidy row per variant, its parameters then its KPIs; CSV or Parquet.

KPI columns (every priority, always present so tables of different sweeps line up):

``status``, ``method``, ``objective``, ``bound``, ``gap``, ``seconds``
    what the solver said;
``coverage_<priority>``
    share of the required person-hours covered (1.0 when nothing is required);
``uncovered_h_<priority>``
    uncovered person-hours;
``cost``, ``staff_used``
    paid cost and people on the roster;
``reach_<m>min``
    share of the venue the standby units reach within m minutes (from plan.json ``response``);
``egress_worst_min``
    slowest zone's egress time in minutes (from plan.json ``egress``).

Response and egress columns stay empty until the venue analyses are installed.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from eventplan.errors import InputError, Problem
from eventplan.io.atomic import write_bytes
from eventplan.io.spreadsheet import csv_bytes
from eventplan.planning import Plan
from eventplan.scenario import PRIORITIES, Scenario

PARQUET_SUFFIXES = (".parquet", ".pq")
SOLVER_COLUMNS = ("status", "method", "objective", "bound", "gap", "seconds")


def reach_columns(scenario: Scenario) -> list[str]:
    return [f"reach_{m:g}min" for m in scenario.response.targets_minutes]


def kpi_columns(scenario: Scenario) -> list[str]:
    """Every KPI column of a row, in table order."""
    return [
        *SOLVER_COLUMNS,
        *(f"coverage_{p}" for p in PRIORITIES),
        *(f"uncovered_h_{p}" for p in PRIORITIES),
        "cost",
        "staff_used",
        *reach_columns(scenario),
        "egress_worst_min",
    ]


def kpi_row(plan: Plan) -> dict[str, Any]:
    """The KPI columns of one solved variant."""
    data = plan.document
    kpis, solver = data["kpis"], data["solver"]
    row: dict[str, Any] = {key: solver.get(key) for key in SOLVER_COLUMNS}
    row["gap"] = _float(solver.get("gap"))
    for p in PRIORITIES:
        row[f"coverage_{p}"] = kpis["coverage"][p]
    for p in PRIORITIES:
        row[f"uncovered_h_{p}"] = kpis["uncovered_person_hours"][p]
    row["cost"] = kpis["cost"]
    row["staff_used"] = kpis["staff_used"]["total"]
    reach = response_reach(data.get("response"))
    for minutes, column in zip(
        plan.scenario.response.targets_minutes, reach_columns(plan.scenario), strict=True
    ):
        row[column] = reach.get(float(minutes), math.nan)
    row["egress_worst_min"] = worst_egress(data.get("egress"))
    return row


def response_reach(section: Any) -> dict[float, float]:
    """Reach share per threshold minute from plan.json's ``response`` section.

    Accepts ``{"reach": {"3": 0.9, ...}}``, ``{"reach": [{"minutes": 3, "share": 0.9}]}`` or
    the mapping of minutes to shares itself.
    """
    if not isinstance(section, Mapping) or not section:
        return {}
    reach = section.get("reach", section.get("reach_share", section))
    out: dict[float, float] = {}
    if isinstance(reach, Mapping):
        for key, value in reach.items():
            minutes, share = _float(key), _float(value)
            if math.isfinite(minutes) and math.isfinite(share):
                out[minutes] = share
    elif isinstance(reach, Iterable) and not isinstance(reach, str | bytes):
        for item in reach:
            if isinstance(item, Mapping):
                minutes = _float(item.get("minutes", item.get("threshold")))
                share = _float(item.get("share", item.get("reach")))
                if math.isfinite(minutes) and math.isfinite(share):
                    out[minutes] = share
    return out


def worst_egress(section: Any) -> float:
    """The longest zone egress time (minutes) in plan.json's ``egress`` section."""
    zones = section.get("zones", []) if isinstance(section, Mapping) else section
    if not isinstance(zones, Iterable) or isinstance(zones, str | bytes):
        return math.nan
    times = [_float(z.get("minutes")) for z in zones if isinstance(z, Mapping)]
    times = [t for t in times if math.isfinite(t)]
    return max(times) if times else math.nan


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def to_frame(rows: list[dict[str, Any]], first: list[str], ensure: list[str]) -> pd.DataFrame:
    """Rows in variant order: the ``first`` columns, the others as the rows give them, and
    every ``ensure`` column present even when no row has it (a sweep of failed variants)."""
    columns = list(first)
    for row in rows:
        columns += [key for key in row if key not in columns]
    columns += [key for key in ensure if key not in columns]
    frame = pd.DataFrame(rows, columns=columns)
    if len(frame):
        frame = frame.sort_values(["index", "row"], kind="stable").reset_index(drop=True)
    return frame


def check_output(path: str | Path) -> None:
    """Refuse an output path whose format cannot be written, before any solving starts."""
    path = Path(path)
    if path.suffix.lower() in PARQUET_SUFFIXES:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError(
                Problem(
                    str(path),
                    "",
                    "Parquet output needs pyarrow: install eventplan[parquet] or write .csv",
                )
            ) from None
    elif path.suffix.lower() != ".csv":
        raise InputError(Problem(str(path), "", "write the table as .csv, .parquet or .pq"))


def write_table(frame: pd.DataFrame, path: str | Path) -> None:
    """Write the table atomically: Parquet for .parquet/.pq, else CSV for a spreadsheet (see
    :func:`eventplan.io.spreadsheet.csv_bytes`)."""
    path = Path(path)
    if path.suffix.lower() in PARQUET_SUFFIXES:
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        write_bytes(path, buffer.getvalue())
    else:
        write_bytes(path, csv_bytes(frame))
