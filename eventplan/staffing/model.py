"""The aggregated staffing model (DESIGN section 6), built as plain sparse arrays.

Decision: ``x[supply, template, station]``, how many people of a supply work a shift template at
a station. Never a variable per person. A column enters the coverage row of every slot it works
(for each demand of its station that lists its role, and each venue-wide ratio of its role):
templates of consecutive slots make this an interval matrix, whose LP relaxation is usually
integral.

Every row exists from the start, but columns are added later: the solver prices candidate
columns against the LP duals (:mod:`eventplan.staffing.pricing`) and adds only those that pay,
so the LP works on a few thousand shifts instead of every shift that could be worked. (An
earlier version counted coverage through on-duty variables linked by differences, four rows per
column; with columns priced in, the direct form is smaller and the MIP search handles it far
better.)

Objective (minimised): priority-weighted uncovered person-hours, plus ``cost_weight`` x paid
cost, plus a small stability term per shift started (each is a hand-over at a post).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from eventplan.scenario import Scenario
from eventplan.staffing.demand import Demand, Requirements, Station
from eventplan.staffing.supply import (
    Supply,
    Template,
    build_supplies,
    build_templates,
    change_points,
    shift_rules,
)
from eventplan.timegrid import TimeGrid

#: Objective units per shift started: far below any cost, so it only breaks ties toward plans
#: with fewer, longer shifts (fewer post changes).
STABILITY_WEIGHT = 0.01


@dataclass(frozen=True)
class Column:
    """One integer decision: people of ``supply`` on ``template`` at ``station``."""

    supply: int
    template: int
    station: int


@dataclass(frozen=True)
class TemplateArrays:
    """The templates of one supply as arrays, for pricing many at once."""

    start: np.ndarray
    end: np.ndarray
    break_start: np.ndarray  # -1 when no break
    break_end: np.ndarray
    block: np.ndarray
    cost: np.ndarray  # objective coefficient of one person on the template
    start_minute: np.ndarray  # when the shift starts and ends, in minutes since the epoch
    end_minute: np.ndarray


@dataclass
class StaffingModel:
    """A mixed-integer model in arrays, ready for any OR-Tools backend."""

    scenario: Scenario
    grid: TimeGrid
    requirements: Requirements
    supplies: list[Supply]
    templates: list[list[Template]]
    arrays: list[TemplateArrays] = field(default_factory=list)
    #: (supply, station) -> indexes of the templates worth offering there
    candidates: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)
    columns: list[Column] = field(default_factory=list)
    column_var: list[int] = field(default_factory=list)
    #: (demand, slot) of each shortfall variable
    shortfalls: list[tuple[Demand, int]] = field(default_factory=list)
    shortfall_var: list[int] = field(default_factory=list)
    #: the coverage row of each shortfall variable
    shortfall_row: list[int] = field(default_factory=list)
    # rows a column enters: coverage rows per (station, role) and per role for ratios, as
    # arrays of shape (rows, slots) holding row indexes or -1
    cover_rows: dict[tuple[int, str], np.ndarray] = field(default_factory=dict)
    ratio_rows: dict[str, np.ndarray] = field(default_factory=dict)
    supply_rows: dict[tuple[int, int], int] = field(default_factory=dict)
    max_days_rows: dict[int, int] = field(default_factory=dict)
    #: (supply, first block of a day pair) -> (end-time thresholds in minutes, row indexes)
    rest_rows: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    rest_minutes: float = 0.0
    # variables and rows in sparse form
    var_lb: list[float] = field(default_factory=list)
    var_ub: list[float] = field(default_factory=list)
    var_obj: list[float] = field(default_factory=list)
    var_int: list[bool] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)
    vals: list[float] = field(default_factory=list)
    row_lb: list[float] = field(default_factory=list)
    row_ub: list[float] = field(default_factory=list)
    _known: set[Column] = field(default_factory=set)

    @property
    def num_vars(self) -> int:
        return len(self.var_lb)

    @property
    def num_rows(self) -> int:
        return len(self.row_lb)

    def add_var(self, lb: float, ub: float, obj: float, integer: bool) -> int:
        self.var_lb.append(lb)
        self.var_ub.append(ub)
        self.var_obj.append(obj)
        self.var_int.append(integer)
        return len(self.var_lb) - 1

    def add_row(self, terms: list[tuple[int, float]], lb: float, ub: float) -> int:
        row = len(self.row_lb)
        for col, val in terms:
            self.rows.append(row)
            self.cols.append(col)
            self.vals.append(val)
        self.row_lb.append(lb)
        self.row_ub.append(ub)
        return row

    def template_cost(self, column: Column) -> float:
        """Paid cost of one person on this column's shift (role cost x shift hours)."""
        supply = self.supplies[column.supply]
        template = self.templates[column.supply][column.template]
        return self.scenario.roles[supply.role].cost * template.length * self.grid.slot_hours

    def column_terms(self, column: Column) -> list[tuple[int, float]]:
        """The rows a column enters and its coefficient in each."""
        supply = self.supplies[column.supply]
        t = self.templates[column.supply][column.template]
        working = t.working()
        terms: list[tuple[int, float]] = []
        for table in (
            self.cover_rows.get((column.station, supply.role)),
            self.ratio_rows.get(supply.role),
        ):
            if table is not None:
                rows = table[:, working].ravel()
                terms += [(int(r), 1.0) for r in rows[rows >= 0]]
        terms.append((self.supply_rows[(column.supply, t.block)], 1.0))
        if column.supply in self.max_days_rows:
            terms.append((self.max_days_rows[column.supply], 1.0))
        late = self.rest_rows.get((column.supply, t.block))
        if late is not None:
            ends_at = _minutes(self.grid.end(t.end - 1))
            thresholds, rows = late
            terms += [(int(r), 1.0) for r in rows[thresholds <= ends_at]]
        early = self.rest_rows.get((column.supply, t.block - 1))
        if early is not None:
            starts_at = _minutes(self.grid.start(t.start))
            thresholds, rows = early
            terms += [(int(r), 1.0) for r in rows[starts_at < thresholds + self.rest_minutes]]
        return terms

    def add_column(self, column: Column) -> int | None:
        """Add a column (once); return its variable, or None when it was already there."""
        if column in self._known:
            return None
        self._known.add(column)
        weight = self.scenario.objective.cost_weight
        var = self.add_var(
            0,
            self.supplies[column.supply].count,
            weight * self.template_cost(column) + STABILITY_WEIGHT,
            True,
        )
        for row, coef in self.column_terms(column):
            self.rows.append(row)
            self.cols.append(var)
            self.vals.append(coef)
        self.columns.append(column)
        self.column_var.append(var)
        return var


def _minutes(moment) -> float:
    return moment.timestamp() / 60


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
        for (s, st), picks in sorted(model.candidates.items()):
            for t in picks:
                model.add_column(Column(s, int(t), st))
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
        block=np.array([t.block for t in templates], dtype=np.int64),
        cost=cost * length * hours + STABILITY_WEIGHT,
        start_minute=starts[start] if len(start) else np.zeros(0),
        end_minute=ends[end - 1] if len(end) else np.zeros(0),
    )


def _slot_minutes(grid: TimeGrid) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of every slot in minutes since the epoch."""
    starts = np.array([_minutes(grid.start(i)) for i in range(grid.size)], dtype=np.float64)
    ends = np.array([_minutes(grid.end(i)) for i in range(grid.size)], dtype=np.float64)
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
    for st_index, station in enumerate(model.requirements.stations):
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
                model.candidates[(supply.index, st_index)] = picks


def _add_coverage(model: StaffingModel) -> None:
    """One row per demand and slot: people counted there plus shortfall >= required."""
    size = model.grid.size
    weight = model.scenario.objective.weight
    cover: dict[tuple[int, str], list[np.ndarray]] = defaultdict(list)
    ratio: dict[str, list[np.ndarray]] = defaultdict(list)
    for st_index, station in enumerate(model.requirements.stations):
        for demand in station.demands:
            rows = _cover(model, demand, weight(demand.priority), size)
            for role in demand.roles:
                cover[(st_index, role)].append(rows)
    for demand in model.requirements.ratios:
        rows = _cover(model, demand, weight(demand.priority), size)
        for role in demand.roles:
            ratio[role].append(rows)
    model.cover_rows = {key: np.vstack(tables) for key, tables in cover.items()}
    model.ratio_rows = {key: np.vstack(tables) for key, tables in ratio.items()}


def _cover(model: StaffingModel, demand: Demand, weight: float, size: int) -> np.ndarray:
    hours = model.grid.slot_hours
    rows = np.full(size, -1, dtype=np.int64)
    for slot in np.flatnonzero(demand.required):
        required = float(demand.required[slot])
        short = model.add_var(0, required, weight * hours, False)
        model.shortfalls.append((demand, int(slot)))
        model.shortfall_var.append(short)
        rows[slot] = model.add_row([(short, 1.0)], required, math.inf)
        model.shortfall_row.append(int(rows[slot]))
    return rows


def _add_supply_rows(model: StaffingModel) -> None:
    """Each person works at most one shift a day, on at most ``max_days`` days, rested.

    A day-one shift ending at e and a day-two shift starting at s can be worked by one person
    only if s - e >= rest. Pairs nest (an earlier end is compatible with more starts), so by
    Hall's theorem the people needed for two consecutive days are the most, over the day-one
    end times e, of the shifts ending at e or later plus the day-two shifts starting before
    e + rest: one row per supply, day pair and end time.
    """
    rules, grid = model.scenario.rules, model.grid
    model.rest_minutes = rules.min_rest_hours * 60
    blocks = len(grid.blocks)
    for supply in model.supplies:
        a = model.arrays[supply.index]
        used = {
            int(b)
            for (s, _st), picks in model.candidates.items()
            if s == supply.index
            for b in np.unique(a.block[picks])
        }
        for block in sorted(used):
            model.supply_rows[(supply.index, block)] = model.add_row([], -math.inf, supply.count)
        if len(used) > rules.max_days:
            model.max_days_rows[supply.index] = model.add_row(
                [], -math.inf, supply.count * rules.max_days
            )
        for block in sorted(used):
            if block + 1 not in used or block + 1 >= blocks:
                continue
            ends = {_minutes(grid.end(int(e) - 1)) for e in a.end[a.block == block]}
            starts = [_minutes(grid.start(int(s))) for s in a.start[a.block == block + 1]]
            first_start = min(starts) if starts else math.inf
            # Only end times some next-day shift is too close to need a row.
            thresholds = sorted(e for e in ends if first_start < e + model.rest_minutes)
            if thresholds:
                rows = [model.add_row([], -math.inf, supply.count) for _ in thresholds]
                model.rest_rows[(supply.index, block)] = (np.array(thresholds), np.array(rows))
