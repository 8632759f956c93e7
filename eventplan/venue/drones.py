"""Drone rotation: sorties that keep ``count`` drones over the watch nodes, and their pilots.

Each drone entry keeps ``count`` *positions* airborne without a gap through its phases (windows
from :func:`eventplan.scenario.times.expand`; phases that touch form one stretch). A position
is flown by a chain of sorties of at most ``endurance_minutes``; the relief launches as the
drone it relieves leaves station (``handover_minutes`` earlier when an overlap is wanted). An
airframe that lands is busy ``swap_minutes`` (landing, battery swap, checks) before it can fly
again, so one position alone needs ``ceil((endurance + swap) / endurance)`` airframes.

Positions are staggered by default -- position ``j`` of ``n`` first flies a short sortie of
``floor(j x endurance / n)`` minutes -- so reliefs do not all fall at once and airframes can
serve several positions: ``airframes_needed`` is the most airframes flying or on the ground
being turned round at any moment (sorties are given airframes in order of launch, the lowest
free number first, which attains that count). Each airborne drone needs one pilot; during a
handover overlap both pilots count.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any, NamedTuple

import numpy as np

from eventplan.scenario.model import Drone, Scenario
from eventplan.scenario.realtime import UTC_CLOCK, EventClock, event_clock
from eventplan.scenario.times import Window


class PilotWindow(NamedTuple):
    """A stretch of time with a constant number of pilots flying."""

    start: datetime
    end: datetime
    pilots: int


@dataclass(frozen=True, slots=True)
class Sortie:
    """One flight: ``position`` and ``airframe`` count from 1."""

    position: int
    airframe: int
    watch: tuple[str, ...]
    start: datetime
    end: datetime

    def to_json(self, clock: EventClock = UTC_CLOCK) -> dict[str, Any]:
        """An entry of a drone's ``sorties`` in plan.json (local times of ``clock``)."""
        return {
            "position": self.position,
            "airframe": self.airframe,
            "watch": list(self.watch),
            "start": clock.label(self.start),
            "end": clock.label(self.end),
        }


@dataclass(frozen=True, slots=True)
class DronePlan:
    """The rotation of one drone entry.

    Parameters
    ----------
    drone_id, pilot_role
        From the scenario.
    sorties
        Every flight, in order of launch.
    pilot_windows
        Pilots flying over time (only stretches with at least one).
    airframes_needed
        Most airframes in use at once (flying or being turned round).
    airframes_per_position
        ``ceil((endurance + swap) / (endurance - handover))``: what one position needs alone.
    """

    drone_id: str
    pilot_role: str
    sorties: tuple[Sortie, ...]
    pilot_windows: tuple[PilotWindow, ...]
    airframes_needed: int
    airframes_per_position: int
    #: the event clock its times are on (they are written as its local times)
    clock: EventClock = UTC_CLOCK

    def pilots_per_slot(self, starts: Sequence[datetime], slot: timedelta) -> np.ndarray:
        """Most pilots flying at any moment of each slot ``[start, start + slot)``."""
        out = np.zeros(len(starts), dtype=np.int64)
        for i, start in enumerate(starts):
            end = start + slot
            out[i] = max(
                (w.pilots for w in self.pilot_windows if w.start < end and start < w.end), default=0
            )
        return out

    def to_json(self) -> dict[str, Any]:
        """An entry of plan.json ``drones``."""
        label = self.clock.label
        return {
            "id": self.drone_id,
            "pilot_role": self.pilot_role,
            "airframes_needed": self.airframes_needed,
            "airframes_per_position": self.airframes_per_position,
            "sorties": [s.to_json(self.clock) for s in self.sorties],
            "pilots": [
                {"start": label(w.start), "end": label(w.end), "pilots": w.pilots}
                for w in self.pilot_windows
            ],
        }


def drone_windows(drone: Drone, scenario: Scenario) -> list[Window]:
    """The stretches a drone entry flies (on the event clock): its phases' windows, touching
    ones joined."""
    phases, clock = {p.id: p for p in scenario.event.phases}, event_clock(scenario)
    windows = sorted(
        w
        for pid in drone.phases
        for w in clock.expand(phases[pid].start, phases[pid].end, scenario.event.days)
    )
    merged: list[Window] = []
    for start, end in windows:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


def plan_drone(
    drone: Drone, scenario: Scenario, *, stagger: bool = True, handover_minutes: float = 0.0
) -> DronePlan:
    """The sortie rotation and pilot needs of one drone entry (see the module notes).

    Parameters
    ----------
    stagger
        Offset the positions' reliefs evenly over one endurance (fewer airframes).
    handover_minutes
        How long a relief and the drone it relieves fly together; less than the endurance.
    """
    endurance = timedelta(minutes=drone.endurance_minutes)
    overlap = timedelta(minutes=handover_minutes)
    if not timedelta(0) <= overlap < endurance:
        raise ValueError("handover_minutes must be at least 0 and below the endurance")
    flights: list[tuple[datetime, datetime, int]] = []
    for start, end in drone_windows(drone, scenario):
        for j in range(drone.count):
            first = math.floor(j * drone.endurance_minutes / drone.count) if stagger else 0
            launch = start
            land = min(end, start + (timedelta(minutes=first) if first else endurance))
            while True:
                flights.append((launch, land, j))
                if land >= end:
                    break
                launch = land - overlap if land - overlap > launch else land
                land = min(end, launch + endurance)
    flights.sort(key=lambda f: (f[0], f[2]))
    sorties, airframes = _airframes(drone, flights)
    per_position = math.ceil(
        (drone.endurance_minutes + drone.swap_minutes)
        / (drone.endurance_minutes - handover_minutes)
        - 1e-9
    )
    return DronePlan(
        drone.id,
        drone.pilot_role,
        tuple(sorties),
        _pilots(sorties),
        airframes,
        per_position,
        event_clock(scenario),
    )


def _airframes(
    drone: Drone, flights: list[tuple[datetime, datetime, int]]
) -> tuple[list[Sortie], int]:
    """The sorties of flights in launch order, each flown by the lowest-numbered airframe
    free at its launch (a new one when none is), and the number of airframes used.

    Heaps keep this ``n log n``: a scan of every airframe at every launch took minutes for
    a large fleet of short flights."""
    swap = timedelta(minutes=drone.swap_minutes)
    busy: list[tuple[datetime, int]] = []  # (ready again at, airframe)
    free: list[int] = []
    sorties = []
    used = 0
    for launch, land, j in flights:
        while busy and busy[0][0] <= launch:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            airframe = heapq.heappop(free)
        else:
            airframe, used = used, used + 1
        heapq.heappush(busy, (land + swap, airframe))
        sorties.append(Sortie(j + 1, airframe + 1, _watch(drone, j), launch, land))
    return sorties, used


def _watch(drone: Drone, position: int) -> tuple[str, ...]:
    """Watch nodes of a position: the list dealt out in turn, or one each when too short."""
    if len(drone.watch) >= drone.count:
        return drone.watch[position :: drone.count]
    return (drone.watch[position % len(drone.watch)],)


def _pilots(sorties: Sequence[Sortie]) -> tuple[PilotWindow, ...]:
    """Pilots flying over time, from launches (+1) and landings (-1) at each moment."""
    change: dict[datetime, int] = {}
    for s in sorties:
        change[s.start] = change.get(s.start, 0) + 1
        change[s.end] = change.get(s.end, 0) - 1
    windows: list[PilotWindow] = []
    flying = 0
    moments = sorted(change)
    for at, following in pairwise(moments):
        flying += change[at]
        if flying <= 0:
            continue
        if windows and windows[-1].end == at and windows[-1].pilots == flying:
            windows[-1] = windows[-1]._replace(end=following)
        else:
            windows.append(PilotWindow(at, following, flying))
    return tuple(windows)


def plan_drones(scenario: Scenario, **options: Any) -> tuple[DronePlan, ...]:
    """The rotation of every drone entry (options as for :func:`plan_drone`)."""
    return tuple(plan_drone(d, scenario, **options) for d in scenario.drones)
