"""plan.json: everything about a plan in one versioned document (see docs/scenario.md)."""

from __future__ import annotations

import math
from typing import Any

from eventplan.planning.command import command_sections
from eventplan.planning.kpis import Kpis
from eventplan.planning.queues import queue_sections
from eventplan.planning.tables import roster_records
from eventplan.scenario import Scenario
from eventplan.staffing.coverage import ShortfallRun
from eventplan.staffing.report import SolveReport
from eventplan.staffing.shifts import Roster
from eventplan.timegrid import TimeGrid
from eventplan.venue.analysis import VenueAnalysis

PLAN_FORMAT = 1


def plan_document(
    scenario: Scenario,
    grid: TimeGrid,
    report: SolveReport,
    kpis: Kpis,
    roster: Roster,
    shortfalls: tuple[ShortfallRun, ...],
    venue: VenueAnalysis | None,
) -> dict[str, Any]:
    """plan.json of a plan: its parts as plain JSON values."""
    event = scenario.event
    sections = venue.to_json() if venue is not None else {}
    shifts = roster.shifts
    return {
        "eventplan": PLAN_FORMAT,
        "scenario": {"id": event.id, "name": event.name, "file": scenario.source},
        "solver": _solver(report),
        "kpis": kpis.to_json(),
        "phases": _phases(scenario, grid),
        "slot_minutes": event.slot_minutes,
        "assignments": roster_records(roster, grid),
        "shortfalls": [_shortfall(s, grid) for s in shortfalls],
        "patrols": sections.get("patrols", []),
        "standby": sections.get("standby", []),
        "response": sections.get("response", {}),
        "egress": sections.get("egress", []),
        "drones": sections.get("drones", {}),
        **command_sections(scenario, grid, shifts),
        "queues": queue_sections(scenario, grid, shifts),
    }


def _solver(report: SolveReport) -> dict[str, Any]:
    return {
        "status": report.status.value,
        "objective": _number(report.objective),
        "bound": _number(report.bound),
        "gap": _number(report.gap),
        "seconds": round(report.seconds, 3),
        "seed": report.seed,
        "workers": report.workers,
        "method": report.method,
    }


def _phases(scenario: Scenario, grid: TimeGrid) -> list[dict[str, str]]:
    windows = [
        (start, p.id, end)
        for p in scenario.event.phases
        for start, end in grid.phase_windows.get(p.id, ())
    ]
    windows.sort(key=lambda w: w[0])  # (in real time: labels that repeat sort wrongly)
    return [
        {"id": key, "start": grid.label(start), "end": grid.label(end)}
        for start, key, end in windows
    ]


def _shortfall(run: ShortfallRun, grid: TimeGrid) -> dict[str, Any]:
    return {
        "post": run.post,
        "role_group": run.role_group,
        "start": grid.label(run.start),
        "end": grid.label(run.end),
        "missing": run.missing,
        "priority": run.priority,
        "cause": run.cause,
    }


def _number(value: float) -> float | None:
    return round(value, 6) if math.isfinite(value) else None
