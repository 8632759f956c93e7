"""Times in a scenario: parsing, and turning phase specs into absolute windows.

A single-day event gives its times as local ISO-8601 date-times (``2025-07-12T16:00``). A
multi-day event (``event.days``) gives phase and arrival times as ``HH:MM`` that repeat on every
day; pool availability may then be either. Times are local times of the event's timezone,
written without a UTC offset, except a date-time in the hour that clocks falling back repeat,
which carries its offset to say which of the two it is (``2025-10-26T02:30+01:00``); whether
each time exists in the zone is checked across the document, and real time is measured on
the event clock (:mod:`eventplan.scenario.realtime`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from eventplan.scenario.findings import shorten

Window = tuple[datetime, datetime]

#: ``24:00`` ends a day; it is kept as this marker and becomes the next midnight on expansion.
END_OF_DAY = time(23, 59, 59, 999999)
#: The years events are planned in: far enough from the ends of the calendar that local
#: times, the next midnight and the real time between them can always be worked out.
YEARS = (1900, 2999)


def in_years(day: date) -> date:
    """``day``, when it lies in :data:`YEARS`; else ``ValueError``."""
    if not YEARS[0] <= day.year <= YEARS[1]:
        text = format_when(day) if isinstance(day, datetime) else day.isoformat()
        raise ValueError(f"'{text}' is not in the years {YEARS[0]} to {YEARS[1]}")
    return day


def parse_when(value: object) -> datetime | time:
    """Parse a scenario time: an ISO date-time or an ``HH:MM`` time of day.

    Raises ``ValueError`` with a message a planner can act on.
    """
    if isinstance(value, str):
        value = _parse_text(value)
    if isinstance(value, time) and value.tzinfo is not None:
        raise ValueError("give a time of day in the event's timezone, without a UTC offset")
    if isinstance(value, datetime):
        in_years(value)
    if isinstance(value, datetime | time):
        return value  # (an offset on a date-time is checked against the zone across the file)
    if isinstance(value, date):
        raise ValueError(f"'{value}' is a date; give a date and time such as {value}T08:00")
    raise ValueError(f"expected a time as text (YYYY-MM-DDTHH:MM or HH:MM), got {shorten(value)}")


def _parse_text(value: str) -> datetime | time:
    text = value.strip()
    if text == "24:00":
        return END_OF_DAY
    if len(text) <= 8 and ":" in text and "-" not in text:
        try:
            return time.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{shorten(value)} is not a time of day (HH:MM)") from None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        pass
    else:  # datetime.fromisoformat would quietly read a bare date as midnight
        raise ValueError(f"'{day}' is a date; give a date and time such as {day}T08:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{shorten(value)} is not a local ISO-8601 date-time (YYYY-MM-DDTHH:MM) or HH:MM"
        ) from None


def format_when(value: datetime | time) -> str:
    """Format a scenario time back to text (inverse of :func:`parse_when`)."""
    if value == END_OF_DAY:
        return "24:00"
    exact = value.second or value.microsecond  # only in times off the grid, shown in errors
    return value.isoformat(timespec="seconds" if exact else "minutes")


def on_day(day: date, value: time) -> datetime:
    """The absolute moment of a time of day on a given day (``24:00`` is the next midnight)."""
    if value == END_OF_DAY:
        return datetime.combine(day + timedelta(days=1), time(0, 0))
    return datetime.combine(day, value)


def expand(
    start: datetime | time, end: datetime | time, days: tuple[date, ...] | None
) -> list[Window]:
    """Absolute windows of a start/end pair: one per day for ``HH:MM`` times, else one.

    Mixed forms (one date-time, one time of day) expand to nothing: validation reports them.
    """
    if isinstance(start, datetime) and isinstance(end, datetime):
        return [(start, end)]
    if isinstance(start, time) and isinstance(end, time) and not isinstance(start, datetime):
        return [(on_day(day, start), on_day(day, end)) for day in (days or ())]
    return []


def minutes_of_day(moment: datetime | time) -> int:
    """Minutes since midnight, used to check that a time lies on the slot grid."""
    if isinstance(moment, time) and moment == END_OF_DAY:
        return 24 * 60
    return moment.hour * 60 + moment.minute


def on_grid(moment: datetime | time, slot_minutes: int) -> bool:
    """Whether a time falls on a slot boundary (whole minutes, a multiple of the slot)."""
    if isinstance(moment, time) and moment == END_OF_DAY:
        return True
    if moment.second or moment.microsecond:
        return False
    return minutes_of_day(moment) % slot_minutes == 0
