"""Time arithmetic of the checker: whole minutes on one integer axis.

Every moment is held as minutes since 2000-01-01T00:00 on the event clock: real time, read
at the UTC offset the event begins at (:mod:`eventplan.scenario.realtime`), so that lengths,
rests and pay are real time even when clocks change during the event. Slots are aligned to
midnight (the scenario's slot length divides 60, and clocks change only by whole slots), so a
moment is on the slot grid when its minute count is a multiple of the slot length.

Plan files are read, and moments shown, as local times of the event's zone: ``check_plan``
sets the event's clock for the length of a check with :func:`using` (a context variable, so
that the few hundred places that show a time need not carry it); without it, times are read
as they are written, as if clocks never changed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time, timedelta

from eventplan.scenario.model import Scenario
from eventplan.scenario.realtime import UTC_CLOCK, EventClock, local_problem
from eventplan.scenario.times import in_years

EPOCH = datetime(2000, 1, 1)
#: A half-open window ``[start, end)`` in minutes.
Window = tuple[int, int]

_EVENT_CLOCK: ContextVar[EventClock] = ContextVar("event_clock", default=UTC_CLOCK)


@contextmanager
def using(event_clock: EventClock) -> Iterator[None]:
    """Read and show times on an event's clock inside the ``with`` block."""
    token = _EVENT_CLOCK.set(event_clock)
    try:
        yield
    finally:
        _EVENT_CLOCK.reset(token)


def minutes(moment: datetime) -> int:
    """Whole minutes from the epoch to a moment of the event clock (seconds are dropped)."""
    delta = moment - EPOCH
    return delta.days * 1440 + delta.seconds // 60


def at(local: datetime) -> int:
    """Minutes of a local time of the scenario (naive, or with its UTC offset)."""
    return minutes(_EVENT_CLOCK.get().moment(local))


def parse(text: str) -> int:
    """Minutes of a local ISO-8601 date-time such as ``2025-07-12T16:00``, or with its UTC
    offset (``2025-10-26T02:30+01:00``), as plan files write the times of an event during
    which clocks change.

    Raises
    ------
    ValueError
        With a message naming the text, when it is not a date-time in whole minutes, does not
        exist in the event's zone, happens twice there and lacks its offset, or carries an
        offset the zone is not at.
    """
    return _parse(text, _EVENT_CLOCK.get())


@functools.lru_cache(maxsize=1 << 16)
def _parse(text: str, event_clock: EventClock) -> int:
    # Cached: a plan repeats the same few hundred slot times many thousand times.
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{text}' is not a local ISO-8601 date-time") from None
    if len(value) <= 10:
        raise ValueError(f"'{text}' is a date; give a date and time (YYYY-MM-DDTHH:MM)")
    if moment.second or moment.microsecond:
        raise ValueError(f"'{text}' is not in whole minutes")
    in_years(moment)  # (beyond them local and real time cannot always be worked out)
    problem = local_problem(event_clock.zone, moment, offset_only_if_twice=False)
    if problem:
        raise ValueError(problem)
    return minutes(event_clock.moment(moment))


def show(at: int) -> str:
    """A moment as ``2025-07-12T16:00`` (with its UTC offset when clocks change during the
    event)."""
    return _EVENT_CLOCK.get().label(EPOCH + timedelta(minutes=at))


def show_span(start: int, end: int) -> str:
    """A window as ``2025-07-12T16:00-18:30`` (the end in full when on another day), or
    ``2025-03-30T00:00+01:00 to 04:00+02:00`` when times carry their UTC offsets."""
    start_text, end_text = show(start), show(end)
    if end_text[:10] == start_text[:10]:
        end_text = end_text[11:]
    return f"{start_text}{' to ' if len(start_text) > 16 else '-'}{end_text}"


def day(at: int) -> date:
    """The local calendar day of a moment."""
    return _EVENT_CLOCK.get().local(EPOCH + timedelta(minutes=at)).date()


def windows(scenario: Scenario, start: datetime | time, end: datetime | time) -> list[Window]:
    """Absolute windows of a scenario start/end pair (one per day on multi-day events)."""
    spans = _EVENT_CLOCK.get().expand(start, end, scenario.event.days)
    return [(minutes(s), minutes(e)) for s, e in spans]


def phase_windows(scenario: Scenario, phase_ids: Iterable[str] | None = None) -> list[Window]:
    """Windows of the listed phases and event windows (a list of ``phases`` may name either;
    it covers their union), or of every phase when ``phase_ids`` is ``None``."""
    wanted = None if phase_ids is None else set(phase_ids)
    found: list[Window] = []
    for phase in scenario.event.phases:
        if wanted is None or phase.id in wanted:
            found += windows(scenario, phase.start, phase.end)
    if wanted is not None:
        for window in scenario.event.windows:
            if window.id in wanted:
                found += windows(scenario, window.start, window.end)
    return sorted(found)


def named_windows(scenario: Scenario, window_ids: Iterable[str]) -> list[tuple[str, Window]]:
    """Each listed event window with its id, once per day on multi-day events, in time order."""
    wanted = set(window_ids)
    found = [
        (w.id, span)
        for w in scenario.event.windows
        if w.id in wanted
        for span in windows(scenario, w.start, w.end)
    ]
    return sorted(found, key=lambda pair: pair[1])


def horizon(scenario: Scenario) -> Window:
    """From the first phase start to the last phase end, opened early enough for the longest
    briefing (in whole slots) to come before the first phase: whoever is available for the
    whole event is available for that briefing too."""
    spans = phase_windows(scenario)
    slot = scenario.event.slot_minutes
    briefs = [p.briefing or scenario.roles[p.role].briefing for p in scenario.pools]
    lead = max((-(-b.minutes // slot) * slot for b in briefs if b is not None), default=0)
    return min(s for s, _ in spans) - lead, max(e for _, e in spans)


def slot_starts(spans: Iterable[Window], slot: int) -> list[int]:
    """Starts of the slots inside some windows, in order, each once."""
    return sorted({t for start, end in spans for t in range(start, end, slot)})


def merge(spans: Iterable[Window]) -> list[Window]:
    """Windows joined where they touch or overlap."""
    merged: list[Window] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def runs(starts: Iterable[int], slot: int) -> list[Window]:
    """Consecutive slot starts joined into windows."""
    return merge((t, t + slot) for t in starts)


def day_spans(starts: Iterable[int], slot: int) -> list[Window]:
    """From the first slot's start to the last slot's end, on each calendar day."""
    spans: dict[date, Window] = {}
    for t in starts:
        first, last = spans.get(day(t), (t, t + slot))
        spans[day(t)] = (min(first, t), max(last, t + slot))
    return sorted(spans.values())


def show_spans(spans: list[Window], most: int = 4) -> str:
    """Windows for a message: the first ``most`` of them, then how many more there are."""
    shown = ", ".join(show_span(s, e) for s, e in spans[:most])
    return shown + (f" and {len(spans) - most} more" if len(spans) > most else "")
