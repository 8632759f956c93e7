"""Rapid-response standby points and the venue they reach in 1, 3 and 5 minutes.

Each unit entry of the scenario stands ``count`` units by; a unit with ``standby: auto`` gets a
standby node chosen here, explicit standby nodes are kept. The choice maximises the *weighted
share of the venue* that some unit on duty reaches within its own ``respond_within_minutes``,
walking at ``response.walking_speed_mps`` along venue edges (a maximal covering location
problem).

Weights (they sum to 1 over the venue, see :func:`node_weights`): 60 % crowd (each zone's
capacity spread evenly over its nodes), 30 % posts (``critical`` 8, ``high`` 4, ``normal`` 2,
``low`` 1 per post at the node), 10 % spread evenly over every node so that empty corridors
count a little. A part that is absent (no zones) hands its share to the others.

Units on duty in different phases do not cover for each other: the objective averages the
share reached over the phases in which any unit is on duty, weighted by phase length. A tiny
secondary term prefers standby nodes close to much weight, which places units that add no
coverage (the venue is already reached) where they back others up best.

Method: greedy placement then swaps of single units until none improves; on small venues
(:data:`EXACT_NODES` nodes or fewer) CP-SAT then proves the placement optimal or replaces it
with a better one within ``exact_time_limit_s``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from eventplan.geo import multiline_feature, point_feature
from eventplan.scenario.model import Scenario
from eventplan.scenario.times import expand
from eventplan.venue import VenueGraph

#: Relative weight of a post at a node, by priority.
PRIORITY_WEIGHT: dict[str, float] = {"critical": 8.0, "high": 4.0, "normal": 2.0, "low": 1.0}
#: Shares of the venue weight: crowd, posts, and every node alike.
WEIGHT_MIX: dict[str, float] = {"crowd": 0.6, "posts": 0.3, "base": 0.1}
#: Venues up to this many nodes get an exact CP-SAT check of the placement.
EXACT_NODES = 400
_CLOSENESS = 1e-6  # weight of the secondary "close to much weight" term


@dataclass(frozen=True, slots=True)
class Standby:
    """Where one unit stands by: ``index`` counts the units of an entry from 1."""

    unit: str
    index: int
    node: str
    chosen: bool


@dataclass(frozen=True, slots=True)
class Reach:
    """How much of the venue some standby unit reaches within ``minutes``.

    ``weight_share`` uses the node weights of :func:`node_weights`; ``node_share`` counts
    nodes alike; ``unreached`` lists the nodes left out.
    """

    minutes: float
    weight_share: float
    node_share: float
    unreached: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnitReach:
    """What the units of one entry reach within their own ``respond_within_minutes``."""

    unit: str
    reach: Reach


@dataclass(frozen=True, slots=True)
class ResponsePlan:
    """Standby points and response reach.

    Parameters
    ----------
    standby
        One row per unit (an entry with ``count`` N has N rows).
    reach
        All units together, at each of ``response.targets_minutes``.
    units
        Each unit entry at its own ``respond_within_minutes``.
    objective
        The phase-averaged weighted share reached within each unit's own time.
    method
        ``"greedy"`` (greedy and swaps), ``"cp-sat"`` (an exact solve improved on it), or
        ``"fixed"`` (no standby to choose).
    optimal
        Whether the placement is proven optimal for ``objective``.
    speed_mps
        Walking speed used.
    """

    standby: tuple[Standby, ...]
    reach: tuple[Reach, ...]
    units: tuple[UnitReach, ...]
    objective: float
    method: str
    optimal: bool
    speed_mps: float

    def to_json(self) -> dict[str, Any]:
        """plan.json sections ``standby`` (rows) and ``response``.

        ``response.reach`` maps each threshold (minutes, as text) to the weight share reached,
        ``node_share`` to the node share, ``unreached`` to the nodes left out; ``units`` gives
        each unit entry's reach within its own time.
        """
        label = {r.minutes: f"{r.minutes:g}" for r in self.reach}
        return {
            "standby": [
                {"unit": s.unit, "index": s.index, "node": s.node, "chosen": s.chosen}
                for s in self.standby
            ],
            "response": {
                "walking_speed_mps": self.speed_mps,
                "reach": {label[r.minutes]: round(r.weight_share, 4) for r in self.reach},
                "node_share": {label[r.minutes]: round(r.node_share, 4) for r in self.reach},
                "unreached": {label[r.minutes]: list(r.unreached) for r in self.reach},
                "units": [
                    {
                        "unit": u.unit,
                        "within_minutes": u.reach.minutes,
                        "weight_share": round(u.reach.weight_share, 4),
                        "node_share": round(u.reach.node_share, 4),
                        "unreached": list(u.reach.unreached),
                    }
                    for u in self.units
                ],
                "objective": round(self.objective, 4),
                "method": self.method,
                "optimal": self.optimal,
            },
        }

    def to_geojson_features(self, graph: VenueGraph) -> list[dict[str, Any]]:
        """Standby points, and per standby node and threshold the walkways reached."""
        features = [
            point_feature(
                graph.latlon[graph.index[s.node]],
                {"layer": "standby", "unit": s.unit, "index": s.index, "node": s.node},
            )
            for s in self.standby
        ]
        per_minute = self.speed_mps * 60.0
        for node in dict.fromkeys(s.node for s in self.standby):
            for r in self.reach:
                lines = graph.reached_lines(node, r.minutes * per_minute)
                if lines:
                    features.append(
                        multiline_feature(
                            lines, {"layer": "reach", "node": node, "minutes": r.minutes}
                        )
                    )
        return features


def node_weights(scenario: Scenario, graph: VenueGraph) -> np.ndarray:
    """Weight of each node (in ``graph.ids`` order), summing to 1 (see the module notes)."""
    parts = {k: np.zeros(len(graph)) for k in WEIGHT_MIX}
    parts["base"] += 1.0
    for zone in scenario.venue.zones:
        for node in zone.nodes:
            parts["crowd"][graph.index[node]] += zone.capacity / len(zone.nodes)
    for post in scenario.posts:
        parts["posts"][graph.index[post.node]] += PRIORITY_WEIGHT[post.priority]
    present = {k: v / v.sum() for k, v in parts.items() if v.sum() > 0}
    mix = sum(WEIGHT_MIX[k] for k in present)
    return sum(WEIGHT_MIX[k] / mix * v for k, v in present.items())  # type: ignore[return-value]


def plan_response(
    scenario: Scenario, graph: VenueGraph, *, exact_time_limit_s: float = 5.0
) -> ResponsePlan:
    """Choose ``auto`` standby nodes and report the reach of all units.

    Parameters
    ----------
    scenario, graph
        A validated scenario and its venue graph.
    exact_time_limit_s
        CP-SAT time on venues of at most :data:`EXACT_NODES` nodes; 0 skips the exact check.
    """
    speed = scenario.response.walking_speed_mps
    weights = node_weights(scenario, graph)
    placer = _Placer(scenario, graph, weights)
    method, optimal = "fixed", True
    if placer.free:
        placer.greedy()
        placer.swap()
        method, optimal = "greedy", False
        if exact_time_limit_s > 0 and len(graph) <= EXACT_NODES:
            improved, optimal = placer.exact(exact_time_limit_s)
            method = "cp-sat" if improved else "greedy"
    standby = tuple(
        Standby(scenario.units[k].id, i + 1, graph.ids[c], (k, i) in placer.free)
        for k, slots in enumerate(placer.slots)
        for i, c in enumerate(slots)
    )

    def reach(unit: str | None, minutes: float) -> Reach:
        nodes = [s.node for s in standby if unit in (None, s.unit)]
        return _reach(graph, nodes, minutes * speed * 60.0, weights, minutes)

    thresholds = scenario.response.targets_minutes if standby else ()
    overall = tuple(reach(None, m) for m in thresholds)
    units = tuple(UnitReach(u.id, reach(u.id, u.respond_within_minutes)) for u in scenario.units)
    return ResponsePlan(standby, overall, units, placer.value(), method, optimal, speed)


def _reach(
    graph: VenueGraph, nodes: list[str], cutoff_m: float, weights: np.ndarray, minutes: float
) -> Reach:
    """What ``nodes`` reach within ``cutoff_m`` level-equivalent metres."""
    reached = np.zeros(len(graph), dtype=bool)
    for node in dict.fromkeys(nodes):
        reached |= graph.reach_m(node, cutoff_m) <= cutoff_m
    return Reach(
        minutes,
        float(weights[reached].sum()),
        float(reached.mean()),
        tuple(graph.ids[i] for i in np.flatnonzero(~reached)),
    )


class _Placer:
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
    for phase in scenario.event.phases:
        on = frozenset(k for k, u in enumerate(scenario.units) if phase.id in u.phases)
        if on:
            seconds = sum(
                (end - start).total_seconds()
                for start, end in expand(phase.start, phase.end, scenario.event.days)
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
    for c in range(len(graph)):
        found, near = graph.near_m(c, radii[-1])
        for r, (indptr, indices, closeness) in parts.items():
            inside = found[near <= r]
            indices.append(inside)
            indptr.append(indptr[-1] + len(inside))
            closeness[c] = float(weights[inside] @ (1 - near[near <= r] / r)) if r > 0 else 0
    return {
        r: (np.array(indptr), np.concatenate(indices), closeness)
        for r, (indptr, indices, closeness) in parts.items()
    }
