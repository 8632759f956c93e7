"""Warnings about supply: needs and forces that no pool can ever staff.

They do not make a file invalid (the plan will report the shortfall), but they usually mean a
mistake: a role with no pool, a pool available at the wrong hours or too briefly to work a
shift, a ratio larger than the pools it counts, a tagged need only pools without those tags
could fill.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import cached_property

from eventplan.scenario.checks_tags import holders, pool_tag_sets
from eventplan.scenario.findings import Finding, Place, warning
from eventplan.scenario.model import Need, Pool, Scenario
from eventplan.scenario.realtime import EventClock, event_clock
from eventplan.scenario.times import Window


def supply_warnings(s: Scenario) -> Iterator[Finding]:
    """Warn about needs that no pool can ever supply (they will always be short)."""
    usable, clock = [], event_clock(s)
    for i, pool in enumerate(s.pools):
        role = s.roles.get(pool.role)
        longest = _longest_window_hours(s, pool, clock)
        if role is not None and longest is not None and longest < role.shift_hours[0]:
            yield warning(
                ("pools", i, "available"),
                f"available for {longest:g} h at a time, less than the shortest {pool.role} "
                f"shift ({role.shift_hours[0]:g} h): nobody of this pool can work",
            )
        else:
            usable.append(pool)
    supplied = {p.role for p in usable}
    tagged = _Tagged(s)
    for i, post in enumerate(s.posts):
        for j, need in enumerate(post.needs):
            path = ("posts", i, "needs", j, "roles")
            finding = _need_supply(s, need, usable, tagged, path, clock)
            if finding:
                yield finding
        roles = post.screening.roles if post.screening else ()
        if roles and all(r in s.roles for r in roles) and not set(roles) & supplied:
            yield warning(
                ("posts", i, "screening", "roles"), f"no pool supplies {' or '.join(roles)}"
            )
    yield from _force_supply(s, supplied)
    for i, ratio in enumerate(s.rules.ratios):
        required = math.ceil(s.event.attendance / ratio.per_attendees)
        available = sum(p.count for p in s.pools if p.role in ratio.roles)
        if available < required:
            yield warning(
                ("rules", "ratios", i),
                f"asks for {required} on duty but the pools of {'+'.join(ratio.roles)} "
                f"hold only {available}",
            )


def _force_supply(s: Scenario, supplied: set[str]) -> Iterator[Finding]:
    """Roles of forces, sector leaders and reserves that no usable pool supplies."""
    wanted: list[tuple[Place, str]] = []
    for section, items in (("units", s.units), ("patrols", s.patrols)):
        for i, item in enumerate(items):
            wanted += [((section, i, "composition", r), r) for r in item.composition]
    wanted += [(("drones", i, "pilot_role"), d.pilot_role) for i, d in enumerate(s.drones)]
    wanted += [
        (("sectors", i, "leader", "role"), sector.leader.role)
        for i, sector in enumerate(s.sectors)
        if sector.leader is not None
    ]
    for path, role in wanted:
        if role in s.roles and role not in supplied:
            yield warning(path, f"no pool supplies role '{role}'")
    for i, reserve in enumerate(s.reserves):
        roles = reserve.roles
        if all(r in s.roles for r in roles) and not set(roles) & supplied:
            yield warning(("reserves", i, "roles"), f"no pool supplies {' or '.join(roles)}")


class _Tagged:
    """Who carries which tags, worked out once when a need first asks for tags."""

    def __init__(self, s: Scenario) -> None:
        self._scenario = s

    @cached_property
    def sets(self) -> dict[str, set[frozenset[str]]]:
        """Per pool id, the distinct sets of tags of its people."""
        return pool_tag_sets(self._scenario)

    @cached_property
    def holders(self) -> set[tuple[str, frozenset[str]]]:
        """Every distinct (role, tags) of a person."""
        return holders(self._scenario, self.sets)

    def carried(self, roles: Sequence[str], tags: Sequence[str]) -> bool:
        """Whether anyone of the roles carries all the tags."""
        return any(role in roles and set(tags) <= held for role, held in self.holders)

    def in_pool(self, pool: Pool, tags: Sequence[str]) -> bool:
        """Whether someone of the pool carries all the tags."""
        return any(set(tags) <= held for held in self.sets.get(pool.id, ()))


def _need_supply(
    s: Scenario, need: Need, usable: list[Pool], tagged: _Tagged, path: Place, clock: EventClock
) -> Finding | None:
    """A warning when no usable pool can staff a need: none of its roles (carrying its tags),
    or none available during its periods."""
    if not all(r in s.roles for r in need.roles):
        return None  # an unknown role is already an error
    pools = [p for p in usable if p.role in need.roles]
    what = " or ".join(need.roles)
    if need.tags:
        if not tagged.carried(need.roles, need.tags):
            return None  # no one carries the tags at all: an error of its own
        pools = [p for p in pools if tagged.in_pool(p, need.tags)]
        what += f" carrying {', '.join(need.tags)}"
    if not pools:
        return warning(path, f"no pool supplies {what}: this need will always be short")
    if not _available_during(s, need, pools, clock):
        return warning(
            path,
            f"no pool of {what} is available during {', '.join(need.phases)}: "
            "this need will always be short",
        )
    return None


def _longest_window_hours(s: Scenario, pool: Pool, clock: EventClock) -> float | None:
    """The longest stretch a pool is available (real hours), or None for the whole horizon."""
    if pool.available is None:
        return None
    windows = clock.expand(pool.available.start, pool.available.end, s.event.days)
    hours = [(end - start).total_seconds() / 3600 for start, end in windows if start < end]
    return max(hours) if hours else None  # (none: a malformed window, reported elsewhere)


def _available_during(s: Scenario, need: Need, pools: list[Pool], clock: EventClock) -> bool:
    """Whether some of the pools is available during the need's phases or windows."""
    days = s.event.days
    periods = {p.id: p for p in (*s.event.phases, *s.event.windows)}
    wanted: list[Window] = [
        window
        for period_id in need.phases
        if period_id in periods
        for window in clock.expand(periods[period_id].start, periods[period_id].end, days)
    ]
    if not wanted:
        return True  # the periods are unknown or malformed: reported elsewhere
    for pool in pools:
        if pool.available is None:
            return True
        offered = clock.expand(pool.available.start, pool.available.end, days)
        if not offered or any(a < d and c < b for a, b in offered for c, d in wanted):
            return True  # (nothing offered: a malformed window, reported elsewhere)
    return False
