"""plan.json's ``queues``: the predicted queue and wait at every screening point, slot by slot,
given the screening staff the plan puts there."""

from __future__ import annotations

import math

import numpy as np

from eventplan.scenario import Scenario
from eventplan.staffing.post_demand import screening_staff
from eventplan.staffing.queues import post_arrivals, predict_queue
from eventplan.staffing.shifts import Shift
from eventplan.timegrid import TimeGrid


def queue_sections(scenario: Scenario, grid: TimeGrid, shifts: tuple[Shift, ...]) -> list[dict]:
    """One entry per screening point: its target and the queue in every slot with a crowd."""
    out = []
    for post in scenario.posts:
        screening = post.screening
        if screening is None:
            continue
        staff = _screeners(shifts, post.id, screening.roles, grid.size)
        arrivals = post_arrivals(scenario, grid, screening)
        slots = predict_queue(arrivals, staff, screening, grid.slot_minutes)
        worst = max((s.wait_minutes for s in slots), default=0.0)
        asked = screening_staff(scenario, grid, screening)
        out.append(
            {
                "post": post.id,
                "max_wait_minutes": screening.max_wait_minutes,
                "worst_wait_minutes": _number(worst),
                # the screening staff the plan was made to provide, where it asks for any
                "staff_required": [
                    {"start": grid.start_label(int(t)), "staff": int(asked[t])}
                    for t in np.flatnonzero(asked)
                ],
                "slots": [
                    {
                        "start": grid.start_label(s.slot),
                        "arrivals_per_minute": round(s.arrivals_per_minute, 3),
                        "lanes_open": s.lanes_open,
                        # two decimals, as the waits: within the checker's tolerance
                        "queue": round(s.queue, 2),
                        "wait_minutes": _number(s.wait_minutes),
                    }
                    for s in slots
                ],
            }
        )
    return out


def _screeners(
    shifts: tuple[Shift, ...], post: str, roles: tuple[str, ...], size: int
) -> np.ndarray:
    """People of the screening roles on duty (not on break) at the post in every slot."""
    staff = np.zeros(size, dtype=np.int64)
    for shift in shifts:
        if shift.station_id == post and shift.role in roles:
            staff[shift.template.working()] += 1
    return staff


def _number(value: float) -> float | None:
    return round(value, 2) if math.isfinite(value) else None
