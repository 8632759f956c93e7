"""Building the staffing model of a scenario: supplies, templates and candidates, then every
row (:mod:`eventplan.staffing.rows`).

Columns come later (see :mod:`eventplan.staffing.model`), except with ``all_columns``.
"""

from __future__ import annotations

import numpy as np

from eventplan.scenario import Scenario
from eventplan.staffing.demand import Requirements, Station
from eventplan.staffing.model import (
    STABILITY_WEIGHT,
    Column,
    StaffingModel,
    TemplateArrays,
    minutes,
)
from eventplan.staffing.presence import add_presence_cuts
from eventplan.staffing.rows import add_coverage, add_crew_rows, add_supervision, add_supply_rows
from eventplan.staffing.supply import Supply, build_supplies
from eventplan.staffing.templates import (
    HandoverRule,
    Template,
    build_templates,
    change_points,
    no_handover,
    shift_rules,
    standing_template,
)
from eventplan.timegrid import TimeGrid


def build_model(
    scenario: Scenario,
    grid: TimeGrid,
    requirements: Requirements,
    all_columns: bool = True,
    rows: bool = True,
    cuts: bool = True,
) -> StaffingModel:
    """Build the aggregated staffing model of a scenario.

    ``cuts``: add the valid rows that only tighten the LP (the supervisor and presence rows
    of :mod:`~eventplan.staffing.presence`); without them the model has the same plans and
    optima (what the tests compare against).

    With ``all_columns`` every candidate shift is a column; otherwise the model starts with
    none and the solver adds the ones the LP prices as useful. Without ``rows`` only the
    supplies, templates and candidates are made (what reading a roster back needs).
    """
    supplies = build_supplies(scenario, grid)
    points = change_points(grid, (d.required for d in requirements.all_demands()))
    handover = no_handover(scenario, grid)
    templates = [
        build_templates(s, shift_rules(scenario, s.role, s.brief_slots), grid, points, handover)
        for s in supplies
    ]
    _add_standing_templates(scenario, grid, requirements, supplies, templates)
    model = StaffingModel(scenario, grid, requirements, supplies, templates)
    model.arrays = [_arrays(model, s) for s in supplies]
    _find_candidates(model, handover)
    if not rows:
        return model
    add_coverage(model)
    add_supply_rows(model)
    add_supervision(model, cuts)
    add_crew_rows(model)
    if cuts:
        add_presence_cuts(model)
    if all_columns:
        for (supply, station), picks in sorted(model.candidates.items()):
            for template in picks:
                model.add_column(Column(supply, int(template), station))
    return model


def unit_spans(grid: TimeGrid, station: Station) -> list[tuple[int, int]]:
    """The first and last + 1 slot of a unit on each working day it stands."""
    active = np.zeros(grid.size, dtype=bool)
    for demand in station.demands:
        active |= demand.required > 0
    spans = []
    for first, last in grid.days:
        slots = np.flatnonzero(active[first:last])
        if len(slots):
            spans.append((first + int(slots[0]), first + int(slots[-1]) + 1))
    return spans


def _add_standing_templates(
    scenario: Scenario,
    grid: TimeGrid,
    requirements: Requirements,
    supplies: list[Supply],
    templates: list[list[Template]],
) -> None:
    """The whole-span shift of each standing unit without relief, for every supply of its
    roles available for all of it."""
    for station in requirements.stations:
        if not station.standing or station.relief:
            continue
        for first, last in unit_spans(grid, station):
            for supply in supplies:
                if supply.role not in station.roles:
                    continue
                rules = shift_rules(scenario, supply.role, supply.brief_slots)
                template = standing_template(supply, rules, grid, first, last)
                if template is not None and template not in templates[supply.index]:
                    templates[supply.index].append(template)


def _arrays(model: StaffingModel, supply: Supply) -> TemplateArrays:
    templates = model.templates[supply.index]
    hours = model.grid.slot_hours
    cost = model.scenario.roles[supply.role].cost * model.scenario.objective.cost_weight
    length = np.array([t.length for t in templates], dtype=np.int64)
    start = np.array([t.start for t in templates], dtype=np.int64)
    end = np.array([t.end for t in templates], dtype=np.int64)
    starts, ends = _slot_minutes(model.grid)
    return TemplateArrays(
        start=start,
        work_start=np.array([t.work_start for t in templates], dtype=np.int64),
        end=end,
        break_start=np.array([t.break_start for t in templates], dtype=np.int64),
        break_end=np.array([t.break_end for t in templates], dtype=np.int64),
        day=np.array([t.day for t in templates], dtype=np.int64),
        standing=np.array([t.standing for t in templates], dtype=bool),
        cost=cost * length * hours + STABILITY_WEIGHT,
        start_minute=starts[start] if len(start) else np.zeros(0),
        end_minute=ends[end - 1] if len(end) else np.zeros(0),
    )


def _slot_minutes(grid: TimeGrid) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of every slot in minutes since the epoch."""
    starts = np.array([minutes(grid.start(i)) for i in range(grid.size)], dtype=np.float64)
    ends = np.array([minutes(grid.end(i)) for i in range(grid.size)], dtype=np.float64)
    return starts, ends


def _needed_slots(station: Station, supply: Supply, size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    for demand in station.demands:
        if demand.admits(supply.kind):
            mask |= demand.required > 0
    return mask


def _find_candidates(model: StaffingModel, handover: HandoverRule) -> None:
    """Templates that work at least one slot where the station needs that supply's people,
    and hand nothing over inside a no-handover window there.

    A standing unit without relief takes only its whole-span templates, which no other
    station takes; a relieved standing unit takes only shifts without a break (crews relieve
    one another whole).
    """
    size = model.grid.size
    for station_index, station in enumerate(model.requirements.stations):
        staffed = np.zeros(size, dtype=bool)
        for demand in station.demands:
            staffed |= demand.required > 0
        for supply in model.supplies:
            if supply.role not in station.roles or not model.templates[supply.index]:
                continue
            needed = _needed_slots(station, supply, size)
            if not needed.any():
                continue
            a = model.arrays[supply.index]
            cumulative = np.concatenate([[0], np.cumsum(needed)])
            worked = cumulative[a.end] - cumulative[a.work_start]
            has_break = a.break_start >= 0
            worked[has_break] -= (cumulative[a.break_end] - cumulative[a.break_start])[has_break]
            usable = worked > 0
            usable &= handover.allowed_at(staffed, a.work_start, a.end, a.break_start, a.break_end)
            if station.standing and not station.relief:
                usable &= a.standing
            else:
                usable &= ~a.standing
                if station.relief:
                    usable &= ~has_break
            picks = np.flatnonzero(usable)
            if len(picks):
                model.candidates[(supply.index, station_index)] = picks
