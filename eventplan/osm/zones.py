"""Venue outlines as zones: capacity, the nodes inside, the exits, the polygon."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import shapely

from eventplan.osm import tags as T
from eventplan.osm.gates import VenueGates
from eventplan.osm.ids import natural_key, slug
from eventplan.osm.model import Feature
from eventplan.venue.geo import Projection

#: Capacity estimate for an outline without a capacity tag: persons per square metre of
#: standing or seated area, and the share of the outline's area that holds spectators.
PERSONS_PER_M2 = 2.0
SPECTATOR_SHARE = 0.5


@dataclass(slots=True)
class ZoneResult:
    """One zone in the venue format, and a remark for the file (an estimate, a gap)."""

    zone: dict
    notes: list[str] = field(default_factory=list)


def outer_venues(venues: list[Feature]) -> tuple[list[Feature], list[Feature]]:
    """Venue outlines not nested in a larger one (whose people they would count twice),
    largest first, and the nested ones."""

    def shape(f: Feature) -> shapely.Geometry:
        return f.outline(Projection(f.lat, f.lon))

    kept: list[Feature] = []
    nested: list[Feature] = []
    for venue in sorted(venues, key=lambda f: (-shape(f).area, f.osm_id)):
        inside = any(
            shape(k).contains(shapely.Point(Projection(k.lat, k.lon).xy((venue.lat, venue.lon))))
            for k in kept
        )
        (nested if inside else kept).append(venue)
    return kept, nested


def _zone_id(vg: VenueGates, used: set[str]) -> str:
    base = "zone-" + (slug(vg.venue.name) or f"{vg.venue.osm_type[0]}{vg.venue.osm_id}")
    zone_id, k = base, 1
    while zone_id in used:
        k += 1
        zone_id = f"{base}-{k}"
    used.add(zone_id)
    return zone_id


def build_zones(
    graph: nx.Graph, venues: list[VenueGates], ids: dict[object, str], snap_m: float = 5.0
) -> list[ZoneResult]:
    """A zone per venue outline whose nodes or gates are in the final graph.

    Zone nodes are the graph nodes inside the outline or within ``snap_m`` of it, plus its
    gates, which are also its exits. An outline with neither makes no zone.
    """
    results: list[ZoneResult] = []
    used: set[str] = set()
    for vg in venues:
        venue = vg.venue
        proj = Projection(venue.lat, venue.lon)
        outline = venue.outline(proj)
        nodes = list(graph.nodes(data=True))
        xy = proj.xy_array([(attrs["lat"], attrs["lon"]) for _, attrs in nodes])
        near = shapely.distance(outline, shapely.points(xy)) <= snap_m  # 0 inside
        members = [ids[node] for (node, _), ok in zip(nodes, near.tolist(), strict=True) if ok]
        exits = sorted((ids[n] for n in vg.gates if n in graph), key=natural_key)
        members = sorted(set(members) | set(exits), key=natural_key)
        if not members:
            continue
        notes = []
        capacity = T.capacity(venue.tags)
        if capacity is None:
            area = outline.area
            capacity = max(1, round(area * PERSONS_PER_M2 * SPECTATOR_SHARE))
            notes.append(
                f"capacity estimated as {PERSONS_PER_M2:g} persons/m2 x {SPECTATOR_SHARE:g} of "
                f"the outline's {area:,.0f} m2 (no capacity tag): set the real figure"
            )
        if not exits:
            notes.append("no gate found on this outline: add its exits by hand")
        elif vg.derived:
            notes.append(
                f"{len(exits)} exits derived where walkways meet the outline "
                f"(within {vg.snap_m:.0f} m): no entrance is tagged on it"
            )
        zone: dict = {"id": _zone_id(vg, used)}
        if venue.name:
            zone["name"] = venue.name
        zone["capacity"] = capacity
        zone["nodes"] = members
        if exits:
            zone["exits"] = exits
        zone["polygon"] = [[round(lat, 7), round(lon, 7)] for lat, lon in venue.polygon]
        results.append(ZoneResult(zone, notes))
    return results
