"""Screening points: arrivals per slot, the staff a screening block asks for, and its queue.

Arrivals at a screening post are ``attendance x arrival_share`` spread over the post's arrival
profile (``screening.arrival_profile``, else ``event.arrivals``; without either, evenly over
the windows of the phase named ``ingress``), each window's share spread evenly over its
minutes and averaged over each slot.

A block without ``max_wait_minutes`` asks for ``min(lanes, ceil(a / persons_per_lane_per_
minute)) x staff_per_lane`` people in every slot with arrivals ``a`` a minute, so that no queue
forms. A block with ``max_wait_minutes`` asks for the staff the plan picks, and its queue is
predicted by a deterministic fluid queue, slot by slot::

    open lanes = min(lanes, staff // staff_per_lane)
    queue(t)   = max(0, queue(t - 1) + arrivals(t) - open lanes x rate x slot minutes)
    wait(t)    = queue(t) / (open lanes x rate)   (infinite with a queue and no lane open)

``rate`` is ``persons_per_lane_per_minute``. A ``tagged`` share asks that of the screening staff
required in a slot, ``ceil(staff / per_staff)`` carry every listed tag.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from eventplan.checker import clock
from eventplan.checker.groups import group_name
from eventplan.scenario.model import Scenario, Screening

#: Tolerance for ceilings: a figure within this of a whole number is that number.
EPS = 1e-9
#: ``(post, slot start, role group)`` and the people it requires.
Asked = tuple[tuple[str, int, str], int]


def arrival_rates(scenario: Scenario, profile: str | None = None) -> dict[int, float]:
    """Share of the arrivals per minute, averaged over each slot with arrivals.

    ``profile`` names one of ``event.arrival_profiles``; ``None`` reads ``event.arrivals``.
    """
    event, slot = scenario.event, scenario.event.slot_minutes
    windows = event.arrival_profiles.get(profile, ()) if profile else event.arrivals
    if windows:
        spans = [(w, a.share) for a in windows for w in clock.windows(scenario, a.start, a.end)]
    else:
        spans = [(w, 1.0) for w in clock.phase_windows(scenario, ("ingress",))]
    rates: dict[int, float] = defaultdict(float)
    for (start, end), share in spans:
        for t in range(start - start % slot, end, slot):
            inside = min(end, t + slot) - max(start, t)
            rates[t] += share / (end - start) * inside / slot
    return rates


def arrivals_per_minute(scenario: Scenario, block: Screening) -> dict[int, float]:
    """People arriving a minute at a screening block, averaged over each slot with arrivals."""
    crowd = scenario.event.attendance * block.arrival_share
    return {
        t: crowd * rate
        for t, rate in arrival_rates(scenario, block.arrival_profile).items()
        if rate > 0
    }


def screening_demand(scenario: Scenario, chosen: Mapping[tuple[str, int], int]) -> Iterator[Asked]:
    """Every screening row and its tagged share: what each asks for.

    ``chosen`` holds the staff the plan picks for blocks with ``max_wait_minutes`` (from
    coverage.csv), per (post, slot start).
    """
    slot = scenario.event.slot_minutes
    for post in scenario.posts:
        block = post.screening
        if block is None:
            continue
        group = group_name(block.roles)
        if block.max_wait_minutes is None:
            staff = clearing_staff(block, arrivals_per_minute(scenario, block), slot)
        else:
            staff = {t: n for (p, t), n in chosen.items() if p == post.id}
        for t, n in staff.items():
            yield (post.id, t, group), n
            if block.tagged is not None and n > 0:
                tagged = group_name(block.roles, block.tagged.tags)
                yield (post.id, t, tagged), math.ceil(n / block.tagged.per_staff)


def clearing_staff(block: Screening, arrivals: Mapping[int, float], slot: int) -> dict[int, int]:
    """Staff per slot start so that no queue forms: enough lanes for the arrivals (at most
    ``lanes``); where the lanes cannot keep up, every lane open until the queue is gone."""
    if not arrivals:
        return {}
    staff: dict[int, int] = {}
    rate, queue, t, last = block.persons_per_lane_per_minute, 0.0, min(arrivals), max(arrivals)
    while t <= last or queue > EPS:
        waiting = queue + arrivals.get(t, 0.0) * slot
        if waiting > EPS:
            lanes = min(block.lanes, math.ceil(waiting / (rate * slot) - EPS))
            staff[t] = lanes * block.staff_per_lane
            queue = max(0.0, waiting - lanes * rate * slot)
        else:
            queue = 0.0
        t += slot
    return staff


def lanes_for(per_minute: float, block: Screening) -> int:
    """Lanes that serve ``per_minute`` arrivals without a queue (at least one)."""
    return max(1, math.ceil(per_minute / block.persons_per_lane_per_minute - EPS))


@dataclass(frozen=True, slots=True)
class QueueSlot:
    """The predicted queue of a screening post in one slot (the queue at the slot's end)."""

    start: int
    arrivals_per_minute: float
    lanes_open: int
    queue: float
    wait_minutes: float


def predict_queue(
    block: Screening,
    arrivals: Mapping[int, float],
    staff: Mapping[int, int],
    slots: list[int],
    slot: int,
) -> list[QueueSlot]:
    """The fluid queue over some slots in time order, from the staff standing in each.

    The queue carries from each listed slot to the next; where the list skips time, nobody
    arrives and nobody is served.
    """
    found, queue = [], 0.0
    for t in slots:
        lanes = min(block.lanes, staff.get(t, 0) // block.staff_per_lane)
        served = lanes * block.persons_per_lane_per_minute
        queue = max(0.0, queue + (arrivals.get(t, 0.0) - served) * slot)
        if queue <= EPS:
            queue, wait = 0.0, 0.0
        else:
            wait = queue / served if served else math.inf
        found.append(QueueSlot(t, arrivals.get(t, 0.0), lanes, queue, wait))
    return found
