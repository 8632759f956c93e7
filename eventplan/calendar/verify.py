"""The cross-day check: an independent reading of a calendar plan against the calendar.

It shares no code with the model that made the plan (import-linter keeps it from the
candidate, week, rule and plan modules): it recomputes duty times, school days, travel,
hours, weeks and weekends itself from the calendar file's data, and reports every breach.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Protocol

from eventplan.calendar.carried import Carried
from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.model import Calendar, DayRange, Person, post_key

DAY = 1440


class Row(Protocol):
    person: str
    day: date
    key: str
    site: str
    duty: str
    window: str
    post: str
    start: int
    end: int
    travel: int


def verify(
    loaded: LoadedCalendar, rows: Iterable[Row], first: date, carried: Carried | None = None
) -> list[str]:
    """Every breach of the plan, as ``PERSON DATE: rule: what``; empty when it holds.

    ``first`` is the period's first day; ``carried`` what the archive says people worked
    before it: it counts in the rules across days (rest, weekly and monthly hours,
    consecutive days, days off, weekends), and only the plan's breaches are reported.
    """
    people = {person.id: person for person in loaded.people}
    mine: dict[str, list[Row]] = defaultdict(list)
    problems: list[str] = []
    filled: dict[str, int] = defaultdict(int)
    for row in rows:
        if row.person not in people:
            problems.append(f"{row.person} {row.day}: person: not in the calendar")
            continue
        mine[row.person].append(row)
        filled[row.key] += 1
        problems += _duty_matches(loaded, people[row.person], row)
    problems += _not_overfilled(loaded, filled)
    for pid, own in mine.items():
        own.sort(key=lambda r: (r.day, r.start))
        problems += _person_rules(loaded.calendar, people[pid], own, first, carried)
    return problems


def _dates(items: Iterable[object]) -> set[date]:
    found: set[date] = set()
    for item in items:
        if isinstance(item, DayRange):
            span = (item.end - item.start).days
            found.update(item.start + timedelta(days=k) for k in range(span + 1))
        elif isinstance(item, date):
            found.add(item)
    return found


def _school_day(calendar: Calendar, day: date) -> bool:
    school = calendar.school_calendar
    in_term = any(term.start <= day <= term.end for term in school.terms)
    name = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()]
    return in_term and name in school.weekdays and day not in _dates(school.holidays)


def _runs(calendar: Calendar, rule: object, day: date) -> bool:
    name = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()]
    if rule == "school":
        return _school_day(calendar, day)
    if rule in ("daily", "weekdays", "weekends"):
        return rule == "daily" or (rule == "weekends") == (name in ("sat", "sun"))
    return isinstance(rule, tuple) and name in rule


def _travel(calendar: Calendar, station: str, site_id: str) -> int:
    site = next(s for s in calendar.sites if s.id == site_id)
    if station in site.travel:
        return site.travel[station]
    home = next(s for s in calendar.stations if s.id == station)
    la1, la2 = math.radians(home.lat), math.radians(site.lat)
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin(math.radians(site.lon - home.lon) / 2) ** 2
    )
    km = 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))
    return math.ceil(km / calendar.settings.speed_kmh * 60)


def _duty_matches(loaded: LoadedCalendar, person: Person, row: Row) -> list[str]:
    """The row names a real duty of that day, at its times, for the person's role."""
    calendar, at = loaded.calendar, f"{row.person} {row.day}"
    found: list[str] = []
    duty = next((d for d in calendar.duties if d.id == row.duty), None)
    event = next((e for e in calendar.events if e.id == row.duty), None)
    if duty is not None:
        window = next((w for w in duty.windows if w.id == row.window), None)
        runs = _runs(calendar, duty.days, row.day)
        times = window and (window.start, window.end)
        needs = dict(duty.post_needs()).get(row.post)
        if needs is None:
            return [f"{at}: post: '{row.post}' is not a post of '{row.duty}'"]
        roles = {role for need in needs for role in need.roles}
    elif event is not None:
        resolved = loaded.events[event.id]
        runs, times = row.day in event.dates, (resolved.start, resolved.end)
        roles = {role for need in resolved.needs for role in need.roles}
    else:
        return [f"{at}: duty: '{row.duty}' is not in the calendar"]
    if not runs:
        found.append(f"{at}: duty: '{row.duty}' does not run that day")
    if times != (row.start, row.end):
        found.append(f"{at}: duty: times of '{row.duty}/{row.window}' differ from the calendar")
    if person.role not in roles:
        found.append(f"{at}: role: '{person.role}' is not asked for by '{row.duty}'")
    if row.travel != _travel(calendar, person.station, row.site):
        found.append(f"{at}: travel: {row.travel} min, the calendar gives another time")
    if row.day in _dates(person.leave):
        found.append(f"{at}: leave: on duty during leave")
    return found


def _not_overfilled(loaded: LoadedCalendar, filled: dict[str, int]) -> list[str]:
    asked: dict[str, int] = {}
    for duty in loaded.calendar.duties:
        for post, needs in duty.post_needs():
            asked[post_key(duty.id, post)] = sum(n.count for n in needs)
    for event in loaded.calendar.events:
        asked[event.id] = sum(need.count for need in loaded.events[event.id].needs)
    found = []
    for key, count in filled.items():
        duty_id = key.split("/")[1]
        if count > asked.get(duty_id, 0):
            found.append(f"{key}: coverage: {count} people for a need of {asked.get(duty_id, 0)}")
    return found


def _person_rules(
    calendar: Calendar, person: Person, rows: list[Row], first: date, carried: Carried | None
) -> list[str]:
    from eventplan.calendar.verify_contract import contract_breaches

    spans = [
        (
            row.day,
            row.day.toordinal() * DAY + row.start - row.travel,
            row.day.toordinal() * DAY + row.end + row.travel,
            _part(calendar, row),
        )
        for row in rows
    ]
    before = [] if carried is None else carried.of(person.id)
    done = [(s.day, s.leaves, s.returns, s.minutes) for s in before]
    return contract_breaches(calendar, person, spans, first, done)


def _part(calendar: Calendar, row: Row) -> str:
    for duty in calendar.duties:
        if duty.id == row.duty:
            return next((w.part for w in duty.windows if w.id == row.window), "day")
    return "day"
