"""Every schedule a better roster could use, listed once: branching without the pricing.

Under any duals, a roster's objective is at least the Lagrangian bound plus, for each
person, how much dearer their schedule is than their cheapest (the reduced costs are the
only terms the bound leaves out). A roster better than the one in hand (objective at most
``incumbent - 1``, every objective being a whole number) therefore gives each person a
schedule at most ``incumbent - 1 - bound`` dearer than their cheapest. When the root's bound
is within a few units of the roster in hand, those schedules are few (instance 7: about
48,000 for a margin under 1) and are listed by a search that extends a partial schedule only
while the cheapest way to finish it (a dynamic program run backwards over the pricing's
states) keeps it within the margin.

With the list, a node of the tree needs no dynamic programming: the master's columns come
from the list by their reduced costs (a vectorised sum), so a node costs a few linear
programs instead of a pricing of every person each round. The relaxation over the list is a
bound for every better roster in the node's subtree, which is all the search needs.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

import highspy
import numpy as np

from eventplan.rostering.colgen import Master, NoSchedule, Relaxation
from eventplan.rostering.pricing import Pricer

#: Slack for floating-point sums when a bound is rounded up.
TOLERANCE = 1e-6

#: Columns of the list added to the master per person and round.
PER_PERSON = 5


class NoListedRoster(NoSchedule):
    """The node's decisions leave the listed schedules without any roster."""

    def __init__(self) -> None:
        Exception.__init__(self, "no roster of the listed schedules meets the decisions")


@dataclass(frozen=True, slots=True)
class Pool:
    """The listed schedules: whose, the label of each day, and the requests they pay."""

    person: np.ndarray  # (schedules,)
    labels: np.ndarray  # (schedules, days)
    cost: np.ndarray  # (schedules,)
    column: np.ndarray  # (schedules,): its column among the master's schedules, or -1

    def __len__(self) -> int:
        return len(self.person)


def enumerate_pool(
    master: Master, relaxation: Relaxation, incumbent: int, most: int, deadline: float
) -> Pool | None:
    """Every schedule a roster better than ``incumbent`` may use; ``None`` beyond ``most``.

    Also ``None`` when the time runs out first or the relaxation has no duals.
    """
    if relaxation.duals is None:
        return None
    margin = incumbent - 1 - relaxation.bound + TOLERANCE
    if margin < 0:  # the bound proves the roster in hand optimal: nothing to list
        nothing = np.zeros(0, np.int64)
        labels = np.zeros((0, master.instance.days), np.int8)
        return Pool(nothing, labels, np.zeros(0), nothing.copy())
    prices = master.prices(relaxation.duals)
    listed: list[np.ndarray] = []
    left = most
    for person, pricer in enumerate(master.pricers):
        found = near_cheapest(pricer, prices + master.forbidden[person], margin, left, deadline)
        if found is None:
            return None
        listed.append(found)
        left -= len(found)
    person_of = np.repeat(np.arange(len(listed)), [len(found) for found in listed])
    labels = np.concatenate(listed)
    base = np.stack([pricer.base for pricer in master.pricers])
    cost = _summed(base[person_of], labels)
    return Pool(person_of, labels, cost, _columns(master, person_of, labels))


def near_cheapest(
    pricer: Pricer, prices: np.ndarray, margin: float, most: int, deadline: float
) -> np.ndarray | None:
    """The person's schedules at most ``margin`` dearer than their cheapest under ``prices``.

    One row of labels per schedule; ``None`` when there are more than ``most`` or the
    deadline passes first. The schedules grow a day at a time, all at once in arrays; a
    partial schedule is kept only while its cost so far plus the cheapest way to finish (the
    backward pass) stays within the margin, so each one kept ends in at least one schedule
    listed, and no day holds more than the answer.
    """
    cost = pricer.base + prices
    after = backward(pricer, cost)
    zero = (0,) * len(pricer.shape)
    limit = float(after[0][(0, *zero)]) + margin + TOLERANCE
    days = len(pricer.arcs)
    state = np.zeros(1, np.int64)
    counts = np.zeros((1, len(pricer.shape)), np.int64)
    spent = np.zeros(1)
    labels = np.zeros((1, days), np.int8)
    for day in range(days):
        grown = [
            _grown(step, state, counts, spent, labels, day, cost, after[day + 1], limit)
            for step in _steps(pricer, day)
        ]
        state = np.concatenate([g[0] for g in grown])
        counts = np.concatenate([g[1] for g in grown])
        spent = np.concatenate([g[2] for g in grown])
        labels = np.concatenate([g[3] for g in grown])
        if len(state) > most or time.perf_counter() > deadline:
            return None
    return labels


def backward(pricer: Pricer, cost: np.ndarray) -> list[np.ndarray]:
    """Per day, the cheapest cost of the days from it to the end, from each state and count.

    The pricing's forward pass run backwards. Each layer is kept padded with infinite values
    above each count (a count beyond its limit cannot be finished legally), so that an arc's
    move of the counts is a slice, as in the forward pass.
    """
    padded = (pricer.states, *(n + p for p, n in zip(pricer.pad, pricer.shape, strict=True)))
    inner = (slice(None), *(slice(0, n) for n in pricer.shape))
    layer = np.full(padded, np.inf)
    last = layer[inner]
    last[...] = 0.0
    last[:, : pricer.least] = np.inf  # too few minutes at the end
    layers = [layer]
    for day in range(len(pricer.groups) - 1, -1, -1):
        earlier = np.full(padded, np.inf)
        for group in pricer.groups[day]:
            reached = np.repeat(group.targets, np.diff(np.append(group.starts, len(group.sources))))
            values = layer[(reached, *_shifted(pricer, group.window))] + cost[day, group.label]
            np.minimum.at(earlier, (group.sources, *inner[1:]), values)
        layer = earlier
        layers.append(layer)
    return layers[::-1]


def _shifted(pricer: Pricer, window: tuple[slice, ...]) -> tuple[slice, ...]:
    """The counts an arc reaches from each count, as a slice of a layer padded above.

    ``window`` is the arc's slice of a layer padded below (the forward pass's), whose start
    gives the arc's move back.
    """
    moves = [p - w.start for p, w in zip(pricer.pad, window[1:], strict=True)]
    return tuple(slice(m, m + n) for m, n in zip(moves, pricer.shape, strict=True))


def _steps(pricer: Pricer, day: int) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """Per label, the state each state moves to on the day (-1: none) and the counts' move."""
    kinds = len(pricer.instance.shifts) + 1
    reached = np.full((kinds, pricer.states), -1, np.int64)
    moves = np.zeros((kinds, pricer.states, len(pricer.shape)), np.int64)
    for arc in pricer.arcs[day]:
        reached[arc[1], arc[0]] = arc[2]
        moves[arc[1], arc[0]] = pricer.delta(day, arc)
    return [(label, reached[label], moves[label]) for label in range(kinds)]


def _grown(
    step: tuple[int, np.ndarray, np.ndarray],
    state: np.ndarray,
    counts: np.ndarray,
    spent: np.ndarray,
    labels: np.ndarray,
    day: int,
    cost: np.ndarray,
    rest: np.ndarray,
    limit: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The partial schedules extended by one label on the day, those still within the limit."""
    label, reached, moves = step
    going = reached[state] >= 0
    after_state = reached[state[going]]
    after_counts = counts[going] + moves[state[going]]
    so_far = spent[going] + cost[day, label]
    # the backward layer is padded above each count: a count past its limit finds infinity
    kept = so_far + rest[(after_state, *after_counts.T)] <= limit
    grown = labels[going][kept]
    grown[:, day] = label
    return after_state[kept], after_counts[kept], so_far[kept], grown


def _summed(per_day: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each schedule's sum of its day-and-label values (``per_day``: schedule, day, label)."""
    if not len(labels):
        return np.zeros(0)
    days = np.arange(labels.shape[1])[None, :]
    rows = np.arange(len(labels))[:, None]
    return per_day[rows, days, labels].sum(axis=1)


def allowed(pool: Pool, assigns: Iterable[tuple[int, int, int, bool]]) -> np.ndarray:
    """Which listed schedules agree with the decisions (person, day, label, works)."""
    mask = np.ones(len(pool), dtype=bool)
    for person, day, label, works in assigns:
        mask &= (pool.person != person) | ((pool.labels[:, day] == label) == works)
    return mask


def pool_relaxation(
    master: Master, pool: Pool, mask: np.ndarray, deadline: float, cutoff: int | None
) -> tuple[Relaxation, np.ndarray]:
    """The master's relaxation over the listed schedules ``mask`` allows, and what stays.

    Only those schedules are open in the master (any other column is in no better roster, or
    breaks a decision). Once converged, a schedule whose reduced cost alone lifts the bound to
    ``cutoff`` is in no better roster of the node's subtree: the second answer leaves it out
    (reduced-cost fixing), which raises the children's bounds. Raises :class:`NoSchedule`
    when no roster of the list meets the node's decisions.
    """
    _restrict(master, pool, mask)
    listed = np.flatnonzero(mask)
    best = -np.inf
    while True:
        _cover_needy(master, pool, listed)
        value = _run_or_widen(master, pool, listed)
        duals = np.array(master.highs.getSolution().row_dual)
        reduced = _reduced(master, pool, listed, duals)
        cheapest = np.zeros(len(master.pricers))
        np.minimum.at(cheapest, pool.person[listed], reduced)
        best = max(best, value + float(cheapest.sum()))
        pruned = cutoff is not None and np.ceil(best - TOLERANCE) >= cutoff
        wanted = listed[(reduced < -TOLERANCE) & (pool.column[listed] < 0)]
        if not len(wanted) or pruned or time.perf_counter() > deadline:
            converged = not len(wanted) or pruned
            kept = mask
            if converged and cutoff is not None:
                kept = mask.copy()
                kept[listed] = reduced <= cutoff - 1 - best + TOLERANCE
            return Relaxation(best, converged, duals), kept
        chosen = _cheapest_per_person(pool, wanted, reduced[np.searchsorted(listed, wanted)])
        _add(master, pool, chosen)


def _reduced(master: Master, pool: Pool, listed: np.ndarray, duals: np.ndarray) -> np.ndarray:
    """The reduced cost of each listed schedule under the master's duals."""
    prices = master.prices(duals)
    labels = pool.labels[listed]
    paid = prices[np.arange(labels.shape[1])[None, :], labels].sum(axis=1)
    return pool.cost[listed] + paid - duals[pool.person[listed]]


def _restrict(master: Master, pool: Pool, mask: np.ndarray) -> None:
    """Open in the master the listed schedules ``mask`` allows; close every other column."""
    columns = master.highs.getNumCol() - master.first_column
    upper = np.zeros(columns)
    held = pool.column[mask]
    # Unbounded above (the person's row holds a column at 1 already): a bound of 1 that is
    # met would take part of the duals, and the reduced costs would no longer prove the
    # fixing below.
    upper[held[held >= 0]] = np.inf
    index = np.arange(master.first_column, master.first_column + columns, dtype=np.int32)
    master.highs.changeColsBounds(columns, index, np.zeros(columns), upper)
    open_people = pool.person[mask][held >= 0]
    master.needy = set(range(len(master.pricers))) - set(open_people.tolist())


def _columns(master: Master, person: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each listed schedule's column among the master's schedules, -1 if it has none."""
    held = {
        (p, np.array(schedule, np.int8).tobytes()): k
        for k, (p, schedule) in enumerate(master.columns)
    }
    rows = np.ascontiguousarray(labels).view(np.dtype((np.void, labels.shape[1])))[:, 0]
    found = [held.get(key, -1) for key in zip(person.tolist(), rows.tolist(), strict=True)]
    return np.array(found, dtype=np.int64)


def _add(master: Master, pool: Pool, chosen: Iterable[int]) -> None:
    for i in chosen:
        if master.add(int(pool.person[i]), tuple(int(x) for x in pool.labels[i])):
            pool.column[i] = len(master.columns) - 1
            master.highs.changeColBounds(master.highs.getNumCol() - 1, 0.0, np.inf)


def _cheapest_per_person(pool: Pool, wanted: np.ndarray, reduced: np.ndarray) -> list[int]:
    """Up to :data:`PER_PERSON` of the wanted schedules per person, the cheapest first."""
    order = np.lexsort((reduced, pool.person[wanted]))
    chosen: list[int] = []
    taken: dict[int, int] = {}
    for i in wanted[order]:
        person = int(pool.person[i])
        if taken.get(person, 0) < PER_PERSON:
            taken[person] = taken.get(person, 0) + 1
            chosen.append(int(i))
    return chosen


def _cover_needy(master: Master, pool: Pool, listed: np.ndarray) -> None:
    """A first allowed schedule for each person the master holds none open for."""
    for person in sorted(master.needy):
        mine = listed[pool.person[listed] == person]
        if not len(mine):
            raise NoListedRoster
        _add(master, pool, [int(mine[np.argmin(pool.cost[mine])])])


def _run_or_widen(master: Master, pool: Pool, listed: np.ndarray) -> float:
    """The master's optimum; if its columns leave it infeasible, every allowed one is added."""
    for widened in (False, True):
        if widened:
            _add(master, pool, listed[pool.column[listed] < 0].tolist())
        master.highs.run()
        if master.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            return float(master.highs.getInfo().objective_function_value)
    raise NoListedRoster
