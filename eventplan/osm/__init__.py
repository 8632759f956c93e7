"""Venue import from OpenStreetMap extracts.

:func:`import_venue` reads an extract (.osm.pbf or .osm) with pyosmium, builds the walk graph
of a venue district (gates, transit stops, car parks, plazas; walkways, stairs, roads),
simplifies it and returns the ``venue`` section of a scenario file (docs/scenario.md);
:func:`write_venue` writes it as YAML with the OpenStreetMap attribution. Nothing is fetched
from the network.

Modules, in the order data flows through them: ``reader`` (the file), ``region`` (which part
of it), ``graph`` (raw walk graph, largest connected part), ``gates`` (venue gates, derived
where none are tagged), ``points`` (transit, parking, plazas), ``simplify`` (degree-two
chains), ``ids``, ``zones``, ``ground`` (the base map's features, on request), ``importer``
(all of it), ``writer`` (YAML and GeoJSON out).

Choices worth knowing:

- ``--radius`` is measured from the venue's outline, not its centre, as Overpass's
  ``around`` does for ways: a large hall gets the same depth of surroundings on every side.
- Roads are walkable edges of kind ``road`` (crowds use them at events) unless foot access
  is refused; a major road whose sidewalks are mapped as separate ways is left to them, and
  a road tunnel counts only with a sidewalk or foot access tagged.
- Simplification only merges chains of plain junctions, so lengths are kept exactly
  (rounding aside). Dense pedestrian districts therefore keep their real junctions:
  the Monaco test extract gives about 800 nodes within 400 m of Stade Louis-II, from about
  2,400 before merging.
- ``ground=True`` (``--ground FILE``) also keeps the region's buildings, roads, paths, water
  (the sea built from the coastline) and venue outlines as GeoJSON, clipped to the region's
  box, simplified and bounded in size, for the map's offline base layer (``ground``).
- A venue outline without a capacity tag gets an estimate (2 persons/m2 over half its
  area), flagged by a comment in the file for the planner to replace.
"""

from eventplan.osm.importer import DEFAULT_RADIUS_M, VenueImport, import_venue
from eventplan.osm.region import parse_bbox
from eventplan.osm.writer import ATTRIBUTION, venue_yaml, write_ground, write_venue

__all__ = [
    "ATTRIBUTION",
    "DEFAULT_RADIUS_M",
    "VenueImport",
    "import_venue",
    "parse_bbox",
    "venue_yaml",
    "write_ground",
    "write_venue",
]
