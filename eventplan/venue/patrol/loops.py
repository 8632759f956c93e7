"""Closed loops over a matrix of walking minutes between targets: construction and search.

The method is described in :mod:`eventplan.venue.patrol`; OR-Tools routing runs in
:mod:`eventplan.venue.patrol.routing`.
"""

from __future__ import annotations

import math

import numpy as np

from eventplan.venue.patrol.routing import solve_routes


class LoopSolver:
    """Closed loops over a symmetric matrix of walking minutes between targets.

    Routes are lists of target indices, each starting at its anchor. Times are integer
    hundredths of a second inside OR-Tools, rounded up so that a loop accepted there is within
    the revisit time in exact arithmetic too.
    """

    def __init__(self, minutes: np.ndarray, revisit: float) -> None:
        self.minutes = minutes
        self.n = len(minutes)
        scale = 6000.0  # hundredths of a second per minute
        while (
            scale > 1 and (self.n + 2) ** 2 * max(1.0, float(minutes.max(initial=0))) * scale > 4e9
        ):
            scale /= 10
        self.cost = np.ceil(minutes * scale - 1e-9).astype(np.int64)
        self.rows: list[list[int]] = self.cost.tolist()
        self.limit = math.floor(revisit * scale + 1e-9)
        self.revisit = revisit

    def closed(self, route: list[int]) -> int:
        """Duration of the loop through ``route`` and back to its first target."""
        return sum(self.rows[a][b] for a, b in zip(route, route[1:] + route[:1], strict=True))

    def lower_bound(self) -> int:
        """Size of a set of targets no two of which fit in one loop (greedy clique)."""
        apart = (self.cost + self.cost.T) > self.limit
        np.fill_diagonal(apart, False)
        clique: list[int] = []
        for i in np.argsort(-apart.sum(axis=1), kind="stable"):
            if all(apart[i, j] for j in clique):
                clique.append(int(i))
        return max(1, len(clique)) if self.n else 0

    def isolated(self) -> list[int]:
        """Targets whose round trip to any other target exceeds the revisit time."""
        if self.n < 2:
            return []
        apart = (self.cost + self.cost.T) > self.limit
        np.fill_diagonal(apart, True)
        return [int(i) for i in np.flatnonzero(apart.all(axis=1))]

    # -- construction ----------------------------------------------------------------------
    def tour(self) -> list[int]:
        """One closed tour through every target (deterministic local search)."""
        if self.n <= 3:
            return list(range(self.n))
        return self._route(
            [0], [[i for i in range(1, self.n)]], bound=None, minmax=False, seconds=0
        )[0]

    def split(self, tour: list[int], bound: int, pieces: int | None = None) -> list[list[int]]:
        """Cut a tour into the fewest consecutive pieces whose closed loops fit ``bound``.

        Every starting point is tried; ``pieces`` stops at the first cut with that few.
        """
        cost = self.rows
        best: list[list[int]] | None = None
        for start in range(len(tour)):
            cut: list[list[int]] = []
            path = 0
            for t in tour[start:] + tour[:start]:
                if cut and path + cost[cut[-1][-1]][t] + cost[t][cut[-1][0]] <= bound:
                    path += cost[cut[-1][-1]][t]
                    cut[-1].append(t)
                else:
                    if best is not None and len(cut) + 1 >= len(best):
                        break
                    cut.append([t])
                    path = 0
            else:
                best = cut
                if pieces is not None and len(best) <= pieces:
                    break
        return best or []

    def fewest(self) -> list[list[int]]:
        """The fewest loops found that all fit the revisit time."""
        if self.n == 0:
            return []
        routes = self.split(self.tour(), self.limit)
        routes = self._route(
            [r[0] for r in routes], [r[1:] for r in routes], self.limit, minmax=False, seconds=0
        )
        floor = self.lower_bound()
        while len(routes) > floor:
            smaller = self._without_one(routes)
            if smaller is None:
                break
            routes = smaller
        return routes

    def _without_one(self, routes: list[list[int]]) -> list[list[int]] | None:
        by_size = sorted(range(len(routes)), key=lambda r: (len(routes[r]), self.closed(routes[r])))
        for drop in by_size[:3]:
            kept = [list(r) for i, r in enumerate(routes) if i != drop]
            for t in routes[drop]:
                self._insert(kept, t)
            out = self._route(
                [r[0] for r in kept], [r[1:] for r in kept], self.limit, minmax=False, seconds=0
            )
            if all(self.closed(r) <= self.limit for r in out):
                return out
        return None

    def _insert(self, routes: list[list[int]], t: int) -> None:
        """Cheapest insertion of target ``t`` after a route's anchor or later."""
        best = (math.inf, 0, 1)
        for i, r in enumerate(routes):
            for pos in range(1, len(r) + 1):
                a, b = r[pos - 1], r[pos % len(r)]
                extra = self.cost[a, t] + self.cost[t, b] - self.cost[a, b]
                if extra < best[0]:
                    best = (extra, i, pos)
        routes[best[1]].insert(best[2], t)

    def exactly(self, k: int) -> list[list[int]]:
        """``k`` loops with the longest as short as found (deterministic)."""
        if k >= self.n:
            return [[i] for i in range(self.n)]
        tour = self.tour()
        low, high = 0, self.closed(tour)
        while low < high:  # the smallest bound a cut into k pieces meets
            mid = (low + high) // 2
            if len(self.split(tour, mid, pieces=k)) <= k:
                high = mid
            else:
                low = mid + 1
        routes = self.split(tour, high, pieces=k)
        while len(routes) < k:  # split the longest piece that can be split
            longest = max((r for r in routes if len(r) > 1), key=self.closed)
            routes.remove(longest)
            half = len(longest) // 2
            routes += [longest[:half], longest[half:]]
        return self._route(
            [r[0] for r in routes], [r[1:] for r in routes], None, minmax=True, seconds=0
        )

    def polish(self, routes: list[list[int]], *, minmax: bool, seconds: float) -> list[list[int]]:
        """Shorter loops by guided local search, the number of loops unchanged."""
        if self.n <= 3 or len(routes) == self.n:
            return routes
        bound = None if minmax else self.limit
        better = self._route(
            [r[0] for r in routes], [r[1:] for r in routes], bound, minmax=minmax, seconds=seconds
        )
        if minmax:
            return (
                better if max(map(self.closed, better)) <= max(map(self.closed, routes)) else routes
            )
        if all(self.closed(r) <= self.limit for r in better) and sum(
            map(self.closed, better)
        ) <= sum(map(self.closed, routes)):
            return better
        return routes

    def _route(
        self,
        anchors: list[int],
        initial: list[list[int]],
        bound: int | None,
        *,
        minmax: bool,
        seconds: float,
    ) -> list[list[int]]:
        """Routes from ``anchors`` through every target (see :func:`solve_routes`)."""
        return solve_routes(self.cost, anchors, initial, bound, minmax=minmax, seconds=seconds)
