"""The egress flow as a linear program (GLOP): zones leaving together, max-min fair in queue
time.

Each commodity (zones sharing their exits) has a forward and a backward flow variable per
usable edge; every zone node sends its share of the zone, every exit takes what arrives, and
edges and gates hold their capacity. Fairness comes from a sequence of LPs: the slowest zones
are made as quick as possible, fixed at that level, and the rest raised in turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from ortools.linear_solver import pywraplp

from eventplan.scenario.model import Zone
from eventplan.venue.graph import VenueGraph

#: Queue time below which a zone is taken as clear at once (keeps the flow model bounded).
MIN_QUEUE_MINUTES = 1e-3
#: Rates this close count as equal, and a rate this small as none.
EPS = 1e-6

#: Per commodity: the usable edges and their forward and backward flow variables.
Arcs = tuple[np.ndarray, list[Any], list[Any]]


class FlowUnsolved(RuntimeError):
    """The flow LP ended without an optimal solution. It is always feasible (nobody moving)
    and bounded, so only numbers the solver cannot handle get here."""


class Network(Protocol):
    """What the flow LP reads of the venue's flow network
    (:class:`~eventplan.venue.egress.network.FlowNetwork`)."""

    graph: VenueGraph
    zones: Sequence[Zone]
    edges: Sequence[tuple[int, int]]
    edge_cap: np.ndarray
    node_cap: dict[int, float]

    def exits(self, zone: int) -> frozenset[int]: ...

    def usable(self, exits: frozenset[int]) -> np.ndarray: ...


class FairFlow:
    """The LP of ``zones`` leaving together (shares per minute, see :meth:`solve`).

    Parameters
    ----------
    network
        The venue's flow network.
    zones
        Indices of the zones leaving.
    persons
        Persons per leaving zone.
    """

    def __init__(self, network: Network, zones: list[int], persons: dict[int, int]) -> None:
        self.network, self.zones, self.persons = network, zones, persons
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        top = 1 / MIN_QUEUE_MINUTES
        self.theta = self.lp.NumVar(0, top, "theta")
        self.share = {k: self.lp.NumVar(0, top, f"s{k}") for k in zones}
        self.groups: dict[frozenset[int], list[int]] = {}
        for k in zones:
            self.groups.setdefault(network.exits(k), []).append(k)
        self.arcs: dict[frozenset[int], Arcs] = {}
        self._edge_use: dict[int, list[Any]] = {}
        self._gate_use: dict[int, list[Any]] = {i: [] for i in network.node_cap}
        for exits, members in self.groups.items():
            self._commodity(exits, members)
        self._capacities()

    def _commodity(self, exits: frozenset[int], members: list[int]) -> None:
        """Flow variables and node balances of the commodity leaving through ``exits``."""
        lp, network = self.lp, self.network
        usable = np.flatnonzero(network.usable(exits))
        f = [lp.NumVar(0, lp.infinity(), "") for _ in usable]
        b = [lp.NumVar(0, lp.infinity(), "") for _ in usable]
        self.arcs[exits] = (usable, f, b)
        balance: dict[int, list[Any]] = {}
        for k in members:
            nodes = network.zones[k].nodes
            for node in nodes:
                i = network.graph.index[node]
                term = self.share[k] * (self.persons[k] / len(nodes))
                balance.setdefault(i, []).append(term)
                if i in self._gate_use:
                    self._gate_use[i].append(term)
        for fe, be, e in zip(f, b, usable.tolist(), strict=True):
            a, c = network.edges[e]
            balance.setdefault(a, []).extend((-fe, be))
            balance.setdefault(c, []).extend((fe, -be))
            self._edge_use.setdefault(e, []).extend((fe, be))
            if c in self._gate_use:
                self._gate_use[c].append(fe)
            if a in self._gate_use:
                self._gate_use[a].append(be)
        for i in exits:
            balance.setdefault(i, []).append(-lp.NumVar(0, lp.infinity(), ""))
        for terms in balance.values():
            lp.Add(lp.Sum(terms) == 0)

    def _capacities(self) -> None:
        """Edges (both directions together) and gates within their capacity."""
        lp = self.lp
        for e, terms in self._edge_use.items():
            lp.Add(lp.Sum(terms) <= self.network.edge_cap[e])
        for i, terms in self._gate_use.items():
            if terms:
                lp.Add(lp.Sum(terms) <= self.network.node_cap[i])

    def solve(self) -> dict[int, float]:
        """Max-min fair shares per minute of the zones: the slowest as quick as possible,
        then the next, and so on."""
        lp, theta, share, zones = self.lp, self.theta, self.share, self.zones
        link = {k: lp.Add(share[k] - theta == 0) for k in zones}
        fixed: set[int] = set()
        while len(fixed) < len(zones):
            lp.Maximize(theta)
            self._optimum()
            level = theta.solution_value()
            active = [k for k in zones if k not in fixed]
            for k in active:  # who can still go faster without slowing anyone?
                link[k].SetCoefficient(theta, 0)
                link[k].SetBounds(level * (1 - EPS), lp.infinity())
            lp.Maximize(lp.Sum([share[k] for k in active]))
            self._optimum()
            blocked = [k for k in active if share[k].solution_value() <= level * (1 + 1e-5)]
            for k in list(blocked) if len(blocked) < len(active) else []:
                lp.Maximize(share[k])
                self._optimum()
                if share[k].solution_value() > level * (1 + 1e-5) + EPS:
                    blocked.remove(k)
            fixed.update(blocked or active)
            for k in active:
                if k not in fixed:
                    link[k].SetCoefficient(theta, -1)
                    link[k].SetBounds(0, 0)
        return {k: share[k].solution_value() for k in zones}

    def _optimum(self) -> None:
        status = self.lp.Solve()
        if status != pywraplp.Solver.OPTIMAL:
            raise FlowUnsolved(f"the egress flow LP ended with status {status}, not optimal")

    def net_flows(self, edges: int) -> dict[frozenset[int], np.ndarray]:
        """Per commodity, the net flow along each edge (``a -> b`` positive) after :meth:`solve`."""
        flows = {}
        for exits, (usable, f, b) in self.arcs.items():
            net = np.zeros(edges)
            net[usable] = [
                x.solution_value() - y.solution_value() for x, y in zip(f, b, strict=True)
            ]
            flows[exits] = net
        return flows
