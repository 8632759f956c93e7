"""Local clock time and real time in the event's timezone.

Scenario and plan files give local times of the event's timezone. Clocks change: when they
spring forward an hour of local times does not exist, when they fall back an hour of them
happens twice, and a time in it is written with its UTC offset to say which
(``2025-10-26T02:30+01:00``). Whatever measures time (the grid's slots, shift lengths, meal
breaks, rest, pay and availability, in the solver and in the checker) works on the *event
clock*: real time, read at the UTC offset in force when the event begins, as a naive
datetime. Where the offset does not change during the event, the event clock reads exactly as
the local clock, so such an event plans as if clocks never changed. :class:`EventClock`
converts between the two; :func:`local_problem` says what is wrong with a local time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from eventplan.scenario.model import Phase, Scenario
from eventplan.scenario.times import END_OF_DAY, Window, expand, on_day

#: Names that load as a zone on many systems but are no place of the IANA database: the
#: machine's own zone (which changes with the machine) and placeholders of the database.
NOT_PLACES = frozenset({"localtime", "posixrules", "Factory"})


@functools.cache
def _iana_names() -> frozenset[str]:
    return frozenset(available_timezones())


def zone_named(name: str) -> ZoneInfo | None:
    """The zone of an IANA name such as ``Europe/Berlin``, or None when it names none."""
    if name in NOT_PLACES or name not in _iana_names():
        return None  # (the database's posix/ and right/ copies are not listed either)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def show_offset(offset: timedelta) -> str:
    """A UTC offset as ISO-8601 writes it: ``+01:00``."""
    minutes = round(offset.total_seconds() / 60)
    hours, rest = divmod(abs(minutes), 60)
    return f"{'-' if minutes < 0 else '+'}{hours:02d}:{rest:02d}"


@functools.cache
def _fixed(offset: timedelta) -> timezone:
    return timezone(offset)


def _show(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")


def _offset_at(zone: tzinfo, utc: datetime) -> timedelta:
    """The zone's UTC offset at a real instant (a naive UTC time)."""
    offset = utc.replace(tzinfo=UTC).astimezone(zone).utcoffset()
    return offset if offset is not None else timedelta(0)


_NO_TIME = timedelta(0)
#: Zones change their clocks by less than this (Samoa skipped a whole day in 2011), and never
#: twice within it: a wall time this far from any change has one reading.
_CHANGE_REACH = timedelta(hours=26)


def _steady(zone: tzinfo, wall: datetime) -> bool:
    """Whether the zone's clocks keep one offset for hours around a naive wall time."""
    try:
        return zone.utcoffset(wall - _CHANGE_REACH) == zone.utcoffset(wall + _CHANGE_REACH)
    except OverflowError:
        return False


def _offsets(zone: tzinfo, wall: datetime) -> tuple[timedelta, timedelta]:
    """The offsets of the first and the second reading of a wall time (PEP 495 ``fold``).

    Equal for an ordinary time; the first is the larger for a time that happens twice, the
    smaller for one in the gap when clocks spring forward.
    """
    first = zone.utcoffset(wall.replace(fold=0)) or timedelta(0)
    return first, zone.utcoffset(wall.replace(fold=1)) or timedelta(0)


def _change(zone: tzinfo, wall: datetime, before: timedelta, after: timedelta) -> str:
    """``from 02:00 to 03:00``: the local clock just before and at the change near ``wall``."""
    lo, hi = wall - max(before, after), wall - min(before, after)  # naive UTC around it
    while hi - lo > timedelta(minutes=1):  # the first minute at the new offset
        middle = lo + timedelta(minutes=(hi - lo) // timedelta(minutes=2))
        if _offset_at(zone, middle) == after:
            hi = middle
        else:
            lo = middle
    old, new = hi + before, hi + after
    if old.date() != new.date():  # (Samoa skipped 30 December 2011 whole)
        return f"from {_show(old)} to {_show(new)}"
    return f"from {old:%H:%M} to {new:%H:%M}"


def local_problem(
    zone: tzinfo, value: datetime, *, offset_only_if_twice: bool, daily: bool = False
) -> str | None:
    """What is wrong with a local time of a zone, or None when it names one moment.

    A time in the gap of a spring-forward night does not exist; one in the hour a fall-back
    night repeats needs its UTC offset, which must be one of its two. With
    ``offset_only_if_twice`` (scenario files) an offset is refused on any other time; without
    it (plan files) it must be the zone's at that time. ``daily`` marks a time of day
    repeated on every day, which cannot carry an offset.
    """
    given = value.utcoffset()
    if given is None and _steady(zone, value):
        return None  # (the common case, first and fast: a file may hold a million times)
    wall = value.replace(tzinfo=None, fold=0)
    first, second = _offsets(zone, wall)
    if first == second and (given is None or (given == first and not offset_only_if_twice)):
        return None
    text, name = _show(wall), getattr(zone, "key", None) or str(zone)
    if first < second:
        return f"{text} does not exist in {name}: clocks go {_change(zone, wall, first, second)}"
    if given is None:
        if first == second:
            return None
        back = (
            f"{text} happens twice in {name} (clocks go back {_change(zone, wall, first, second)})"
        )
        if daily:
            return f"{back}: a time of day repeated every day cannot say which; choose another"
        return (
            f"{back}: write {text}{show_offset(first)} for the first time or "
            f"{text}{show_offset(second)} for the second"
        )
    if first == second and offset_only_if_twice:
        return (
            f"{_show(value)}: give local time in {name}, without a UTC offset (an offset only "
            "tells apart the two readings of a time that happens twice when clocks go back)"
        )
    if given in (first, second):
        return None
    known = (
        show_offset(first) if first == second else f"{show_offset(first)} or {show_offset(second)}"
    )
    return f"{_show(value)}: {name} is at {known} at {text}, not at {show_offset(given)}"


@dataclass(frozen=True)
class EventClock:
    """Converts between local times of the event's zone and moments on the event clock.

    ``reference`` is the UTC offset the event clock reads at; ``offsets`` are the offsets the
    zone is at during the event (more than one when clocks change during it).
    """

    zone: tzinfo
    reference: timedelta = timedelta(0)
    offsets: tuple[timedelta, ...] = ()

    @property
    def name(self) -> str:
        return getattr(self.zone, "key", None) or str(self.zone)

    @property
    def changes(self) -> bool:
        """Whether the offset changes during the event: local times then carry it."""
        return len(self.offsets) > 1

    def moment(self, local: datetime) -> datetime:
        """The moment of a local time (naive, or with its UTC offset) on the event clock.

        A naive time that happens twice is read as its first reading (``fold`` 0 unless set).
        """
        if local.tzinfo is None:  # (arithmetic leaves fold 0)
            return local - (self.zone.utcoffset(local) or _NO_TIME) + self.reference
        return local.replace(tzinfo=None) - (local.utcoffset() or _NO_TIME) + self.reference

    def local(self, moment: datetime) -> datetime:
        """The local time of a moment of the event clock, with its UTC offset.

        The offset is a fixed one (not the zone), so that such times compare and subtract
        in real time: Python compares two times of one zone by their clock readings.
        """
        utc = (moment - self.reference).replace(tzinfo=UTC)
        offset = utc.astimezone(self.zone).utcoffset() or _NO_TIME
        return (utc + offset).replace(tzinfo=_fixed(offset))

    def as_local(self, value: datetime) -> datetime:
        """A local time, naive or with any offset, as :meth:`local` gives it."""
        return self.local(self.moment(value))

    def label(self, moment: datetime) -> str:
        """A moment as plan files write it: ``2025-07-12T16:00``, with its UTC offset
        (``2025-10-26T02:30+01:00``) when clocks change during the event."""
        local = self.local(moment)
        if not self.changes:
            local = local.replace(tzinfo=None)
        return local.isoformat(timespec="seconds" if local.second else "minutes")

    def key(self, value: datetime | time) -> datetime | time:
        """A scenario time made comparable: date-times as moments, times of day as they are."""
        return self.moment(value) if isinstance(value, datetime) else value

    def expand(
        self, start: datetime | time, end: datetime | time, days: tuple[date, ...] | None
    ) -> list[Window]:
        """The windows of a scenario start/end pair (see :func:`~.times.expand`) as moments."""
        return [(self.moment(a), self.moment(b)) for a, b in expand(start, end, days)]


#: The clock of a scenario whose timezone is unknown (reported by validation): local is UTC.
UTC_CLOCK = EventClock(UTC)


def event_clock(scenario: Scenario) -> EventClock:
    """The event clock of a scenario: its zone, and the offsets it is at during the event.

    The event spans each working day's first phase start, less the longest briefing, to its
    last phase end (as the time grid does).
    """
    event = scenario.event
    zone = zone_named(event.timezone)
    if zone is None:
        return UTC_CLOCK
    return _clock(zone, event.phases, event.days, _briefing_lead(scenario))


@functools.lru_cache(maxsize=16)
def _clock(
    zone: ZoneInfo, phases: tuple[Phase, ...], days: tuple[date, ...] | None, lead: int
) -> EventClock:
    instants = [
        (utc, _offset_at(zone, utc))
        for first, last in _working_spans(zone, phases, days)
        for utc in (first - timedelta(minutes=lead), last)
    ]
    if not instants:
        return EventClock(zone)
    reference = min(instants)[1]
    return EventClock(zone, reference, tuple(sorted({offset for _, offset in instants})))


def _utc(zone: tzinfo, local: datetime) -> datetime:
    offset = local.utcoffset() if local.tzinfo is not None else zone.utcoffset(local)
    return local.replace(tzinfo=None, fold=0) - (offset or timedelta(0))


def _working_spans(
    zone: tzinfo, phases: Iterable[Phase], days: tuple[date, ...] | None
) -> list[tuple[datetime, datetime]]:
    """First phase start and last phase end of each day (of the event, when single-day), in
    UTC; phases not of the event's form are left out (validation reports them)."""
    if days is None:
        dated = [p for p in phases if isinstance(p.start, datetime) and isinstance(p.end, datetime)]
        if not dated:
            return []
        starts = [_utc(zone, p.start) for p in dated]  # type: ignore[arg-type]
        return [(min(starts), max(_utc(zone, p.end) for p in dated))]  # type: ignore[arg-type]
    daily = [
        (p.start, p.end)
        for p in phases
        if _time_of_day(p.start) and _time_of_day(p.end) and p.start != END_OF_DAY
    ]
    if not daily:
        return []
    first, last = min(s for s, _ in daily), max(e for _, e in daily)  # type: ignore[type-var]
    return [
        (_utc(zone, on_day(day, first)), _utc(zone, on_day(day, last)))  # type: ignore[arg-type]
        for day in days
    ]


def _time_of_day(value: object) -> bool:
    return isinstance(value, time) and not isinstance(value, datetime)


def _briefing_lead(scenario: Scenario) -> int:
    """Minutes the grid opens before the first phase: the longest briefing, in whole slots."""
    slot = scenario.event.slot_minutes
    longest = 0
    for pool in scenario.pools:
        role = scenario.roles.get(pool.role)
        briefing = pool.briefing or (role.briefing if role else None)
        if briefing is not None:
            longest = max(longest, briefing.minutes)
    return -(-longest // slot) * slot if slot > 0 else longest
