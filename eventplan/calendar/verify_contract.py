"""The cross-day check of one person's duties against their contract (see ``verify``)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, timedelta

from eventplan.calendar.model import Calendar, Person

#: (day, leaves the station, returns to it, window part), minutes since day 0
Span = tuple[date, int, int, str]


def contract_breaches(
    calendar: Calendar, person: Person, spans: list[Span], first: date
) -> list[str]:
    """Every breach of one person's contract by their duties, in order of time."""
    contract = calendar.contracts[person.contract]
    found: list[str] = []
    found += _overlaps_and_days(person, spans, contract.split_allowed)
    found += _rest(person, spans, round(contract.min_rest_hours * 60))
    found += _hours(person, spans, first, contract.hours_per_week, contract.overtime_cap_hours)
    found += _months(person, spans, contract.hours_per_month)
    days = sorted({span[0] for span in spans})
    found += _runs(person, days, contract.max_consecutive_days, contract.min_days_off)
    found += _weekends(person, days, contract.max_weekends, contract.weekend_period_weeks)
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


def _rest(person: Person, spans: list[Span], rest: int) -> list[str]:
    found = []
    for a, b in itertools.pairwise(spans):
        if a[0] != b[0] and b[1] - a[2] < rest:
            found.append(f"{person.id} {b[0]}: rest: {b[1] - a[2]} min after the last duty")
    return found


def _hours(person: Person, spans: list[Span], first: date, normal: float, cap: float) -> list[str]:
    weeks: dict[int, int] = defaultdict(int)
    for day, leaves, returns, _ in spans:
        weeks[(day - first).days // 7] += returns - leaves
    return [
        f"{person.id} week {week + 1}: weekly hours: {minutes / 60:.1f} h over {normal + cap:g}"
        for week, minutes in sorted(weeks.items())
        if minutes > round((normal + cap) * 60)
    ]


def _months(person: Person, spans: list[Span], limit: float) -> list[str]:
    months: dict[tuple[int, int], int] = defaultdict(int)
    for day, leaves, returns, _ in spans:
        months[day.year, day.month] += returns - leaves
    return [
        f"{person.id} {year}-{month:02}: monthly hours: {minutes / 60:.1f} h over {limit:g}"
        for (year, month), minutes in sorted(months.items())
        if minutes > round(limit * 60)
    ]


def _runs(person: Person, days: list[date], longest: int, least_off: int) -> list[str]:
    found = []
    run = 1
    for a, b in itertools.pairwise(days):
        gap = (b - a).days - 1
        run = run + 1 if gap == 0 else 1
        if run > longest:
            found.append(f"{person.id} {b}: consecutive days: {run} over {longest}")
        if 0 < gap < least_off:
            found.append(f"{person.id} {b}: days off: {gap} in a row, at least {least_off}")
    return found


def _weekends(person: Person, days: list[date], most: int, period: int) -> list[str]:
    saturdays = sorted({d - timedelta(days=d.weekday() - 5) for d in days if d.weekday() >= 5})
    found = []
    for saturday in saturdays:
        window = [s for s in saturdays if 0 <= (saturday - s).days < 7 * period]
        if len(window) > most:
            found.append(
                f"{person.id} {saturday}: weekends: {len(window)} in {period} weeks, at most {most}"
            )
    return found
