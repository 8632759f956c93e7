"""Rules of command across a scenario: stations and their ids, supervision, no-handover
windows, units (leaders, standing crews, tagged members), sectors, reserves and briefings.

Findings that an item set aside as structurally invalid could cause (a composition entry, a
unit's ``standing``, a reserve's ``min``) are marked ``whole``: they are left out when only
the valid parts of a broken document are checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from eventplan.scenario.checks_common import (
    PERIOD,
    hours_between,
    ids,
    listed,
    period_refs,
    refs,
    unknown,
    well_formed,
)
from eventplan.scenario.findings import Finding, error, warning
from eventplan.scenario.forces import Unit
from eventplan.scenario.model import Scenario
from eventplan.scenario.realtime import event_clock
from eventplan.scenario.times import format_when

#: Roster rows of briefings carry ``briefing:<node>`` as their post: no station may.
BRIEFING_PREFIX = "briefing:"


def command_checks(s: Scenario) -> Iterator[Finding]:
    """Every cross-document rule of the command sections."""
    yield from station_ids(s)
    yield from _supervision(s)
    yield from _no_handover(s)
    for i, unit in enumerate(s.units):
        yield from _unit(s, i, unit)
    yield from _nodes(s)
    yield from _sectors(s)
    yield from _reserves(s)
    yield from _briefing_lengths(s)


def station_ids(s: Scenario) -> Iterator[Finding]:
    """Ids of posts, units, patrols, drones, sectors and reserves are unique among them all.

    Each is a station: its id stands in the roster's post column.
    """
    owner: dict[str, str] = {p.id: "a post" for p in s.posts}
    sections = (
        ("units", s.units),
        ("patrols", s.patrols),
        ("drones", s.drones),
        ("sectors", s.sectors),
        ("reserves", s.reserves),
    )
    for section, items in sections:
        for i, item in enumerate(items):
            if item.id in owner:
                yield error(
                    (section, i, "id"), f"id '{item.id}' is already used by {owner[item.id]}"
                )
            else:
                owner[item.id] = f"a {section[:-1]}"
    for section, items in (("posts", s.posts), *sections):
        for i, item in enumerate(items):
            if item.id.startswith(BRIEFING_PREFIX):
                yield error(
                    (section, i, "id"),
                    f"ids starting with '{BRIEFING_PREFIX}' are kept for the briefing rows "
                    "of the roster",
                )


def _supervision(s: Scenario) -> Iterator[Finding]:
    post_ids = ids(s.posts)
    for i, rule in enumerate(s.rules.supervision):
        path = ("rules", "supervision", i)
        yield from refs(rule.roles, s.roles, "role", (*path, "roles"))
        yield from refs(rule.by, s.roles, "role", (*path, "by"))
        for k, role in enumerate(rule.by):
            if role in rule.roles:
                yield error(
                    (*path, "by", k),
                    f"role '{role}' is in both roles and by: a role cannot supervise itself",
                )
        if rule.posts is None:
            continue
        if rule.scope == "venue":
            yield error(
                (*path, "posts"),
                "posts go with scope 'post' only: a venue-wide rule counts every post",
            )
        elif not rule.posts:
            yield error((*path, "posts"), "give at least one post, or leave posts out for all")
        yield from refs(rule.posts, post_ids, "post", (*path, "posts"))


def _no_handover(s: Scenario) -> Iterator[Finding]:
    windows, phases = ids(s.event.windows), ids(s.event.phases)
    for k, window_id in enumerate(s.rules.no_handover):
        path = ("rules", "no_handover", k)
        if window_id in windows:
            continue
        if window_id in phases:
            yield error(
                path,
                f"'{window_id}' is a phase: no_handover takes ids of event.windows "
                "(add a window with the times wanted)",
            )
        elif not windows:
            yield Finding(
                path,
                f"unknown window '{window_id}': event.windows names no window",
                ref=(PERIOD, window_id),
            )
        else:
            yield unknown(path, window_id, windows, "window", PERIOD)  # type: ignore[misc]


def _unit(s: Scenario, i: int, unit: Unit) -> Iterator[Finding]:
    """A unit's leader, relief, tagged members and, when standing, the length of its span."""
    path = ("units", i)
    roles = unit.composition
    if unit.leader is not None and unit.leader not in roles:
        yield error(
            (*path, "leader"),
            f"leader role '{unit.leader}' is not in the composition ({listed(roles)})",
            whole=True,
        )
    if unit.relief and not unit.standing:
        yield error(
            (*path, "relief"), "relief goes with a standing unit (add standing: true)", whole=True
        )
    for j, need in enumerate(unit.needs_tags):
        need_path = (*path, "needs_tags", j)
        for k, role in enumerate(need.roles):
            if role not in roles:
                yield error(
                    (*need_path, "roles", k),
                    f"role '{role}' is not in the composition ({listed(roles)})",
                    whole=True,
                )
        members = sum(roles.get(role, 0) for role in set(need.roles))
        if members and need.min > members:
            yield error(
                (*need_path, "min"),
                f"{need.min} tagged people of {'+'.join(need.roles)} in one unit, "
                f"more than the {members} it holds",
                whole=True,
            )
    if unit.standing and not unit.relief:
        yield from _standing_span(s, i, unit)


def _standing_span(s: Scenario, i: int, unit: Unit) -> Iterator[Finding]:
    """A standing crew without relief works the unit's whole span of a day in one shift.

    The span runs from the unit's first to its last slot of a day, gaps between its periods
    included; a shift also holds its briefing, so the crew must fit both in its longest shift.
    """
    periods = {p.id: p for p in (*s.event.phases, *s.event.windows)}
    chosen = [periods[p] for p in unit.phases if p in periods]
    multi_day, clock = s.event.days is not None, event_clock(s)
    if not chosen or not all(well_formed(p.start, p.end, multi_day, clock) for p in chosen):
        return  # unknown or malformed periods are reported elsewhere
    start = min((p.start for p in chosen), key=clock.key)  # type: ignore[arg-type]
    end = max((p.end for p in chosen), key=clock.key)  # type: ignore[arg-type]
    span = hours_between(start, end, clock)
    for role_id in unit.composition:
        role = s.roles.get(role_id)
        if role is None:
            continue
        briefing = _shortest_briefing(s, role_id)
        longest = role.shift_hours[1]
        if span + briefing / 60 <= longest + 1e-9:  # (a 10-minute briefing is 1/6 h)
            continue
        with_briefing = f" plus a {briefing}-minute briefing" if briefing else ""
        yield error(
            ("units", i, "standing"),
            f"standing unit '{unit.id}' keeps one crew from {format_when(start)} to "
            f"{format_when(end)} ({span:g} h{with_briefing}), longer than the longest "
            f"{role_id} shift ({longest:g} h): add 'relief: true' so that whole crews "
            "relieve one another",
            whole=True,
        )


def _shortest_briefing(s: Scenario, role_id: str) -> int:
    """Minutes of the shortest briefing a person of a role may have (0 for none)."""
    default = s.roles[role_id].briefing
    briefings = [pool.briefing or default for pool in s.pools if pool.role == role_id]
    return min(b.minutes if b else 0 for b in briefings or [default])


def _nodes(s: Scenario) -> Iterator[Finding]:
    """Nodes named by the command post, reserves and briefings."""
    node_ids = ids(s.venue.nodes)
    places: list[tuple[tuple[str | int, ...], str]] = []
    if s.command is not None:
        places.append((("command", "node"), s.command.node))
    places += [(("reserves", i, "node"), r.node) for i, r in enumerate(s.reserves)]
    places += [
        (("roles", role_id, "briefing", "node"), role.briefing.node)
        for role_id, role in s.roles.items()
        if role.briefing is not None
    ]
    places += [
        (("pools", i, "briefing", "node"), pool.briefing.node)
        for i, pool in enumerate(s.pools)
        if pool.briefing is not None
    ]
    for path, node in places:
        finding = unknown(path, node, node_ids, "node")
        if finding:
            yield finding


def _sectors(s: Scenario) -> Iterator[Finding]:
    post_ids = ids(s.posts)
    sector_of: dict[str, str] = {}
    for i, sector in enumerate(s.sectors):
        for k, post_id in enumerate(sector.posts):
            path = ("sectors", i, "posts", k)
            finding = unknown(path, post_id, post_ids, "post")
            if finding:
                yield finding
            elif post_id in sector_of:
                where = sector_of[post_id]
                place = "this sector" if where == sector.id else f"sector '{where}'"
                yield error(
                    path, f"post '{post_id}' is already in {place}: a post is in one sector"
                )
            else:
                sector_of[post_id] = sector.id
        if sector.leader is not None:
            path = ("sectors", i, "leader", "role")
            finding = unknown(path, sector.leader.role, s.roles, "role")
            if finding:
                yield finding


def _reserves(s: Scenario) -> Iterator[Finding]:
    for i, reserve in enumerate(s.reserves):
        path = ("reserves", i)
        yield from refs(reserve.roles, s.roles, "role", (*path, "roles"))
        yield from period_refs(s, reserve.phases, (*path, "phases"))
        if reserve.min is None and reserve.share is None:
            message = "give min (people) or share (of the pools of its roles)"
            yield error(path, message, whole=True)  # (one may have been set aside as invalid)
        elif reserve.min is not None and reserve.share is not None:
            yield error((*path, "share"), "give min or share, not both")


def _briefing_lengths(s: Scenario) -> Iterator[Finding]:
    """Warn about briefings that fill a role's shortest shift: no time would be left on duty."""
    briefings = [
        (("roles", r, "briefing", "minutes"), r, role.briefing) for r, role in s.roles.items()
    ]
    briefings += [
        (("pools", i, "briefing", "minutes"), pool.role, pool.briefing)
        for i, pool in enumerate(s.pools)
    ]
    for path, role_id, briefing in briefings:
        role = s.roles.get(role_id)
        if briefing is None or role is None:
            continue
        shortest = role.shift_hours[0]
        if briefing.minutes >= shortest * 60:
            yield warning(
                path,
                f"a {briefing.minutes}-minute briefing fills the shortest {role_id} shift "
                f"({shortest:g} h) or more: such a shift leaves no time on duty",
            )
