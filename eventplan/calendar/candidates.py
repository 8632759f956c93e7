"""Which duties each person may be given: the reach of their station, their role, their leave.

Offering every person every school would make a week's model a hundred times larger and buy
nothing: nobody crosses the district for a forty-minute gate duty. Each station is offered the
recurring duties of every site it is the nearest station to (so no site is out of everyone's
reach) and of its ``nearest_sites`` nearest other sites; events are offered to everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventplan.calendar.days import DutyDay, date_set, travel_table
from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.model import Person


@dataclass(frozen=True)
class Option:
    """One way a person can serve: a duty of a day, through one of its needs."""

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
    travel = travel_table(loaded.calendar)
    at_site: dict[tuple[int, str], list[DutyDay]] = {}
    events: dict[int, list[DutyDay]] = {}
    for d, day in enumerate(days):
        events[d] = [duty for duty in duties[day] if duty.event]
        for duty in duties[day]:
            if not duty.event:
                at_site.setdefault((d, duty.site), []).append(duty)
    found: list[Option] = []
    for index, person in enumerate(loaded.people):
        away = date_set(person.leave)
        sites = sorted(reach[person.station])
        for d, day in enumerate(days):
            if day in away:
                continue
            offered = [duty for site in sites for duty in at_site.get((d, site), [])]
            for duty in [*offered, *events[d]]:
                found.extend(_fits(person, index, d, duty, travel[person.station, duty.site]))
    return found


def _fits(person: Person, index: int, d: int, duty: DutyDay, minutes: int) -> list[Option]:
    leaves, returns = d * 1440 + duty.start - minutes, d * 1440 + duty.end + minutes
    return [
        Option(index, d, duty, n, minutes, leaves, returns, returns - leaves)
        for n, need in enumerate(duty.needs)
        if person.role in need.roles
    ]
