"""Plain records of what the reader keeps from an OpenStreetMap extract.

They hold no osmium objects (those are only valid during a callback), so everything after
reading is ordinary Python that tests can build by hand; :meth:`Feature.outline` gives the
shape in projected metres for the geometry (shapely) of the later steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import shapely

from eventplan.venue.geo import LatLon, Projection

#: What the ODbL asks every copy and derived database of OpenStreetMap data to say.
ATTRIBUTION = "(c) OpenStreetMap contributors, ODbL 1.0"
LICENCE_URL = "https://www.openstreetmap.org/copyright"


@dataclass(frozen=True, slots=True)
class Way:
    """A walkable way (or a run of it whose node locations are all known).

    ``cuts`` holds, for every node of the whole way that the extract lacks, ``(missing,
    neighbour)``: the missing node's id and that of a known node beside it in the way.
    """

    id: int
    tags: dict[str, str]
    refs: tuple[int, ...]
    coords: tuple[LatLon, ...]
    cuts: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Feature:
    """A tagged node, way or multipolygon: a point of interest, a venue outline, a target.

    ``ring`` is the outer ring (without the closing point) as (node id, lat, lon) for areas,
    the way's nodes for open ways, and empty for nodes; ``lat``/``lon`` is the node itself or
    the centroid of the ring.
    """

    osm_type: str  # "node", "way" or "relation"
    osm_id: int
    tags: dict[str, str]
    lat: float
    lon: float
    ring: tuple[tuple[int, float, float], ...] = ()
    closed: bool = False

    @property
    def ref(self) -> str:
        """``type/id`` as on openstreetmap.org."""
        return f"{self.osm_type}/{self.osm_id}"

    @property
    def name(self) -> str:
        """The ``name`` tag, or an empty string."""
        return self.tags.get("name", "")

    @property
    def polygon(self) -> list[LatLon]:
        """The outer ring as (lat, lon) points; empty for nodes and open ways."""
        return [(lat, lon) for _, lat, lon in self.ring] if self.closed else []

    def outline(self, proj: Projection) -> shapely.Geometry:
        """The feature in the metres of ``proj``: a polygon for an area, a line for an open
        way, a point for a node (or a way of one known node)."""
        xy = proj.xy_array([(lat, lon) for _, lat, lon in self.ring] or [(self.lat, self.lon)])
        if self.closed and len(xy) >= 3:
            return shapely.Polygon(xy)
        return shapely.LineString(xy) if len(xy) >= 2 else shapely.Point(xy[0])


@dataclass(slots=True)
class Extract:
    """Everything the importer needs from one extract file."""

    path: Path
    ways: list[Way] = field(default_factory=list)
    #: Tagged points of interest: gates, transit, parking, plazas (nodes, ways, relations).
    points: list[Feature] = field(default_factory=list)
    #: Venue outlines: stadiums, arenas, sports and exhibition halls.
    venues: list[Feature] = field(default_factory=list)
    #: Features matching the ``--around`` query, best matches first.
    targets: list[Feature] = field(default_factory=list)
    #: Date of the data and where it came from: "header", "newest object" or "file time".
    timestamp: datetime | None = None
    timestamp_source: str = ""
    objects: int = 0
