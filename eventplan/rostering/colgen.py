"""Column generation: each person's whole schedule as one column, the cover rows linking them.

The master program chooses one schedule per person (a convexity row each) and prices the
cover (``schedules + under - over = requirement``). Its linear relaxation is the
Dantzig-Wolfe bound: every rule of a person's contract holds inside each column, so the
relaxation is far tighter than the flow program's (instance 7: about 1,054 against 956 for an
optimum of 1,056). New columns come from :mod:`eventplan.rostering.pricing`, priced at duals
smoothed towards those of the best bound so far (Wentges' smoothing: the duals of a
degenerate master jump about and slow the convergence). Any duals give a valid Lagrangian
bound, so the bound holds at whatever moment the time runs out.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from eventplan.rostering.instance import Instance
from eventplan.rostering.mip import silent_highs
from eventplan.rostering.pricing import Priced, Pricer, Schedule

#: The weight of the best-bound duals in the duals priced at.
SMOOTHING = 0.6
#: Schedules taken from one person's pricing at a time.
PER_PERSON = 3
#: The most cells (days x states x counted resources) one person's pricing may hold.
MOST_CELLS = 10_000_000


class NoSchedule(Exception):
    """A person has no schedule that meets every rule of their contract: no roster exists."""

    def __init__(self, employee: str) -> None:
        super().__init__(f"employee {employee}: no schedule meets every rule of the contract")


@dataclass
class Master:
    """The restricted master program in HiGHS and the columns it holds."""

    instance: Instance
    pricers: list[Pricer]
    highs: highspy.Highs
    cover_row: dict[tuple[int, int], int]  # (day, shift index) -> row
    slack_lower: np.ndarray  # the under and over columns of each cover, alternately
    slack_upper: np.ndarray
    forbidden: list[np.ndarray]  # per person, day and label: infinite where branching forbids
    needy: set[int]  # people without a column the branching allows
    columns: list[tuple[int, Schedule]] = field(default_factory=list)
    known: set[tuple[int, Schedule]] = field(default_factory=set)
    _arrays: tuple[np.ndarray, np.ndarray] | None = None  # the columns' people and labels

    def column_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Each schedule column's person, and its label on each day (one row per column).

        Kept and extended as columns come, rather than rebuilt at every node of the tree.
        """
        people, labels = self._arrays or (
            np.zeros(0, np.int64),
            np.zeros((0, self.instance.days), np.int64),
        )
        if len(people) < len(self.columns):
            new = self.columns[len(people) :]
            people = np.concatenate([people, [p for p, _ in new]]).astype(np.int64)
            labels = np.concatenate([labels, np.array([s for _, s in new], np.int64)])
            self._arrays = (people, labels)
        return people, labels

    def relaxed_values(self) -> np.ndarray:
        """The master's LP solved as it stands: every variable's value."""
        self.highs.run()
        return np.array(self.highs.getSolution().col_value)

    @property
    def first_column(self) -> int:
        """HiGHS's index of the first schedule column (after the under and over columns)."""
        return len(self.slack_lower)

    def add(self, person: int, schedule: Schedule) -> bool:
        """Add a schedule column unless the master has it already."""
        if (person, schedule) in self.known:
            return False
        rows = [person] + [
            self.cover_row[d, lab - 1]
            for d, lab in enumerate(schedule)
            if lab and (d, lab - 1) in self.cover_row
        ]
        cost = float(sum(self.pricers[person].base[d, lab] for d, lab in enumerate(schedule)))
        self.highs.addCol(cost, 0.0, 1.0, len(rows), np.array(rows, np.int32), np.ones(len(rows)))
        self.known.add((person, schedule))
        self.columns.append((person, schedule))
        self.needy.discard(person)
        return True

    def prices(self, duals: np.ndarray) -> np.ndarray:
        """Per day and label, what working it is paid by the cover rows' duals."""
        prices = np.zeros((self.instance.days, len(self.instance.shifts) + 1))
        for (d, s), row in self.cover_row.items():
            prices[d, s + 1] = -duals[row]
        return prices


def pricing_fits(master: Master) -> bool:
    """Whether every person's pricing fits in :data:`MOST_CELLS`."""
    return all(pricer.cells <= MOST_CELLS for pricer in master.pricers)


@dataclass(frozen=True, slots=True)
class Relaxation:
    """Where the column generation stopped: the proven bound."""

    bound: float  # Lagrangian: valid whatever the columns
    converged: bool
    duals: np.ndarray | None = None  # those that proved the bound


def build_master(instance: Instance, threads: int = 1) -> Master:
    """The master with its rows and the under and over columns of each cover, no schedule yet."""
    people = len(instance.employees)
    index = {shift.id: s for s, shift in enumerate(instance.shifts)}
    highs = silent_highs(threads)
    cover_row = {(c.day, index[c.shift]): people + i for i, c in enumerate(instance.covers)}
    level = [1.0] * people + [float(c.requirement) for c in instance.covers]
    empty = np.array([], np.int32)
    highs.addRows(len(level), np.array(level), np.array(level), 0, empty, empty, np.array([]))
    for i, cover in enumerate(instance.covers):
        row = np.array([people + i], np.int32)
        highs.addCol(cover.under_weight, 0.0, cover.requirement, 1, row, np.array([1.0]))
        highs.addCol(cover.over_weight, 0.0, people, 1, row, np.array([-1.0]))
    pricers = [Pricer(instance, employee) for employee in instance.employees]
    lower, upper = default_slack_bounds(instance)
    forbidden = [np.zeros((instance.days, len(instance.shifts) + 1)) for _ in pricers]
    return Master(instance, pricers, highs, cover_row, lower, upper, forbidden, set(range(people)))


def default_slack_bounds(instance: Instance) -> tuple[np.ndarray, np.ndarray]:
    """The under and over columns' bounds before any branching: 0 to the requirement, 0 to all."""
    upper = [[float(c.requirement), float(len(instance.employees))] for c in instance.covers]
    return np.zeros(2 * len(upper)), np.array(upper).reshape(-1)


def lagrangian_bound(master: Master, duals: np.ndarray, cheapest: list[float]) -> float:
    """The bound the duals prove, given each person's cheapest schedule cost under them."""
    instance, people = master.instance, len(master.instance.employees)
    bound = sum(cheapest)
    for i, cover in enumerate(instance.covers):
        pi = duals[people + i]
        bound += pi * cover.requirement
        for j, reduced in ((2 * i, cover.under_weight - pi), (2 * i + 1, cover.over_weight + pi)):
            bound += min(reduced * master.slack_lower[j], reduced * master.slack_upper[j])
    return bound


def generate(master: Master, deadline: float, cutoff: float | None = None) -> Relaxation:
    """Columns until the master's relaxation is proven optimal, ``cutoff`` is met, or time's up.

    ``cutoff`` is the objective of a roster in hand: once the bound rounds up to it, nothing
    better exists and the search may stop.
    """
    people = len(master.instance.employees)
    best, centre = -np.inf, None
    value = np.inf
    while True:
        if not master.needy:
            master.highs.run()
            status = master.highs.getModelStatus()
            if status != highspy.HighsModelStatus.kOptimal:
                raise RuntimeError(f"master program: {master.highs.modelStatusToString(status)}")
            value = master.highs.getInfo().objective_function_value
            duals = np.array(master.highs.getSolution().row_dual)
        else:  # someone has no column yet: price at zero duals for a first one
            duals = np.zeros(master.highs.getNumRow())
        priced_at = duals if centre is None else SMOOTHING * centre + (1 - SMOOTHING) * duals
        added, bound = _price_all(master, priced_at, duals)
        if bound > best:
            best, centre = bound, priced_at
        if not added and priced_at is not duals:  # a misprice: try the master's own duals
            added, bound = _price_all(master, duals, duals)
            if bound > best:
                best, centre = bound, duals
        done = np.ceil(best - 1e-6) >= np.ceil(value - 1e-6)
        if cutoff is not None and np.ceil(best - 1e-6) >= cutoff:
            done = True
        if not added or done or time.perf_counter() > deadline:
            converged = not added and people > 0
            return Relaxation(best, converged or done, centre)


def _price_all(master: Master, priced_at: np.ndarray, duals: np.ndarray) -> tuple[int, float]:
    """Each person's cheapest schedules at ``priced_at``; those improving the master added."""
    prices_at = master.prices(priced_at)
    prices = master.prices(duals)
    needy = set(master.needy)
    added, cheapest = 0, []
    for person, pricer in enumerate(master.pricers):
        found = _held_only(master, person, prices_at) or pricer.cheapest(
            prices_at + master.forbidden[person], PER_PERSON
        )
        if not found:
            raise NoSchedule(pricer.employee.id)
        cheapest.append(found[0].cost)
        for priced in found:
            reduced = _cost(pricer, prices, priced.schedule) - duals[person]
            if reduced < -1e-6 or person in needy:
                added += master.add(person, priced.schedule)
    return added, lagrangian_bound(master, priced_at, cheapest)


def _held_only(master: Master, person: int, prices: np.ndarray) -> list[Priced]:
    """The person's one schedule when the decisions leave a single label a day and the master
    holds that schedule (so it is legal): no dynamic program needed (a dive fixes people so).
    """
    open_labels = np.isfinite(master.forbidden[person])
    if not (open_labels.sum(axis=1) == 1).all():
        return []
    schedule = tuple(int(label) for label in open_labels.argmax(axis=1))
    if (person, schedule) not in master.known:
        return []
    return [Priced(schedule, _cost(master.pricers[person], prices, schedule))]


def _cost(pricer: Pricer, prices: np.ndarray, schedule: Schedule) -> float:
    return float(sum(pricer.base[d, lab] + prices[d, lab] for d, lab in enumerate(schedule)))


@dataclass(frozen=True, slots=True)
class Chosen:
    """The best roster made of the master's columns, one per person."""

    objective: int
    roster: dict[str, tuple[str | None, ...]]


def choose_columns(master: Master, seconds: float) -> Chosen | None:
    """HiGHS on the master with whole columns: the best roster the columns in hand make.

    The master is left a linear program again afterwards, for more columns.
    """
    highs = master.highs
    columns = np.arange(master.first_column, highs.getNumCol(), dtype=np.int32)
    kinds = np.full(len(columns), highspy.HighsVarType.kInteger)
    highs.changeColsIntegrality(len(columns), columns, kinds)
    highs.setOptionValue("time_limit", max(0.01, seconds))
    highs.setOptionValue("mip_abs_gap", 0.999)  # every objective is a whole number
    try:
        highs.run()
        found = highs.getInfo().primal_solution_status == 2  # kSolutionStatusFeasible
        values = np.array(highs.getSolution().col_value)
    finally:
        highs.changeColsIntegrality(
            len(columns), columns, np.full(len(columns), highspy.HighsVarType.kContinuous)
        )
        highs.setOptionValue("time_limit", np.inf)
    if not found:
        return None
    return chosen_of(master, values)


def roster_of(master: Master, values: np.ndarray) -> dict[str, tuple[str | None, ...]]:
    instance = master.instance
    shifts: list[str | None] = [None] + [s.id for s in instance.shifts]
    roster: dict[str, tuple[str | None, ...]] = {}
    for offset, (person, schedule) in enumerate(master.columns):
        if values[master.first_column + offset] > 0.5:
            roster[instance.employees[person].id] = tuple(shifts[lab] for lab in schedule)
    return roster


def chosen_of(master: Master, values: np.ndarray) -> Chosen:
    """The whole roster of the master's ``values``, with its objective."""
    return Chosen(roster_cost(master, values), roster_of(master, values))


def roster_cost(master: Master, values: np.ndarray) -> int:
    """The objective of the roster that the whole columns of ``values`` make.

    Recomputed from the columns rather than read from the master: under branching bounds the
    relaxation may hold a person short and one over on the same cover at once.
    """
    counts = dict.fromkeys(master.cover_row, 0)
    total = 0.0
    for offset, (person, schedule) in enumerate(master.columns):
        if values[master.first_column + offset] > 0.5:
            total += sum(master.pricers[person].base[d, lab] for d, lab in enumerate(schedule))
            for d, lab in enumerate(schedule):
                if lab and (d, lab - 1) in counts:
                    counts[d, lab - 1] += 1
    index = {shift.id: s for s, shift in enumerate(master.instance.shifts)}
    for cover in master.instance.covers:
        count = counts[cover.day, index[cover.shift]]
        total += cover.under_weight * max(0, cover.requirement - count)
        total += cover.over_weight * max(0, count - cover.requirement)
    return round(total)
