"""Simplifying the walk graph: chains of plain degree-two nodes become single edges.

A merged edge keeps the chain's whole length, its narrowest width and its most restrictive
kind (stairs over ramp over walkway over road), so walking times and egress bottlenecks stay
what they were. Gates, stops, car parks and plazas are never merged away, and neither is a
node whose removal would leave a loop or a second edge between the same two nodes.
"""

from __future__ import annotations

from itertools import pairwise

import networkx as nx

from eventplan.osm.tags import KIND_RANK


def _removable(graph: nx.Graph, keep: set) -> set:
    return {
        n
        for n in graph
        if n not in keep and graph.degree(n) == 2 and graph.nodes[n]["kind"] == "junction"
    }


def _chains(graph: nx.Graph, removable: set) -> list[list]:
    """Paths from a kept node through removable nodes to a kept node."""
    chains, seen = [], set()
    for start in graph:
        if start in removable:
            continue
        for nxt in graph[start]:
            if (start, nxt) in seen:
                continue
            path = [start, nxt]
            while path[-1] in removable:
                a, b = list(graph[path[-1]])
                path.append(b if a == path[-2] else a)
            seen.add((path[-1], path[-2]))
            seen.add((start, nxt))
            chains.append(path)
    return chains


def merge_edges(graph: nx.Graph, path: list) -> dict:
    """Attributes of one edge standing for the chain ``path``."""
    parts = [graph.edges[u, v] for u, v in pairwise(path)]
    return {
        "length": sum(p["length"] for p in parts),
        "width": min(p["width"] for p in parts),
        "kind": max((p["kind"] for p in parts), key=lambda k: KIND_RANK.get(k, 1)),
    }


def simplify(graph: nx.Graph, keep: set | None = None) -> nx.Graph:
    """A copy of ``graph`` with degree-two junction chains merged into single edges."""
    keep = set(keep or ())
    while True:
        removable = _removable(graph, keep)
        if removable and len(removable) == graph.number_of_nodes():  # the graph is one ring
            keep.add(min(removable, key=str))
            continue
        chains = sorted(_chains(graph, removable), key=len)  # plain edges claim their pair first
        ends: set[frozenset] = set()
        conflict = False
        for path in chains:
            pair = frozenset((path[0], path[-1]))
            if len(path) > 2 and (path[0] == path[-1] or pair in ends):
                keep.add(path[len(path) // 2])  # keep a middle node: no loop, no twin edge
                conflict = True
            ends.add(pair)
        if not conflict:
            break
    out = nx.Graph()
    out.add_nodes_from((n, graph.nodes[n]) for n in graph if n not in removable)
    for path in chains:
        out.add_edge(path[0], path[-1], **merge_edges(graph, path))
    return out
