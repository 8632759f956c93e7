"""Reading an OpenStreetMap extract (.osm.pbf, .osm, .osm.bz2 ...) with pyosmium.

One pass over the file (two for multipolygon relations, done by osmium) keeps walkable ways,
points of interest, venue outlines and the objects an ``--around`` query names. Nothing is
fetched from the network.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import osmium
import shapely

from eventplan.errors import InputError, Problem
from eventplan.osm import tags as T
from eventplan.osm.model import Extract, Feature, Way
from eventplan.venue.geo import LatLon, Projection

_ID_QUERY = re.compile(r"^(?:(n|node|w|way|r|relation)\s*/?\s*)?(\d+)$", re.IGNORECASE)
_TYPES = {"n": "node", "w": "way", "r": "relation"}
_HEADER_TIMES = ("osmosis_replication_timestamp", "timestamp", "replication_timestamp")


def normalize_name(text: str) -> str:
    """Lower case, accents and punctuation removed: "Stade Louis-II" -> "stade louis ii"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain.lower()).split())


class _Query:
    """Matches features against an ``--around`` value: an OSM id or a name."""

    def __init__(self, text: str) -> None:
        match = _ID_QUERY.match(text.strip())
        self.osm_type = _TYPES.get(match.group(1)[0].lower()) if match and match.group(1) else None
        self.osm_id = int(match.group(2)) if match else None
        self.name = normalize_name(text)

    def score(self, osm_type: str, osm_id: int, tags: Any) -> int | None:
        """0 for an id or exact name match, 1 for a name containing the query, else None."""
        if self.osm_id is not None:
            ok = osm_id == self.osm_id and self.osm_type in (None, osm_type)
            return 0 if ok else None
        if not self.name:
            return None
        best = None
        for key in ("name", "official_name", "alt_name", "short_name", "name:en"):
            value = tags.get(key)
            if not value:
                continue
            norm = normalize_name(value)
            if norm == self.name:
                return 0
            if self.name in norm:
                best = 1
        return best


def _ring(nodes: Any) -> tuple[tuple[int, float, float], ...]:
    out = []
    for n in nodes:
        if n.location.valid():
            out.append((n.ref, n.lat, n.lon))
    if len(out) > 1 and out[0][0] == out[-1][0]:
        out.pop()
    return tuple(out)


def _feature(
    osm_type: str, osm_id: int, tags: dict[str, str], ring: tuple, closed: bool
) -> Feature:
    """A feature located at its ring's centroid (areas) or its nodes' mean (lines)."""
    points = [(la, lo) for _, la, lo in ring]
    lat, lon = _centroid(points) if closed else _mean(points)
    return Feature(osm_type, osm_id, tags, lat, lon, ring, closed)


def _mean(points: list[LatLon]) -> LatLon:
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _centroid(points: list[LatLon]) -> LatLon:
    """Area centroid of a ring, in metres around its first point; the mean of its points when
    it encloses no area."""
    proj = Projection(*points[0])
    polygon = shapely.Polygon(proj.xy_array(points))
    if 2 * polygon.area < 1e-6:
        return _mean(points)
    centre = polygon.centroid
    return proj.latlon((centre.x, centre.y))


def _cuts(located: list[tuple[int, LatLon | None]]) -> tuple[tuple[int, int], ...]:
    """``(missing, neighbour)`` for each node of a way without a location in the extract."""
    cuts = []
    for i, (ref, at) in enumerate(located):
        if at is not None:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(located) and located[j][1] is not None:
                cuts.append((ref, located[j][0]))
    return tuple(cuts)


class _Collector:
    """Sorts the objects of one pass into an :class:`Extract`."""

    def __init__(self, extract: Extract, query: _Query | None) -> None:
        self.x = extract
        self.query = query
        self.matches: list[tuple[int, int, Feature]] = []
        self.newest: datetime | None = None

    def score(self, osm_type: str, osm_id: int, tags: Any) -> int | None:
        return None if self.query is None else self.query.score(osm_type, osm_id, tags)

    def node(self, o: Any) -> None:
        if not o.tags or not o.location.valid():
            return
        tags = dict(o.tags)
        feature = Feature("node", o.id, tags, o.location.lat, o.location.lon)
        if T.point_kind(tags):
            self.x.points.append(feature)
        score = self.score("node", o.id, tags)
        if score is not None:
            self.matches.append((score, 3, feature))

    def way(self, o: Any) -> None:
        tags = o.tags
        walkable = T.is_walkable(tags)
        interesting = T.point_kind(tags) in {"transit", "parking", "plaza"}
        score = None if o.is_closed() else self.score("way", o.id, tags)
        if not (walkable or interesting or score is not None):
            return
        if walkable:
            self._walk(o.id, dict(tags), o.nodes)
        ring = _ring(o.nodes)
        if not ring:
            return
        closed = o.is_closed() and len(ring) >= 3
        if interesting:
            self.x.points.append(_feature("way", o.id, dict(tags), ring, closed))
        if score is not None:  # closed ways are matched as areas
            self.matches.append((score, 2, _feature("way", o.id, dict(tags), ring, False)))

    def _walk(self, way_id: int, tags: dict[str, str], nodes: Any) -> None:
        located = [(n.ref, (n.lat, n.lon) if n.location.valid() else None) for n in nodes]
        cuts = _cuts(located)
        refs: list[int] = []
        coords: list[tuple[float, float]] = []
        for ref, at in [*located, (0, None)]:
            if at is not None:
                refs.append(ref)
                coords.append(at)
                continue
            if len(refs) >= 2:  # a run of known locations; unknown ones split the way
                self.x.ways.append(Way(way_id, tags, tuple(refs), tuple(coords), cuts))
            refs, coords = [], []

    def area(self, o: Any) -> None:
        tags = o.tags
        venue = T.is_venue(tags)
        relation_poi = not o.from_way() and T.point_kind(tags) in {"transit", "parking", "plaza"}
        osm_type = "way" if o.from_way() else "relation"
        score = self.score(osm_type, o.orig_id(), tags)
        if not (venue or relation_poi or score is not None):
            return
        rings = [_ring(r) for r in o.outer_rings()]
        rings = [r for r in rings if len(r) >= 3]
        if not rings:
            return
        ring = max(rings, key=len)
        feature = _feature(osm_type, o.orig_id(), dict(tags), ring, True)
        if venue:
            self.x.venues.append(feature)
        if relation_poi:
            self.x.points.append(feature)
        if score is not None:
            self.matches.append((score, 0 if venue else 1, feature))

    def see(self, o: Any) -> None:
        self.x.objects += 1
        ts = o.timestamp
        if ts is not None and ts.year > 1970 and (self.newest is None or ts > self.newest):
            self.newest = ts
        if o.is_node():
            self.node(o)
        elif o.is_way():
            self.way(o)
        elif o.is_area():
            self.area(o)


#: What osmium raises on data it cannot parse: a tag longer than OpenStreetMap allows (255
#: characters) is a ValueError, a coordinate such as ``lat='nan'`` an InvalidLocationError.
_PARSE_ERRORS: tuple[type[Exception], ...] = (
    RuntimeError,
    ValueError,
    getattr(osmium, "InvalidLocationError", RuntimeError),
)


def _next(objects: Any, path: Path) -> Any:
    """The next object osmium reads, ``None`` at the end; an InputError for data it cannot
    parse (only the reading is guarded, so a mistake of our own still shows)."""
    try:
        return next(objects)
    except StopIteration:
        return None
    except _PARSE_ERRORS as error:
        raise _unreadable(path, error) from None


def _unreadable(path: Path, error: Exception) -> InputError:
    message = f"not a readable OpenStreetMap extract (.osm.pbf or .osm): {error}"
    return InputError(Problem(str(path), "", message))


def _header_time(path: Path) -> datetime | None:
    reader = osmium.io.Reader(str(path), osmium.osm.osm_entity_bits.NOTHING)
    try:
        header = reader.header()
        for key in _HEADER_TIMES:
            value = header.get(key, "")
            if value:
                try:
                    return datetime.fromisoformat(value.replace("Z", "+00:00"))
                except ValueError:
                    continue
        return None
    finally:
        reader.close()


def read_extract(path: str | Path, around: str | None = None) -> Extract:
    """Read an extract; raise :class:`InputError` when it is missing or not OSM data.

    ``around`` is an OSM id ("49209155", "way/49209155") or a name; the features it
    matches are returned in ``Extract.targets``, venue outlines and exact matches first.
    The data date is the header's replication timestamp, else the newest timestamp of the
    tagged objects, else the file's modification time.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem(str(path), "", "no such file"))
    extract = Extract(path=path)
    collector = _Collector(extract, _Query(around) if around else None)
    try:
        extract.timestamp = _header_time(path)
        # Untagged nodes only lend their locations to ways (osmium's location index sees
        # them all); keeping them out of Python makes large extracts several times faster.
        # Filters came with pyosmium 4; 3.7 and later without them just read everything.
        processor = osmium.FileProcessor(str(path)).with_areas()
        if hasattr(processor, "with_filter") and hasattr(osmium, "filter"):
            processor = processor.with_filter(osmium.filter.EmptyTagFilter())
        objects = iter(processor)
        while (obj := _next(objects, path)) is not None:
            collector.see(obj)
    except RuntimeError as error:
        raise _unreadable(path, error) from None
    if extract.objects == 0:
        raise InputError(Problem(str(path), "", "the extract holds no OpenStreetMap data"))
    if extract.timestamp is not None:
        extract.timestamp_source = "header"
    elif collector.newest is not None:
        extract.timestamp, extract.timestamp_source = collector.newest, "newest object"
    else:
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        extract.timestamp, extract.timestamp_source = mtime, "file time"
    collector.matches.sort(key=lambda m: (m[0], m[1], m[2].osm_id))
    extract.targets = [feature for _, _, feature in collector.matches]
    return extract
