"""The ground of a venue: buildings, roads, paths, water, green areas and venue outlines, read
from a GeoJSON file the scenario names (``venue.ground``), for the map's offline base layer.

The file may be hostile like any other input: it is read within a size bound, parsed without
``NaN``, ``Infinity`` or endless numbers, and every feature is checked (its ``kind``, its
geometry type for that kind, the depth of its coordinates, finite positions in range) before
anything is kept. Problems name the file and the place in it
(``features[12].geometry.coordinates[0][3]``). What is kept is plain: kinds, names and
positions; any other property or member of the file is ignored.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventplan.errors import InputError, Problem
from eventplan.scenario.reader import decode

#: Kinds of ground feature, in the order the map draws them (the first lowest).
GROUND_KINDS: tuple[str, ...] = ("water", "green", "road", "path", "building", "venue")
#: Kinds drawn as areas, and kinds that may also be lines (rivers, canals).
AREA_KINDS = frozenset({"water", "green", "building", "venue"})
LINE_KINDS = frozenset({"water", "road", "path"})
#: GeoJSON geometry types of areas and of lines, and whether each holds several parts.
AREA_TYPES = {"Polygon": False, "MultiPolygon": True}
LINE_TYPES = {"LineString": False, "MultiLineString": True}

#: Largest ground file read, in bytes (the map inlines it: it must stay a page that opens).
MAX_GROUND_BYTES = 10 * 1024 * 1024
#: Most features, and most positions over all of them.
MAX_FEATURES = 100_000
MAX_POSITIONS = 1_000_000
#: Longest name, attribution or source text kept.
MAX_TEXT = 500
#: Problems reported before reading stops (a broken file would otherwise list thousands).
MAX_PROBLEMS = 20

_NUMBERS = (int, float)  # not bool, a subclass of int
LonLat = tuple[float, float]
Line = tuple[LonLat, ...]
#: A polygon: its outer ring, then its holes; each ring closed (first position = last).
Polygon = tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class GroundFeature:
    """One ground feature: an area (polygons) or a line (lines), in GeoJSON's [lon, lat]."""

    kind: str
    polygons: tuple[Polygon, ...] = ()
    lines: tuple[Line, ...] = ()
    name: str = ""

    def positions(self) -> int:
        """How many positions the feature holds."""
        rings = [ring for polygon in self.polygons for ring in polygon]
        return sum(len(part) for part in (*rings, *self.lines))

    def geometry(self) -> dict[str, Any]:
        """The feature's GeoJSON geometry (a Multi- type only for more than one part)."""
        if self.polygons:
            if len(self.polygons) == 1:
                return {"type": "Polygon", "coordinates": _lists(self.polygons[0])}
            return {"type": "MultiPolygon", "coordinates": _lists(self.polygons)}
        if len(self.lines) == 1:
            return {"type": "LineString", "coordinates": _lists(self.lines[0])}
        return {"type": "MultiLineString", "coordinates": _lists(self.lines)}


@dataclass(frozen=True)
class Ground:
    """The ground features of a venue, with the attribution their source requires.

    Attributes
    ----------
    features
        The features, in file order.
    attribution
        Who the data belongs to and under which licence (plain text; shown on the map).
    source
        Where the data came from (plain text).
    """

    features: tuple[GroundFeature, ...]
    attribution: str = ""
    source: str = ""

    def counts(self) -> dict[str, int]:
        """Features per kind, in :data:`GROUND_KINDS` order (kinds with none left out)."""
        found = {kind: 0 for kind in GROUND_KINDS}
        for feature in self.features:
            found[feature.kind] += 1
        return {kind: n for kind, n in found.items() if n}

    def to_geojson(self) -> dict[str, Any]:
        """The ground as a GeoJSON FeatureCollection (attribution and source as members)."""
        document: dict[str, Any] = {"type": "FeatureCollection"}
        if self.attribution:
            document["attribution"] = self.attribution
        if self.source:
            document["source"] = self.source
        document["features"] = [_feature_json(f) for f in self.features]
        return document

    def to_bytes(self) -> bytes:
        """The GeoJSON text, one feature per line (compact, and readable in a diff)."""
        document = self.to_geojson()
        features = document.pop("features")
        head = json.dumps(document, ensure_ascii=False)[:-1]
        lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
        body = ",\n".join(lines)
        return f'{head}, "features": [\n{body}\n]}}\n'.encode()


def read_ground(path: Path, shown: str | None = None) -> Ground:
    """Read and check a ground file (GeoJSON, at most :data:`MAX_GROUND_BYTES`).

    Raises
    ------
    InputError
        Naming the file and the place of each problem found (at most :data:`MAX_PROBLEMS`).
    """
    name = shown or str(path)
    if path.suffix.lower() not in (".geojson", ".json"):
        raise InputError(Problem(name, "", "a ground file must be a .geojson or .json file"))
    text = decode(_read_bounded(path, name), name)
    try:
        document = json.loads(
            text, parse_constant=_refuse_constant, parse_int=_bounded_int, parse_float=_finite
        )
    except RecursionError:
        raise InputError(Problem(name, "", "nesting is too deep for GeoJSON")) from None
    except ValueError as error:  # JSONDecodeError, and the refusals of the hooks
        where = getattr(error, "lineno", None)
        raise InputError(Problem(name, "", f"not valid JSON: {error}", where)) from None
    return ground_from_geojson(document, name)


def ground_value(value: Any) -> Ground:
    """The ``venue.ground`` of a scenario document: a :class:`Ground` as ``load`` reads it from
    its file, or a GeoJSON FeatureCollection given in the document itself.

    Raises
    ------
    ValueError
        For a file name (only ``load`` reads files, relative to the scenario file) or a
        FeatureCollection with problems (the first few, each with its place).
    """
    if isinstance(value, Ground):
        return value
    if isinstance(value, str):
        raise ValueError(
            f"{_short(value)} names a ground file, which is read relative to the scenario file "
            "it appears in; a document built in code gives the GeoJSON FeatureCollection itself"
        )
    try:
        return ground_from_geojson(value)
    except InputError as error:
        found = error.problems[:3]
        raise ValueError("; ".join(f"{p.path}: {p.message}".lstrip(": ") for p in found)) from None


def ground_from_geojson(document: Any, name: str = "<ground>") -> Ground:
    """Check a parsed GeoJSON document and keep its ground features.

    Raises
    ------
    InputError
        As :func:`read_ground`.
    """
    check = _Checker(name)
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise InputError(Problem(name, "", "expected a GeoJSON FeatureCollection"))
    features = document.get("features")
    if not isinstance(features, list):
        raise InputError(Problem(name, "features", "expected a list of features"))
    if len(features) > MAX_FEATURES:
        raise InputError(Problem(name, "features", f"more than {MAX_FEATURES:,} features"))
    kept = []
    for i, feature in enumerate(features):
        found = check.feature(feature, f"features[{i}]")
        if found is not None:
            kept.append(found)
        if check.positions > MAX_POSITIONS:
            check.fail("features", f"more than {MAX_POSITIONS:,} positions in all")
            break
        if len(check.problems) >= MAX_PROBLEMS:
            break
    attribution = check.text(document.get("attribution"), "attribution")
    source = check.text(document.get("source"), "source")
    if check.problems:
        raise InputError(check.problems)
    return Ground(features=tuple(kept), attribution=attribution, source=source)


class _Checker:
    """Checks features one by one, collecting problems and counting positions."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.positions = 0

    def fail(self, place: str, message: str) -> None:
        self.problems.append(Problem(self.name, place, message))

    def text(self, value: Any, place: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            self.fail(place, f"expected a text of at most {MAX_TEXT} characters")
            return ""
        return value

    def feature(self, value: Any, place: str) -> GroundFeature | None:
        if not isinstance(value, dict) or value.get("type") != "Feature":
            self.fail(place, "expected a GeoJSON Feature")
            return None
        properties = value.get("properties")
        kind = properties.get("kind") if isinstance(properties, dict) else None
        if kind not in GROUND_KINDS:
            known = ", ".join(GROUND_KINDS)
            self.fail(f"{place}.properties.kind", f"expected one of {known}, got {_short(kind)}")
            return None
        name = self.text(properties.get("name"), f"{place}.properties.name")
        geometry = value.get("geometry")
        shape = geometry.get("type") if isinstance(geometry, dict) else None
        allowed = [
            *(AREA_TYPES if kind in AREA_KINDS else ()),
            *(LINE_TYPES if kind in LINE_KINDS else ()),
        ]
        if shape not in allowed:
            message = f"a {kind} is a {' or '.join(allowed)}, got {_short(shape)}"
            self.fail(f"{place}.geometry.type", message)
            return None
        assert isinstance(geometry, dict)
        coords, at = geometry.get("coordinates"), f"{place}.geometry.coordinates"
        if shape in AREA_TYPES:
            polygons = self.parts(coords, at, AREA_TYPES[shape], self.polygon)
            return None if polygons is None else GroundFeature(kind, polygons=polygons, name=name)
        lines = self.parts(coords, at, LINE_TYPES[shape], self.line)
        return None if lines is None else GroundFeature(kind, lines=lines, name=name)

    def parts(self, value: Any, place: str, multi: bool, read: Any) -> tuple | None:
        """The parts of a geometry: one for a single type, a list of them for a Multi- type."""
        if not multi:
            part = read(value, place)
            return None if part is None else (part,)
        if not isinstance(value, list) or not value:
            self.fail(place, "expected a non-empty list of parts")
            return None
        parts = []
        for i, item in enumerate(value):
            part = read(item, f"{place}[{i}]")
            if part is None:
                return None
            parts.append(part)
        return tuple(parts)

    def polygon(self, value: Any, place: str) -> Polygon | None:
        if not isinstance(value, list) or not value:
            self.fail(place, "expected a polygon: a list of rings")
            return None
        rings = []
        for i, item in enumerate(value):
            ring = self.line(item, f"{place}[{i}]", closed=True)
            if ring is None:
                return None
            rings.append(ring)
        return tuple(rings)

    def line(self, value: Any, place: str, closed: bool = False) -> Line | None:
        least = 4 if closed else 2
        if not isinstance(value, list) or len(value) < least:
            what = "a ring: a list of at least 4 positions" if closed else "at least 2 positions"
            self.fail(place, f"expected {what}")
            return None
        self.positions += len(value)
        if self.positions > MAX_POSITIONS:
            return None
        out = []
        for i, position in enumerate(value):  # one loop, no call per position: files are long
            if type(position) is list and len(position) in (2, 3):
                lon, lat = position[0], position[1]
                numbers = all(type(v) in _NUMBERS for v in position)
                # comparisons also refuse NaN and infinities (and never overflow on big ints)
                if numbers and -180 <= lon <= 180 and -90 <= lat <= 90:
                    out.append((float(lon), float(lat)))
                    continue
            message = f"expected a position [lon, lat] in degrees, got {_short(position)}"
            self.fail(f"{place}[{i}]", message)
            return None
        if closed and out[0] != out[-1]:
            self.fail(place, "a ring must end where it starts")
            return None
        return tuple(out)


def _read_bounded(path: Path, name: str) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_GROUND_BYTES`."""
    try:
        if not path.is_file():
            message = "no such file (a ground file is found relative to the scenario file)"
            raise InputError(Problem(name, "", message if not path.exists() else "not a file"))
        with path.open("rb") as stream:
            raw = stream.read(MAX_GROUND_BYTES + 1)
    except OSError as error:
        raise InputError(Problem(name, "", f"cannot read file: {error.strerror}")) from None
    if len(raw) > MAX_GROUND_BYTES:
        limit = MAX_GROUND_BYTES // (1024 * 1024)
        raise InputError(Problem(name, "", f"file is larger than {limit} MB, the ground limit"))
    return raw


def _refuse_constant(text: str) -> Any:
    raise ValueError(f"{text} is not a number JSON allows")


def _bounded_int(text: str) -> int:
    if len(text) > 30:
        raise ValueError(f"a number of {len(text)} digits")
    return int(text)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:30]} is not a finite number")
    return value


def _short(value: Any) -> str:
    """A value in a message: short, and never the whole of a large list."""
    if value is None:
        return "nothing"
    if isinstance(value, list | dict):
        return f"a {'list' if isinstance(value, list) else 'mapping'} of {len(value)}"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _lists(value: Any) -> Any:
    return [_lists(v) for v in value] if isinstance(value, tuple) else value


def _feature_json(feature: GroundFeature) -> dict[str, Any]:
    properties: dict[str, Any] = {"kind": feature.kind}
    if feature.name:
        properties["name"] = feature.name
    return {"type": "Feature", "properties": properties, "geometry": feature.geometry()}
