"""Travel times from the stations to the sites, as the calendar gives them or from the map."""

from __future__ import annotations

import math

from eventplan.calendar.model import Calendar


def travel_table(calendar: Calendar) -> dict[tuple[str, str], int]:
    """Minutes from each station to each site: as given, else the great-circle distance
    at the calendar's speed, rounded up."""
    speed = calendar.settings.speed_kmh
    table: dict[tuple[str, str], int] = {}
    for site in calendar.sites:
        for station in calendar.stations:
            given = site.travel.get(station.id)
            if given is None:
                km = _kilometres(station.lat, station.lon, site.lat, site.lon)
                given = math.ceil(km / speed * 60)
            table[station.id, site.id] = given
    return table


def _kilometres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))
