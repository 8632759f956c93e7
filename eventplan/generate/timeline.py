"""The event's timeline: days, phases and the arrival profile, on the slot grid.

Each day's planned span ends at midnight and holds four phases in the proportions of a stadium
concert (setup 8 h, ingress 3.5 h, show 3 h, egress 1.5 h when the span is 16 h): the crowd
arrives over the ingress in three waves (25 %, 55 %, 20 %), the middle one the peak. Times are
written as ISO date-times on one-day events and as ``HH:MM`` (repeated each day) otherwise.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from eventplan.generate.spec import Spec

#: Shares of the planned span, from its end backwards: egress, show, ingress; setup is the rest.
PHASE_SHARES = (("egress", 1.5 / 16), ("show", 3.0 / 16), ("ingress", 3.5 / 16))
#: Arrival waves over the ingress: (share of the ingress time, share of the crowd).
ARRIVAL_WAVES = ((0.40, 0.25), (0.45, 0.55), (0.15, 0.20))
DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class Timeline:
    """Phases and arrivals in minutes of the day, and the days they repeat on."""

    days: tuple[date, ...]
    slot_minutes: int
    #: (phase id, start minute, end minute), in time order
    phases: tuple[tuple[str, int, int], ...]
    #: (start minute, end minute, share of the crowd)
    arrivals: tuple[tuple[int, int, float], ...]

    @property
    def start(self) -> int:
        return self.phases[0][1]

    @property
    def end(self) -> int:
        return self.phases[-1][2]

    def phase(self, phase_id: str) -> tuple[int, int]:
        return next((a, b) for p, a, b in self.phases if p == phase_id)

    def on_grid(self, minute: int) -> int:
        """The slot boundary at or before a minute of the day."""
        return minute - minute % self.slot_minutes

    def when(self, minute: int) -> str:
        """A minute of the day written as the scenario wants it (clamped to the span)."""
        minute = max(0, min(DAY_MINUTES, minute))
        if len(self.days) > 1:
            return "24:00" if minute == DAY_MINUTES else f"{minute // 60:02d}:{minute % 60:02d}"
        moment = datetime.combine(self.days[0], datetime.min.time()) + timedelta(minutes=minute)
        return moment.isoformat(timespec="minutes")


def build_timeline(spec: Spec, rng: random.Random) -> Timeline:
    """Days and phases of the event; phase edges fall on the half hour (or the slot grid)."""
    slot = spec.slot_minutes
    step = 30 if 30 % slot == 0 else 60
    span = spec.hours * 60
    start = DAY_MINUTES - span
    first_day = date(2026, 5, 1) + timedelta(days=rng.randrange(150))
    days = tuple(first_day + timedelta(days=i) for i in range(spec.days))
    edges = [DAY_MINUTES]
    for _phase, share in PHASE_SHARES:
        length = max(step, round(span * share / step) * step)
        edges.append(edges[-1] - length)
    edges.append(start)
    edges.reverse()  # start, setup end, ingress end, show end, end
    names = ("setup", "ingress", "show", "egress")
    phases = tuple(
        (name, a, b) for name, a, b in zip(names, edges, edges[1:], strict=False) if a < b
    )
    return Timeline(days, slot, phases, _arrivals(*_span_of(phases, "ingress"), slot))


def _span_of(phases: tuple[tuple[str, int, int], ...], name: str) -> tuple[int, int]:
    return next((a, b) for p, a, b in phases if p == name)


def _arrivals(start: int, end: int, slot: int) -> tuple[tuple[int, int, float], ...]:
    """The three arrival waves on the slot grid; waves too short for a slot merge forward."""
    cuts = [start]
    elapsed = 0.0
    for part, _share in ARRIVAL_WAVES[:-1]:
        elapsed += part
        cuts.append(start + round((end - start) * elapsed / slot) * slot)
    cuts.append(end)
    waves: list[list[float]] = []
    carried = 0.0
    for (a, b), (_part, share) in zip(itertools.pairwise(cuts), ARRIVAL_WAVES, strict=True):
        if a >= b:
            carried += share
            continue
        waves.append([a, b, share + carried])
        carried = 0.0
    if carried:
        waves[-1][2] += carried
    return tuple((int(a), int(b), round(share, 4)) for a, b, share in waves)
