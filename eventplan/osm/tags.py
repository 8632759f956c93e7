"""What OpenStreetMap tags mean for a venue graph: walkable ways, edge kinds, widths, points.

Every rule about tags lives here, so that reading and graph building stay free of tag lore.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from eventplan.scenario.values import MAX_WIDTH_M, MIN_WIDTH_M

Tags = Mapping[str, str]

#: highway values people walk on, with the width in metres assumed when ``width`` is absent.
#: Roads count: their sidewalks and, during events, their carriageways carry crowds.
WALK_WIDTH_M: dict[str, float] = {
    "footway": 2.5,
    "path": 2.0,
    "steps": 2.0,
    "pedestrian": 6.0,
    "corridor": 2.5,
    "platform": 3.0,
    "cycleway": 2.5,
    "bridleway": 2.0,
    "track": 3.0,
    "living_street": 5.0,
    "service": 4.0,
    "residential": 6.0,
    "unclassified": 6.0,
    "road": 6.0,
    "tertiary": 8.0,
    "tertiary_link": 6.0,
    "secondary": 10.0,
    "secondary_link": 6.0,
    "primary": 12.0,
    "primary_link": 6.0,
    "trunk": 12.0,
    "trunk_link": 6.0,
}

#: Width of a marked crossing (footway=crossing), whatever its way type says.
CROSSING_WIDTH_M = 3.0

#: highway values that make an edge of kind ``road`` (still walkable).
ROAD_HIGHWAYS = frozenset(
    {
        "living_street",
        "service",
        "residential",
        "unclassified",
        "road",
        "tertiary",
        "tertiary_link",
        "secondary",
        "secondary_link",
        "primary",
        "primary_link",
        "trunk",
        "trunk_link",
    }
)

#: Edge kinds from least to most restrictive; a merged chain takes the most restrictive.
KIND_RANK: dict[str, int] = {"road": 0, "walkway": 1, "ramp": 2, "stairs": 3}

_NO_FOOT = frozenset({"no", "use_sidepath"})
_NO_ACCESS = frozenset({"no"})
_FOOT_OK = frozenset({"yes", "designated", "permissive", "official", "destination"})

#: barrier values that are pedestrian gates (vehicle barriers such as lift_gate are not).
GATE_BARRIERS = frozenset(
    {"gate", "turnstile", "full-height_turnstile", "entrance", "kissing_gate", "sliding_gate"}
)

#: Outlines that make a venue: stadiums, arenas, exhibition and sports halls.
VENUE_LEISURE = frozenset({"stadium", "sports_centre", "sports_hall"})
VENUE_BUILDING = frozenset({"stadium", "sports_hall", "sports_centre", "arena", "grandstand"})
VENUE_AMENITY = frozenset({"exhibition_centre", "conference_centre", "events_venue"})

_WIDTH = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(m|meters?|metres?|ft|feet|')?\s*$", re.IGNORECASE)


#: Major roads: walked unless their sidewalks are mapped as ways of their own or absent.
MAJOR_ROADS = frozenset(
    {"primary", "primary_link", "secondary", "secondary_link", "trunk", "trunk_link"}
)
_SIDEWALK = frozenset({"both", "left", "right", "yes"})


def is_walkable(tags: Tags) -> bool:
    """Whether a way carries pedestrians (private ways count: staff walk them).

    Footways, paths, steps, pedestrian streets and roads are walked unless foot or access
    forbids it. A major road whose sidewalks are mapped apart (``sidewalk=separate``) or
    absent (``sidewalk=no``) is left to those sidewalks, and a road tunnel is walked only
    when a sidewalk or foot access is tagged on it.
    """
    highway = tags.get("highway")
    if highway not in WALK_WIDTH_M:
        return False
    foot = tags.get("foot")
    if foot in _NO_FOOT:
        return False
    if foot in _FOOT_OK:
        return True
    if tags.get("access") in _NO_ACCESS:
        return False
    sidewalk = tags.get("sidewalk", tags.get("sidewalk:both", ""))
    has_sidewalk = sidewalk in _SIDEWALK or "yes" in (
        tags.get("sidewalk:left"),
        tags.get("sidewalk:right"),
    )
    if highway in MAJOR_ROADS and sidewalk in {"separate", "no", "none"}:
        return False
    return has_sidewalk or not (highway in ROAD_HIGHWAYS and tags.get("tunnel") == "yes")


def edge_kind(tags: Tags) -> str:
    """Venue edge kind of a walkable way: ``stairs``, ``road`` or ``walkway``."""
    highway = tags.get("highway", "")
    if highway == "steps":
        return "stairs"
    if highway in ROAD_HIGHWAYS:
        return "road"
    return "walkway"


def parse_width(value: str | None) -> float | None:
    """Width in metres from an OSM ``width`` value ("3", "2,5 m", "10 ft"), else None."""
    if not value:
        return None
    match = _WIDTH.match(value)
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    unit = (match.group(2) or "m").lower()
    if unit in {"ft", "feet", "'"}:
        number *= 0.3048
    number = round(number, 2)
    return number if MIN_WIDTH_M <= number <= MAX_WIDTH_M else None


def edge_width(tags: Tags) -> float:
    """Clear width in metres: the ``width`` tag when usable, else an estimate by way type."""
    tagged = parse_width(tags.get("width")) or parse_width(tags.get("est_width"))
    if tagged:
        return tagged
    if tags.get("footway") == "crossing":
        return CROSSING_WIDTH_M
    return WALK_WIDTH_M.get(tags.get("highway", ""), 2.5)


def is_gate(tags: Tags) -> bool:
    """A tagged pedestrian entrance or gate."""
    entrance = tags.get("entrance")
    if entrance and entrance != "no":
        return True
    return tags.get("barrier") in GATE_BARRIERS


def is_transit(tags: Tags) -> bool:
    """A public transport stop, platform, station or station entrance."""
    return (
        tags.get("highway") == "bus_stop"
        or tags.get("public_transport") in {"platform", "stop_position", "station"}
        or tags.get("railway") in {"station", "halt", "subway_entrance", "train_station_entrance"}
        or tags.get("amenity") == "bus_station"
    )


def transit_rank(tags: Tags) -> int:
    """Preference among features of one stop: platforms (where people wait) first."""
    if tags.get("public_transport") == "platform" or tags.get("highway") == "platform":
        return 0
    if tags.get("highway") == "bus_stop":
        return 1
    return 2


def is_parking(tags: Tags) -> bool:
    """A car park or the entrance of one."""
    return tags.get("amenity") in {"parking", "parking_entrance"}


def is_plaza(tags: Tags) -> bool:
    """A named square or pedestrian area."""
    if tags.get("place") == "square":
        return True
    return tags.get("highway") == "pedestrian" and tags.get("area") == "yes" and "name" in tags


def is_venue(tags: Tags) -> bool:
    """A venue outline: stadium, arena, sports or exhibition hall."""
    return (
        tags.get("leisure") in VENUE_LEISURE
        or tags.get("building") in VENUE_BUILDING
        or tags.get("amenity") in VENUE_AMENITY
    )


def point_kind(tags: Tags) -> str | None:
    """Venue node kind of a tagged point, in order of precedence, or None."""
    if is_gate(tags):
        return "gate"
    if is_transit(tags):
        return "transit"
    if is_parking(tags):
        return "parking"
    if is_plaza(tags):
        return "plaza"
    return None


def capacity(tags: Tags) -> int | None:
    """The ``capacity`` tag as a whole number of persons, when it is one."""
    value = tags.get("capacity", "").replace(" ", "").replace(",", "").replace("_", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


# -- the ground under the map ----------------------------------------------------------------
#: highway values drawn as roads on the map's ground; the other ways people walk are paths.
GROUND_ROADS = frozenset(ROAD_HIGHWAYS | MAJOR_ROADS | {"motorway", "motorway_link"})
GROUND_PATHS = frozenset({"footway", "path", "steps", "pedestrian", "cycleway", "bridleway"})
_WATER_AREAS = {
    "natural": frozenset({"water", "bay"}),
    "waterway": frozenset({"riverbank", "dock", "canal"}),
    "landuse": frozenset({"basin", "reservoir"}),
    "leisure": frozenset({"swimming_pool"}),
}
_WATER_LINES = frozenset({"river", "stream", "canal"})
_GREEN_AREAS = {
    "leisure": frozenset({"park", "garden", "pitch", "playground", "dog_park", "golf_course"}),
    "landuse": frozenset({"grass", "forest", "meadow", "recreation_ground", "village_green"}),
    "natural": frozenset({"wood", "scrub", "grassland", "heath"}),
}
_HIDDEN = frozenset({"underground", "underwater"})


def _below_ground(tags: Tags) -> bool:
    """In a tunnel, underground or indoors: not part of the ground as seen from above."""
    tunnel = tags.get("tunnel", "no")
    return (
        tunnel != "no"
        or tags.get("location") in _HIDDEN
        or tags.get("indoor", "no") != "no"
        or tags.get("level", "0").startswith("-")
    )


def ground_area_kind(tags: Tags) -> str | None:
    """The ground kind of an area (closed way or multipolygon), or None: ``venue`` (an
    outline of :func:`is_venue`), ``building``, ``water`` or ``green``."""
    if _below_ground(tags) or tags.get("layer", "0").startswith("-"):
        return None
    if is_venue(tags):
        return "venue"
    if tags.get("building", "no") != "no":
        return "building"
    for kinds, name in ((_WATER_AREAS, "water"), (_GREEN_AREAS, "green")):
        if any(tags.get(key) in values for key, values in kinds.items()):
            return name
    if tags.get("water"):  # natural=water's detail tag, also used alone
        return "water"
    return None


def ground_line_kind(tags: Tags) -> str | None:
    """The ground kind of an open way, or None: ``road``, ``path`` or ``water`` (rivers,
    streams, canals); the coast is drawn as sea, see :func:`is_coastline`."""
    if _below_ground(tags) or tags.get("area") == "yes":
        return None
    highway = tags.get("highway")
    if highway in GROUND_ROADS:
        return "road"
    if highway in GROUND_PATHS:
        return "path"
    return "water" if tags.get("waterway") in _WATER_LINES else None


def is_coastline(tags: Tags) -> bool:
    """A piece of the coastline (land on its left, sea on its right)."""
    return tags.get("natural") == "coastline"
