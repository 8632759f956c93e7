"""Screening queues on the map: the predicted wait at each screening post, slot by slot, and
whether it goes over the post's target in a phase.

plan.json's ``queues`` gives, per screening post, ``max_wait_minutes`` (or null),
``worst_wait_minutes`` and ``slots`` (start, arrivals per minute, lanes open, queue, wait). A
wait of null is unbounded: a queue with no lane open. A post without a target is flagged when
its wait goes over :data:`DEFAULT_WAIT_LIMIT_MINUTES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from eventplan.render.bundle import PlanBundle
from eventplan.render.phases import PhaseWindow, WindowIndex, clock, parse_time
from eventplan.render.values import entries, number

#: The wait a screening post without ``max_wait_minutes`` is flagged above, in minutes.
DEFAULT_WAIT_LIMIT_MINUTES = 15.0

#: A slot row of the data block: ``[from, arrivals per minute, lanes open, queue, wait]``.
SlotRow = list[Any]


def queue_data(
    bundle: PlanBundle, windows: list[PhaseWindow], post_index: Mapping[str, int]
) -> list[dict[str, Any]]:
    """One entry per screening post the plan reports: ``post`` (index), ``max`` (the target
    or None), ``limit`` (what the marker is flagged above), ``worst`` (the whole event's worst
    wait; None when unbounded), ``by`` (slot rows per window) and ``over`` (the windows whose
    wait goes over ``limit``)."""
    finder = WindowIndex(windows)
    minutes = bundle.plan.get("slot_minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        minutes = bundle.scenario.event.slot_minutes
    step = timedelta(minutes=minutes)
    out: list[dict[str, Any]] = []
    for entry in entries(bundle.plan.get("queues")):
        post = post_index.get(str(entry.get("post")))
        if post is None:
            continue
        target = number(entry.get("max_wait_minutes"))
        target = target if target is not None and target > 0 else None
        limit = DEFAULT_WAIT_LIMIT_MINUTES if target is None else target
        by: dict[int, list[SlotRow]] = {}
        waits: dict[int, list[float | None]] = {}
        every: list[float | None] = []
        for slot in entries(entry.get("slots")):
            start = parse_time(slot.get("start"), bundle.clock)
            if start is None:
                continue
            wait = number(slot.get("wait_minutes"))
            every.append(wait)
            for w in finder.overlapping(start, start + step):
                by.setdefault(w, []).append(_slot_row(slot, clock(start)))
                waits.setdefault(w, []).append(wait)
        out.append(
            {
                "post": post,
                "max": target,
                "limit": limit,
                "worst": _worst(every, entry.get("worst_wait_minutes")),
                "by": by,
                "over": sorted(w for w, found in waits.items() if _over(found, limit)),
            }
        )
    return out


def _slot_row(slot: Mapping[str, Any], start: str) -> SlotRow:
    arrivals = number(slot.get("arrivals_per_minute"))
    lanes = number(slot.get("lanes_open"))
    queue = number(slot.get("queue"))
    wait = number(slot.get("wait_minutes"))
    return [
        start,
        None if arrivals is None else round(arrivals, 1),
        None if lanes is None else int(lanes),
        None if queue is None else round(queue),
        None if wait is None else round(wait, 1),
    ]


def _worst(waits: list[float | None], reported: Any) -> float | None:
    """The worst wait of the slots (None when one is unbounded); without slots, the plan's."""
    if not waits:
        return number(reported) or 0.0
    if any(w is None for w in waits):
        return None
    return max(w for w in waits if w is not None)


def _over(waits: list[float | None], limit: float) -> bool:
    return any(wait is None or wait > limit for wait in waits)
