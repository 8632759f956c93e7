"""Standby placement: coverage lists, greedy placement, swaps and the CP-SAT check.

The objective is described in :mod:`eventplan.venue.response`.
"""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from eventplan.scenario.model import Scenario
from eventplan.scenario.realtime import event_clock
from eventplan.venue.graph import VenueGraph

_CLOSENESS = 1e-6  # weight of the secondary "close to much weight" term


class Placer:
    """Standby placement over coverage lists (candidate node -> nodes within a radius).

    ``slots[k][i]`` is the node index of unit ``i`` of entry ``k`` (-1 while unplaced);
    ``counts[g, n]`` how many placed units on duty in phase group ``g`` reach node ``n``.
    """

    def __init__(self, scenario: Scenario, graph: VenueGraph, weights: np.ndarray) -> None:
        self.graph, self.n, self.weights = graph, len(graph), weights
        units = scenario.units
        per_minute = scenario.response.walking_speed_mps * 60.0
        self.radius = [u.respond_within_minutes * per_minute for u in units]
        self.slots: list[list[int]] = []
        for u in units:
            if u.standby == "auto":
                self.slots.append([-1] * u.count)
            else:
                given = (u.standby,) if isinstance(u.standby, str) else u.standby
                self.slots.append([graph.index[g] for g in (given * u.count)[: u.count]])
        self.free = [(k, i) for k, s in enumerate(self.slots) for i, c in enumerate(s) if c < 0]
        self.cover = _coverage(graph, sorted({self.radius[k] for k, _ in self.free}), weights)
        self.groups = _phase_groups(scenario)
        self.counts = np.zeros((len(self.groups), self.n), dtype=np.int64)
        for k, s in enumerate(self.slots):
            for c in s:
                if c >= 0:
                    self._add(k, c, +1)

    def _covered(self, k: int, c: int) -> np.ndarray:
        if self.radius[k] in self.cover:
            indptr, indices, _ = self.cover[self.radius[k]]
            return indices[indptr[c] : indptr[c + 1]]
        return np.flatnonzero(
            self.graph.reach_m(self.graph.ids[c], self.radius[k]) <= self.radius[k]
        )

    def _add(self, k: int, c: int, sign: int) -> None:
        nodes = self._covered(k, c)
        for g, (on, _) in enumerate(self.groups):
            if k in on:
                self.counts[g, nodes] += sign

    def _gains(self, k: int) -> np.ndarray:
        """Score of placing one more unit of entry ``k`` at each node."""
        indptr, indices, closeness = self.cover[self.radius[k]]
        value = np.zeros(self.n)
        for g, (on, share) in enumerate(self.groups):
            if k in on:
                value += share * self.weights * (self.counts[g] == 0)
        return np.add.reduceat(value[indices], indptr[:-1]) + _CLOSENESS * closeness

    def greedy(self) -> None:
        """Place the free units one at a time, each where it adds most weight reached."""
        for _ in self.free:
            best = (-np.inf, -1, -1)
            for k in sorted({k for k, s in enumerate(self.slots) if -1 in s}):
                gains = self._gains(k)
                c = int(np.argmax(gains))
                if gains[c] > best[0]:
                    best = (float(gains[c]), k, c)
            _, k, c = best
            self.slots[k][self.slots[k].index(-1)] = c
            self._add(k, c, +1)

    def swap(self, passes: int = 10) -> None:
        """Move single units to better nodes until no move improves (at most ``passes``)."""
        for _ in range(passes):
            moved = False
            for k, i in self.free:
                old = self.slots[k][i]
                self._add(k, old, -1)
                gains = self._gains(k)
                c = int(np.argmax(gains))
                if gains[c] > gains[old] + 1e-12:
                    self.slots[k][i], moved = c, True
                self._add(k, self.slots[k][i], +1)
            if not moved:
                return

    def value(self) -> float:
        """Phase-averaged weight reached (the primary objective)."""
        return sum(
            share * float(self.weights[self.counts[g] > 0].sum())
            for g, (_, share) in enumerate(self.groups)
        )

    def exact(self, seconds: float) -> tuple[bool, bool]:
        """CP-SAT on the primary objective: (placement replaced, proven optimal)."""
        scale = 1e7
        free = sorted({k for k, _ in self.free})
        for k, i in self.free:  # what the fixed units reach alone
            self._add(k, self.slots[k][i], -1)
        fixed = self.counts.copy()
        greedy = [list(s) for s in self.slots]
        for k, i in self.free:
            self._add(k, self.slots[k][i], +1)
        model = cp_model.CpModel()
        x = {
            (k, c): model.NewIntVar(0, len(self.slots[k]), f"x{k}_{c}")
            for k in free
            for c in range(self.n)
        }
        sources: dict[tuple[int, int], list[cp_model.IntVar]] = {}
        for k in free:
            model.Add(
                sum(x[k, c] for c in range(self.n)) == sum(1 for kk, _ in self.free if kk == k)
            )
            for c in range(self.n):
                for node in self._covered(k, c).tolist():
                    sources.setdefault((k, node), []).append(x[k, c])
        terms = []
        for g, (on, share) in enumerate(self.groups):
            for node in np.flatnonzero(fixed[g] == 0).tolist():
                reach = [v for k in free if k in on for v in sources.get((k, node), [])]
                if reach:
                    y = model.NewBoolVar(f"y{g}_{node}")
                    model.Add(y <= sum(reach))
                    terms.append(round(share * self.weights[node] * scale) * y)
        model.Maximize(sum(terms))
        for k in free:  # the greedy placement as a starting point
            for c in range(self.n):
                model.AddHint(x[k, c], greedy[k].count(c))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.num_workers = 1
        status = solver.Solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False, False
        base = sum(
            share * float(self.weights[fixed[g] > 0].sum())
            for g, (_, share) in enumerate(self.groups)
        )
        mine, tolerance = (self.value() - base) * scale, len(terms) + 1.0
        if solver.ObjectiveValue() <= mine + tolerance:
            return False, solver.BestObjectiveBound() <= mine + tolerance
        for k, i in self.free:
            self._add(k, self.slots[k][i], -1)
            self.slots[k][i] = -1
        for (k, c), var in x.items():
            for _ in range(solver.Value(var)):
                self.slots[k][self.slots[k].index(-1)] = c
                self._add(k, c, +1)
        return True, status == cp_model.OPTIMAL


def _phase_groups(scenario: Scenario) -> list[tuple[frozenset[int], float]]:
    """Sets of unit entries on duty together, each with its share of the time on duty."""
    groups: dict[frozenset[int], float] = {}
    clock = event_clock(scenario)
    for phase in scenario.event.phases:
        on = frozenset(k for k, u in enumerate(scenario.units) if phase.id in u.phases)
        if on:
            seconds = sum(
                (end - start).total_seconds()
                for start, end in clock.expand(phase.start, phase.end, scenario.event.days)
            )
            groups[on] = groups.get(on, 0.0) + max(seconds, 1.0)
    total = sum(groups.values()) or 1.0
    return [(on, seconds / total) for on, seconds in groups.items()]


def _coverage(
    graph: VenueGraph, radii: list[float], weights: np.ndarray
) -> dict[float, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per radius, CSR arrays (indptr, indices) of the nodes each node reaches, and each
    node's closeness score (weight reached, nearer counting more)."""
    if not radii:
        return {}
    parts: dict[float, tuple[list[int], list[np.ndarray], np.ndarray]] = {
        r: ([0], [], np.zeros(len(graph))) for r in radii
    }
    for c, (found, near) in enumerate(graph.near_all_m(radii[-1])):
        for r, (indptr, indices, closeness) in parts.items():
            inside = found[near <= r]
            indices.append(inside)
            indptr.append(indptr[-1] + len(inside))
            closeness[c] = float(weights[inside] @ (1 - near[near <= r] / r)) if r > 0 else 0
    return {
        r: (np.array(indptr), np.concatenate(indices), closeness)
        for r, (indptr, indices, closeness) in parts.items()
    }
