"""The venue as a walking graph: edge lengths, widths, walking times and fastest paths.

Every analysis of the venue (patrol loops, standby reach, egress) reads this one graph. It is
built once from a :class:`~eventplan.scenario.Scenario` and answers walking-time questions at
any speed: edge costs are stored as *level-equivalent metres* (an edge's length divided by its
kind's speed factor, see :mod:`eventplan.venue.passages`), so the time at speed ``v`` is
``cost / v`` and one shortest-path search serves every speed.
"""

from __future__ import annotations

import heapq
import math
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from itertools import pairwise

import networkx as nx
import numpy as np

from eventplan.errors import InputError, Problem
from eventplan.scenario.model import Scenario, Venue
from eventplan.venue.geo import LatLon, between, haversine_m
from eventplan.venue.passages import DEFAULT_WIDTH_M, Passage

#: How many single-source searches :class:`VenueGraph` keeps (about 40 kB each at 5,000 nodes).
_CACHE_SIZE = 512


class VenueGraph:
    """The walking graph of a venue, with cached shortest walking distances.

    Parameters
    ----------
    venue
        The venue section of a validated scenario.
    file
        The scenario file, named in error messages.

    Raises
    ------
    InputError
        When some nodes cannot be reached from the rest (the loader already refuses such a
        file; a venue built another way is checked again here).

    Notes
    -----
    Nodes are known by id outside and by index (the order of ``venue.nodes``) inside; the
    ``index`` mapping converts. Parallel edges between the same two nodes are all kept as
    passages (their widths add up for egress); walking uses the fastest of them.
    """

    def __init__(self, venue: Venue, file: str = "") -> None:
        self.venue, self.file = venue, file
        self.ids: tuple[str, ...] = tuple(n.id for n in venue.nodes)
        self.index: dict[str, int] = {node_id: i for i, node_id in enumerate(self.ids)}
        self.latlon: tuple[tuple[float, float], ...] = tuple((n.lat, n.lon) for n in venue.nodes)
        self.passages: tuple[Passage, ...] = tuple(self._passage(e) for e in venue.edges)
        best: dict[tuple[int, int], float] = {}
        for p in self.passages:
            i, j = sorted((self.index[p.a], self.index[p.b]))
            best[i, j] = min(best.get((i, j), np.inf), p.cost_m)
        self._adjacency: list[list[tuple[int, float]]] = [[] for _ in self.ids]
        for (i, j), cost in best.items():
            self._adjacency[i].append((j, cost))
            self._adjacency[j].append((i, cost))
        self._rows: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._check_connected()

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> VenueGraph:
        """The graph of a scenario's venue."""
        return cls(scenario.venue, scenario.source)

    def _passage(self, edge: object) -> Passage:
        a, b, kind = edge.a, edge.b, edge.kind  # type: ignore[attr-defined]
        length = edge.length_m  # type: ignore[attr-defined]
        if length is None:
            length = haversine_m(self.latlon[self.index[a]], self.latlon[self.index[b]])
        width = edge.width_m  # type: ignore[attr-defined]
        return Passage(
            a, b, kind, float(length), float(width or DEFAULT_WIDTH_M[kind]), width is None
        )

    def _check_connected(self) -> None:
        if not self.ids:
            return
        dist, _ = self._search(0)
        cut = [self.ids[i] for i in np.flatnonzero(~np.isfinite(dist))]
        if cut:
            shown = ", ".join(cut[:20]) + (f" and {len(cut) - 20} more" if len(cut) > 20 else "")
            raise InputError(
                Problem(
                    self.file,
                    "venue.edges",
                    f"node(s) {shown} cannot be reached "
                    f"from node '{self.ids[0]}' along venue edges",
                )
            )

    # -- graph views ---------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.ids)

    def to_networkx(self) -> nx.Graph:
        """A networkx copy: node attributes from the file, edge ``length_m``, ``kind``,
        ``width_m``, ``cost_m`` (of the fastest parallel passage)."""
        graph = nx.Graph()
        for node in self.venue.nodes:
            graph.add_node(
                node.id, kind=node.kind, lat=node.lat, lon=node.lon, width_m=node.width_m
            )
        for p in sorted(self.passages, key=lambda p: -p.cost_m):  # fastest written last
            graph.add_edge(
                p.a, p.b, kind=p.kind, length_m=p.length_m, width_m=p.width_m, cost_m=p.cost_m
            )
        return graph

    def neighbours(self, node: str) -> list[tuple[str, float]]:
        """Adjacent node ids with the level-equivalent cost of the fastest edge to each."""
        return [(self.ids[j], c) for j, c in self._adjacency[self.index[node]]]

    # -- shortest paths ------------------------------------------------------------------
    def _dijkstra(
        self, sources: Sequence[int], cutoff: float = math.inf
    ) -> tuple[list[int], list[float], list[int]]:
        """Dijkstra from the nearest of ``sources``: the nodes settled in order, and per node
        the level-equivalent metres and predecessor (-1: none; ``inf`` beyond ``cutoff``).

        Plain ``heapq`` over adjacency lists is about twice as fast as networkx's Dijkstra
        with its generic weight functions.
        """
        n = len(self.ids)
        best = [math.inf] * n
        parents = [-1] * n
        for s in sources:
            best[s] = 0.0
        heap = [(0.0, s) for s in dict.fromkeys(sources)]
        pop, push, adjacency = heapq.heappop, heapq.heappush, self._adjacency
        order: list[int] = []
        while heap:
            d, u = pop(heap)
            if d > best[u]:
                continue  # a stale entry; each improvement is pushed once
            order.append(u)
            for v, w in adjacency[u]:
                nd = d + w
                if nd < best[v] and nd <= cutoff:
                    best[v] = nd
                    parents[v] = u
                    push(heap, (nd, v))
        return order, best, parents

    def _search(
        self, source: int | Sequence[int], cutoff: float = math.inf
    ) -> tuple[np.ndarray, np.ndarray]:
        """Metres and predecessors (see :meth:`_dijkstra`) as arrays in ``ids`` order."""
        _, best, parents = self._dijkstra([source] if isinstance(source, int) else source, cutoff)
        return np.array(best), np.array(parents, dtype=np.int64)

    def _row(self, source: int) -> tuple[np.ndarray, np.ndarray]:
        row = self._rows.get(source)
        if row is None:
            row = self._search(source)
            self._rows[source] = row
            if len(self._rows) > _CACHE_SIZE:
                self._rows.popitem(last=False)
        else:
            self._rows.move_to_end(source)
        return row

    def distances_m(self, source: str) -> np.ndarray:
        """Level-equivalent metres from ``source`` to every node (in ``ids`` order); cached."""
        return self._row(self.index[source])[0]

    def minutes_from(self, source: str, speed_mps: float) -> np.ndarray:
        """Walking minutes from ``source`` to every node (in ``ids`` order) at ``speed_mps``."""
        return self.distances_m(source) / (speed_mps * 60.0)

    def reach_m(self, source: str, cutoff_m: float) -> np.ndarray:
        """Level-equivalent metres from ``source`` to every node, ``inf`` beyond ``cutoff_m``.

        Not cached, and fast for a small radius.
        """
        return self._search(self.index[source], cutoff_m)[0]

    def near_m(self, source: int, cutoff_m: float) -> tuple[np.ndarray, np.ndarray]:
        """Node indices within ``cutoff_m`` of node index ``source`` and their metres, nearest
        first; the cheapest query, meant for many sources (standby candidates)."""
        order, best, _ = self._dijkstra([source], cutoff_m)
        return np.array(order, dtype=np.int64), np.array([best[u] for u in order])

    def nearest_m(self, sources: Iterable[str]) -> np.ndarray:
        """Level-equivalent metres from the nearest of ``sources`` to every node (not cached)."""
        return self._search([self.index[s] for s in sources])[0]

    def matrix_minutes(
        self, nodes: Sequence[str], speed_mps: float, targets: Sequence[str] | None = None
    ) -> np.ndarray:
        """Walking minutes from each of ``nodes`` (rows) to each of ``targets`` (columns).

        ``targets`` defaults to ``nodes``. One cached search per row.
        """
        columns = [self.index[t] for t in (nodes if targets is None else targets)]
        return np.array([self.distances_m(s)[columns] for s in nodes]).reshape(
            len(nodes), len(columns)
        ) / (speed_mps * 60.0)

    def walk_minutes(self, a: str, b: str, speed_mps: float) -> float:
        """Walking minutes of the fastest path from ``a`` to ``b``."""
        return float(self.distances_m(a)[self.index[b]]) / (speed_mps * 60.0)

    def path(self, a: str, b: str) -> list[str]:
        """Node ids of the fastest walking path from ``a`` to ``b``, both ends included."""
        _, pred = self._row(self.index[a])
        at, target = self.index[b], self.index[a]
        nodes = [at]
        while at != target:
            at = int(pred[at])
            nodes.append(at)
        return [self.ids[i] for i in reversed(nodes)]

    def walk(self, stops: Iterable[str]) -> list[str]:
        """The node walk through ``stops`` in order, fastest path between each pair."""
        out: list[str] = []
        for stop in stops:
            if not out:
                out.append(stop)
            elif stop != out[-1]:
                out.extend(self.path(out[-1], stop)[1:])
        return out

    def walk_length_m(self, nodes: Sequence[str]) -> float:
        """Level-equivalent metres of a node walk along adjacent nodes."""
        total = 0.0
        for a, b in pairwise(nodes):
            if a != b:
                total += min(c for j, c in self._adjacency[self.index[a]] if self.ids[j] == b)
        return total

    def reached_lines(self, node: str, cutoff_m: float) -> list[list[LatLon]]:
        """Runs of edge walked from ``node`` within ``cutoff_m`` level-equivalent metres.

        A whole edge when the parts walked in from its two ends meet, else the part walked in
        from each reached end (linear along the edge): the outline of a reach area.
        """
        dist = self.reach_m(node, cutoff_m)
        lines = []
        for p in self.passages:
            i, j = self.index[p.a], self.index[p.b]
            a, b = self.latlon[i], self.latlon[j]
            ra, rb = (_walked(cutoff_m - dist[k], p.cost_m) for k in (i, j))
            if ra + rb >= 1:
                lines.append([a, b])
                continue
            if ra > 0:
                lines.append([a, between(a, b, ra)])
            if rb > 0:
                lines.append([b, between(b, a, rb)])
        return lines


def _walked(left_m: float, cost_m: float) -> float:
    """Share of an edge walked with ``left_m`` metres to spare (0 when its end is not reached)."""
    if not left_m >= 0:  # also inf - inf
        return 0.0
    return 1.0 if cost_m <= left_m else left_m / cost_m
