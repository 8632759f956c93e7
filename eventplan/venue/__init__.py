"""The venue analyses: the walking graph and what is computed on it.

=====================  ==========================================================
``graph``              :class:`VenueGraph`: lengths, widths, walking times, paths
``passages``           edge kinds: speed factors and default widths
``geo``                distances, the local projection, map offsets, GeoJSON
``patrol``             closed patrol loops (OR-Tools routing)
``response``           standby placement (maximal covering) and response reach
``egress``             egress time, rate and bottleneck per zone (flow LP)
``drones``             sorties, airframes and pilots over time
``analysis``           :func:`analyse`: all of the above, shaped for plan.json
=====================  ==========================================================

The package reads only the scenario: it knows nothing of staffing, plans, maps or the
OpenStreetMap import. The names below are loaded on first use, so that importing one module
(say :mod:`eventplan.venue.geo` for a map) does not load the solvers of the others.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventplan.venue.analysis import VenueAnalysis, analyse
    from eventplan.venue.graph import VenueGraph
    from eventplan.venue.passages import DEFAULT_WIDTH_M, SPEED_FACTOR, Passage

_HOMES = {
    "DEFAULT_WIDTH_M": "eventplan.venue.passages",
    "SPEED_FACTOR": "eventplan.venue.passages",
    "Passage": "eventplan.venue.passages",
    "VenueGraph": "eventplan.venue.graph",
    "VenueAnalysis": "eventplan.venue.analysis",
    "analyse": "eventplan.venue.analysis",
}

__all__ = [
    "DEFAULT_WIDTH_M",
    "SPEED_FACTOR",
    "Passage",
    "VenueAnalysis",
    "VenueGraph",
    "analyse",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'eventplan.venue' has no attribute {name!r}")
    return getattr(import_module(home), name)
