"""Warnings about supply: needs and forces that no pool can ever staff.

They do not make a file invalid (the plan will report the shortfall), but they usually mean a
mistake: a role with no pool, a pool available at the wrong hours or too briefly to work a
shift, a ratio larger than the pools it counts.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from eventplan.scenario.findings import Finding, Place, warning
from eventplan.scenario.model import Need, Pool, Scenario
from eventplan.scenario.times import Window, expand


def supply_warnings(s: Scenario) -> Iterator[Finding]:
    """Warn about needs that no pool can ever supply (they will always be short)."""
    usable = []
    for i, pool in enumerate(s.pools):
        role = s.roles.get(pool.role)
        longest = _longest_window_hours(s, pool)
        if role is not None and longest is not None and longest < role.shift_hours[0]:
            yield warning(
                ("pools", i, "available"),
                f"available for {longest:g} h at a time, less than the shortest {pool.role} "
                f"shift ({role.shift_hours[0]:g} h): nobody of this pool can work",
            )
        else:
            usable.append(pool)
    supplied = {p.role for p in usable}
    for i, post in enumerate(s.posts):
        for j, need in enumerate(post.needs):
            if not all(r in s.roles for r in need.roles):
                continue  # an unknown role is already an error
            path = ("posts", i, "needs", j, "roles")
            if not set(need.roles) & supplied:
                yield warning(
                    path,
                    f"no pool supplies {' or '.join(need.roles)}: this need will always be short",
                )
            elif not _available_during(s, need, usable):
                yield warning(
                    path,
                    f"no pool of {' or '.join(need.roles)} is available during "
                    f"{', '.join(need.phases)}: this need will always be short",
                )
        roles = post.screening.roles if post.screening else ()
        if roles and all(r in s.roles for r in roles) and not set(roles) & supplied:
            yield warning(
                ("posts", i, "screening", "roles"), f"no pool supplies {' or '.join(roles)}"
            )
    wanted: list[tuple[Place, str]] = []
    for section, items in (("units", s.units), ("patrols", s.patrols)):
        for i, item in enumerate(items):
            wanted += [((section, i, "composition", r), r) for r in item.composition]
    wanted += [(("drones", i, "pilot_role"), d.pilot_role) for i, d in enumerate(s.drones)]
    for path, role in wanted:
        if role in s.roles and role not in supplied:
            yield warning(path, f"no pool supplies role '{role}'")
    for i, ratio in enumerate(s.rules.ratios):
        required = math.ceil(s.event.attendance / ratio.per_attendees)
        available = sum(p.count for p in s.pools if p.role in ratio.roles)
        if available < required:
            yield warning(
                ("rules", "ratios", i),
                f"asks for {required} on duty but the pools of {'+'.join(ratio.roles)} "
                f"hold only {available}",
            )


def _longest_window_hours(s: Scenario, pool: Pool) -> float | None:
    """The longest stretch a pool is available, or None for the whole horizon."""
    if pool.available is None:
        return None
    windows = expand(pool.available.start, pool.available.end, s.event.days)
    hours = [(end - start).total_seconds() / 3600 for start, end in windows if start < end]
    return max(hours) if hours else None  # (none: a malformed window, reported elsewhere)


def _available_during(s: Scenario, need: Need, pools: list[Pool]) -> bool:
    """Whether some of the pools of the need's roles is available during its phases."""
    days = s.event.days
    phases = {p.id: p for p in s.event.phases}
    wanted: list[Window] = [
        window
        for phase_id in need.phases
        if phase_id in phases
        for window in expand(phases[phase_id].start, phases[phase_id].end, days)
    ]
    if not wanted:
        return True  # the phases are unknown or malformed: reported elsewhere
    for pool in pools:
        if pool.role not in need.roles:
            continue
        if pool.available is None:
            return True
        offered = expand(pool.available.start, pool.available.end, days)
        if not offered or any(a < d and c < b for a, b in offered for c, d in wanted):
            return True  # (nothing offered: a malformed window, reported elsewhere)
    return False
