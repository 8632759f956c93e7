"""Bottlenecks of a zone: the saturated elements in the residual of the final flow."""

from __future__ import annotations

import numpy as np

from eventplan.venue.egress.network import FlowNetwork
from eventplan.venue.egress.results import Bottleneck


def bottlenecks(network: FlowNetwork, k: int, carrying: bool = True) -> tuple[Bottleneck, ...]:
    """Saturated elements leading out of the part of the venue zone ``k``'s nodes can still
    send more people into, given the flows of the last solve; with ``carrying``, only those the
    zone's commodity uses (all of them when it uses none), busiest first."""
    exits = network.exits(k)
    flow, passing = network.flow[exits], network.passing[exits]
    usable = network.usable(exits)
    found: dict[tuple[object, ...], tuple[float, Bottleneck]] = {}
    for node in dict.fromkeys(network.zones[k].nodes):
        seen = _residual_reach(network, network.graph.index[node], flow, passing, usable)
        if any((x, 1) in seen for x in exits):
            continue
        for i, side in seen:
            if side == 0 and (i, 1) not in seen and (passing[i] > 1e-6 or not carrying):
                found.setdefault((network.graph.ids[i],), (passing[i], _gate(network, i)))
            for e in network.edges_at[i] if side == 1 else ():
                a, c = network.edges[e]
                out = flow[e] if a == i else -flow[e]
                full = not _spare(network.usage[e], network.edge_cap[e])
                if (
                    usable[e]
                    and (c if a == i else a, 0) not in seen
                    and (out > 1e-6 if carrying else full)
                ):
                    found.setdefault((a, c), (out, _edge(network, e)))
    if not found and carrying:
        return bottlenecks(network, k, carrying=False)
    ranked = sorted(found.values(), key=lambda x: (-x[0], x[1].persons_per_minute, x[1].label))
    return tuple(b for _, b in ranked)


def _spare(used: float, capacity: float) -> bool:
    """Whether an element has room left, beyond the LP's tolerances."""
    return used < capacity * (1 - 1e-5) - 1e-7


def _gate(network: FlowNetwork, i: int) -> Bottleneck:
    node = network.graph.venue.nodes[i]
    width = float(node.width_m or 0.0)
    return Bottleneck((node.id,), node.kind, width, network.node_cap[i], False)


def _edge(network: FlowNetwork, e: int) -> Bottleneck:
    p = network.graph.passages[e]
    cap = float(network.edge_cap[e])
    return Bottleneck((p.a, p.b), p.kind, p.width_m, cap, p.width_assumed)


def _residual_reach(
    network: FlowNetwork, start: int, flow: np.ndarray, passing: np.ndarray, usable: np.ndarray
) -> set[tuple[int, int]]:
    """Residual search for one commodity over its usable edges: states (node, 0 before /
    1 past its gate)."""
    seen = {(start, 0)}
    todo = [(start, 0)]
    while todo:
        i, side = todo.pop()
        steps = []
        if side == 0:
            if i not in network.node_cap or _spare(network.through[i], network.node_cap[i]):
                steps.append((i, 1))
            for e in network.edges_at[i]:  # send back own flow that came in over an edge
                if not usable[e]:
                    continue
                a, c = network.edges[e]
                if (c == i and flow[e] > 1e-6) or (a == i and flow[e] < -1e-6):
                    steps.append((a if c == i else c, 1))
        else:
            if i not in network.node_cap or passing[i] > 1e-6:
                steps.append((i, 0))
            for e in network.edges_at[i]:
                a, c = network.edges[e]
                if usable[e] and _spare(network.usage[e], network.edge_cap[e]):
                    steps.append((c if a == i else a, 0))
        for state in steps:
            if state not in seen:
                seen.add(state)
                todo.append(state)
    return seen
