"""Times in the archive: UTC in the tables, local days and nights in the event's timezone.

Plan files write local times of the event's zone, with their UTC offset when the clocks
change during the event; a time without one is read in the zone (its first reading, as every
plan reader does). The archive stores the UTC instant and counts periods in local days.

A **shift** is a person's stints of one event less than :data:`SHIFT_GAP` apart (a meal break
splits a shift into two roster rows; the rest between two shifts is far longer): all its rows
count on the local day the shift starts. **Night hours** are hours worked between
:data:`NIGHT_STARTS` and :data:`NIGHT_ENDS` local time; a shift with at least
:data:`NIGHT_SHIFT_HOURS` of them is a night worked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from eventplan.scenario.realtime import zone_named

#: Stints of one person and event closer than this belong to one shift.
SHIFT_GAP = timedelta(hours=6)
NIGHT_STARTS, NIGHT_ENDS = time(22), time(6)
#: Night hours that make a shift a night worked (the European working-time rule's three).
NIGHT_SHIFT_HOURS = 3.0
_HOUR = timedelta(hours=1)


def zone_of(name: str) -> tzinfo:
    """The zone of an IANA name; UTC for a name that is none (validation has said so)."""
    return zone_named(name) or UTC


def to_utc(value: datetime, zone: tzinfo) -> datetime:
    """A local time of ``zone`` (naive, or with its UTC offset) as a naive UTC date-time."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return aware.astimezone(UTC).replace(tzinfo=None)


def to_local(utc: datetime, zone: tzinfo) -> datetime:
    """A naive UTC date-time as the naive wall-clock time of ``zone``."""
    return utc.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)


def hours_between(start: datetime, end: datetime) -> float:
    """Real hours from ``start`` to ``end`` (naive UTC)."""
    return (end - start) / _HOUR


def night_hours(start: datetime, end: datetime, zone: tzinfo) -> float:
    """Hours of ``[start, end)`` (naive UTC) between 22:00 and 06:00 local time."""
    total = 0.0
    first = to_local(start, zone).date() - timedelta(days=1)
    last = to_local(end, zone).date()
    day = first
    while day <= last:
        night_from = to_utc(datetime.combine(day, NIGHT_STARTS), zone)
        night_to = to_utc(datetime.combine(day + timedelta(days=1), NIGHT_ENDS), zone)
        overlap = min(end, night_to) - max(start, night_from)
        if overlap > timedelta(0):
            total += overlap / _HOUR
        day += timedelta(days=1)
    return total


def shift_days(spans: Sequence[tuple[datetime, datetime]], zone: tzinfo) -> list[date]:
    """The local day of the shift each span of one person and event belongs to, in the order
    given; spans less than :data:`SHIFT_GAP` apart form one shift."""
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    days: list[date] = [date.min] * len(spans)
    shift_day, shift_end = date.min, datetime.min
    for i in order:
        start, end = spans[i]
        if start - shift_end >= SHIFT_GAP:
            shift_day = to_local(start, zone).date()
        shift_end = max(shift_end, end)
        days[i] = shift_day
    return days


def weekend_of(day: date) -> date | None:
    """The Saturday of the weekend ``day`` falls on, or None on a weekday."""
    if day.weekday() == 5:
        return day
    if day.weekday() == 6:
        return day - timedelta(days=1)
    return None
