"""Every rule that looks across a scenario document, in one place.

Field types and ranges are checked by the model; here come references between sections,
duplicate ids, the time rules (grid, overlaps, multi-day form), arrival shares and the shape of
the venue graph. Each finding is ``(path, message, severity)``; the loader adds file and line.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import networkx as nx

from eventplan.scenario.model import NODE_KINDS, Scenario
from eventplan.scenario.times import END_OF_DAY, expand, on_grid

Finding = tuple[tuple[str | int, ...], str, str]


def cross_check(scenario: Scenario) -> list[Finding]:
    """All cross-document problems of a structurally valid scenario."""
    return [
        *_event(scenario),
        *_roles_and_pools(scenario),
        *_people(scenario),
        *_venue(scenario),
        *_posts(scenario),
        *_forces(scenario),
        *_supply(scenario),
    ]


def _error(path: tuple[str | int, ...], message: str) -> Finding:
    return (path, message, "error")


def _warning(path: tuple[str | int, ...], message: str) -> Finding:
    return (path, message, "warning")


def _known(value: str, known: Iterable[str], what: str) -> str | None:
    names = list(known)
    if value in names:
        return None
    listed = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    return f"unknown {what} '{value}'" + (f" (known: {listed})" if names else "")


def _refs(
    values: Iterable[str], known: Iterable[str], what: str, path: tuple[str | int, ...]
) -> Iterator[Finding]:
    names = list(known)
    for i, value in enumerate(values):
        message = _known(value, names, what)
        if message:
            yield _error((*path, i), message)


def _duplicates(ids: list[str], path: tuple[str | int, ...], what: str) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for i, item_id in enumerate(ids):
        if item_id in first:
            yield _error((*path, i, "id"), f"duplicate {what} id '{item_id}' "
                         f"(first at {path[-1]}[{first[item_id]}])")
        else:
            first[item_id] = i


def _is_time_of_day(value: object) -> bool:
    return isinstance(value, time) and not isinstance(value, datetime)


def _event(s: Scenario) -> Iterator[Finding]:
    event, slot = s.event, s.event.slot_minutes
    try:
        ZoneInfo(event.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        yield _error(("event", "timezone"),
                     f"unknown timezone '{event.timezone}' (use an IANA name like Asia/Shanghai)")
    if 60 % slot:
        yield _error(("event", "slot_minutes"),
                     f"{slot} does not divide 60 (use 5, 10, 15, 20, 30 or 60)")
        slot = 0  # time-grid checks would only repeat this problem
    multi_day = event.days is not None
    if multi_day:
        if not event.days:
            yield _error(("event", "days"), "give at least one day")
        for i, count in enumerate(Counter(event.days).values()):
            if count > 1:
                yield _error(("event", "days", i), "a day is listed twice")
    yield from _duplicates([p.id for p in event.phases], ("event", "phases"), "phase")
    spans = [("phases", i, p.start, p.end) for i, p in enumerate(event.phases)]
    spans += [("arrivals", i, a.start, a.end) for i, a in enumerate(event.arrivals)]
    for section, i, start, end in spans:
        path = ("event", section, i)
        yield from _span(path, start, end, multi_day, slot)
    yield from _overlaps(s)
    if event.arrivals:
        total = sum(a.share for a in event.arrivals)
        if abs(total - 1) > 1e-6:
            yield _error(("event", "arrivals"), f"shares sum to {total:g}, not 1")


def _span(
    path: tuple[str | int, ...], start: object, end: object, multi_day: bool, slot: int
) -> Iterator[Finding]:
    for key, value in (("start", start), ("end", end)):
        if multi_day and not _is_time_of_day(value):
            yield _error((*path, key), "with event.days, give times of day as HH:MM "
                         "(they repeat on every day)")
            return
        if not multi_day and _is_time_of_day(value):
            yield _error((*path, key), "give a date and time (YYYY-MM-DDTHH:MM); times of day "
                         "(HH:MM) need event.days")
            return
        if slot and not on_grid(value, slot):  # type: ignore[arg-type]
            yield _error((*path, key), f"{_show(value)} is not on the {slot}-minute slot grid")
    if multi_day and start == END_OF_DAY:
        yield _error((*path, "start"), "a day's window cannot start at 24:00")
    elif start >= end:  # type: ignore[operator]
        if multi_day:
            yield _error((*path, "end"), f"ends at {_show(end)}, not after its start "
                         f"{_show(start)}: on multi-day events a window must fit in one day")
        else:
            yield _error((*path, "end"), f"ends at {_show(end)}, not after its start "
                         f"{_show(start)}")


def _show(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if value == END_OF_DAY:
        return "24:00"
    return value.isoformat(timespec="minutes") if isinstance(value, time) else str(value)


def _overlaps(s: Scenario) -> Iterator[Finding]:
    windows = []
    for i, phase in enumerate(s.event.phases):
        for start, end in expand(phase.start, phase.end, s.event.days):
            if start < end:
                windows.append((start, end, i))
    windows.sort()
    for (_s1, e1, i1), (s2, _e2, i2) in zip(windows, windows[1:], strict=False):
        if s2 < e1 and i1 != i2:
            a, b = s.event.phases[i1].id, s.event.phases[i2].id
            yield _error(("event", "phases", i2), f"phase '{b}' overlaps phase '{a}'")


def _roles_and_pools(s: Scenario) -> Iterator[Finding]:
    for role_id, role in s.roles.items():
        low, high = role.shift_hours
        if low > high:
            yield _error(("roles", role_id, "shift_hours"),
                         f"shortest shift {low:g} h is longer than the longest {high:g} h")
        if high > 24:
            yield _error(("roles", role_id, "shift_hours"),
                         f"a shift of {high:g} h is longer than a day (at most 24)")
        slot_h = s.event.slot_minutes / 60
        if high < slot_h:
            yield _error(("roles", role_id, "shift_hours"),
                         f"longest shift {high:g} h is shorter than one slot")
    yield from _duplicates([p.id for p in s.pools], ("pools",), "pool")
    multi_day = s.event.days is not None
    for i, pool in enumerate(s.pools):
        message = _known(pool.role, s.roles, "role")
        if message:
            yield _error(("pools", i, "role"), message)
        if pool.available is not None:
            a = pool.available
            both_times = _is_time_of_day(a.start) and _is_time_of_day(a.end)
            yield from _span(("pools", i, "available"), a.start, a.end,
                             multi_day and both_times, s.event.slot_minutes)


def _people(s: Scenario) -> Iterator[Finding]:
    yield from _duplicates([p.id for p in s.people], ("people",), "person")
    pools = {p.id: p for p in s.pools}
    per_pool: Counter[str] = Counter()
    for i, person in enumerate(s.people):
        if person.role not in s.roles:
            yield _error(("people", i, "role"), _known(person.role, s.roles, "role") or "")
        pool = pools.get(person.pool)
        if pool is None:
            yield _error(("people", i, "pool"), _known(person.pool, pools, "pool") or "")
            continue
        per_pool[person.pool] += 1
        if person.role in s.roles and person.role != pool.role:
            yield _error(("people", i, "role"),
                         f"role '{person.role}' differs from pool '{pool.id}' role '{pool.role}'")
        for key in ("available_from", "available_to"):
            value = getattr(person, key)
            if value is not None and _is_time_of_day(value):
                yield _error(("people", i, key), "give a date and time (YYYY-MM-DDTHH:MM)")
            elif value is not None and not on_grid(value, s.event.slot_minutes):
                yield _error(("people", i, key), f"{_show(value)} is not on the "
                             f"{s.event.slot_minutes}-minute slot grid")
        start, end = person.available_from, person.available_to
        if isinstance(start, datetime) and isinstance(end, datetime) and start >= end:
            yield _error(("people", i, "available_to"), "not after available_from")
    for i, pool in enumerate(s.pools):
        if per_pool[pool.id] > pool.count:
            yield _error(("pools", i, "count"), f"the people file lists {per_pool[pool.id]} "
                         f"people of pool '{pool.id}', more than its count {pool.count}")


def _venue(s: Scenario) -> Iterator[Finding]:
    venue = s.venue
    node_ids = [n.id for n in venue.nodes]
    yield from _duplicates(node_ids, ("venue", "nodes"), "node")
    known = set(node_ids)
    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    for i, edge in enumerate(venue.edges):
        for end in ("a", "b"):
            message = _known(getattr(edge, end), node_ids, "node")
            if message:
                yield _error(("venue", "edges", i, end), message)
        if edge.a == edge.b:
            yield _error(("venue", "edges", i), f"edge joins node '{edge.a}' to itself")
        elif edge.a in known and edge.b in known:
            graph.add_edge(edge.a, edge.b)
    components = sorted(nx.connected_components(graph), key=len, reverse=True)
    if len(components) > 1:
        cut = sorted(n for part in components[1:] for n in part)
        shown = ", ".join(cut[:20]) + (f" and {len(cut) - 20} more" if len(cut) > 20 else "")
        yield _error(("venue", "edges"), f"the venue graph is in {len(components)} pieces: "
                     f"node(s) {shown} cannot be reached from the main part")
    yield from _duplicates([z.id for z in venue.zones], ("venue", "zones"), "zone")
    for i, zone in enumerate(venue.zones):
        yield from _refs(zone.nodes, node_ids, "node", ("venue", "zones", i, "nodes"))
        yield from _refs(zone.exits, node_ids, "node", ("venue", "zones", i, "exits"))


def _posts(s: Scenario) -> Iterator[Finding]:
    node_ids = [n.id for n in s.venue.nodes]
    phase_ids = [p.id for p in s.event.phases]
    yield from _duplicates([p.id for p in s.posts], ("posts",), "post")
    for i, post in enumerate(s.posts):
        path = ("posts", i)
        message = _known(post.node, node_ids, "node")
        if message:
            yield _error((*path, "node"), message)
        if not post.needs and post.screening is None:
            yield _error(path, f"post '{post.id}' has neither needs nor a screening block")
        for j, need in enumerate(post.needs):
            yield from _refs(need.phases, phase_ids, "phase", (*path, "needs", j, "phases"))
            yield from _refs(need.roles, s.roles, "role", (*path, "needs", j, "roles"))
        if post.screening is not None:
            yield from _refs(post.screening.roles, s.roles, "role",
                             (*path, "screening", "roles"))
            if not s.event.arrivals and "ingress" not in phase_ids:
                yield _error((*path, "screening"), "screening needs an arrival profile: add "
                             "event.arrivals (or a phase named 'ingress' to spread arrivals over)")
    total_share = sum(p.screening.arrival_share for p in s.posts if p.screening)
    if total_share > 1 + 1e-6:
        yield _warning(("posts",), f"screening arrival_share values add up to {total_share:g}, "
                       "more than the whole crowd")
    for i, ratio in enumerate(s.rules.ratios):
        yield from _refs(ratio.roles, s.roles, "role", ("rules", "ratios", i, "roles"))
        yield from _refs(ratio.phases or (), phase_ids, "phase", ("rules", "ratios", i, "phases"))


def _forces(s: Scenario) -> Iterator[Finding]:
    node_ids = [n.id for n in s.venue.nodes]
    phase_ids = [p.id for p in s.event.phases]
    # Members of units, patrols and drone crews carry that id in the roster's post column.
    owner: dict[str, str] = {p.id: "a post" for p in s.posts}
    for section, items in (("units", s.units), ("patrols", s.patrols), ("drones", s.drones)):
        for i, item in enumerate(items):
            if item.id in owner:
                yield _error((section, i, "id"), f"id '{item.id}' is already used by "
                             f"{owner[item.id]}")
            else:
                owner[item.id] = f"{section[:-1]}"
    for section, items in (("units", s.units), ("patrols", s.patrols)):
        for i, item in enumerate(items):
            for role in item.composition:
                message = _known(role, s.roles, "role")
                if message:
                    yield _error((section, i, "composition", role), message)
            yield from _refs(item.phases, phase_ids, "phase", (section, i, "phases"))
    for i, unit in enumerate(s.units):
        if unit.standby != "auto":
            nodes = (unit.standby,) if isinstance(unit.standby, str) else unit.standby
            yield from _refs(nodes, node_ids, "node", ("units", i, "standby"))
            if len(nodes) not in (1, unit.count):
                yield _error(("units", i, "standby"), f"give one standby node, or one per unit "
                             f"({unit.count}), not {len(nodes)}")
    kinds_present = {n.kind for n in s.venue.nodes}
    for i, patrol in enumerate(s.patrols):
        yield from _refs(patrol.targets.nodes, node_ids, "node",
                         ("patrols", i, "targets", "nodes"))
        for j, kind in enumerate(patrol.targets.kinds):
            if kind not in kinds_present and kind in NODE_KINDS:
                yield _warning(("patrols", i, "targets", "kinds", j),
                               f"no venue node is of kind '{kind}'")
        if not patrol.targets.nodes and not (set(patrol.targets.kinds) & kinds_present):
            yield _error(("patrols", i, "targets"), "the patrol has no target node")
    for i, drone in enumerate(s.drones):
        message = _known(drone.pilot_role, s.roles, "role")
        if message:
            yield _error(("drones", i, "pilot_role"), message)
        yield from _refs(drone.phases, phase_ids, "phase", ("drones", i, "phases"))
        yield from _refs(drone.watch, node_ids, "node", ("drones", i, "watch"))
        if drone.swap_minutes >= drone.endurance_minutes * 10:
            yield _warning(("drones", i, "swap_minutes"), "swap time dwarfs the flight time")
    weights = s.objective.shortfall_weight
    if weights and min(weights.values()) == 0 and s.objective.cost_weight > 0:
        yield _warning(("objective", "shortfall_weight"), "a zero weight lets that need go "
                       "uncovered whenever covering it costs anything")


def _supply(s: Scenario) -> Iterator[Finding]:
    """Warn about needs that no pool can ever supply (they will always be short)."""
    supplied = {p.role for p in s.pools}
    for i, post in enumerate(s.posts):
        for j, need in enumerate(post.needs):
            if need.roles and not set(need.roles) & supplied and all(r in s.roles
                                                                     for r in need.roles):
                yield _warning(("posts", i, "needs", j, "roles"),
                               f"no pool supplies {' or '.join(need.roles)}: this need will "
                               "always be short")
        if post.screening and all(r in s.roles for r in post.screening.roles) and not (
            set(post.screening.roles) & supplied
        ):
            yield _warning(("posts", i, "screening", "roles"),
                           f"no pool supplies {' or '.join(post.screening.roles)}")
    wanted: list[tuple[tuple[str | int, ...], str]] = []
    for section, items in (("units", s.units), ("patrols", s.patrols)):
        for i, item in enumerate(items):
            wanted += [((section, i, "composition", r), r) for r in item.composition]
    wanted += [(("drones", i, "pilot_role"), d.pilot_role) for i, d in enumerate(s.drones)]
    for path, role in wanted:
        if role in s.roles and role not in supplied:
            yield _warning(path, f"no pool supplies role '{role}'")
    if s.rules.ratios:
        for i, ratio in enumerate(s.rules.ratios):
            required = math.ceil(s.event.attendance / ratio.per_attendees)
            available = sum(p.count for p in s.pools if p.role in ratio.roles)
            if available < required:
                yield _warning(("rules", "ratios", i), f"asks for {required} on duty but the "
                               f"pools of {'+'.join(ratio.roles)} hold only {available}")
