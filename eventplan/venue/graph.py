"""The venue as a walking graph: edge lengths, widths, walking times and fastest paths.

Every analysis of the venue (patrol loops, standby reach, egress) reads this one graph. It is
built once from a :class:`~eventplan.scenario.Scenario` and answers walking-time questions at
any speed: edge costs are stored as *level-equivalent metres* (an edge's length divided by its
kind's speed factor, see :mod:`eventplan.venue.passages`), so the time at speed ``v`` is
``cost / v`` and one shortest-path search serves every speed. Egress, whose stairs may walk
at a factor of their own, reads a copy of the graph with that factor
(:meth:`VenueGraph.with_speed_factors`).

Searches are :func:`scipy.sparse.csgraph.dijkstra` over a symmetric sparse matrix holding the
fastest passage between each pair of adjacent nodes. Full searches are cached per source (the
analyses of a venue ask from a few dozen sources, most of them many times); cut-off searches
are not, and run in blocks of sources when asked from every node.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import pairwise

import networkx as nx
import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components, dijkstra

from eventplan.errors import InputError, Problem
from eventplan.scenario.model import Edge, Scenario, Venue
from eventplan.venue.geo import LatLon, between, haversine_m
from eventplan.venue.passages import DEFAULT_WIDTH_M, SPEED_FACTOR, Passage

#: How many full searches :class:`VenueGraph` keeps (about 60 kB each at 5,000 nodes); the
#: analyses of a 5,000-node venue search from about 70 sources, a few times each.
CACHE_SIZE = 512
#: Distances one block of cut-off searches holds at once (16 MB of float64).
_BLOCK_CELLS = 2_000_000


class VenueGraph:
    """The walking graph of a venue, with cached shortest walking distances.

    Parameters
    ----------
    venue
        The venue section of a validated scenario.
    file
        The scenario file, named in error messages.
    speed_factors
        Walking speed per edge kind relative to level walking; default
        :data:`~eventplan.venue.passages.SPEED_FACTOR`.

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

    def __init__(
        self, venue: Venue, file: str = "", speed_factors: Mapping[str, float] | None = None
    ) -> None:
        self.venue, self.file = venue, file
        self.speed_factors: Mapping[str, float] = dict(speed_factors or SPEED_FACTOR)
        self.ids: tuple[str, ...] = tuple(n.id for n in venue.nodes)
        self.index: dict[str, int] = {node_id: i for i, node_id in enumerate(self.ids)}
        self.latlon: tuple[tuple[float, float], ...] = tuple((n.lat, n.lon) for n in venue.nodes)
        self.passages: tuple[Passage, ...] = tuple(self._passage(e) for e in venue.edges)
        self._step_m: dict[tuple[int, int], float] = {}
        for p in self.passages:
            i, j = self.index[p.a], self.index[p.b]
            self._step_m[i, j] = self._step_m[j, i] = min(
                self._step_m.get((i, j), math.inf), p.cost_m
            )
        self._costs = _cost_matrix(self._step_m, len(self.ids))
        self._trees: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._check_connected()

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> VenueGraph:
        """The graph of a scenario's venue."""
        return cls(scenario.venue, scenario.source)

    def with_speed_factors(self, speed_factors: Mapping[str, float]) -> VenueGraph:
        """The same venue walked at other speed factors (this graph when they are the same)."""
        if dict(speed_factors) == dict(self.speed_factors):
            return self
        return VenueGraph(self.venue, self.file, speed_factors)

    def _passage(self, edge: Edge) -> Passage:
        length = edge.length_m
        if length is None:
            length = haversine_m(self.latlon[self.index[edge.a]], self.latlon[self.index[edge.b]])
        width = edge.width_m
        return Passage(
            edge.a,
            edge.b,
            edge.kind,
            float(length),
            float(width or DEFAULT_WIDTH_M[edge.kind]),
            width is None,
            self.speed_factors[edge.kind],
        )

    def _check_connected(self) -> None:
        if not self.ids:
            return
        _, labels = connected_components(self._costs, directed=False)
        cut = [self.ids[i] for i in np.flatnonzero(labels != labels[0])]
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
        near, cost = self._adjacent(self.index[node])
        return [(self.ids[j], float(c)) for j, c in zip(near.tolist(), cost, strict=True)]

    def _adjacent(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Indices of the nodes next to node ``i`` and the cost of the fastest edge to each."""
        start, end = self._costs.indptr[i], self._costs.indptr[i + 1]
        return self._costs.indices[start:end], self._costs.data[start:end]

    # -- shortest paths ------------------------------------------------------------------
    def _tree(self, source: int) -> tuple[np.ndarray, np.ndarray]:
        """Metres from ``source`` to every node and the search's predecessors (read-only),
        kept for up to :data:`CACHE_SIZE` sources (the oldest dropped first)."""
        tree = self._trees.get(source)
        if tree is None:
            if len(self._trees) >= CACHE_SIZE:
                del self._trees[next(iter(self._trees))]
            dist, pred = dijkstra(self._costs, indices=source, return_predecessors=True)
            dist.flags.writeable = pred.flags.writeable = False
            tree = self._trees[source] = (dist, pred)
        return tree

    def distances_m(self, source: str) -> np.ndarray:
        """Level-equivalent metres from ``source`` to every node (in ``ids`` order); cached."""
        return self._tree(self.index[source])[0]

    def minutes_from(self, source: str, speed_mps: float) -> np.ndarray:
        """Walking minutes from ``source`` to every node (in ``ids`` order) at ``speed_mps``."""
        return self.distances_m(source) / (speed_mps * 60.0)

    def reach_m(self, source: str, cutoff_m: float) -> np.ndarray:
        """Level-equivalent metres from ``source`` to every node, ``inf`` beyond ``cutoff_m``.

        Not cached, and fast for a small radius.
        """
        return dijkstra(self._costs, indices=self.index[source], limit=cutoff_m)

    def near_m(self, source: int, cutoff_m: float) -> tuple[np.ndarray, np.ndarray]:
        """Node indices within ``cutoff_m`` of node index ``source`` and their metres, nearest
        first (ties in index order)."""
        return _nearest_first(dijkstra(self._costs, indices=source, limit=cutoff_m))

    def near_all_m(self, cutoff_m: float) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """:meth:`near_m` from every node in index order (searched in blocks of sources)."""
        n = len(self.ids)
        block = max(1, _BLOCK_CELLS // max(1, n))
        for start in range(0, n, block):
            sources = np.arange(start, min(n, start + block))
            for row in dijkstra(self._costs, indices=sources, limit=cutoff_m):
                yield _nearest_first(row)

    def nearest_m(self, sources: Iterable[str], cutoff_m: float = math.inf) -> np.ndarray:
        """Level-equivalent metres from the nearest of ``sources`` to every node, ``inf``
        beyond ``cutoff_m`` (not cached)."""
        at = [self.index[s] for s in sources]
        if not at:
            return np.full(len(self.ids), math.inf)
        return dijkstra(self._costs, indices=at, limit=cutoff_m, min_only=True)

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
        """Node ids of the fastest walking path from ``a`` to ``b``, both ends included.

        Among paths of equal length, each step back from ``b`` goes to the neighbour nearest
        ``a``, then to the first in venue order: the path does not depend on the order in
        which the search happened to settle nodes of equal distance.
        """
        source = self.index[a]
        dist, pred = self._tree(source)
        at = self.index[b]
        nodes = [at]
        while at != source:
            at = self._previous(at, dist, pred)
            nodes.append(at)
        return [self.ids[i] for i in reversed(nodes)]

    def _previous(self, node: int, dist: np.ndarray, pred: np.ndarray) -> int:
        """The node before ``node`` on a fastest path (see :meth:`path`); the search's own
        predecessor only when every way in is an edge of no length."""
        near, cost = self._adjacent(node)
        before = dist[near]
        fits = (before + cost == dist[node]) & (before < dist[node])
        if not fits.any():
            return int(pred[node])
        near, before = near[fits], before[fits]
        return int(near[np.lexsort((near, before))[0]])

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
                total += self._step_m[self.index[a], self.index[b]]
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


def _cost_matrix(step_m: dict[tuple[int, int], float], n: int) -> csr_array:
    """The symmetric sparse matrix of edge costs (no self-loops: they never shorten a walk)."""
    arcs = [(i, j, c) for (i, j), c in step_m.items() if i != j]
    rows = np.array([i for i, _, _ in arcs], dtype=np.int64)
    cols = np.array([j for _, j, _ in arcs], dtype=np.int64)
    data = np.array([c for _, _, c in arcs], dtype=float)
    return csr_array((data, (rows, cols)), shape=(n, n))


def _nearest_first(dist: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The reached (finite) entries of a distance row, nearest first, ties in index order."""
    found = np.flatnonzero(np.isfinite(dist))
    order = found[np.argsort(dist[found], kind="stable")]
    return order, dist[order]


def _walked(left_m: float, cost_m: float) -> float:
    """Share of an edge walked with ``left_m`` metres to spare (0 when its end is not reached)."""
    if not left_m >= 0:  # also inf - inf
        return 0.0
    return 1.0 if cost_m <= left_m else left_m / cost_m
