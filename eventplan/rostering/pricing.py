"""A person's cheapest legal schedule under given day-and-shift prices: exact dynamic programming.

The pricing problem of the column generation (:mod:`eventplan.rostering.colgen`). The states
of one day are the person's automaton state (:mod:`eventplan.rostering.automaton`: runs and
successions) crossed with what the other rules count so far: minutes worked (in units of the
shift lengths' greatest common divisor), weekends worked when they are limited, and shifts of
each type whose limit can bind. Each state keeps the cheapest cost of reaching it, in one
numpy array a day; a schedule is read back from the last day. Every rule of the contract is
therefore inside the pricing, which is what makes the master's bound so much tighter than the
flow program's (whose relaxation holds only the automaton).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from eventplan.rostering.automaton import Transition
from eventplan.rostering.instance import Employee, Instance
from eventplan.rostering.mip import allowed_labels, day_arcs
from eventplan.rostering.model import WEEKEND_DAYS

#: A schedule: per day, 0 for a day off or ``s + 1`` for shift type ``s``.
Schedule = tuple[int, ...]

_SATURDAY, _SUNDAY = WEEKEND_DAYS

#: A pricer whose forward pass holds at most this many values keeps its arrays between calls.
KEPT_CELLS = 2_000_000


@dataclass(frozen=True, slots=True)
class Priced:
    """A schedule and its cost under the prices it was found with (requests included)."""

    schedule: Schedule
    cost: float


@dataclass(frozen=True, slots=True)
class _Group:
    """Arcs of one day with one label and one move of the resources, to be taken at once."""

    label: int
    window: tuple[slice, ...]  # where the arcs' values come from in a padded layer
    sources: np.ndarray  # the state each arc leaves, the arcs sorted by the state reached
    targets: np.ndarray  # the states reached, each once, in that order
    starts: np.ndarray  # where each reached state's arcs begin among the sources


class Pricer:
    """One person's schedules as a shortest path through days x states x counted resources."""

    def __init__(self, instance: Instance, employee: Employee) -> None:
        self.instance = instance
        self.employee = employee
        self.labels = [allowed_labels(instance, employee, d) for d in range(instance.days)]
        self.arcs = day_arcs(instance, employee, self.labels)
        minutes = [0] + [s.minutes for s in instance.shifts]
        self.unit = math.gcd(*minutes) or 1
        self.length = [m // self.unit for m in minutes]  # per label, in units
        self.least = -(-employee.min_minutes // self.unit)
        self.most = employee.max_minutes // self.unit
        self.limited = _binding_limits(instance, employee, self.labels)
        weeks = (instance.days + 1) // 7  # weekends whose Saturday is in the horizon
        self.weekends = employee.max_weekends if employee.max_weekends < weeks else None
        self.shape = (self.most + 1,) + ((self.weekends + 1,) if self.weekends is not None else ())
        self.shape += tuple(limit + 1 for _, limit in self.limited)
        states = {a for day in self.arcs for a, _, _ in day} | {b for _, _, b in self.arcs[-1]}
        self.states = max(states, default=0) + 1
        self.working = {b for day in self.arcs for _, lab, b in day if lab > 0}
        self.base = self._request_costs()
        # Each layer is padded with infinite values below each resource, as deep as the
        # largest move: an arc's values are then a slice of it, not a shifted copy.
        moves = [self.delta(day, arc) for day, arcs in enumerate(self.arcs) for arc in arcs]
        self.pad = (
            tuple(max(m) for m in zip(*moves, strict=True)) if moves else (0,) * len(self.shape)
        )
        self.inner = _window(self.pad, (0,) * len(self.shape), self.shape)
        self.groups = [self._grouped(day, arcs) for day, arcs in enumerate(self.arcs)]
        self._layers: list[np.ndarray] | None = None  # the forward pass's, made on first use
        self.into: list[dict[int, list[tuple[int, int, tuple[int, ...]]]]] = []
        for day, arcs in enumerate(self.arcs):
            into: dict[int, list[tuple[int, int, tuple[int, ...]]]] = {}
            for arc in arcs:
                into.setdefault(arc[2], []).append((arc[0], arc[1], self.delta(day, arc)))
            self.into.append(into)

    def _grouped(self, day: int, arcs: list[Transition]) -> list[_Group]:
        """The day's arcs in groups of one label and one move, sorted by the state reached."""
        by_kind: dict[tuple[int, tuple[int, ...]], list[Transition]] = {}
        for arc in arcs:
            by_kind.setdefault((arc[1], self.delta(day, arc)), []).append(arc)
        groups = []
        for (label, moves), members in by_kind.items():
            members.sort(key=lambda arc: arc[2])
            targets = [b for _, _, b in members]
            starts = [i for i, b in enumerate(targets) if i == 0 or targets[i - 1] != b]
            groups.append(
                _Group(
                    label,
                    _window(self.pad, moves, self.shape),
                    np.array([a for a, _, _ in members], dtype=np.int64),
                    np.array(sorted(set(targets)), dtype=np.int64),
                    np.array(starts, dtype=np.int64),
                )
            )
        return groups

    @property
    def cells(self) -> int:
        """The values the forward pass keeps: days x states x counted resources."""
        return (len(self.arcs) + 1) * self.states * math.prod(self.shape)

    def _request_costs(self) -> np.ndarray:
        """Per day and label, the request weights paid by working that label (or not)."""
        instance = self.instance
        cost = np.zeros((instance.days, len(instance.shifts) + 1))
        index = {shift.id: s for s, shift in enumerate(instance.shifts)}
        for request in instance.on_requests:
            if request.employee == self.employee.id:  # paid unless worked: all but its label
                cost[request.day, :] += request.weight
                cost[request.day, index[request.shift] + 1] -= request.weight
        for request in instance.off_requests:
            if request.employee == self.employee.id:
                cost[request.day, index[request.shift] + 1] += request.weight
        return cost

    def delta(self, day: int, arc: Transition) -> tuple[int, ...]:
        """How the arc moves the counted resources."""
        a, lab, _ = arc
        moves = [self.length[lab]]
        if self.weekends is not None:
            weekday = day % 7
            new_weekend = lab > 0 and (
                weekday == _SATURDAY or (weekday == _SUNDAY and a not in self.working)
            )
            moves.append(int(new_weekend))
        moves += [int(lab == s + 1) for s, _ in self.limited]
        return tuple(moves)

    def cheapest(self, prices: np.ndarray, count: int = 1) -> list[Priced]:
        """The cheapest schedule into each of the ``count`` cheapest end states, cheapest first.

        ``prices`` holds the price of each day (rows) and label (columns); an end state is
        the automaton's state and the counted resources on the last day, so the schedules
        differ from each other.
        """
        cost = self.base + prices
        layers = self.forward(cost)
        last = layers[-1].copy()
        last[:, : self.least] = np.inf  # too few minutes
        order = np.argsort(last, axis=None)[:count]
        found = []
        for flat in order:
            value = last.flat[flat]
            if not np.isfinite(value):
                break
            cell = np.unravel_index(flat, last.shape)
            found.append(Priced(self._backtrack(layers, cost, cell), float(value)))
        return found

    def forward(self, cost: np.ndarray) -> list[np.ndarray]:
        """Per day, the cheapest cost of each state and count (views without the padding).

        Up to :data:`KEPT_CELLS`, the layers are the pricer's own arrays, refilled on each
        call (allocating them anew took a fifth of the pricing's time on instance 9): read
        them before the next call.
        """
        padded = (self.states, *(p + n for p, n in zip(self.pad, self.shape, strict=True)))
        days = len(self.groups) + 1
        if self._layers is None:
            self._layers = [
                np.empty(padded) for _ in range(days if self.cells <= KEPT_CELLS else 0)
            ]
        arrays = self._layers or [np.empty(padded) for _ in range(days)]
        layer = arrays[0]
        layer.fill(np.inf)
        layer[(0, *self.pad)] = 0.0
        layers = [layer[self.inner]]
        for day, groups in enumerate(self.groups):
            following = arrays[day + 1]
            following.fill(np.inf)
            inner = following[self.inner]
            for group in groups:
                moved = layer[group.sources][group.window] + cost[day, group.label]
                best = np.minimum.reduceat(moved, group.starts, axis=0)
                np.minimum(inner[group.targets], best, out=best)
                inner[group.targets] = best
            layer = following
            layers.append(inner)
        return layers

    def _backtrack(
        self, layers: list[np.ndarray], cost: np.ndarray, cell: tuple[int, ...]
    ) -> Schedule:
        labels: list[int] = []
        state, counted = int(cell[0]), tuple(int(c) for c in cell[1:])
        for day in range(len(self.arcs) - 1, -1, -1):
            target = layers[day + 1][(state, *counted)]
            for a, lab, moves in self.into[day].get(state, ()):
                before = tuple(c - m for c, m in zip(counted, moves, strict=True))
                if min(before) < 0:
                    continue
                if abs(layers[day][(a, *before)] + cost[day, lab] - target) <= 1e-6:
                    labels.append(lab)
                    state, counted = a, before
                    break
            else:  # unreachable: the forward pass put the value there through some arc
                raise RuntimeError("no arc explains a dynamic-programming value")
        return tuple(reversed(labels))


def _binding_limits(
    instance: Instance, employee: Employee, labels: list[set[int]]
) -> list[tuple[int, int]]:
    """Shift types whose limit is below the days the person could work them, with the limit."""
    binding = []
    for s, shift in enumerate(instance.shifts):
        limit = employee.max_shifts.get(shift.id)
        possible = sum(1 for open_labels in labels if s + 1 in open_labels)
        if limit is not None and 0 < limit < possible:
            binding.append((s, limit))
    return binding


def _window(
    pad: tuple[int, ...], moves: tuple[int, ...], shape: tuple[int, ...]
) -> tuple[slice, ...]:
    """The slice of a padded layer whose values an arc moving by ``moves`` carries forward."""
    return (
        slice(None),
        *(slice(p - m, p - m + n) for p, m, n in zip(pad, moves, shape, strict=True)),
    )
