"""The planning time grid: slots, phases per day, and the working days shifts stay inside.

Slots are ``event.slot_minutes`` of real time, one after another, on the event clock
(:mod:`eventplan.scenario.realtime`): where clocks change during the event, the local times
of the slots jump (01:45, 03:00) or repeat (02:00 +02:00, 02:00 +01:00), and a count of slots
is always real time. The grid covers each day's working span (first phase start to last phase
end; one span for a single-day event, which may run past midnight); nights between the days
of a multi-day event are not planned. Each such span is a working *day* of the grid: a shift
never leaves its day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

import numpy as np

from eventplan.scenario import Scenario
from eventplan.scenario.model import Briefing
from eventplan.scenario.realtime import UTC_CLOCK, EventClock, event_clock
from eventplan.scenario.times import Window

#: Minutes on the event clock are counted from here (a naive moment, never the machine's zone).
EPOCH = datetime(1970, 1, 1)


def minutes(moment: datetime) -> float:
    """Minutes from the epoch to a moment of the event clock: differences are real time."""
    return (moment - EPOCH).total_seconds() / 60


@dataclass(frozen=True)
class TimeGrid:
    """Slots of the planning horizon and where each phase falls on them (moments on the
    event clock; :meth:`label` writes them as local times)."""

    slot_minutes: int
    starts: tuple[datetime, ...]
    #: (first slot, last slot + 1) of each working day, in time order
    days: tuple[tuple[int, int], ...]
    #: phase id -> sorted slot indexes (all days)
    phase_slots: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: phase id -> its absolute windows (one per day on multi-day events)
    phase_windows: dict[str, tuple[Window, ...]] = field(default_factory=dict)
    #: the same for the named windows of ``event.windows``
    window_slots: dict[str, tuple[int, ...]] = field(default_factory=dict)
    named_windows: dict[str, tuple[Window, ...]] = field(default_factory=dict)
    clock: EventClock = UTC_CLOCK

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

    def label(self, moment: datetime) -> str:
        """A moment as the plan files write it (local time; with its offset when clocks
        change during the event)."""
        return self.clock.label(moment)

    def start_label(self, index: int) -> str:
        """:meth:`label` of a slot's start."""
        return self._labels[0][index]

    def end_label(self, index: int) -> str:
        """:meth:`label` of a slot's end."""
        return self._labels[1][index]

    @cached_property
    def _labels(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        starts = tuple(self.clock.label(moment) for moment in self.starts)
        return starts, tuple(self.clock.label(self.end(i)) for i in range(self.size))

    def index(self, moment: datetime) -> int | None:
        """Index of the slot starting at ``moment``, or None when it is not a slot start."""
        i = bisect_left(self.starts, moment)
        return i if i < len(self.starts) and self.starts[i] == moment else None

    def slots_in(self, start: datetime, end: datetime) -> range:
        """Indexes of the slots lying wholly inside ``[start, end)``."""
        first = bisect_left(self.starts, start)
        last = bisect_right(self.starts, end - self.slot)
        return range(first, max(first, last))

    def period_slots(self, ids: Iterable[str]) -> tuple[int, ...]:
        """Sorted slots of the union of some phases and named windows."""
        slots: set[int] = set()
        for key in ids:
            slots.update(self.phase_slots.get(key, ()) or self.window_slots.get(key, ()))
        return tuple(sorted(slots))

    def period_mask(self, ids: Iterable[str]) -> np.ndarray:
        """0/1 per slot: whether it lies in any of some phases and named windows."""
        mask = np.zeros(self.size, dtype=np.int64)
        mask[list(self.period_slots(ids))] = 1
        return mask

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
    """The time grid of a validated scenario.

    Each working day spans its phases; when some shifts start with a briefing, the day starts
    that much earlier, so that the first shift can be briefed before the first need.
    """
    event, clock = scenario.event, event_clock(scenario)
    step = timedelta(minutes=event.slot_minutes)
    windows = {p.id: tuple(clock.expand(p.start, p.end, event.days)) for p in event.phases}
    lead = briefing_lead(scenario) * step
    spans: dict[object, list[datetime]] = {}
    for phase_windows in windows.values():
        for day_index, (start, end) in enumerate(phase_windows):
            key = day_index if event.days else 0
            span = spans.setdefault(key, [start - lead, end])
            span[0], span[1] = min(span[0], start - lead), max(span[1], end)
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
    named = {w.id: tuple(clock.expand(w.start, w.end, event.days)) for w in event.windows}
    return TimeGrid(
        event.slot_minutes,
        tuple(starts),
        tuple(days),
        _slots_of(grid, windows),
        windows,
        _slots_of(grid, named),
        named,
        clock,
    )


def _slots_of(grid: TimeGrid, windows: dict[str, tuple[Window, ...]]) -> dict[str, tuple[int, ...]]:
    return {
        key: tuple(i for start, end in ws for i in grid.slots_in(start, end))
        for key, ws in windows.items()
    }


def briefing_lead(scenario: Scenario) -> int:
    """Slots of the longest briefing any pool gives before a shift (0 without briefings)."""
    slot = scenario.event.slot_minutes
    longest = max((b.minutes for b in briefings(scenario).values()), default=0)
    return -(-longest // slot)


def briefings(scenario: Scenario) -> dict[str, Briefing]:
    """The briefing of each pool that has one (its own, else its role's)."""
    out = {}
    for pool in scenario.pools:
        briefing = pool.briefing or scenario.roles[pool.role].briefing
        if briefing is not None:
            out[pool.id] = briefing
    return out
