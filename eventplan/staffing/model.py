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
from eventplan.staffing.supply import Supply, Template
from eventplan.timegrid import TimeGrid

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
    end: np.ndarray
    break_start: np.ndarray  # -1 when no break
    break_end: np.ndarray
    day: np.ndarray
    cost: np.ndarray  # objective coefficient of one person on the template
    start_minute: np.ndarray  # when the shift starts and ends, in minutes since the epoch
    end_minute: np.ndarray


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
    #: coverage rows a column enters, per (station, role) and per role for ratios: arrays of
    #: shape (demands, slots) holding row indexes or -1
    cover_rows: dict[tuple[int, str], np.ndarray] = field(default_factory=dict)
    ratio_rows: dict[str, np.ndarray] = field(default_factory=dict)
    #: (supply, day) -> row "shifts of that day number at most the supply's people"
    supply_rows: dict[tuple[int, int], int] = field(default_factory=dict)
    max_days_rows: dict[int, int] = field(default_factory=dict)
    #: (supply, first day of a day pair) -> rest rows
    rest_rows: dict[tuple[int, int], RestRows] = field(default_factory=dict)
    rest_minutes: float = 0.0
    _known: set[Column] = field(default_factory=set)

    def template(self, column: Column) -> Template:
        return self.templates[column.supply][column.template]

    def template_cost(self, column: Column) -> float:
        """Paid cost of one person on this column's shift (role cost x shift hours)."""
        supply = self.supplies[column.supply]
        template = self.template(column)
        return self.scenario.roles[supply.role].cost * template.length * self.grid.slot_hours

    def column_terms(self, column: Column) -> list[tuple[int, float]]:
        """The rows a column enters and its coefficient in each."""
        supply = self.supplies[column.supply]
        template = self.template(column)
        working = template.working()
        terms: list[tuple[int, float]] = []
        for table in (
            self.cover_rows.get((column.station, supply.role)),
            self.ratio_rows.get(supply.role),
        ):
            if table is not None:
                rows = table[:, working].ravel()
                terms += [(int(r), 1.0) for r in rows[rows >= 0]]
        terms.append((self.supply_rows[(column.supply, template.day)], 1.0))
        if column.supply in self.max_days_rows:
            terms.append((self.max_days_rows[column.supply], 1.0))
        late = self.rest_rows.get((column.supply, template.day))
        if late is not None:
            ends_at = minutes(self.grid.end(template.end - 1))
            terms += [(int(r), 1.0) for r in late.rows[late.thresholds <= ends_at]]
        early = self.rest_rows.get((column.supply, template.day - 1))
        if early is not None:
            starts_at = minutes(self.grid.start(template.start))
            reach = starts_at < early.thresholds + self.rest_minutes
            terms += [(int(r), 1.0) for r in early.rows[reach]]
        return terms

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
        self.linear.add_terms(var, self.column_terms(column))
        self.columns.append(column)
        self.column_var.append(var)
        return var

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
        twin._known = set(self._known)
        return twin


def minutes(moment) -> float:
    """Minutes since the epoch of a naive local time (compared only with one another)."""
    return moment.timestamp() / 60
