"""The flow network of a venue for egress: capacities, usable routes, and the final flows."""

from __future__ import annotations

import numpy as np

from eventplan.scenario.model import Scenario
from eventplan.venue.egress.flow import FairFlow
from eventplan.venue.graph import VenueGraph

#: People keep to routes at most this many times their longest shortest way out (from a zone
#: node to the farthest of its exits), plus :data:`ROUTE_SLACK_M`; the flow model leaves the
#: rest of the venue out, which keeps it small on large street graphs.
ROUTE_DETOUR = 1.5
ROUTE_SLACK_M = 100.0


class FlowNetwork:
    """The flow network of the venue, and the flows of the last :meth:`solve`.

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
        self._usable: dict[frozenset[int], np.ndarray] = {}
        # Set by solve(): persons per zone, net flow per commodity along each edge (a -> b
        # positive), edge usage, and what passes each node (per commodity and in all).
        self.persons: dict[int, int] = {}
        self.flow: dict[frozenset[int], np.ndarray] = {}
        self.usage = np.zeros(len(self.edges))
        self.passing: dict[frozenset[int], np.ndarray] = {}
        self.through = np.zeros(len(graph))

    def exits(self, k: int) -> frozenset[int]:
        """Node indices of zone ``k``'s exits: its commodity."""
        return frozenset(self.graph.index[x] for x in self.zones[k].exits)

    def usable(self, exits: frozenset[int]) -> np.ndarray:
        """Edges a commodity may use: on routes within the detour bound of its zones."""
        if exits not in self._usable:
            graph = self.graph
            starts = [
                n for k, z in enumerate(self.zones) if self.exits(k) == exits for n in z.nodes
            ]
            exit_ids = [graph.ids[x] for x in exits]
            at = [graph.index[n] for n in starts]
            longest = max(float(graph.distances_m(x)[at].max()) for x in exit_ids)
            bound = ROUTE_DETOUR * longest + ROUTE_SLACK_M
            ok = graph.nearest_m(starts) + graph.nearest_m(exit_ids) <= bound + 1e-9
            self._usable[exits] = np.array([ok[a] and ok[c] for a, c in self.edges], dtype=bool)
        return self._usable[exits]

    def solve(self, zones: list[int], persons: dict[int, int]) -> dict[int, float]:
        """Max-min fair shares per minute of ``zones`` leaving together; keeps the flows."""
        self.persons = persons
        fair = FairFlow(self, zones, persons)
        rates = fair.solve()
        self.flow = fair.net_flows(len(self.edges))
        self.usage = sum((np.abs(flow) for flow in self.flow.values()), np.zeros(len(self.edges)))
        self.passing = {
            x: self._through(x, {k: rates[k] for k in fair.groups[x]}) for x in self.flow
        }
        self.through = sum(self.passing.values(), np.zeros(len(self.graph)))
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
