"""The ground under the map: the scenario's buildings, roads, paths, water, green areas and venue
outlines (``venue.ground``) as the data block's ``ground`` section.

Positions are ``[lat, lon]`` as Leaflet takes them, rounded to 6 decimals. Areas and lines
are kept apart per kind (water may be both), each kind one list of shapes, so the page draws
one layer per kind however many features there are. Names stay out: the base layer shows
shapes only, and its attribution as text.
"""

from __future__ import annotations

from typing import Any

from eventplan.scenario import Scenario
from eventplan.scenario.ground import GROUND_KINDS, Line
from eventplan.venue.geo import rounded


def ground_data(scenario: Scenario) -> dict[str, Any] | None:
    """The ``ground`` data block, or None when the scenario has no ground."""
    ground = scenario.venue.ground
    if ground is None:
        return None
    areas: dict[str, list[Any]] = {}
    lines: dict[str, list[Any]] = {}
    for feature in ground.features:
        for polygon in feature.polygons:
            areas.setdefault(feature.kind, []).append([_latlngs(ring) for ring in polygon])
        for line in feature.lines:
            lines.setdefault(feature.kind, []).append(_latlngs(line))
    return {
        "kinds": [k for k in GROUND_KINDS if k in areas or k in lines],
        "areas": areas,
        "lines": lines,
        "counts": ground.counts(),
        "attribution": ground.attribution,
    }


def _latlngs(line: Line) -> list[list[float]]:
    return [[rounded(lat), rounded(lon)] for lon, lat in line]
