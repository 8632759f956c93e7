"""From an OpenStreetMap extract to a venue (the scenario's ``venue`` section, see
docs/scenario.md): the whole import.

No I/O beyond reading the extract; :mod:`eventplan.osm.writer` writes the result.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import networkx as nx

from eventplan.errors import InputError, Problem
from eventplan.osm.gates import VenueGates, assign_gates
from eventplan.osm.graph import build_walk_graph, largest_component, total_length
from eventplan.osm.ground import read_ground
from eventplan.osm.ids import KIND_ORDER, assign_ids, bearing, natural_key
from eventplan.osm.model import Extract, Feature
from eventplan.osm.points import place_points
from eventplan.osm.reader import read_extract
from eventplan.osm.region import BBox, Region
from eventplan.osm.simplify import simplify as simplify_graph
from eventplan.osm.zones import ZoneResult, build_zones, outer_venues
from eventplan.scenario.ground import Ground

#: Radius around an ``--around`` target when none is given, in metres.
DEFAULT_RADIUS_M = 300.0
#: Coordinates are written with 7 decimals (about 1 cm), as OpenStreetMap stores them.
COORD_DECIMALS = 7


@dataclass(slots=True)
class VenueImport:
    """An imported venue and what the planner should know about how it was made.

    Parameters
    ----------
    venue
        The ``venue`` mapping: ``name``, ``nodes``, ``edges``, ``zones`` (docs/scenario.md).
    source_file, source_date, date_source
        The extract's file name, the date of its data and where that date came from
        (``header``, ``newest object`` or ``file time``).
    region
        The imported area in words.
    parts_dropped, nodes_dropped
        Parts of the walk network cut off from the largest one, and their nodes.
    nodes_missing
        Nodes that walkable ways in the region refer to but the extract lacks: the ways
        are cut there (an extract cut at its edge, or a damaged one).
    nodes_before, length_before_m
        Nodes and total edge length of the kept part before chains were merged.
    gates_derived
        Gates derived on venue outlines that had none tagged.
    zone_notes, notes
        Remarks per zone id (estimates, derived exits) and for the whole import.
    ground
        Buildings, roads, paths, water, green areas and venue outlines of the same region,
        when asked for (the map's base layer).
    """

    venue: dict[str, Any]
    source_file: str
    source_date: datetime
    date_source: str
    region: str
    parts_dropped: int = 0
    nodes_dropped: int = 0
    nodes_missing: int = 0
    nodes_before: int = 0
    length_before_m: float = 0.0
    gates_derived: int = 0
    zone_notes: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    ground: Ground | None = None

    def count(self, kind: str) -> int:
        """Number of venue nodes of one kind."""
        return sum(1 for n in self.venue["nodes"] if n["kind"] == kind)

    def summary(self) -> str:
        """One line for the terminal."""
        kinds = Counter(n["kind"] for n in self.venue["nodes"])
        detail = ", ".join(f"{kinds[k]} {k}" for k in sorted(kinds))
        text = (
            f"venue {self.venue['name']!r}: {len(self.venue['nodes'])} nodes ({detail}), "
            f"{len(self.venue['edges'])} edges, {len(self.venue['zones'])} zones"
        )
        if self.parts_dropped:
            text += (
                f"; kept the largest connected part, {self.parts_dropped} parts cut off "
                f"({self.nodes_dropped} nodes dropped)"
            )
        if self.nodes_missing:
            text += f"; {missing_text(self.nodes_missing)}"
        return text


def missing_text(count: int) -> str:
    """Words for nodes that ways refer to but the extract lacks."""
    return (
        f"{count} node(s) the ways refer to are missing from the extract: the ways were cut there"
    )


def _node_record(attrs: dict, node_id: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": node_id, "kind": attrs["kind"]}
    if attrs.get("name"):
        record["name"] = attrs["name"]
    record["lat"] = round(attrs["lat"], COORD_DECIMALS)
    record["lon"] = round(attrs["lon"], COORD_DECIMALS)
    if attrs.get("width") and attrs["kind"] == "gate":
        record["width_m"] = attrs["width"]
    if attrs.get("area") and attrs["kind"] == "plaza":
        record["area_m2"] = attrs["area"]
    return record


def _gate_order(graph: nx.Graph, venues: list[VenueGates]) -> list:
    order = []
    for vg in venues:
        origin = (vg.venue.lat, vg.venue.lon)
        pos = {n: (graph.nodes[n]["lat"], graph.nodes[n]["lon"]) for n in vg.gates}
        order += sorted(vg.gates, key=lambda n: bearing(origin, pos[n]))
    return order


def _venue_mapping(graph: nx.Graph, ids: dict, name: str, zones: list[ZoneResult]) -> dict:
    nodes = sorted(
        (_node_record(a, ids[n]) for n, a in graph.nodes(data=True)),
        key=lambda r: (KIND_ORDER.get(r["kind"], 9), natural_key(r["id"])),
    )
    edges = []
    for u, v, a in graph.edges(data=True):
        ida, idb = sorted((ids[u], ids[v]))
        edges.append(
            {
                "a": ida,
                "b": idb,
                "kind": a["kind"],
                "width_m": round(a["width"], 2),
                "length_m": round(max(a["length"], 0.1), 1),
            }
        )
    edges.sort(key=lambda e: (natural_key(e["a"]), natural_key(e["b"])))
    return {"name": name, "nodes": nodes, "edges": edges, "zones": [z.zone for z in zones]}


def import_venue(
    path: str | Path,
    *,
    bbox: BBox | None = None,
    around: str | None = None,
    radius_m: float | None = None,
    name: str | None = None,
    simplify: bool = True,
    snap_m: float = 5.0,
    ground: bool = False,
) -> VenueImport:
    """Import the venue from an extract, restricted to ``bbox`` and/or ``radius_m`` of ``around``.

    With ``ground``, also read the region's buildings, roads, water and venue outlines
    (:attr:`VenueImport.ground`; a second pass over the extract).

    Raises :class:`InputError` for a missing or unreadable file, an ``--around`` target not
    in the extract, a region without walkways, and inconsistent options.
    """
    radius = _radius(radius_m, around)
    extract = read_extract(path, around)
    target = _target(extract, around, path)
    region = Region(bbox=bbox, target=target, radius_m=radius if target else 0.0)
    raw = _walk_graph(extract, region, path)
    graph, parts, dropped = largest_component(raw)
    outlines, notes = _outlines(extract, region, target)
    venues = [assign_gates(graph, v, i, snap_m=snap_m) for i, v in enumerate(outlines)]
    placement = place_points(graph, extract.points, region)
    nodes_before, length_before = graph.number_of_nodes(), total_length(graph)
    if simplify:
        graph = simplify_graph(graph)

    ids = assign_ids(graph, _gate_order(graph, venues))
    zones = build_zones(graph, venues, ids, snap_m=snap_m)
    names = [v.name for v in outlines if v.name] + ([target.name] if target else [])
    title = name or next((n for n in names if n), Path(path).name.split(".")[0])
    result = VenueImport(
        venue=_venue_mapping(graph, ids, title, zones),
        source_file=Path(path).name,
        source_date=extract.timestamp or datetime.now(UTC),
        date_source=extract.timestamp_source,
        region=region.describe(),
        parts_dropped=parts,
        nodes_dropped=dropped,
        nodes_missing=len(raw.graph.get("missing", ())),
        nodes_before=nodes_before,
        length_before_m=length_before,
        gates_derived=sum(len(v.gates) for v in venues if v.derived),
        zone_notes={z.zone["id"]: z.notes for z in zones if z.notes},
        notes=notes + placement.skipped,
    )
    if not zones:
        result.notes.append("no venue outline (stadium, arena, hall) in the region: no zone made")
    if ground:
        source = f"{result.source_file}, data as of {result.source_date:%Y-%m-%d}; {result.region}"
        result.ground, ground_notes = read_ground(path, region, source)
        result.notes += ground_notes
    return result


def _walk_graph(extract: Extract, region: Region, path: str | Path) -> nx.Graph:
    """The walkable ways of the region; an input error when it has none."""
    raw = build_walk_graph(extract, region)
    if raw.number_of_nodes() == 0:
        raise InputError(Problem(str(path), "", f"no walkable ways {region.describe()}"))
    return raw


def _radius(radius_m: float | None, around: str | None) -> float:
    """The radius around the target, checked: positive, and only with ``--around``."""
    if radius_m is not None and around is None:
        raise InputError(Problem("--radius", "", "needs --around: the radius is around a target"))
    radius = DEFAULT_RADIUS_M if radius_m is None else float(radius_m)
    if not (math.isfinite(radius) and radius > 0):
        raise InputError(Problem("--radius", "", f"must be a positive number of metres: {radius}"))
    return radius


def _target(extract: Extract, around: str | None, path: str | Path) -> Feature | None:
    """The best match of the ``--around`` query, if one was asked."""
    if around is None:
        return None
    if not extract.targets:
        message = f"--around {around!r}: no object with this name or OSM id in the extract"
        raise InputError(Problem(str(path), "", message))
    return extract.targets[0]


def _outlines(
    extract: Extract, region: Region, target: Feature | None
) -> tuple[list[Feature], list[str]]:
    """The venue outlines that make zones (the target's own, or those in the region not
    nested in another), and a note for each nested one left out."""
    if target is not None and target.closed:
        return [target], []
    inside = [v for v in extract.venues if region.contains((v.lat, v.lon))]
    outlines, nested = outer_venues(inside)
    notes = [f"{v.name or v.ref} lies inside another venue outline: no zone" for v in nested]
    return outlines, notes
