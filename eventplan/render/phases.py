"""The phase windows the map switches between: one per phase and day."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eventplan.scenario import Scenario
from eventplan.scenario.times import expand


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
    for entry in plan.get("phases") or ():
        try:
            windows.append(
                PhaseWindow(
                    str(entry["id"]),
                    datetime.fromisoformat(str(entry["start"])).replace(tzinfo=None),
                    datetime.fromisoformat(str(entry["end"])).replace(tzinfo=None),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    if not windows:
        event = scenario.event
        for phase in event.phases:
            windows.extend(
                PhaseWindow(phase.id, start, end)
                for start, end in expand(phase.start, phase.end, event.days)
            )
    return sorted(windows, key=lambda w: (w.start, w.end))


def period_indices(
    scenario: Scenario, windows: list[PhaseWindow], period_ids: Iterable[str] | None
) -> list[int]:
    """Indices of the windows a list of periods covers: phases by id, and the phases that a
    named window (``event.windows``) overlaps (all windows when ``period_ids`` is None)."""
    if period_ids is None:
        return list(range(len(windows)))
    wanted = set(period_ids)
    event = scenario.event
    spans = [
        span
        for named in event.windows
        if named.id in wanted
        for span in expand(named.start, named.end, event.days)
    ]
    return [
        i
        for i, w in enumerate(windows)
        if w.id in wanted or any(w.overlaps(start, end) for start, end in spans)
    ]


def clock(moment: datetime) -> str:
    """``HH:MM`` of a moment."""
    return f"{moment:%H:%M}"


def parse_time(value: Any) -> datetime | None:
    """An ISO date-time from a plan (naive local time), or None when it is not one."""
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except (TypeError, ValueError):
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
