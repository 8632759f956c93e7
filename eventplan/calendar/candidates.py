"""Which duties each person may be given: the reach of their station, their role, their leave.

Offering every person every school would make a week's model a hundred times larger and buy
nothing: nobody crosses the district for a forty-minute gate duty. Each station is offered the
recurring duties of every site it is the nearest station to (so no site is out of everyone's
reach) and of its ``nearest_sites`` nearest other sites; events are offered to everyone.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from eventplan.calendar.days import DutyDay, date_set
from eventplan.calendar.loader import LoadedCalendar


class Option(NamedTuple):
    """One way a person can serve: a duty of a day, through one of its needs (a tuple: a
    district week has a hundred thousand of them)."""

    person: int
    day: int
    duty: DutyDay
    need: int
    travel: int
    #: minutes from the week's first midnight: leaving the station, back at it
    leaves: int = 0
    returns: int = 0
    #: duty time with the travel there and back
    minutes: int = 0


def station_reach(
    loaded: LoadedCalendar, travel: dict[tuple[str, str], int]
) -> dict[str, set[str]]:
    """The sites whose recurring duties each station is offered."""
    calendar = loaded.calendar
    stations = [s.id for s in calendar.stations]
    reach: dict[str, set[str]] = {}
    for station in stations:
        ranked = sorted(calendar.sites, key=lambda site: (travel[station, site.id], site.id))
        reach[station] = {site.id for site in ranked[: calendar.settings.nearest_sites]}
    recurring = {duty.site for duty in calendar.duties}
    reach = {station: sites & recurring for station, sites in reach.items()}
    for site in calendar.sites:
        nearest = min(stations, key=lambda station: (travel[station, site.id], station))
        if site.id in recurring:
            reach[nearest].add(site.id)
    return reach


def options_for(
    loaded: LoadedCalendar,
    days: list[date],
    duties: dict[date, list[DutyDay]],
    reach: dict[str, set[str]],
) -> list[Option]:
    """Every option of every person on the given days."""
    travel = loaded.travel
    at_site: dict[tuple[int, str], list[DutyDay]] = {}
    events: dict[int, list[DutyDay]] = {}
    for d, day in enumerate(days):
        events[d] = [duty for duty in duties[day] if duty.event]
        for duty in duties[day]:
            if not duty.event:
                at_site.setdefault((d, duty.site), []).append(duty)
    # What a person may take depends on their station, role and day only: worked out once.
    offers: dict[tuple[str, str, int], list[tuple[Any, ...]]] = {}
    found: list[Option] = []
    for index, person in enumerate(loaded.people):
        away = date_set(person.leave) if person.leave else set()
        for d, day in enumerate(days):
            if day in away:
                continue
            key = (person.station, person.role, d)
            if key not in offers:
                sites = sorted(reach[person.station])
                offered = [duty for site in sites for duty in at_site.get((d, site), [])]
                offers[key] = [
                    fit
                    for duty in [*offered, *events[d]]
                    for fit in _fits(person.role, d, duty, travel[person.station, duty.site])
                ]
            found.extend(Option(index, *fit) for fit in offers[key])
    return found


def _fits(role: str, d: int, duty: DutyDay, minutes: int) -> list[tuple[Any, ...]]:
    """Each need of a duty the role may serve, as an option's fields after the person."""
    leaves, returns = d * 1440 + duty.start - minutes, d * 1440 + duty.end + minutes
    return [
        (d, duty, n, minutes, leaves, returns, returns - leaves)
        for n, need in enumerate(duty.needs)
        if role in need.roles
    ]
