"""Walking times from standby points over the venue graph, for the reach highlights.

Response reach is measured along the venue's ways, not as the crow flies, as the solver
measures it (see ``docs/analyses.md``): edges are walked at ``response.walking_speed_mps``
times the speed factor of their kind (the same factors as :mod:`eventplan.venue`), and an edge
without ``length_m`` is as long as the straight line between its ends. The solver's own reach
figures (``plan.json`` ``response``) are shown as they are; these times only colour the ways.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from eventplan.scenario import Scenario
from eventplan.venue.geo import distance_m
from eventplan.venue.passages import SPEED_FACTOR

Adjacency = list[list[tuple[int, float]]]


def adjacency(scenario: Scenario, index: dict[str, int]) -> Adjacency:
    """Neighbours of each node with walking time in minutes, edges both ways."""
    nodes = scenario.venue.nodes
    speed = scenario.response.walking_speed_mps
    graph: Adjacency = [[] for _ in nodes]
    for edge in scenario.venue.edges:
        a, b = index.get(edge.a), index.get(edge.b)
        if a is None or b is None:
            continue
        length = edge.length_m
        if length is None:
            length = distance_m(nodes[a].lat, nodes[a].lon, nodes[b].lat, nodes[b].lon)
        factor = SPEED_FACTOR.get(edge.kind, 1.0)
        minutes = length / (speed * factor) / 60.0
        graph[a].append((b, minutes))
        graph[b].append((a, minutes))
    return graph


def walking_minutes(graph: Adjacency, sources: Iterable[int], limit: float) -> dict[int, float]:
    """Shortest walking time from the nearest source to every node reached within ``limit``."""
    best: dict[int, float] = {}
    queue = [(0.0, s) for s in set(sources)]
    heapq.heapify(queue)
    while queue:
        time, node = heapq.heappop(queue)
        if node in best:
            continue
        best[node] = time
        for neighbour, step in graph[node]:
            arrival = time + step
            if arrival <= limit and neighbour not in best:
                heapq.heappush(queue, (arrival, neighbour))
    return best


def edge_bands(
    graph: Adjacency,
    edges: Sequence[tuple[int, int]],
    sources: Iterable[int],
    thresholds: Sequence[float],
) -> list[int]:
    """For each edge, the first threshold within which both of its ends are reached, or -1."""
    times = walking_minutes(graph, sources, max(thresholds, default=0.0))
    bands: list[int] = []
    for a, b in edges:
        if a in times and b in times:
            worst = max(times[a], times[b])
            bands.append(next(i for i, t in enumerate(thresholds) if worst <= t))
        else:
            bands.append(-1)
    return bands
