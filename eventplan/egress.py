"""Egress: how long each zone takes to empty through its exits, and what holds it up.

What is computed, precisely (the hydraulic model of DESIGN section 8, on the venue graph):

- **Persons** of a zone: its capacity, scaled down in proportion when the event's attendance is
  below the sum of all zone capacities (rounded to whole persons by largest remainders, so they
  add up to the attendance). They start spread evenly over the zone's nodes and leave through
  the zone's own exits.
- **Capacity** of a passage (edge): ``flow_per_m_per_min[kind] x (width - 2 x boundary_layer)``
  persons per minute, shared by both directions; a node with ``width_m`` (a gate) passes
  ``flow_per_m_per_min[walkway] x (width - 2 x boundary_layer)`` -- people starting at such a
  node pass it too. Widths missing from the file take the defaults of
  :data:`eventplan.venue.DEFAULT_WIDTH_M` and the bottleneck says so.
- **Flow**: every zone leaves at a steady rate, each of its nodes sending its share, and all
  zones together respect every capacity (a multi-commodity flow, solved as a linear program).
  Rates are *max-min fair in queue time*: the zone that queues longest is made as quick as
  possible, then the next, and so on; zones that share a passage therefore finish their queues
  together, and a zone that shares nothing is as quick as it would be alone.
- **Minutes** of a zone = walk + queue, where walk is the longest walk from one of its nodes to
  the nearest of its exits (at :data:`WALKING_SPEED_MPS`; stairs slower) and queue = persons /
  rate. ``minutes_alone`` is the same with no other zone leaving.
- **Bottleneck**: the saturated elements (edges and gates) that stop the zone going faster: the
  cut nearest the zone, in the residual of the final flow, between a zone node and the zone's
  exits, keeping the elements the zone's people use; ``bottleneck`` names the one that passes
  most of them.

By hand: 1,000 people whose only way out is a 2 m gate at 82 persons/m/min queue
1000 / (82 x 2) = 6.1 minutes, plus their walk to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.linear_solver import pywraplp

from eventplan.errors import InputError, Problem
from eventplan.geo import line_feature, point_feature
from eventplan.scenario.model import Scenario
from eventplan.venue import VenueGraph

#: Walking speed of a leaving crowd before it queues, in m/s (IMO MSC.1/Circ.1533, low density).
WALKING_SPEED_MPS = 1.2
#: People keep to routes at most this many times their longest shortest way out (from a zone
#: node to the farthest of its exits), plus :data:`ROUTE_SLACK_M`; the flow model leaves the
#: rest of the venue out, which keeps it small on large street graphs.
ROUTE_DETOUR = 1.5
ROUTE_SLACK_M = 100.0
#: Queue time below which a zone is taken as clear at once (keeps the flow model bounded).
_MIN_QUEUE_MINUTES = 1e-3
_EPS = 1e-6


@dataclass(frozen=True, slots=True)
class Bottleneck:
    """A saturated element: a gate node (one id in ``nodes``) or an edge (two ids)."""

    nodes: tuple[str, ...]
    kind: str
    width_m: float
    persons_per_minute: float
    width_assumed: bool

    @property
    def label(self) -> str:
        """The node id, or ``a|b`` for an edge."""
        return "|".join(self.nodes)

    def to_json(self) -> dict[str, Any]:
        where = {"node": self.nodes[0]} if len(self.nodes) == 1 else {"edge": list(self.nodes)}
        return {
            **where,
            "kind": self.kind,
            "width_m": self.width_m,
            "persons_per_minute": round(self.persons_per_minute, 1),
            "width_assumed": self.width_assumed,
        }


@dataclass(frozen=True, slots=True)
class ZoneEgress:
    """Egress of one zone (see the module notes for the definitions)."""

    zone: str
    persons: int
    walk_minutes: float
    queue_minutes: float
    minutes_alone: float
    persons_per_minute: float
    bottlenecks: tuple[Bottleneck, ...]
    target_met: bool

    @property
    def minutes(self) -> float:
        """Walk plus queue."""
        return self.walk_minutes + self.queue_minutes

    @property
    def bottleneck(self) -> str | None:
        """Label of the saturated element that passes most of the zone's people, if any."""
        return self.bottlenecks[0].label if self.bottlenecks else None

    def to_json(self) -> dict[str, Any]:
        return {
            "zone": self.zone,
            "persons": self.persons,
            "minutes": round(self.minutes, 2),
            "walk_minutes": round(self.walk_minutes, 2),
            "queue_minutes": round(self.queue_minutes, 2),
            "minutes_alone": round(self.minutes_alone, 2),
            "persons_per_minute": round(self.persons_per_minute, 1),
            "bottleneck": self.bottleneck,
            "bottlenecks": [b.to_json() for b in self.bottlenecks],
            "target_met": self.target_met,
        }


@dataclass(frozen=True, slots=True)
class EgressPlan:
    """Egress of every zone against ``egress.target_minutes``."""

    zones: tuple[ZoneEgress, ...]
    target_minutes: float
    speed_mps: float

    @property
    def all_met(self) -> bool:
        return all(z.target_met for z in self.zones)

    def to_json(self) -> list[dict[str, Any]]:
        """Rows of plan.json ``egress``."""
        return [z.to_json() for z in self.zones]

    def to_geojson_features(self, graph: VenueGraph) -> list[dict[str, Any]]:
        """Each zone's bottleneck elements: a Point per gate, a LineString per edge."""
        features = []
        for z in self.zones:
            for b in z.bottlenecks:
                props = {
                    "layer": "egress-bottleneck",
                    "zone": z.zone,
                    "label": b.label,
                    "minutes": round(z.minutes, 2),
                    "target_met": z.target_met,
                    "persons_per_minute": round(b.persons_per_minute, 1),
                }
                points = [graph.latlon[graph.index[n]] for n in b.nodes]
                features.append(
                    point_feature(points[0], props)
                    if len(points) == 1
                    else line_feature(points, props)
                )
        return features


def zone_persons(scenario: Scenario) -> dict[str, int]:
    """Persons per zone: capacity, scaled to the attendance when that is smaller."""
    zones = scenario.venue.zones
    total = sum(z.capacity for z in zones)
    if total <= scenario.event.attendance:
        return {z.id: z.capacity for z in zones}
    exact = [z.capacity * scenario.event.attendance / total for z in zones]
    persons = [math.floor(x) for x in exact]
    order = sorted(range(len(zones)), key=lambda i: (persons[i] - exact[i], i))
    for i in order[: scenario.event.attendance - sum(persons)]:
        persons[i] += 1
    return {z.id: p for z, p in zip(zones, persons, strict=True)}


def plan_egress(
    scenario: Scenario, graph: VenueGraph, *, speed_mps: float = WALKING_SPEED_MPS
) -> EgressPlan:
    """Egress time, rate and bottleneck of every zone.

    Raises
    ------
    InputError
        When a zone cannot be left at all: every way from one of its nodes to its exits is
        narrower than twice the boundary layer.
    """
    settings = scenario.egress
    persons = zone_persons(scenario)
    zones = scenario.venue.zones
    network = _Network(scenario, graph)
    leaving = [k for k, z in enumerate(zones) if persons[z.id] > 0]
    alone: dict[int, float] = {}
    for k in leaving:
        rate = network.solve([k], {k: persons[zones[k].id]})[k]
        if rate <= _EPS:
            cut = network.cut(k)
            raise InputError(
                Problem(
                    scenario.source,
                    f"venue.zones[{k}]",
                    f"zone '{zones[k].id}' cannot "
                    f"be left: no width to pass at {', '.join(b.label for b in cut)} "
                    f"(width minus twice the boundary layer of "
                    f"{settings.boundary_layer_m:g} m)",
                )
            )
        alone[k] = rate
    shares = network.solve(leaving, {k: persons[zones[k].id] for k in leaving})
    out = []
    for k, zone in enumerate(zones):
        way_out = graph.nearest_m(zone.exits)[[graph.index[n] for n in zone.nodes]]
        walk = float(way_out.max()) / (speed_mps * 60.0)
        p = persons[zone.id]
        if p == 0:
            out.append(
                ZoneEgress(
                    zone.id, 0, walk, 0.0, walk, 0.0, (), walk <= settings.target_minutes + 1e-9
                )
            )
            continue
        queue, queue_alone = _queue(shares[k]), _queue(alone[k])
        minutes = walk + queue
        out.append(
            ZoneEgress(
                zone.id,
                p,
                walk,
                queue,
                walk + queue_alone,
                p * shares[k],
                network.cut(k) if queue > 0 else (),
                minutes <= settings.target_minutes + 1e-9,
            )
        )
    return EgressPlan(tuple(out), settings.target_minutes, speed_mps)


def _queue(share: float) -> float:
    """Queue minutes of a zone leaving ``share`` of itself per minute."""
    return 0.0 if share >= (1 - _EPS) / _MIN_QUEUE_MINUTES else 1.0 / share


def _spare(used: float, capacity: float) -> bool:
    """Whether an element has room left, beyond the LP's tolerances."""
    return used < capacity * (1 - 1e-5) - 1e-7


class _Network:
    """The flow network of the venue and the linear programs over it.

    Zones with the same exits form one commodity (once walking, it does not matter which of
    them a person came from); a zone's rate is ``share[k] x persons[k]``, ``share[k]`` being
    the part of the zone leaving per minute. Each commodity only uses nodes on reasonable
    routes (see :data:`ROUTE_DETOUR`).
    """

    def __init__(self, scenario: Scenario, graph: VenueGraph) -> None:
        self.graph, self.zones = graph, scenario.venue.zones
        egress = scenario.egress
        layer = 2 * egress.boundary_layer_m
        self.edges = [(graph.index[p.a], graph.index[p.b]) for p in graph.passages]
        self.edge_cap = np.array(
            [egress.flow(p.kind) * max(0.0, p.width_m - layer) for p in graph.passages]
        )
        self.node_cap: dict[int, float] = {
            i: egress.flow("walkway") * max(0.0, n.width_m - layer)
            for i, n in enumerate(scenario.venue.nodes)
            if n.width_m is not None
        }
        self.edges_at: list[list[int]] = [[] for _ in range(len(graph))]
        for e, (a, c) in enumerate(self.edges):
            self.edges_at[a].append(e)
            self.edges_at[c].append(e)
        self.usable: dict[frozenset[int], np.ndarray] = {}
        # Set by solve(): persons per zone, net flow per commodity along each edge (a -> b
        # positive), edge usage, and what passes each node (per commodity and in all).
        self.persons: dict[int, int] = {}
        self.flow: dict[frozenset[int], np.ndarray] = {}
        self.usage = np.zeros(len(self.edges))
        self.passing: dict[frozenset[int], np.ndarray] = {}
        self.through = np.zeros(len(graph))

    def exits(self, k: int) -> frozenset[int]:
        return frozenset(self.graph.index[x] for x in self.zones[k].exits)

    def _usable(self, exits: frozenset[int]) -> np.ndarray:
        """Edges a commodity may use: on routes within the detour bound of its zones."""
        if exits not in self.usable:
            graph = self.graph
            starts = [
                n for k, z in enumerate(self.zones) if self.exits(k) == exits for n in z.nodes
            ]
            exit_ids = [graph.ids[x] for x in exits]
            at = [graph.index[n] for n in starts]
            longest = max(float(graph.distances_m(x)[at].max()) for x in exit_ids)
            bound = ROUTE_DETOUR * longest + ROUTE_SLACK_M
            ok = graph.nearest_m(starts) + graph.nearest_m(exit_ids) <= bound + 1e-9
            self.usable[exits] = np.array([ok[a] and ok[c] for a, c in self.edges], dtype=bool)
        return self.usable[exits]

    def solve(self, zones: list[int], persons: dict[int, int]) -> dict[int, float]:
        """Max-min fair shares per minute of ``zones`` leaving together; keeps the flows."""
        self.persons = persons
        lp = pywraplp.Solver.CreateSolver("GLOP")
        top = 1 / _MIN_QUEUE_MINUTES
        theta = lp.NumVar(0, top, "theta")
        share = {k: lp.NumVar(0, top, f"s{k}") for k in zones}
        groups: dict[frozenset[int], list[int]] = {}
        for k in zones:
            groups.setdefault(self.exits(k), []).append(k)
        n = len(self.graph)
        arcs: dict[frozenset[int], tuple[np.ndarray, list[Any], list[Any]]] = {}
        edge_use: dict[int, list[Any]] = {}
        gate_use: dict[int, list[Any]] = {i: [] for i in self.node_cap}
        for exits, members in groups.items():
            usable = np.flatnonzero(self._usable(exits))
            f = [lp.NumVar(0, lp.infinity(), "") for _ in usable]
            b = [lp.NumVar(0, lp.infinity(), "") for _ in usable]
            arcs[exits] = (usable, f, b)
            balance: dict[int, list[Any]] = {}
            for k in members:
                nodes = self.zones[k].nodes
                for node in nodes:
                    i = self.graph.index[node]
                    term = share[k] * (persons[k] / len(nodes))
                    balance.setdefault(i, []).append(term)
                    if i in gate_use:
                        gate_use[i].append(term)
            for fe, be, e in zip(f, b, usable.tolist(), strict=True):
                a, c = self.edges[e]
                balance.setdefault(a, []).extend((-fe, be))
                balance.setdefault(c, []).extend((fe, -be))
                edge_use.setdefault(e, []).extend((fe, be))
                if c in gate_use:
                    gate_use[c].append(fe)
                if a in gate_use:
                    gate_use[a].append(be)
            for i in exits:
                balance.setdefault(i, []).append(-lp.NumVar(0, lp.infinity(), ""))
            for terms in balance.values():
                lp.Add(lp.Sum(terms) == 0)
        for e, terms in edge_use.items():
            lp.Add(lp.Sum(terms) <= self.edge_cap[e])
        for i, terms in gate_use.items():
            if terms:
                lp.Add(lp.Sum(terms) <= self.node_cap[i])
        link = {k: lp.Add(share[k] - theta == 0) for k in zones}
        fixed: set[int] = set()
        while len(fixed) < len(zones):
            lp.Maximize(theta)
            lp.Solve()
            level = theta.solution_value()
            active = [k for k in zones if k not in fixed]
            for k in active:  # who can still go faster without slowing anyone?
                link[k].SetCoefficient(theta, 0)
                link[k].SetBounds(level * (1 - _EPS), lp.infinity())
            lp.Maximize(lp.Sum([share[k] for k in active]))
            lp.Solve()
            blocked = [k for k in active if share[k].solution_value() <= level * (1 + 1e-5)]
            for k in list(blocked) if len(blocked) < len(active) else []:
                lp.Maximize(share[k])
                lp.Solve()
                if share[k].solution_value() > level * (1 + 1e-5) + _EPS:
                    blocked.remove(k)
            fixed.update(blocked or active)
            for k in active:
                if k not in fixed:
                    link[k].SetCoefficient(theta, -1)
                    link[k].SetBounds(0, 0)
        self.flow = {}
        for exits, (usable, f, b) in arcs.items():
            net = np.zeros(len(self.edges))
            net[usable] = [
                x.solution_value() - y.solution_value() for x, y in zip(f, b, strict=True)
            ]
            self.flow[exits] = net
        self.usage = sum((np.abs(flow) for flow in self.flow.values()), np.zeros(len(self.edges)))
        rates = {k: share[k].solution_value() for k in zones}
        self.passing = {x: self._through(x, {k: rates[k] for k in groups[x]}) for x in self.flow}
        self.through = sum(self.passing.values(), np.zeros(n))
        return rates

    def _through(self, exits: frozenset[int], shares: dict[int, float]) -> np.ndarray:
        """What one commodity passes through each node per minute."""
        flow = self.flow[exits]
        into = np.zeros(len(self.graph))
        for e, (a, c) in enumerate(self.edges):
            into[c] += max(flow[e], 0.0)
            into[a] += max(-flow[e], 0.0)
        for k, s in shares.items():
            for node in self.zones[k].nodes:
                into[self.graph.index[node]] += s * self.persons[k] / len(self.zones[k].nodes)
        return into

    def cut(self, k: int, carrying: bool = True) -> tuple[Bottleneck, ...]:
        """Saturated elements leading out of the part of the venue a zone's nodes can still
        send more people into, given the flows; with ``carrying``, only those the zone's
        commodity uses (all of them when it uses none), busiest first."""
        exits = self.exits(k)
        flow, passing, usable = self.flow[exits], self.passing[exits], self._usable(exits)
        found: dict[tuple[str, ...], tuple[float, Bottleneck]] = {}
        for node in dict.fromkeys(self.zones[k].nodes):
            seen = self._reach(self.graph.index[node], flow, passing, usable)
            if any((x, 1) in seen for x in exits):
                continue
            for i, side in seen:
                if side == 0 and (i, 1) not in seen and (passing[i] > 1e-6 or not carrying):
                    found.setdefault((self.graph.ids[i],), (passing[i], self._node(i)))
                for e in self.edges_at[i] if side == 1 else ():
                    a, c = self.edges[e]
                    out = flow[e] if a == i else -flow[e]
                    full = not _spare(self.usage[e], self.edge_cap[e])
                    if (
                        usable[e]
                        and (c if a == i else a, 0) not in seen
                        and (out > 1e-6 if carrying else full)
                    ):
                        found.setdefault((a, c), (out, self._edge(e)))
        if not found and carrying:
            return self.cut(k, carrying=False)
        ranked = sorted(found.values(), key=lambda x: (-x[0], x[1].persons_per_minute, x[1].label))
        return tuple(b for _, b in ranked)

    def _node(self, i: int) -> Bottleneck:
        node = self.graph.venue.nodes[i]
        width = float(node.width_m or 0.0)
        return Bottleneck((node.id,), node.kind, width, self.node_cap[i], False)

    def _edge(self, e: int) -> Bottleneck:
        p = self.graph.passages[e]
        cap = float(self.edge_cap[e])
        return Bottleneck((p.a, p.b), p.kind, p.width_m, cap, p.width_assumed)

    def _reach(
        self, start: int, flow: np.ndarray, passing: np.ndarray, usable: np.ndarray
    ) -> set[tuple[int, int]]:
        """Residual search for one commodity over its usable edges: states (node, 0 before /
        1 past its gate)."""
        seen = {(start, 0)}
        todo = [(start, 0)]
        while todo:
            i, side = todo.pop()
            steps = []
            if side == 0:
                if i not in self.node_cap or _spare(self.through[i], self.node_cap[i]):
                    steps.append((i, 1))
                for e in self.edges_at[i]:  # send back own flow that came in over an edge
                    if not usable[e]:
                        continue
                    a, c = self.edges[e]
                    if (c == i and flow[e] > 1e-6) or (a == i and flow[e] < -1e-6):
                        steps.append((a if c == i else c, 1))
            else:
                if i not in self.node_cap or passing[i] > 1e-6:
                    steps.append((i, 0))
                for e in self.edges_at[i]:
                    a, c = self.edges[e]
                    if usable[e] and _spare(self.usage[e], self.edge_cap[e]):
                        steps.append((c if a == i else a, 0))
            for state in steps:
                if state not in seen:
                    seen.add(state)
                    todo.append(state)
        return seen
