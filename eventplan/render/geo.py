"""Small geometry on latitude and longitude: distances and offsets of a few metres."""

from __future__ import annotations

import math

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE = 111_320.0


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    """The point ``north_m`` metres north and ``east_m`` metres east of ``(lat, lon)``."""
    scale = max(math.cos(math.radians(lat)), 1e-6)
    return lat + north_m / METRES_PER_DEGREE, lon + east_m / (METRES_PER_DEGREE * scale)


def ring(lat: float, lon: float, count: int) -> list[tuple[float, float]]:
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
