"""Where each sector is drawn: a light area around its posts, and the point its name stands at.

A sector's area is the union of discs of :data:`REACH_M` around its posts: posts close together
make one area, posts far apart (the traffic points of an outer sector) separate patches, so
an area never claims ground between posts that nobody holds. The name stands at the north
edge of the largest patch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import shapely

from eventplan.venue.geo import Projection, rounded

#: Radius of the disc around each post, in metres.
REACH_M = 22.0
#: Simplification of the area's outline, in metres.
TOLERANCE_M = 1.5


def add_sector_shapes(
    sectors: Sequence[dict[str, Any]], posts: Sequence[Mapping[str, Any]]
) -> None:
    """Set ``area`` (polygons of ``[lat, lon]`` rings) and ``at`` (the label's ``[lat, lon]``)
    on each sector of the data block, from the positions of its posts (empty when none is
    drawn)."""
    where = {post["i"]: post["ll"] for post in posts}
    for sector in sectors:
        points = [where[i] for i in sector["posts"] if i in where]
        sector["area"], sector["at"] = _area(points) if points else ([], None)


def _area(points: list[list[float]]) -> tuple[list[Any], list[float]]:
    proj = Projection(
        sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    )
    discs = [shapely.Point(proj.xy((lat, lon))).buffer(REACH_M, quad_segs=4) for lat, lon in points]
    union = shapely.simplify(shapely.union_all(discs), TOLERANCE_M)
    polygons = [p for p in shapely.get_parts(union) if isinstance(p, shapely.Polygon)]
    area = [
        [[_latlng(proj, xy) for xy in ring.coords] for ring in (p.exterior, *p.interiors)]
        for p in polygons
    ]
    largest = max(polygons, key=lambda p: p.area)
    top = max(largest.exterior.coords, key=lambda xy: xy[1])
    return area, _latlng(proj, top)


def _latlng(proj: Projection, xy: tuple[float, ...]) -> list[float]:
    lat, lon = proj.latlon((xy[0], xy[1]))
    return [rounded(lat), rounded(lon)]
