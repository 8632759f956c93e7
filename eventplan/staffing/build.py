"""Building the staffing model of a scenario: supplies, templates, candidates and every row.

Rows come first and columns later (see :mod:`eventplan.staffing.model`): a coverage row per
demand and slot with its shortfall variable, then per supply a row per day ("at most one shift
a day per person"), a ``max_days`` row and the rest rows between consecutive days.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from eventplan.scenario import Scenario
from eventplan.staffing.demand import Requirements, Station
from eventplan.staffing.model import (
    STABILITY_WEIGHT,
    Column,
    RestRows,
    StaffingModel,
    TemplateArrays,
    minutes,
)
from eventplan.staffing.supply import (
    Supply,
    build_supplies,
    build_templates,
    change_points,
    shift_rules,
)
from eventplan.timegrid import TimeGrid


def build_model(
    scenario: Scenario, grid: TimeGrid, requirements: Requirements, all_columns: bool = True
) -> StaffingModel:
    """Build the aggregated staffing model of a scenario.

    With ``all_columns`` every candidate shift is a column; otherwise the model starts with
    none and the solver adds the ones the LP prices as useful.
    """
    supplies = build_supplies(scenario, grid)
    points = change_points(grid, (d.required for d in requirements.all_demands()))
    templates = [build_templates(s, shift_rules(scenario, s.role), grid, points) for s in supplies]
    model = StaffingModel(scenario, grid, requirements, supplies, templates)
    model.arrays = [_arrays(model, s) for s in supplies]
    _find_candidates(model)
    _add_coverage(model)
    _add_supply_rows(model)
    if all_columns:
        for (supply, station), picks in sorted(model.candidates.items()):
            for template in picks:
                model.add_column(Column(supply, int(template), station))
    return model


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
        end=end,
        break_start=np.array([t.break_start for t in templates], dtype=np.int64),
        break_end=np.array([t.break_end for t in templates], dtype=np.int64),
        day=np.array([t.day for t in templates], dtype=np.int64),
        cost=cost * length * hours + STABILITY_WEIGHT,
        start_minute=starts[start] if len(start) else np.zeros(0),
        end_minute=ends[end - 1] if len(end) else np.zeros(0),
    )


def _slot_minutes(grid: TimeGrid) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of every slot in minutes since the epoch."""
    starts = np.array([minutes(grid.start(i)) for i in range(grid.size)], dtype=np.float64)
    ends = np.array([minutes(grid.end(i)) for i in range(grid.size)], dtype=np.float64)
    return starts, ends


def _needed_slots(station: Station, role: str, size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    for demand in station.demands:
        if role in demand.roles:
            mask |= demand.required > 0
    return mask


def _find_candidates(model: StaffingModel) -> None:
    """Templates that work at least one slot where the station needs that role."""
    size = model.grid.size
    for station_index, station in enumerate(model.requirements.stations):
        for supply in model.supplies:
            if supply.role not in station.roles or not model.templates[supply.index]:
                continue
            needed = _needed_slots(station, supply.role, size)
            if not needed.any():
                continue
            a = model.arrays[supply.index]
            cumulative = np.concatenate([[0], np.cumsum(needed)])
            worked = cumulative[a.end] - cumulative[a.start]
            has_break = a.break_start >= 0
            worked[has_break] -= (cumulative[a.break_end] - cumulative[a.break_start])[has_break]
            picks = np.flatnonzero(worked > 0)
            if len(picks):
                model.candidates[(supply.index, station_index)] = picks


def _add_coverage(model: StaffingModel) -> None:
    """One row per demand and slot: people counted there plus shortfall >= required."""
    weight = model.scenario.objective.weight
    cover: dict[tuple[int, str], list[np.ndarray]] = defaultdict(list)
    ratio: dict[str, list[np.ndarray]] = defaultdict(list)
    for station_index, station in enumerate(model.requirements.stations):
        for demand in station.demands:
            rows = _cover(model, demand, weight(demand.priority))
            for role in demand.roles:
                cover[(station_index, role)].append(rows)
    for demand in model.requirements.ratios:
        rows = _cover(model, demand, weight(demand.priority))
        for role in demand.roles:
            ratio[role].append(rows)
    model.cover_rows = {key: np.vstack(tables) for key, tables in cover.items()}
    model.ratio_rows = {key: np.vstack(tables) for key, tables in ratio.items()}


def _cover(model: StaffingModel, demand, weight: float) -> np.ndarray:
    rows = np.full(model.grid.size, -1, dtype=np.int64)
    for slot in np.flatnonzero(demand.required):
        rows[slot] = model.add_shortfall(demand, int(slot), weight)
    return rows


def _add_supply_rows(model: StaffingModel) -> None:
    """Each person works at most one shift a day, on at most ``max_days`` days, rested."""
    rules = model.scenario.rules
    model.rest_minutes = rules.min_rest_hours * 60
    linear = model.linear
    for supply in model.supplies:
        days = _days_offered(model, supply)
        for day in days:
            model.supply_rows[(supply.index, day)] = linear.add_row([], -math.inf, supply.count)
        if len(days) > rules.max_days:
            model.max_days_rows[supply.index] = linear.add_row(
                [], -math.inf, supply.count * rules.max_days
            )
        for day in days:
            if day + 1 in days and day + 1 < len(model.grid.days):
                _add_rest_rows(model, supply, day)


def _days_offered(model: StaffingModel, supply: Supply) -> list[int]:
    """The days on which some candidate shift of the supply lies, in order."""
    a = model.arrays[supply.index]
    used = {
        int(day)
        for (s, _station), picks in model.candidates.items()
        if s == supply.index
        for day in np.unique(a.day[picks])
    }
    return sorted(used)


def _add_rest_rows(model: StaffingModel, supply: Supply, day: int) -> None:
    """Rest between ``day`` and the next, as rows a shift enters by its end or start time.

    A day-one shift ending at e and a day-two shift starting at s can be worked by one person
    only if s - e >= rest. Pairs nest (an earlier end is compatible with more starts), so by
    Hall's theorem the people needed for two consecutive days are the most, over the day-one
    end times e, of the shifts ending at e or later plus the day-two shifts starting before
    e + rest: one row per supply, day pair and end time.
    """
    grid, a = model.grid, model.arrays[supply.index]
    ends = {minutes(grid.end(int(e) - 1)) for e in a.end[a.day == day]}
    starts = [minutes(grid.start(int(s))) for s in a.start[a.day == day + 1]]
    first_start = min(starts) if starts else math.inf
    # Only end times some next-day shift is too close to need a row.
    thresholds = sorted(e for e in ends if first_start < e + model.rest_minutes)
    if thresholds:
        rows = [model.linear.add_row([], -math.inf, supply.count) for _ in thresholds]
        model.rest_rows[(supply.index, day)] = RestRows(np.array(thresholds), np.array(rows))
