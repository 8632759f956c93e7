"""Plane geometry in projected metres (see :mod:`eventplan.venue.geo`): rings and segments."""

from __future__ import annotations

import math
from collections.abc import Sequence

from eventplan.venue.geo import XY, LatLon, Projection


def point_segment(p: XY, a: XY, b: XY) -> tuple[float, float]:
    """Distance from ``p`` to segment ``ab`` and the position ``t`` in [0, 1] of the foot."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2
    t = min(1.0, max(0.0, t))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy), t


def ring_distance(p: XY, ring: Sequence[XY]) -> tuple[float, int, float]:
    """Distance from ``p`` to a closed ring: (distance, segment index, position on it)."""
    best = (math.inf, 0, 0.0)
    for i in range(len(ring)):
        d, t = point_segment(p, ring[i], ring[(i + 1) % len(ring)])
        if d < best[0]:
            best = (d, i, t)
    return best


def inside_ring(p: XY, ring: Sequence[XY]) -> bool:
    """Whether ``p`` lies inside a closed ring (even-odd rule; open or closed input)."""
    x, y = p
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i], ring[j]
        if (yi > y) != (yj > y) and x < xi + (y - yi) * (xj - xi) / (yj - yi):
            inside = not inside
        j = i
    return inside


def segment_intersection(a: XY, b: XY, c: XY, d: XY) -> tuple[float, float] | None:
    """Where segments ``ab`` and ``cd`` cross, as positions (t on ab, u on cd), else None."""
    rx, ry = b[0] - a[0], b[1] - a[1]
    sx, sy = d[0] - c[0], d[1] - c[1]
    denom = rx * sy - ry * sx
    if denom == 0:
        return None
    qx, qy = c[0] - a[0], c[1] - a[1]
    t = (qx * sy - qy * sx) / denom
    u = (qx * ry - qy * rx) / denom
    if 0 <= t <= 1 and 0 <= u <= 1:
        return t, u
    return None


def ring_area(ring: Sequence[XY]) -> float:
    """Area in square metres of a projected ring (shoelace formula, always positive)."""
    s = 0.0
    for i in range(len(ring)):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % len(ring)]
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def centroid(points: Sequence[LatLon]) -> LatLon:
    """Area centroid of a ring of (lat, lon) points; the mean for lines and degenerate rings."""
    if not points:
        raise ValueError("no points")
    proj = Projection(points[0][0], points[0][1])
    xy = [proj.xy(p) for p in points]
    a = cx = cy = 0.0
    for i in range(len(xy)):
        x1, y1 = xy[i]
        x2, y2 = xy[(i + 1) % len(xy)]
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(a) < 1e-6:
        return (
            sum(p[0] for p in points) / len(points),
            sum(p[1] for p in points) / len(points),
        )
    return proj.latlon((cx / (3 * a), cy / (3 * a)))


def open_ring(points: Sequence[LatLon]) -> list[LatLon]:
    """The ring without its closing point, if the first and last points coincide."""
    pts = list(points)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    return pts


class PointIndex:
    """Nearest-point queries over many points, bucketed on a square grid of metres."""

    def __init__(self, proj: Projection, points: dict[object, LatLon], cell_m: float = 50.0):
        self.proj = proj
        self.cell = cell_m
        self.grid: dict[tuple[int, int], list[tuple[object, XY]]] = {}
        for key, p in points.items():
            q = proj.xy(p)
            self.grid.setdefault(self._cell(q), []).append((key, q))

    def _cell(self, q: XY) -> tuple[int, int]:
        return (math.floor(q[0] / self.cell), math.floor(q[1] / self.cell))

    def nearest(self, p: LatLon, max_m: float) -> tuple[object, float] | None:
        """The key of the point nearest to ``p`` and its distance, if within ``max_m``."""
        q = self.proj.xy(p)
        cx, cy = self._cell(q)
        reach = math.ceil(max_m / self.cell)
        best: tuple[object, float] | None = None
        for i in range(cx - reach, cx + reach + 1):
            for j in range(cy - reach, cy + reach + 1):
                for key, r in self.grid.get((i, j), ()):
                    d = math.hypot(q[0] - r[0], q[1] - r[1])
                    if d <= max_m and (best is None or d < best[1]):
                        best = (key, d)
        return best
