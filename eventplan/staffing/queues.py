"""Arrivals and queues at screening points: how many lanes keep the wait within a target.

The queue is a deterministic fluid queue, slot by slot: the people who arrive in a slot join
the queue, the open lanes serve ``persons_per_lane_per_minute`` each, and the queue at the end
of the slot is what is left (never negative). The wait at the end of a slot is that queue
divided by the rate it is being served at; with a queue and no lane open it is unbounded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from eventplan.scenario import Scenario
from eventplan.scenario.model import Arrival, Screening
from eventplan.timegrid import TimeGrid

_EPS = 1e-9


def arrival_windows(scenario: Scenario, screening: Screening | None = None) -> list[Arrival]:
    """The arrival profile a screening point uses: its own profile, else the event's."""
    event = scenario.event
    if screening is not None and screening.arrival_profile is not None:
        return list(event.arrival_profiles[screening.arrival_profile])
    return list(event.arrivals)


def arrivals_per_minute(
    scenario: Scenario, grid: TimeGrid, screening: Screening | None = None
) -> np.ndarray:
    """Average arrivals per minute of the whole crowd in every slot.

    Each arrival window's share of the attendance is spread evenly over its (real) minutes.
    Without an arrival profile the crowd arrives evenly over the ``ingress`` phase. On
    multi-day events the profile repeats every day and ``attendance`` counts each day's
    visitors.
    """
    event = scenario.event
    profile = arrival_windows(scenario, screening)
    if profile:
        windows = [
            (w, a.share) for a in profile for w in grid.clock.expand(a.start, a.end, event.days)
        ]
    else:
        windows = [(w, 1.0) for w in grid.phase_windows.get("ingress", ())]
    rate = np.zeros(grid.size)
    for (start, end), share in windows:
        minutes = (end - start).total_seconds() / 60
        per_minute = event.attendance * share / minutes
        # Validation keeps every window on the slot grid, so slots are wholly in or out.
        for i in grid.slots_in(start, end):
            rate[i] += per_minute
    return rate


def post_arrivals(scenario: Scenario, grid: TimeGrid, screening: Screening) -> np.ndarray:
    """Arrivals per minute at one screening point, in every slot."""
    return arrivals_per_minute(scenario, grid, screening) * screening.arrival_share


def lanes_without_queue(
    arrivals: np.ndarray, screening: Screening, slot_minutes: int
) -> np.ndarray:
    """Lanes per slot so that no queue forms: ceil(arrivals / lane rate), at most ``lanes``;
    where the lanes cannot keep up, every lane stays open until the queue is gone (a wait
    target of 0)."""
    return lanes_within_wait(arrivals, screening, slot_minutes, 0.0)


def lanes_within_wait(
    arrivals: np.ndarray, screening: Screening, slot_minutes: int, max_wait: float
) -> np.ndarray:
    """The fewest lanes, slot by slot, that keep the wait at or under ``max_wait`` minutes.

    Each slot opens the fewest lanes that leave a queue served within the target, given the
    queue the slots before it left; where even every lane cannot, every lane is open.
    """
    rate = screening.persons_per_lane_per_minute
    lanes = np.zeros(len(arrivals))
    queue = 0.0
    for t, per_minute in enumerate(arrivals):
        waiting = queue + per_minute * slot_minutes
        if waiting <= _EPS:
            queue = 0.0
            continue
        # The queue left with n lanes is waiting - n*rate*slot, its wait that over n*rate:
        # (waiting - n*rate*slot) / (n*rate) <= max_wait  <=>  n >= waiting / (rate*(slot+max_wait))
        needed = math.ceil(waiting / (rate * (slot_minutes + max_wait)) - _EPS)
        open_lanes = min(screening.lanes, max(1, needed))
        lanes[t] = open_lanes
        queue = max(0.0, waiting - open_lanes * rate * slot_minutes)
    return lanes


@dataclass(frozen=True)
class QueueSlot:
    """The predicted queue at a screening point at the end of one slot."""

    slot: int
    arrivals_per_minute: float
    lanes_open: int
    queue: float
    wait_minutes: float


def predict_queue(
    arrivals: np.ndarray, staff: Sequence[int], screening: Screening, slot_minutes: int
) -> list[QueueSlot]:
    """The queue and wait per slot given the screening staff actually there."""
    rate = screening.persons_per_lane_per_minute
    out = []
    queue = 0.0
    for t, per_minute in enumerate(arrivals):
        lanes = min(screening.lanes, int(staff[t]) // screening.staff_per_lane)
        waiting = queue + per_minute * slot_minutes
        queue = max(0.0, waiting - lanes * rate * slot_minutes)
        if queue <= _EPS:
            queue, wait = 0.0, 0.0
        else:
            wait = queue / (lanes * rate) if lanes else math.inf
        if per_minute > 0 or queue > 0:
            out.append(QueueSlot(t, float(per_minute), lanes, queue, wait))
    return out
