"""The cross-day check of one person's duties against their contract (see ``verify``)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from eventplan.calendar.carried import week_of
from eventplan.calendar.model import Calendar, Person

#: (day, leaves the station, returns to it, window part), minutes since day 0
Span = tuple[date, int, int, str]
#: work before the period, from the archive: (day, leaves, returns, minutes worked)
Done = tuple[date, int, int, int]


def contract_breaches(
    calendar: Calendar, person: Person, spans: list[Span], first: date, done: Sequence[Done] = ()
) -> list[str]:
    """Every breach of one person's contract by their duties, in order of time; the work
    ``done`` before ``first`` counts, but only breaches on the plan's days are reported."""
    contract = calendar.contracts[person.contract]
    done = [d for d in done if d[0] < first]
    found: list[str] = []
    found += _overlaps_and_days(person, spans, contract.split_allowed)
    found += _rest(person, spans, round(contract.min_rest_hours * 60), done)
    cap = contract.hours_per_week + contract.overtime_cap_hours
    found += _hours(person, spans, done, cap)
    found += _months(person, spans, done, contract.hours_per_month)
    planned = {span[0] for span in spans}
    days = sorted(planned | {d[0] for d in done})
    found += _runs(person, days, planned, contract.max_consecutive_days, contract.min_days_off)
    found += _weekends(person, days, planned, contract.max_weekends, contract.weekend_period_weeks)
    return found


def _overlaps_and_days(person: Person, spans: list[Span], split: bool) -> list[str]:
    found = []
    for a, b in itertools.pairwise(spans):
        if b[1] < a[2]:
            found.append(f"{person.id} {b[0]}: overlap: two duties at once (travel included)")
    per_day: dict[date, list[str]] = defaultdict(list)
    for day, _, _, part in spans:
        per_day[day].append(part)
    for day, parts in per_day.items():
        is_split = sorted(parts) == ["afternoon", "morning"]
        if len(parts) > 1 and not (split and is_split):
            found.append(f"{person.id} {day}: one duty a day: {len(parts)} duties")
    return found


def _rest(person: Person, spans: list[Span], rest: int, done: Sequence[Done]) -> list[str]:
    found = []
    gap = spans[0][1] - max(d[2] for d in done) if done and spans else rest
    if gap < rest:
        found.append(f"{person.id} {spans[0][0]}: rest: {gap} min after work before the period")
    for a, b in itertools.pairwise(spans):
        if a[0] != b[0] and b[1] - a[2] < rest:
            found.append(f"{person.id} {b[0]}: rest: {b[1] - a[2]} min after the last duty")
    return found


def _hours(person: Person, spans: list[Span], done: Sequence[Done], cap: float) -> list[str]:
    """Per contract week, Monday to Sunday, the work before the period included."""
    planned: dict[date, int] = defaultdict(int)
    before: dict[date, int] = defaultdict(int)
    for day, leaves, returns, _ in spans:
        planned[week_of(day)] += returns - leaves
    for day, _, _, minutes in done:
        before[week_of(day)] += minutes
    return [
        f"{person.id} week of {monday}: weekly hours: "
        f"{(minutes + before[monday]) / 60:.1f} h over {cap:g}{_earlier(before[monday])}"
        for monday, minutes in sorted(planned.items())
        if minutes + before[monday] > round(cap * 60)
    ]


def _months(person: Person, spans: list[Span], done: Sequence[Done], limit: float) -> list[str]:
    planned: dict[tuple[int, int], int] = defaultdict(int)
    before: dict[tuple[int, int], int] = defaultdict(int)
    for day, leaves, returns, _ in spans:
        planned[day.year, day.month] += returns - leaves
    for day, _, _, minutes in done:
        before[day.year, day.month] += minutes
    return [
        f"{person.id} {year}-{month:02}: monthly hours: "
        f"{(minutes + before[year, month]) / 60:.1f} h over {limit:g}"
        f"{_earlier(before[year, month])}"
        for (year, month), minutes in sorted(planned.items())
        if minutes + before[year, month] > round(limit * 60)
    ]


def _earlier(minutes: int) -> str:
    return f" ({minutes / 60:.1f} h of it before the period)" if minutes else ""


def _runs(
    person: Person, days: list[date], planned: set[date], longest: int, least_off: int
) -> list[str]:
    found = []
    run = 1
    for a, b in itertools.pairwise(days):
        gap = (b - a).days - 1
        run = run + 1 if gap == 0 else 1
        if b not in planned:
            continue
        if run > longest:
            found.append(f"{person.id} {b}: consecutive days: {run} over {longest}")
        if 0 < gap < least_off:
            found.append(f"{person.id} {b}: days off: {gap} in a row, at least {least_off}")
    return found


def _weekends(
    person: Person, days: list[date], planned: set[date], most: int, period: int
) -> list[str]:
    saturdays = sorted({d - timedelta(days=d.weekday() - 5) for d in days if d.weekday() >= 5})
    mine = {d - timedelta(days=d.weekday() - 5) for d in planned if d.weekday() >= 5}
    found = []
    for saturday in saturdays:
        window = [s for s in saturdays if 0 <= (saturday - s).days < 7 * period]
        if saturday in mine and len(window) > most:
            found.append(
                f"{person.id} {saturday}: weekends: {len(window)} in {period} weeks, at most {most}"
            )
    return found
