"""How many people a generated event needs, role by role, so pools can be sized against it.

The estimate is deliberately simple and fast: per phase, the people each role is expected to
take of every need (a need open to several roles is split as :data:`forces.GROUP_SPLIT` says),
plus screening at its peak wave, standing units, patrol teams and drone pilots. A role needs at
least its peak and at least its person-hours over a typical shift; multi-day events need more
people because of rest between days and the ``max_days`` limit.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable

from eventplan.generate.forces import role_split
from eventplan.generate.posts import PostSeed, needs_of
from eventplan.generate.timeline import Timeline

#: Paid hours a person of each role typically works a day (shifts within the role's limits).
TYPICAL_SHIFT_HOURS = {
    "police": 9.0,
    "auxiliary": 9.0,
    "traffic": 8.0,
    "guard": 9.0,
    "volunteer": 5.0,
}
#: Extra people per day for rest between the days of multi-day events.
MULTI_DAY_FACTOR = 1.15
#: Correction of the estimate, calibrated on the LP relaxation of generated one-day events:
#: shift limits, meal breaks and the split of crowd hours into shifts make the true number of
#: people needed about this much larger than the peak / person-hours estimate.
COVER_FACTOR = 1.25

Load = dict[str, dict[str, float]]  # phase -> role -> people


def base_load(
    timeline: Timeline, screening_peak: float, forces: list[tuple[dict[str, int], int, tuple]]
) -> Load:
    """People wanted regardless of scale: screening lanes at the peak, units, patrols, drones.

    ``forces`` lists (composition, count, phases) of each unit, patrol and drone entry.
    """
    load: Load = defaultdict(lambda: defaultdict(float))
    load["ingress"]["guard"] += screening_peak
    for composition, count, phases in forces:
        for phase in phases:
            for role, per in composition.items():
                load[phase][role] += per * count
    return load


def add_posts(load: Load, posts: list[PostSeed], scale: float) -> Load:
    """``load`` plus the needs of every post at ``scale``."""
    out: Load = defaultdict(lambda: defaultdict(float))
    for phase, roles in load.items():
        out[phase].update(roles)
    for post in posts:
        for need in needs_of(post, scale):
            for role, share in role_split(tuple(need["roles"])).items():
                for phase in need["phases"]:
                    out[phase][role] += need["min"] * share
    return out


def needed_people(load: Load, timeline: Timeline, days: int, max_days: int) -> dict[str, float]:
    """People of each role the event needs, by peak and by person-hours."""
    hours = {p: (b - a) / 60 for p, a, b in timeline.phases}
    roles = {r for per_phase in load.values() for r in per_phase}
    factor = COVER_FACTOR * (1.0 if days == 1 else MULTI_DAY_FACTOR * days / min(days, max_days))
    out = {}
    for role in sorted(roles):
        peak = max(load[p].get(role, 0.0) for p in hours)
        person_hours = sum(load[p].get(role, 0.0) * h for p, h in hours.items())
        out[role] = factor * max(peak, person_hours / TYPICAL_SHIFT_HOURS[role])
    return out


def solve_scale(needed: Callable[[float], float], target: float) -> float:
    """The scale at which ``needed(scale)`` reaches ``target`` (bisection; needs grow with it)."""
    low, high = 0.01, 1.0
    while needed(high) < target and high < 1e6:
        high *= 2
    if needed(low) >= target:
        return low
    for _ in range(40):
        middle = math.sqrt(low * high)
        if needed(middle) < target:
            low = middle
        else:
            high = middle
    return high
