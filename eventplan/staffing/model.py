"""The aggregated staffing model: integer shift counts, never a variable per person.

Decision: how many people of a supply work a shift template at a station. A column enters the
coverage row of every slot it works (for each demand of its station that lists its role, and
each venue-wide ratio of its role); templates of consecutive slots make this an interval
matrix, whose LP relaxation is usually integral.

Every row exists from the start (see :mod:`eventplan.staffing.build`), but columns are added
while solving: the solver prices candidate columns against the LP duals
(:mod:`eventplan.staffing.pricing`) and adds only those that pay, so the LP works on a few
thousand shifts instead of every shift that could be worked.

Objective (minimised): priority-weighted uncovered person-hours, plus ``cost_weight`` x paid
cost, plus a small stability term per shift started (each is a hand-over at a post).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np

from eventplan.scenario import Scenario
from eventplan.staffing.demand import Demand, Requirements
from eventplan.staffing.linear import LinearModel
from eventplan.staffing.supply import Supply, SupplyKind
from eventplan.staffing.templates import Template
from eventplan.timegrid import TimeGrid, minutes

#: Objective units per shift started: far below any cost, so it only breaks ties toward plans
#: with fewer, longer shifts (fewer post changes).
STABILITY_WEIGHT = 0.01


@dataclass(frozen=True)
class Column:
    """One integer decision: people of a supply on a template at a station (all indexes)."""

    supply: int
    template: int
    station: int


@dataclass(frozen=True)
class TemplateArrays:
    """The templates of one supply as arrays, for pricing many at once."""

    start: np.ndarray
    #: first slot at the station (after the briefing)
    work_start: np.ndarray
    end: np.ndarray
    break_start: np.ndarray  # -1 when no break
    break_end: np.ndarray
    day: np.ndarray
    standing: np.ndarray
    cost: np.ndarray  # objective coefficient of one person on the template
    start_minute: np.ndarray  # when the shift starts and ends, in minutes of the event clock
    end_minute: np.ndarray


@dataclass(frozen=True)
class SlotRows:
    """Rows a person enters for every slot they work: ``rows`` (row arrays by slot, -1 where
    none) with one coefficient per row array."""

    rows: np.ndarray  # (arrays, slots)
    coefs: np.ndarray  # (arrays,)

    def entries(self, working: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The rows entered in the given working slots and their coefficients, as arrays."""
        rows = self.rows[:, working]
        keep = rows >= 0
        return rows[keep], np.broadcast_to(self.coefs[:, None], rows.shape)[keep]

    def dual_sums(self, duals: np.ndarray) -> np.ndarray:
        """Per slot: the sum of coefficient x dual over the rows entered in that slot."""
        values = np.where(self.rows >= 0, duals[np.maximum(self.rows, 0)], 0.0)
        return (self.coefs[:, None] * values).sum(axis=0)


def stack_rows(parts: list[tuple[np.ndarray, float]]) -> SlotRows:
    """One :class:`SlotRows` from row arrays and their coefficients."""
    return SlotRows(
        np.vstack([rows for rows, _coef in parts]),
        np.array([coef for _rows, coef in parts], dtype=np.float64),
    )


@dataclass(frozen=True)
class CrewRows:
    """Rows that keep the crews of a relieved standing unit whole: by the slot boundary where
    a member starts work (``starts``) and ends (``ends``), -1 where none."""

    starts: np.ndarray  # (boundaries,)
    ends: np.ndarray
    coef: float


@dataclass
class LevelRows:
    """One valid row per slot of the grid at a station: people of some roles there + ``coef``
    x the shortfall variable ``short`` >= ``level`` (level 0: no row; see ``presence``)."""

    level: np.ndarray
    short: np.ndarray
    coef: np.ndarray

    @classmethod
    def none(cls, size: int) -> LevelRows:
        return cls(np.zeros(size, np.int64), np.full(size, -1, np.int64), np.ones(size))

    def keep_stronger(self, other: LevelRows) -> None:
        """Per slot, the other's row where it is stronger: a higher level, or the same level
        with a smaller coefficient (the shortfall makes up less of it)."""
        higher = other.level > self.level
        tighter = (other.level == self.level) & (other.level > 0) & (other.coef < self.coef)
        take = higher | tighter
        self.level = np.where(take, other.level, self.level)
        self.short = np.where(take, other.short, self.short)
        self.coef = np.where(take, other.coef, self.coef)


@dataclass(frozen=True)
class SpanRow:
    """A row every shift enters once, with 1, if it works any time between slots ``first``
    and ``last`` (exclusive): from its start of work to its end (see ``presence``)."""

    first: int
    last: int
    row: int

    def meets(self, work_start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """Whether shifts of these bounds meet the span."""
        return (work_start < self.last) & (end > self.first)


@dataclass(frozen=True)
class RestRows:
    """Rest rows of one supply between a day and the next (see ``build._add_rest_rows``)."""

    #: end times (minutes since the epoch) from which a day's shift enters each row
    thresholds: np.ndarray
    rows: np.ndarray


@dataclass
class StaffingModel:
    """The linear model of a scenario's staffing and what its rows and columns mean."""

    scenario: Scenario
    grid: TimeGrid
    requirements: Requirements
    supplies: list[Supply]
    templates: list[list[Template]]
    linear: LinearModel = field(default_factory=LinearModel)
    arrays: list[TemplateArrays] = field(default_factory=list)
    #: (supply, station) -> indexes of the templates worth offering there
    candidates: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)
    columns: list[Column] = field(default_factory=list)
    column_var: list[int] = field(default_factory=list)
    #: (demand, slot) of each shortfall variable, its variable and its coverage row
    shortfalls: list[tuple[Demand, int]] = field(default_factory=list)
    shortfall_var: list[int] = field(default_factory=list)
    shortfall_row: list[int] = field(default_factory=list)
    #: rows a column enters per slot worked: at its station (coverage, supervision), by the
    #: kind (role and tags) of its supply; venue-wide ratios; venue-wide supervision (posts)
    station_rows: dict[tuple[int, SupplyKind], SlotRows] = field(default_factory=dict)
    ratio_rows: dict[SupplyKind, SlotRows] = field(default_factory=dict)
    venue_rows: dict[SupplyKind, SlotRows] = field(default_factory=dict)
    #: crews of relieved standing units, per (station, role)
    crew_rows: dict[tuple[int, str], list[CrewRows]] = field(default_factory=dict)
    #: (station, roles) -> the supervisor rows there: people of those roles + a shortfall >= a
    #: level (the presence cuts aggregate them with the coverage rows)
    supervisor_rows: dict[tuple[int, frozenset[str]], LevelRows] = field(default_factory=dict)
    #: presence cuts, per (station, role)
    span_rows: dict[tuple[int, str], list[SpanRow]] = field(default_factory=dict)
    #: (supply, day) -> row "shifts of that day number at most the supply's people"
    supply_rows: dict[tuple[int, int], int] = field(default_factory=dict)
    max_days_rows: dict[int, int] = field(default_factory=dict)
    #: (supply, first day of a day pair) -> rest rows
    rest_rows: dict[tuple[int, int], RestRows] = field(default_factory=dict)
    rest_minutes: float = 0.0
    #: supply -> the variable counting its people drawn (when minimising people)
    head_var: dict[int, int] = field(default_factory=dict)
    _known: set[Column] = field(default_factory=set)

    def template(self, column: Column) -> Template:
        return self.templates[column.supply][column.template]

    def template_cost(self, column: Column) -> float:
        """Paid cost of one person on this column's shift (role cost x shift hours)."""
        supply = self.supplies[column.supply]
        template = self.template(column)
        return self.scenario.roles[supply.role].cost * template.length * self.grid.slot_hours

    def slot_rows(self, supply: int, station: int) -> list[SlotRows]:
        """Every :class:`SlotRows` a column of this supply at this station enters."""
        kind = self.supplies[supply].kind
        found = [self.station_rows.get((station, kind)), self.ratio_rows.get(kind)]
        if self.requirements.stations[station].kind == "post":
            found.append(self.venue_rows.get(kind))
        return [rows for rows in found if rows is not None]

    def column_entries(self, column: Column) -> tuple[np.ndarray, np.ndarray]:
        """The rows a column enters and its coefficient in each, as arrays: built with numpy,
        since a shift enters a few rows per slot."""
        supply = self.supplies[column.supply]
        template = self.template(column)
        working = template.working()
        rows: list[np.ndarray] = []
        coefs: list[np.ndarray] = []
        for slot_rows in self.slot_rows(column.supply, column.station):
            entered, coef = slot_rows.entries(working)
            rows.append(entered)
            coefs.append(coef)
        others = [(self.supply_rows[(column.supply, template.day)], 1.0)]
        if column.supply in self.max_days_rows:
            others.append((self.max_days_rows[column.supply], 1.0))
        late = self.rest_rows.get((column.supply, template.day))
        if late is not None:
            ends_at = minutes(self.grid.end(template.end - 1))
            others += [(int(r), 1.0) for r in late.rows[late.thresholds <= ends_at]]
        early = self.rest_rows.get((column.supply, template.day - 1))
        if early is not None:
            starts_at = minutes(self.grid.start(template.start))
            reach = starts_at < early.thresholds + self.rest_minutes
            others += [(int(r), 1.0) for r in early.rows[reach]]
        for crew in self.crew_rows.get((column.station, supply.role), ()):
            for row in (crew.starts[template.work_start], crew.ends[template.end]):
                if row >= 0:
                    others.append((int(row), crew.coef))
        for span in self.span_rows.get((column.station, supply.role), ()):
            if span.meets(template.work_start, template.end):
                others.append((span.row, 1.0))
        rows.append(np.array([row for row, _coef in others], dtype=np.int64))
        coefs.append(np.array([coef for _row, coef in others], dtype=np.float64))
        return np.concatenate(rows), np.concatenate(coefs)

    def add_column(self, column: Column) -> int | None:
        """Add a column (once); return its variable, or None when it was already there."""
        if column in self._known:
            return None
        self._known.add(column)
        weight = self.scenario.objective.cost_weight
        var = self.linear.add_var(
            0,
            self.supplies[column.supply].count,
            weight * self.template_cost(column) + STABILITY_WEIGHT,
            True,
        )
        self.linear.add_entries(var, *self.column_entries(column))
        self.columns.append(column)
        self.column_var.append(var)
        return var

    def shortfall_slots(self) -> dict[int, np.ndarray]:
        """Per demand (by ``id``), the shortfall variable of each slot (-1 where none)."""
        found: dict[int, np.ndarray] = {}
        for (demand, slot), var in zip(self.shortfalls, self.shortfall_var, strict=True):
            if id(demand) not in found:
                found[id(demand)] = np.full(self.grid.size, -1, np.int64)
            found[id(demand)][slot] = var
        return found

    def span_entries(
        self, supply: int, station: int, picks: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The presence cuts the supply's templates ``picks`` enter at the station: (position
        in ``picks``, row), each with 1."""
        a = self.arrays[supply]
        hits, rows = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        for span in self.span_rows.get((station, self.supplies[supply].role), ()):
            hit = np.flatnonzero(span.meets(a.work_start[picks], a.end[picks]))
            hits.append(hit)
            rows.append(np.full(len(hit), span.row, np.int64))
        return np.concatenate(hits), np.concatenate(rows)

    def add_shortfall(self, demand: Demand, slot: int, weight: float) -> int:
        """The shortfall variable and coverage row of one demand in one slot; returns the row."""
        required = float(demand.required[slot])
        short = self.linear.add_var(0, required, weight * self.grid.slot_hours, False)
        row = self.linear.add_row([(short, 1.0)], required, float("inf"))
        self.shortfalls.append((demand, slot))
        self.shortfall_var.append(short)
        self.shortfall_row.append(row)
        return row

    def copy(self) -> StaffingModel:
        """An independent copy: columns and rows added to it leave this model as it is.

        The scenario, grid, requirements, supplies, templates and their arrays are shared
        (never changed after building); the linear model and the column lists are copied.
        """
        twin = copy.copy(self)
        twin.linear = self.linear.copy()
        twin.columns = list(self.columns)
        twin.column_var = list(self.column_var)
        twin.shortfalls = list(self.shortfalls)
        twin.shortfall_var = list(self.shortfall_var)
        twin.shortfall_row = list(self.shortfall_row)
        twin.supply_rows = dict(self.supply_rows)
        twin.max_days_rows = dict(self.max_days_rows)
        twin.rest_rows = dict(self.rest_rows)
        twin.head_var = dict(self.head_var)
        twin._known = set(self._known)
        return twin
