"""GeoJSON building blocks for the venue analyses (RFC 7946: positions are [lon, lat]).

Distances on the globe live in :mod:`eventplan.osm.geo` (``haversine_m``); this module only
shapes results into features. Coordinates are rounded to 7 decimals (about 1 cm).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

LatLon = tuple[float, float]


def position(p: LatLon) -> list[float]:
    """A GeoJSON position for a (lat, lon) point."""
    return [round(p[1], 7), round(p[0], 7)]


def between(a: LatLon, b: LatLon, t: float) -> LatLon:
    """The point a share ``t`` of the way from ``a`` to ``b`` (linear; fine over a venue)."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


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
