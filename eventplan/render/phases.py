"""The phase windows the map switches between: one per phase and day.

Times on the map are local times with their UTC offsets (:meth:`EventClock.local`): shown by
their local clock readings, compared and subtracted in real time.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eventplan.scenario import Scenario
from eventplan.scenario.realtime import EventClock, event_clock


@dataclass(frozen=True, slots=True)
class PhaseWindow:
    """One phase on one day, as an absolute window ``[start, end)``."""

    id: str
    start: datetime
    end: datetime

    @property
    def day(self) -> str:
        return self.start.date().isoformat()

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return start < self.end and self.start < end


def phase_windows(scenario: Scenario, plan: Mapping[str, Any]) -> list[PhaseWindow]:
    """The plan's ``phases`` in time order, or the scenario's phases when the plan has none."""
    windows: list[PhaseWindow] = []
    times = event_clock(scenario)
    for entry in plan.get("phases") or ():
        try:
            key, start, end = str(entry["id"]), entry["start"], entry["end"]
        except (KeyError, TypeError):
            continue
        start, end = parse_time(start, times), parse_time(end, times)
        if start is not None and end is not None:
            windows.append(PhaseWindow(key, start, end))
    if not windows:
        event = scenario.event
        for phase in event.phases:
            windows.extend(
                PhaseWindow(phase.id, start, end)
                for start, end in _local_windows(times, phase.start, phase.end, event.days)
            )
    return sorted(windows, key=lambda w: (w.start, w.end))


def _local_windows(times: EventClock, start: Any, end: Any, days: Any) -> list[tuple[Any, Any]]:
    """A scenario start/end pair's windows as local times with their offsets."""
    return [(times.local(a), times.local(b)) for a, b in times.expand(start, end, days)]


def period_indices(
    scenario: Scenario, windows: list[PhaseWindow], period_ids: Iterable[str] | None
) -> list[int]:
    """Indices of the windows a list of periods covers: phases by id, and the phases that a
    named window (``event.windows``) overlaps (all windows when ``period_ids`` is None)."""
    if period_ids is None:
        return list(range(len(windows)))
    wanted = set(period_ids)
    event, times = scenario.event, event_clock(scenario)
    spans = [
        span
        for named in event.windows
        if named.id in wanted
        for span in _local_windows(times, named.start, named.end, event.days)
    ]
    return [
        i
        for i, w in enumerate(windows)
        if w.id in wanted or any(w.overlaps(start, end) for start, end in spans)
    ]


def clock(moment: datetime) -> str:
    """``HH:MM`` of a moment."""
    return f"{moment:%H:%M}"


def parse_time(value: Any, times: EventClock) -> datetime | None:
    """An ISO date-time from a plan (local time of the event's zone, with or without its UTC
    offset) as a local time with its offset, or None when it is not one."""
    try:
        return times.as_local(datetime.fromisoformat(str(value).strip()))
    except (TypeError, ValueError, OverflowError):
        return None


class WindowIndex:
    """Finds the windows an interval overlaps (windows are few; intervals are many)."""

    def __init__(self, windows: list[PhaseWindow]) -> None:
        self._windows = windows
        self._starts = [w.start for w in windows]
        self._cache: dict[tuple[datetime, datetime], tuple[int, ...]] = {}

    def overlapping(self, start: datetime, end: datetime) -> tuple[int, ...]:
        key = (start, end)
        found = self._cache.get(key)
        if found is None:
            last = bisect.bisect_left(self._starts, end)
            found = tuple(i for i in range(last) if self._windows[i].overlaps(start, end))
            self._cache[key] = found
        return found
