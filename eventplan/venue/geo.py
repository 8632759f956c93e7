"""Geometry on small areas of the globe, and the GeoJSON shapes of the venue results.

- Distances: the haversine formula on the mean Earth sphere (:func:`haversine_m`), used for
  edge lengths a venue file leaves out and by the OpenStreetMap import.
- Plane geometry: an event district spans a few kilometres at most, so an equirectangular
  projection around its centre (:class:`Projection`) is accurate to well under a percent;
  the OpenStreetMap import does its polygon and segment work in those metres.
- Map placement: small offsets in metres (:func:`offset`, :func:`ring`) and coordinates
  rounded for the map file (:func:`rounded`).
- GeoJSON (RFC 7946: positions are [lon, lat], rounded to 7 decimals, about 1 cm): the
  features of ``routes.geojson``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: Mean Earth radius in metres (IUGG), as used by the haversine formula.
EARTH_RADIUS_M = 6_371_008.8
#: Metres per degree of latitude used for the map's small offsets.
METRES_PER_DEGREE = 111_320.0

LatLon = tuple[float, float]
XY = tuple[float, float]


# -- distances and projection ----------------------------------------------------------------
def haversine_m(a: LatLon, b: LatLon) -> float:
    """Great-circle distance in metres between two (lat, lon) points."""
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    lat2, lon2 = math.radians(b[0]), math.radians(b[1])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """:func:`haversine_m` for coordinates given one by one."""
    return haversine_m((lat1, lon1), (lat2, lon2))


@dataclass(frozen=True, slots=True)
class Projection:
    """Equirectangular projection to metres around a reference latitude and longitude."""

    lat0: float
    lon0: float

    @property
    def _kx(self) -> float:
        return math.radians(1) * EARTH_RADIUS_M * math.cos(math.radians(self.lat0))

    @property
    def _ky(self) -> float:
        return math.radians(1) * EARTH_RADIUS_M

    def xy(self, p: LatLon) -> XY:
        """Project (lat, lon) to (x east, y north) in metres."""
        return ((p[1] - self.lon0) * self._kx, (p[0] - self.lat0) * self._ky)

    def xy_array(self, points: Iterable[LatLon]) -> np.ndarray:
        """:meth:`xy` of many points at once, as an ``(n, 2)`` array (the same figures)."""
        latlon = np.array(list(points), dtype=float).reshape(-1, 2)
        return np.column_stack(
            ((latlon[:, 1] - self.lon0) * self._kx, (latlon[:, 0] - self.lat0) * self._ky)
        )

    def latlon(self, q: XY) -> LatLon:
        """Inverse of :meth:`xy`."""
        return (self.lat0 + q[1] / self._ky, self.lon0 + q[0] / self._kx)


def between(a: LatLon, b: LatLon, t: float) -> LatLon:
    """The point a share ``t`` of the way from ``a`` to ``b`` (linear; fine over a venue)."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


# -- map placement -----------------------------------------------------------------------------
def offset(lat: float, lon: float, north_m: float, east_m: float) -> LatLon:
    """The point ``north_m`` metres north and ``east_m`` metres east of ``(lat, lon)``."""
    scale = max(math.cos(math.radians(lat)), 1e-6)
    return lat + north_m / METRES_PER_DEGREE, lon + east_m / (METRES_PER_DEGREE * scale)


def ring(lat: float, lon: float, count: int) -> list[LatLon]:
    """``count`` points spread on a small circle around a node, so that posts sharing a node
    stay apart on the map (one point: the node itself)."""
    if count <= 1:
        return [(lat, lon)] * count
    radius = max(5.0, 1.2 * count)
    return [
        offset(
            lat,
            lon,
            radius * math.cos(2 * math.pi * k / count),
            radius * math.sin(2 * math.pi * k / count),
        )
        for k in range(count)
    ]


def rounded(value: float) -> float:
    """Coordinates to 6 decimals (about 0.1 m): plenty for a map, and a smaller file."""
    return round(value, 6)


# -- GeoJSON -----------------------------------------------------------------------------------
def position(p: LatLon) -> list[float]:
    """A GeoJSON position for a (lat, lon) point."""
    return [round(p[1], 7), round(p[0], 7)]


def feature(geometry: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    """A Feature with the given geometry and properties."""
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def point_feature(p: LatLon, properties: dict[str, Any]) -> dict[str, Any]:
    """A Point feature."""
    return feature({"type": "Point", "coordinates": position(p)}, properties)


def line_feature(points: Sequence[LatLon], properties: dict[str, Any]) -> dict[str, Any]:
    """A LineString feature (a single point is repeated so the line stays valid)."""
    coords = [position(p) for p in points]
    if len(coords) == 1:
        coords.append(coords[0])
    return feature({"type": "LineString", "coordinates": coords}, properties)


def multiline_feature(
    lines: Iterable[Sequence[LatLon]], properties: dict[str, Any]
) -> dict[str, Any]:
    """A MultiLineString feature from several runs of points."""
    coords = [[position(p) for p in line] for line in lines]
    return feature({"type": "MultiLineString", "coordinates": coords}, properties)


def feature_collection(features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the given features."""
    return {"type": "FeatureCollection", "features": list(features)}
