"""The planning time grid: slots, phases per day, and the working days shifts stay inside.

Slots are ``event.slot_minutes`` long and lie on the clock grid. The grid covers each day's
working span (first phase start to last phase end; one span for a single-day event, which may
run past midnight); nights between the days of a multi-day event are not planned. Each such
span is a working *day* of the grid: a shift never leaves its day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

from eventplan.scenario import Scenario
from eventplan.scenario.times import Window, expand


@dataclass(frozen=True)
class TimeGrid:
    """Slots of the planning horizon and where each phase falls on them."""

    slot_minutes: int
    starts: tuple[datetime, ...]
    #: (first slot, last slot + 1) of each working day, in time order
    days: tuple[tuple[int, int], ...]
    #: phase id -> sorted slot indexes (all days)
    phase_slots: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: phase id -> its absolute windows (one per day on multi-day events)
    phase_windows: dict[str, tuple[Window, ...]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.starts)

    @property
    def slot(self) -> timedelta:
        return timedelta(minutes=self.slot_minutes)

    @property
    def slot_hours(self) -> float:
        return self.slot_minutes / 60

    def start(self, index: int) -> datetime:
        return self.starts[index]

    def end(self, index: int) -> datetime:
        return self.starts[index] + self.slot

    def index(self, moment: datetime) -> int | None:
        """Index of the slot starting at ``moment``, or None when it is not a slot start."""
        i = bisect_left(self.starts, moment)
        return i if i < len(self.starts) and self.starts[i] == moment else None

    def slots_in(self, start: datetime, end: datetime) -> range:
        """Indexes of the slots lying wholly inside ``[start, end)``."""
        first = bisect_left(self.starts, start)
        last = bisect_right(self.starts, end - self.slot)
        return range(first, max(first, last))

    def day_of(self, index: int) -> int:
        """The working day a slot lies in."""
        return self._day_index[index]

    @cached_property
    def _day_index(self) -> tuple[int, ...]:
        owner = [0] * self.size
        for day, (first, last) in enumerate(self.days):
            for i in range(first, last):
                owner[i] = day
        return tuple(owner)


def build_grid(scenario: Scenario) -> TimeGrid:
    """The time grid of a validated scenario."""
    event = scenario.event
    step = timedelta(minutes=event.slot_minutes)
    windows = {p.id: tuple(expand(p.start, p.end, event.days)) for p in event.phases}
    spans: dict[object, list[datetime]] = {}
    for phase_windows in windows.values():
        for day_index, (start, end) in enumerate(phase_windows):
            key = day_index if event.days else 0
            span = spans.setdefault(key, [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
    starts: list[datetime] = []
    days: list[tuple[int, int]] = []
    for start, end in sorted(spans.values()):
        first = len(starts)
        moment = start
        while moment < end:
            starts.append(moment)
            moment += step
        days.append((first, len(starts)))
    grid = TimeGrid(event.slot_minutes, tuple(starts), tuple(days))
    phase_slots = {
        phase_id: tuple(i for start, end in ws for i in grid.slots_in(start, end))
        for phase_id, ws in windows.items()
    }
    return TimeGrid(event.slot_minutes, tuple(starts), tuple(days), phase_slots, windows)
