"""The part of an extract to import: a bounding box, a radius around a target, or both."""

from __future__ import annotations

import math

import numpy as np
import shapely

from eventplan.errors import InputError, Problem
from eventplan.osm.model import Feature
from eventplan.venue.geo import LatLon, Projection

BBox = tuple[float, float, float, float]  # south, west, north, east


def parse_bbox(text: str) -> BBox:
    """Parse ``S,W,N,E`` in degrees; raise :class:`InputError` when it is not one."""
    parts = [p.strip() for p in text.split(",")]
    try:
        south, west, north, east = (float(p) for p in parts)
    except ValueError:
        msg = f"expected four numbers S,W,N,E in degrees, got {text!r}"
        raise InputError(Problem("--bbox", "", msg)) from None
    if not all(math.isfinite(v) for v in (south, west, north, east)):
        raise InputError(Problem("--bbox", "", f"not finite numbers: {text!r}"))
    if not (-90 <= south < north <= 90):
        msg = f"south {south} must be below north {north}, both within -90..90"
        raise InputError(Problem("--bbox", "", msg))
    if not (-180 <= west < east <= 180):
        msg = f"west {west} must be below east {east}, both within -180..180"
        raise InputError(Problem("--bbox", "", msg))
    return south, west, north, east


class Region:
    """Where nodes are kept: inside ``bbox`` (if any) and within ``radius_m`` of ``target``."""

    def __init__(
        self, bbox: BBox | None = None, target: Feature | None = None, radius_m: float = 0.0
    ) -> None:
        self.bbox = bbox
        self.target = target
        self.radius_m = radius_m
        self._reach: BBox | None = None
        if target is None:
            return
        t = target
        self._proj = Projection(t.lat, t.lon)
        pts: list[LatLon] = [(la, lo) for _, la, lo in t.ring] or [(t.lat, t.lon)]
        self._shape = t.outline(self._proj)
        shapely.prepare(self._shape)
        # quick answers: the centre (0, 0) of the projection and the farthest vertex from it
        xy = self._proj.xy_array(pts)
        self._spread = float(np.hypot(xy[:, 0], xy[:, 1]).max())
        self._centre_inside = t.closed and self._shape.contains(shapely.Point(0.0, 0.0))
        dlat = self.radius_m / 111_000 + 1e-6
        dlon = dlat / max(0.01, math.cos(math.radians(t.lat)))
        lats, lons = [p[0] for p in pts], [p[1] for p in pts]
        self._reach = (min(lats) - dlat, min(lons) - dlon, max(lats) + dlat, max(lons) + dlon)

    def distance_to_target(self, p: LatLon) -> float:
        """Metres from ``p`` to the target's outline (0 inside a closed outline)."""
        if self.target is None:
            return 0.0
        return float(self._shape.distance(shapely.Point(self._proj.xy(p))))

    def contains(self, p: LatLon) -> bool:
        """Whether a point lies in the region."""
        lat, lon = p
        if self.bbox is not None:
            s, w, n, e = self.bbox
            if not (s <= lat <= n and w <= lon <= e):
                return False
        if self._reach is not None:
            s, w, n, e = self._reach
            if not (s <= lat <= n and w <= lon <= e):
                return False
            x, y = self._proj.xy(p)
            centre = math.hypot(x, y)
            if centre > self._spread + self.radius_m:
                return False
            if self._centre_inside and centre <= self.radius_m:
                return True
            return self.distance_to_target(p) <= self.radius_m
        return True

    def envelope(self) -> BBox | None:
        """The smallest box holding the region (``None`` for the whole extract)."""
        boxes = [b for b in (self.bbox, self._reach) if b is not None]
        if not boxes:
            return None
        south, west = max(b[0] for b in boxes), max(b[1] for b in boxes)
        north, east = min(b[2] for b in boxes), min(b[3] for b in boxes)
        return (south, west, north, east) if south < north and west < east else None

    def describe(self) -> str:
        """The region in words, for the file header."""
        parts = []
        if self.target is not None:
            t = self.target
            what = f"{t.name} ({t.ref})" if t.name else t.ref
            parts.append(f"within {self.radius_m:g} m of {what}")
        if self.bbox is not None:
            parts.append("inside bbox S,W,N,E = " + ",".join(f"{v:g}" for v in self.bbox))
        return "; ".join(parts) or "the whole extract"
