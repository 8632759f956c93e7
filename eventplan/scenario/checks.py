"""The rules that look across a scenario document: references, ids, times, the venue graph.

Field types and ranges are checked by the model; here come references between sections,
duplicate ids, the time rules (grid, overlaps, multi-day form), arrival shares and the shape of
the venue graph. Warnings about supply are in :mod:`eventplan.scenario.supply`. Each rule
yields :class:`~eventplan.scenario.findings.Finding` records; the loader adds file and line.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from eventplan.scenario.findings import Finding, Place, error, warning
from eventplan.scenario.model import NODE_KINDS, Scenario
from eventplan.scenario.supply import supply_warnings
from eventplan.scenario.times import END_OF_DAY, expand, format_when, on_grid


def cross_check(scenario: Scenario) -> list[Finding]:
    """All cross-document problems of a structurally valid scenario."""
    return [
        *_event(scenario),
        *_roles_and_pools(scenario),
        *_people(scenario),
        *_venue(scenario),
        *_posts(scenario),
        *_forces(scenario),
        *supply_warnings(scenario),
    ]


def _ids(items: Iterable[object]) -> dict[str, None]:
    """The ids of some items, in order and each once: fast to look up, ready to list."""
    return dict.fromkeys(item.id for item in items)  # type: ignore[attr-defined]


def _unknown(path: Place, value: str, known: Mapping[str, object], what: str) -> Finding | None:
    """An error for a reference to an id that does not exist, else None."""
    if value in known:
        return None
    names = list(known)
    listed = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    message = f"unknown {what} '{value}'" + (f" (known: {listed})" if names else "")
    return Finding(path, message, "error", ref=(what, value))


def _refs(
    values: Iterable[str], known: Mapping[str, object], what: str, path: Place
) -> Iterator[Finding]:
    for i, value in enumerate(values):
        finding = _unknown((*path, i), value, known, what)
        if finding:
            yield finding


def _duplicates(ids: list[str], path: Place, what: str) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for i, item_id in enumerate(ids):
        if item_id in first:
            yield error(
                (*path, i, "id"),
                f"duplicate {what} id '{item_id}' (first at {path[-1]}[{first[item_id]}])",
            )
        else:
            first[item_id] = i


def _is_time_of_day(value: object) -> bool:
    return isinstance(value, time) and not isinstance(value, datetime)


def _grid(s: Scenario) -> int:
    """The slot length times must lie on, or 0 when it is invalid (reported once, not per time)."""
    return s.event.slot_minutes if 60 % s.event.slot_minutes == 0 else 0


def _event(s: Scenario) -> Iterator[Finding]:
    event, slot = s.event, _grid(s)
    try:
        ZoneInfo(event.timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        yield error(
            ("event", "timezone"),
            f"unknown timezone {event.timezone!r} (use an IANA name like Asia/Shanghai)",
        )
    if not slot:
        yield error(
            ("event", "slot_minutes"),
            f"{event.slot_minutes} does not divide 60 (use 5, 10, 15, 20, 30 or 60)",
        )
    multi_day = event.days is not None
    if multi_day:
        if not event.days:
            yield error(("event", "days"), "give at least one day", whole=True)
        seen: set[object] = set()
        for i, day in enumerate(event.days or ()):
            if day in seen:
                yield error(("event", "days", i), f"day {day} is listed twice")
            seen.add(day)
    yield from _duplicates([p.id for p in event.phases], ("event", "phases"), "phase")
    spans = [("phases", i, p.start, p.end) for i, p in enumerate(event.phases)]
    spans += [("arrivals", i, a.start, a.end) for i, a in enumerate(event.arrivals)]
    for section, i, start, end in spans:
        yield from _span(("event", section, i), start, end, multi_day, slot)
    yield from _overlaps(s)
    if event.arrivals:
        total = sum(a.share for a in event.arrivals)
        if abs(total - 1) > 1e-6:
            yield error(("event", "arrivals"), f"shares sum to {total:g}, not 1", whole=True)


def _span(path: Place, start: object, end: object, multi_day: bool, slot: int) -> Iterator[Finding]:
    """Form, grid and order of one start/end pair (a phase, an arrival window, ...)."""
    for key, value in (("start", start), ("end", end)):
        if multi_day and not _is_time_of_day(value):
            yield error(
                (*path, key),
                "with event.days, give times of day as HH:MM (they repeat on every day)",
            )
            return
        if not multi_day and _is_time_of_day(value):
            yield error(
                (*path, key),
                "give a date and time (YYYY-MM-DDTHH:MM); times of day (HH:MM) need event.days",
            )
            return
        if slot and not on_grid(value, slot):  # type: ignore[arg-type]
            yield error((*path, key), f"{format_when(value)} is not on the {slot}-minute slot grid")
    if multi_day and start == END_OF_DAY:
        yield error((*path, "start"), "a day's window cannot start at 24:00")
    elif start >= end:  # type: ignore[operator]
        fit = ": on multi-day events a window must fit in one day" if multi_day else ""
        yield error(
            (*path, "end"),
            f"ends at {format_when(end)}, not after its start {format_when(start)}{fit}",
        )


def _overlaps(s: Scenario) -> Iterator[Finding]:
    windows = []
    for i, phase in enumerate(s.event.phases):
        for start, end in expand(phase.start, phase.end, s.event.days):
            if start < end:
                windows.append((start, end, i))
    windows.sort()
    reported: set[tuple[int, int]] = set()
    for (_s1, e1, i1), (s2, _e2, i2) in itertools.pairwise(windows):
        pair = (min(i1, i2), max(i1, i2))
        if s2 < e1 and i1 != i2 and pair not in reported:  # once, not once a day
            reported.add(pair)
            a, b = s.event.phases[i1].id, s.event.phases[i2].id
            yield error(("event", "phases", i2), f"phase '{b}' overlaps phase '{a}'")


def _roles_and_pools(s: Scenario) -> Iterator[Finding]:
    slot_hours = s.event.slot_minutes / 60
    for role_id, role in s.roles.items():
        low, high = role.shift_hours
        path = ("roles", role_id, "shift_hours")
        if low > high:
            yield error(path, f"shortest shift {low:g} h is longer than the longest {high:g} h")
        if high > 24:
            yield error(path, f"a shift of {high:g} h is longer than a day (at most 24)")
        if high < slot_hours:
            yield error(path, f"longest shift {high:g} h is shorter than one slot")
    yield from _duplicates([p.id for p in s.pools], ("pools",), "pool")
    multi_day = s.event.days is not None
    for i, pool in enumerate(s.pools):
        finding = _unknown(("pools", i, "role"), pool.role, s.roles, "role")
        if finding:
            yield finding
        if pool.available is None:
            continue
        start, end = pool.available.start, pool.available.end
        path = ("pools", i, "available")
        if _is_time_of_day(start) != _is_time_of_day(end):
            yield error(path, "give start and end both as date-times or both as HH:MM")
        else:
            daily = multi_day and _is_time_of_day(start)  # multi-day pools may use either form
            yield from _span(path, start, end, daily, _grid(s))


def _people(s: Scenario) -> Iterator[Finding]:
    yield from _duplicates([p.id for p in s.people], ("people",), "person")
    pools = {p.id: p for p in s.pools}
    per_pool: Counter[str] = Counter()
    for i, person in enumerate(s.people):
        finding = _unknown(("people", i, "role"), person.role, s.roles, "role")
        if finding:
            yield finding
        pool = pools.get(person.pool)
        if pool is None:
            yield _unknown(("people", i, "pool"), person.pool, pools, "pool")  # type: ignore[misc]
            continue
        per_pool[person.pool] += 1
        if person.role in s.roles and person.role != pool.role:
            yield error(
                ("people", i, "role"),
                f"role '{person.role}' differs from pool '{pool.id}' role '{pool.role}'",
            )
        for key in ("available_from", "available_to"):
            value = getattr(person, key)
            if value is not None and _is_time_of_day(value):
                yield error(("people", i, key), "give a date and time (YYYY-MM-DDTHH:MM)")
            elif value is not None and _grid(s) and not on_grid(value, _grid(s)):
                yield error(
                    ("people", i, key),
                    f"{format_when(value)} is not on the {s.event.slot_minutes}-minute slot grid",
                )
        start, end = person.available_from, person.available_to
        if isinstance(start, datetime) and isinstance(end, datetime) and start >= end:
            yield error(("people", i, "available_to"), "not after available_from")
    for i, pool in enumerate(s.pools):
        if per_pool[pool.id] > pool.count:
            yield error(
                ("pools", i, "count"),
                f"the people file lists {per_pool[pool.id]} people of pool '{pool.id}', "
                f"more than its count {pool.count}",
            )


def _venue(s: Scenario) -> Iterator[Finding]:
    venue = s.venue
    yield from _duplicates([n.id for n in venue.nodes], ("venue", "nodes"), "node")
    node_ids = _ids(venue.nodes)
    links: list[tuple[str, str]] = []
    for i, edge in enumerate(venue.edges):
        for end in ("a", "b"):
            finding = _unknown(("venue", "edges", i, end), getattr(edge, end), node_ids, "node")
            if finding:
                yield finding
        if edge.a == edge.b:  # (two edges between the same nodes are two passages: fine)
            yield error(("venue", "edges", i), f"edge joins node '{edge.a}' to itself")
        elif edge.a in node_ids and edge.b in node_ids:
            links.append((edge.a, edge.b))
    components = sorted(_components(node_ids, links), key=len, reverse=True)
    if len(components) > 1 and all(e.a in node_ids and e.b in node_ids for e in venue.edges):
        cut = sorted(n for part in components[1:] for n in part)
        shown = ", ".join(cut[:20]) + (f" and {len(cut) - 20} more" if len(cut) > 20 else "")
        yield error(
            ("venue", "edges"),
            f"the venue graph is in {len(components)} pieces: "
            f"node(s) {shown} cannot be reached from the main part",
            whole=True,
        )
    yield from _duplicates([z.id for z in venue.zones], ("venue", "zones"), "zone")
    for i, zone in enumerate(venue.zones):
        yield from _refs(zone.nodes, node_ids, "node", ("venue", "zones", i, "nodes"))
        yield from _refs(zone.exits, node_ids, "node", ("venue", "zones", i, "exits"))


def _components(nodes: Iterable[str], links: Iterable[tuple[str, str]]) -> list[set[str]]:
    """The connected pieces of an undirected graph, in the order of their first node."""
    neighbours: dict[str, list[str]] = {node: [] for node in nodes}
    for a, b in links:
        neighbours[a].append(b)
        neighbours[b].append(a)
    seen: set[str] = set()
    pieces = []
    for start in neighbours:
        if start in seen:
            continue
        piece, frontier = {start}, [start]
        while frontier:
            for other in neighbours[frontier.pop()]:
                if other not in piece:
                    piece.add(other)
                    frontier.append(other)
        seen |= piece
        pieces.append(piece)
    return pieces


def _posts(s: Scenario) -> Iterator[Finding]:
    node_ids, phase_ids = _ids(s.venue.nodes), _ids(s.event.phases)
    yield from _duplicates([p.id for p in s.posts], ("posts",), "post")
    for i, post in enumerate(s.posts):
        path = ("posts", i)
        finding = _unknown((*path, "node"), post.node, node_ids, "node")
        if finding:
            yield finding
        if not post.needs and post.screening is None:
            yield error(
                path, f"post '{post.id}' has neither needs nor a screening block", whole=True
            )
        for j, need in enumerate(post.needs):
            yield from _refs(need.phases, phase_ids, "phase", (*path, "needs", j, "phases"))
            yield from _refs(need.roles, s.roles, "role", (*path, "needs", j, "roles"))
        if post.screening is not None:
            yield from _refs(post.screening.roles, s.roles, "role", (*path, "screening", "roles"))
            if not s.event.arrivals and "ingress" not in phase_ids:
                yield error(
                    (*path, "screening"),
                    "screening needs an arrival profile: add event.arrivals "
                    "(or a phase named 'ingress' to spread arrivals over)",
                    whole=True,
                )
    total_share = sum(p.screening.arrival_share for p in s.posts if p.screening)
    if total_share > 1 + 1e-6:
        yield warning(
            ("posts",),
            f"screening arrival_share values add up to {total_share:g}, more than the whole crowd",
        )
    for i, ratio in enumerate(s.rules.ratios):
        yield from _refs(ratio.roles, s.roles, "role", ("rules", "ratios", i, "roles"))
        yield from _refs(ratio.phases or (), phase_ids, "phase", ("rules", "ratios", i, "phases"))


def _forces(s: Scenario) -> Iterator[Finding]:
    node_ids, phase_ids = _ids(s.venue.nodes), _ids(s.event.phases)
    yield from _force_ids(s)
    for section, items in (("units", s.units), ("patrols", s.patrols)):
        for i, item in enumerate(items):
            for role in item.composition:
                finding = _unknown((section, i, "composition", role), role, s.roles, "role")
                if finding:
                    yield finding
            yield from _refs(item.phases, phase_ids, "phase", (section, i, "phases"))
    yield from _standby(s, node_ids)
    yield from _patrol_targets(s, node_ids)
    yield from _drones(s, node_ids, phase_ids)
    weights = s.objective.shortfall_weight
    if weights and min(weights.values()) == 0 and s.objective.cost_weight > 0:
        yield warning(
            ("objective", "shortfall_weight"),
            "a zero weight lets that need go uncovered whenever covering it costs anything",
        )


def _force_ids(s: Scenario) -> Iterator[Finding]:
    # Members of units, patrols and drone crews carry that id in the roster's post column.
    owner: dict[str, str] = {p.id: "a post" for p in s.posts}
    for section, items in (("units", s.units), ("patrols", s.patrols), ("drones", s.drones)):
        for i, item in enumerate(items):
            if item.id in owner:
                yield error(
                    (section, i, "id"), f"id '{item.id}' is already used by {owner[item.id]}"
                )
            else:
                owner[item.id] = f"a {section[:-1]}"


def _standby(s: Scenario, node_ids: Mapping[str, None]) -> Iterator[Finding]:
    for i, unit in enumerate(s.units):
        if unit.standby == "auto":
            continue
        path = ("units", i, "standby")
        if isinstance(unit.standby, str):
            nodes: tuple[str, ...] = (unit.standby,)
            finding = _unknown(path, unit.standby, node_ids, "node")
            if finding:
                yield finding
        else:
            nodes = unit.standby
            yield from _refs(nodes, node_ids, "node", path)
        if len(nodes) not in (1, unit.count):
            yield error(
                path,
                f"give one standby node, or one per unit ({unit.count}), not {len(nodes)}",
                whole=True,
            )


def _patrol_targets(s: Scenario, node_ids: Mapping[str, None]) -> Iterator[Finding]:
    kinds_present = {n.kind for n in s.venue.nodes}
    for i, patrol in enumerate(s.patrols):
        yield from _refs(patrol.targets.nodes, node_ids, "node", ("patrols", i, "targets", "nodes"))
        for j, kind in enumerate(patrol.targets.kinds):
            if kind not in kinds_present and kind in NODE_KINDS:
                yield warning(
                    ("patrols", i, "targets", "kinds", j), f"no venue node is of kind '{kind}'"
                )
        if not patrol.targets.nodes and not (set(patrol.targets.kinds) & kinds_present):
            yield error(("patrols", i, "targets"), "the patrol has no target node", whole=True)


def _drones(
    s: Scenario, node_ids: Mapping[str, None], phase_ids: Mapping[str, None]
) -> Iterator[Finding]:
    for i, drone in enumerate(s.drones):
        finding = _unknown(("drones", i, "pilot_role"), drone.pilot_role, s.roles, "role")
        if finding:
            yield finding
        yield from _refs(drone.phases, phase_ids, "phase", ("drones", i, "phases"))
        yield from _refs(drone.watch, node_ids, "node", ("drones", i, "watch"))
        if drone.swap_minutes >= drone.endurance_minutes * 10:
            yield warning(("drones", i, "swap_minutes"), "swap time dwarfs the flight time")
