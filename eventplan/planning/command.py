"""plan.json's command sections: the command post, sectors with their leaders, reserves, and
the rules of command the plan was made under."""

from __future__ import annotations

from typing import Any

from eventplan.scenario import Scenario
from eventplan.staffing.shifts import Shift
from eventplan.timegrid import TimeGrid


def command_sections(
    scenario: Scenario, grid: TimeGrid, shifts: tuple[Shift, ...]
) -> dict[str, Any]:
    """``command``, ``sectors``, ``reserves`` and ``rules`` of plan.json."""
    command = scenario.command
    return {
        "command": None if command is None else {"name": command.name, "node": command.node},
        "sectors": [_sector(sector, grid, shifts) for sector in scenario.sectors],
        "reserves": [
            {
                "id": reserve.id,
                "roles": list(reserve.roles),
                "node": reserve.node,
                "members": _stints(grid, [s for s in shifts if s.station_id == reserve.id]),
            }
            for reserve in scenario.reserves
        ],
        "rules": {
            "supervision": [
                rule.model_dump(mode="json", exclude_none=True)
                for rule in scenario.rules.supervision
            ],
            "no_handover": [
                {"id": key, "start": grid.label(start), "end": grid.label(end)}
                for key in scenario.rules.no_handover
                for start, end in grid.named_windows.get(key, ())
            ],
        },
    }


def _sector(sector: Any, grid: TimeGrid, shifts: tuple[Shift, ...]) -> dict[str, Any]:
    leaders = [s for s in shifts if s.station_id == sector.id]
    return {
        "id": sector.id,
        "name": sector.name,
        "posts": list(sector.posts),
        "leader_role": sector.leader.role if sector.leader else None,
        "leaders": _stints(grid, leaders),
    }


def _stints(grid: TimeGrid, shifts: list[Shift]) -> list[dict[str, str]]:
    """Each person's stints (briefings and breaks left out), in time order."""
    rows = [
        (
            first,
            {
                "person": shift.person,
                "name": shift.name,
                "start": grid.start_label(first),
                "end": grid.end_label(last - 1),
            },
        )
        for shift in shifts
        for first, last in shift.template.pieces()
    ]
    rows.sort(key=lambda row: (row[0], row[1]["person"]))  # (slots: real time order)
    return [row for _, row in rows]
