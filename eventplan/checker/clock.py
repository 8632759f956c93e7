"""Time arithmetic of the checker: whole minutes on one integer axis.

Every moment is held as minutes since 2000-01-01T00:00 local time. Slots are aligned to
midnight (the scenario's slot length divides 60), so a moment is on the slot grid when its
minute count is a multiple of the slot length.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from eventplan.scenario.model import Scenario
from eventplan.scenario.times import expand

EPOCH = datetime(2000, 1, 1)
#: A half-open window ``[start, end)`` in minutes.
Window = tuple[int, int]


def minutes(moment: datetime) -> int:
    """Whole minutes from the epoch to a moment (seconds are dropped)."""
    delta = moment - EPOCH
    return delta.days * 1440 + delta.seconds // 60


@functools.lru_cache(maxsize=1 << 16)
def parse(text: str) -> int:
    """Minutes of a local ISO-8601 date-time such as ``2025-07-12T16:00``.

    Cached: a plan repeats the same few hundred slot times many thousand times.

    Raises
    ------
    ValueError
        With a message naming the text, when it is not a local date-time in whole minutes.
    """
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{text}' is not a local ISO-8601 date-time") from None
    if len(value) <= 10:
        raise ValueError(f"'{text}' is a date; give a date and time (YYYY-MM-DDTHH:MM)")
    if moment.tzinfo is not None:
        raise ValueError(f"'{text}' carries a UTC offset; give local time")
    if moment.second or moment.microsecond:
        raise ValueError(f"'{text}' is not in whole minutes")
    return minutes(moment)


def show(at: int) -> str:
    """A moment as ``2025-07-12T16:00``."""
    return (EPOCH + timedelta(minutes=at)).isoformat(timespec="minutes")


def show_span(start: int, end: int) -> str:
    """A window as ``2025-07-12T16:00-18:30`` (the end in full when on another day)."""
    end_text = show(end)
    if end_text[:10] == show(start)[:10]:
        end_text = end_text[11:]
    return f"{show(start)}-{end_text}"


def day(at: int) -> date:
    """The calendar day of a moment."""
    return (EPOCH + timedelta(minutes=at)).date()


def windows(scenario: Scenario, start: datetime | time, end: datetime | time) -> list[Window]:
    """Absolute windows of a scenario start/end pair (one per day on multi-day events)."""
    return [(minutes(s), minutes(e)) for s, e in expand(start, end, scenario.event.days)]


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
