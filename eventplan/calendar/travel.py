"""Travel times from the stations to the sites, as the calendar gives them or from the map."""

from __future__ import annotations

import math

from eventplan.calendar.model import Calendar
from eventplan.venue.geo import haversine_m


def travel_table(calendar: Calendar) -> dict[tuple[str, str], int]:
    """Minutes from each station to each site: as given, else the great-circle distance
    at the calendar's speed, rounded up."""
    speed = calendar.settings.speed_kmh
    table: dict[tuple[str, str], int] = {}
    for site in calendar.sites:
        for station in calendar.stations:
            given = site.travel.get(station.id)
            if given is None:
                metres = haversine_m((station.lat, station.lon), (site.lat, site.lon))
                given = math.ceil(metres / 1000 / speed * 60)
            table[station.id, site.id] = given
    return table
