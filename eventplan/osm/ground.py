"""The ground of an imported venue: buildings, roads, paths, water, green areas and venue
outlines of the same region, for the map's offline base layer (see
:mod:`eventplan.scenario.ground` for the file it becomes).

A second pass over the extract keeps what lies in the region's box (what the tags mean is in
:mod:`eventplan.osm.tags`). Shapes are clipped to the box, simplified (Douglas-Peucker, in
metres) and rounded to 6 decimals (about 0.1 m). The sea, which OpenStreetMap maps only as
coastline ways with the land on their left, becomes polygons: the box is cut along the coast
and each piece on the water side of it is sea. The file is bounded: above
:data:`MAX_POSITIONS` the shapes are simplified more coarsely, then the smallest are left out,
and the import says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import osmium
import shapely
from shapely.geometry.polygon import orient

from eventplan.errors import InputError, Problem
from eventplan.osm import tags as T
from eventplan.osm.model import ATTRIBUTION, LICENCE_URL
from eventplan.osm.region import BBox, Region
from eventplan.scenario.ground import GROUND_KINDS, Ground, GroundFeature
from eventplan.venue.geo import LatLon, Projection

#: Simplification tolerance in metres; doubled (up to 8 m) while the ground is too large.
TOLERANCE_M = 0.5
MAX_TOLERANCE_M = 8.0
#: Most positions written: about 3 MB of GeoJSON, a map page that still opens quickly.
MAX_POSITIONS = 150_000
#: Parts smaller than this are dropped after clipping (slivers along the box's edge).
MIN_AREA_M2 = 2.0
MIN_LENGTH_M = 1.0
COORD_DECIMALS = 6


@dataclass(slots=True)
class _Shape:
    """One feature as read: kind, name, OSM order key, and rings or a line in (lat, lon)."""

    kind: str
    name: str
    key: tuple[int, int]
    rings: list[tuple[list[LatLon], list[list[LatLon]]]] = field(default_factory=list)
    line: list[LatLon] = field(default_factory=list)


class _Collector:
    """Keeps the ground features of one pass that touch the box (everything without one)."""

    def __init__(self, box: BBox | None) -> None:
        self.box = box
        self.shapes: list[_Shape] = []
        self.coast: list[list[LatLon]] = []

    def touches(self, points: list[LatLon]) -> bool:
        if self.box is None:
            return True
        s, w, n, e = self.box
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        return min(lats) <= n and max(lats) >= s and min(lons) <= e and max(lons) >= w

    def way(self, o: Any) -> None:
        kind = T.ground_line_kind(o.tags)
        coast = T.is_coastline(o.tags)
        if kind is None and not coast:
            return
        line = [(n.lat, n.lon) for n in o.nodes if n.location.valid()]
        if len(line) < 2 or not self.touches(line):
            return
        if coast:
            self.coast.append(line)
        else:
            self.shapes.append(_Shape(kind or "", "", (1, o.id), line=line))

    def area(self, o: Any) -> None:
        kind = T.ground_area_kind(o.tags)
        if kind is None:
            return
        rings = []
        for outer in o.outer_rings():
            points = [(n.lat, n.lon) for n in outer if n.location.valid()]
            if len(points) < 4 or not self.touches(points):
                continue
            holes = [
                [(n.lat, n.lon) for n in inner if n.location.valid()]
                for inner in o.inner_rings(outer)
            ]
            rings.append((points, [h for h in holes if len(h) >= 4]))
        if rings:
            name = o.tags.get("name", "") if kind == "venue" else ""
            self.shapes.append(_Shape(kind, name, (0, o.id), rings=rings))


def read_ground(path: str | Path, region: Region, source: str = "") -> tuple[Ground, list[str]]:
    """The ground of ``region`` in the extract at ``path``, and notes on what was left out.

    Raises
    ------
    InputError
        When the extract cannot be read.
    """
    box = region.envelope()
    collector = _Collector(box)
    try:
        processor = osmium.FileProcessor(str(path)).with_areas()
        if hasattr(processor, "with_filter") and hasattr(osmium, "filter"):  # see reader.py
            processor = processor.with_filter(osmium.filter.EmptyTagFilter())
        for obj in processor:
            if obj.is_way():
                collector.way(obj)
            elif obj.is_area():
                collector.area(obj)
    except RuntimeError as error:
        raise InputError(Problem(str(path), "", f"cannot read the ground: {error}")) from error
    box = box or _extent(collector)
    proj = Projection((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    frame = shapely.box(*proj.xy((box[0], box[1])), *proj.xy((box[2], box[3])))
    shapes = [(s, g) for s in collector.shapes if not (g := _clip(s, proj, frame)).is_empty]
    sea = _sea(collector.coast, proj, frame)
    if not sea.is_empty:
        shapes.insert(0, (_Shape("water", "", (-1, 0)), sea))
    shapes.sort(key=lambda pair: (GROUND_KINDS.index(pair[0].kind), pair[0].key))
    features, notes = _bounded(shapes, proj)
    attribution = f"{ATTRIBUTION} ({LICENCE_URL})"
    return Ground(tuple(features), attribution=attribution, source=source), notes


def _extent(collector: _Collector) -> BBox:
    """The box of everything read (an import of the whole extract)."""
    points = [p for s in collector.shapes for r, _ in s.rings for p in r]
    points += [p for s in collector.shapes for p in s.line] + [
        p for c in collector.coast for p in c
    ]
    if not points:
        return (0.0, 0.0, 0.0, 0.0)
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return (min(lats), min(lons), max(lats), max(lons))


def _clip(shape: _Shape, proj: Projection, frame: shapely.Geometry) -> shapely.Geometry:
    """The shape in metres, inside the frame (made valid first: OSM rings may cross)."""
    if shape.line:
        geometry = shapely.LineString(proj.xy_array(shape.line))
    else:
        polygons = [
            shapely.Polygon(proj.xy_array(outer), [proj.xy_array(h) for h in holes])
            for outer, holes in shape.rings
        ]
        geometry = shapely.make_valid(shapely.MultiPolygon(polygons))
    return shapely.intersection(geometry, frame)


def _sea(coast: list[list[LatLon]], proj: Projection, frame: shapely.Geometry) -> shapely.Geometry:
    """The pieces of the frame on the sea side of the coastline (right of its direction).

    Each piece the coast cuts the frame into gets a vote from every coast segment along it:
    its length when the piece lies on the segment's right, minus it on its left.
    """
    if not coast:
        return shapely.Polygon()
    lines = shapely.intersection(shapely.MultiLineString([proj.xy_array(c) for c in coast]), frame)
    segments = np.array(list(_segments(lines))).reshape(-1, 2, 2)
    start, step = segments[:, 0], segments[:, 1] - segments[:, 0]
    length = np.hypot(step[:, 0], step[:, 1])
    keep = length >= 0.2
    start, step, length = start[keep], step[keep], length[keep]
    if not len(length):
        return shapely.Polygon()
    middle = start + step / 2
    right = np.column_stack((step[:, 1], -step[:, 0])) / length[:, None] * 0.1
    noded = shapely.union_all([lines, frame.exterior])
    sea = []
    for face in shapely.get_parts(shapely.polygonize(shapely.get_parts(noded))):
        on_right = shapely.contains_xy(face, *(middle + right).T)
        on_left = shapely.contains_xy(face, *(middle - right).T)
        if length[on_right].sum() > length[on_left].sum():
            sea.append(face)
    return shapely.union_all(sea) if sea else shapely.Polygon()


def _segments(lines: shapely.Geometry) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    for part in _flat(lines):
        if isinstance(part, shapely.LineString):
            yield from pairwise(np.asarray(part.coords)[:, :2])


def _bounded(
    shapes: list[tuple[_Shape, shapely.Geometry]], proj: Projection
) -> tuple[list[GroundFeature], list[str]]:
    """Features within :data:`MAX_POSITIONS`: simplified more coarsely, then the smallest
    left out, while they hold more."""
    notes = []
    tolerance = TOLERANCE_M
    sized = _features(shapes, proj, tolerance)
    while _positions(sized) > MAX_POSITIONS and tolerance < MAX_TOLERANCE_M:
        tolerance *= 2
        sized = _features(shapes, proj, tolerance)
    if tolerance > TOLERANCE_M:
        notes.append(
            f"ground simplified to {tolerance:g} m to stay within {MAX_POSITIONS:,} positions"
        )
    if _positions(sized) > MAX_POSITIONS:
        kept, budget = set(), MAX_POSITIONS
        for k, (feature, _) in sorted(enumerate(sized), key=lambda pair: -pair[1][1]):
            if feature.positions() <= budget:
                kept.add(k)
                budget -= feature.positions()
        notes.append(
            f"ground: the {len(sized) - len(kept):,} smallest features left out to stay within "
            f"{MAX_POSITIONS:,} positions"
        )
        sized = [pair for k, pair in enumerate(sized) if k in kept]
    return [feature for feature, _ in sized], notes


def _positions(sized: list[tuple[GroundFeature, float]]) -> int:
    return sum(feature.positions() for feature, _ in sized)


def _features(
    shapes: list[tuple[_Shape, shapely.Geometry]], proj: Projection, tolerance: float
) -> list[tuple[GroundFeature, float]]:
    """Each shape's feature with its size (area or length, in metres), at one tolerance."""
    out = []
    for shape, geometry in shapes:
        feature = _feature(shape, geometry, proj, tolerance)
        if feature is not None:
            out.append((feature, float(shapely.area(geometry) or shapely.length(geometry))))
    return out


def _feature(
    shape: _Shape, geometry: shapely.Geometry, proj: Projection, tolerance: float
) -> GroundFeature | None:
    """The feature of a clipped shape, simplified and rounded; None when nothing is left."""
    parts = list(_flat(shapely.simplify(geometry, tolerance, preserve_topology=True)))
    if shape.line:
        lines = [
            _line(p, proj)
            for p in parts
            if isinstance(p, shapely.LineString) and p.length >= MIN_LENGTH_M
        ]
        lines = [line for line in lines if len(line) >= 2]
        return GroundFeature(shape.kind, lines=tuple(lines)) if lines else None
    polygons = [
        _polygon(orient(p, 1.0), proj)
        for p in parts
        if isinstance(p, shapely.Polygon) and p.area >= MIN_AREA_M2
    ]
    polygons = [p for p in polygons if p]
    if not polygons:
        return None
    return GroundFeature(shape.kind, polygons=tuple(polygons), name=shape.name)


def _flat(geometry: shapely.Geometry) -> Iterator[shapely.Geometry]:
    """The single parts of a geometry (collections and Multi- types opened, at any depth)."""
    for part in shapely.get_parts(geometry):
        if isinstance(
            part, shapely.GeometryCollection | shapely.MultiPolygon | shapely.MultiLineString
        ):
            yield from _flat(part)
        else:
            yield part


def _line(line: Any, proj: Projection) -> tuple[tuple[float, float], ...]:
    out: list[tuple[float, float]] = []
    for x, y in np.asarray(line.coords)[:, :2]:
        lat, lon = proj.latlon((float(x), float(y)))
        point = (round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS))
        if not out or point != out[-1]:
            out.append(point)
    return tuple(out)


def _polygon(polygon: shapely.Polygon, proj: Projection) -> tuple:
    """Rounded rings (closed, at least four positions), or () when the outer ring collapses."""
    rings = [_line(r, proj) for r in (polygon.exterior, *polygon.interiors)]
    rings = [r for r in rings if len(r) >= 4 and r[0] == r[-1]]
    if not rings or _line(polygon.exterior, proj) != rings[0]:
        return ()
    return tuple(rings)
