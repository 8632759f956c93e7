"""The rules that look across a scenario document: references, ids, people, the venue graph.

Field types and ranges are checked by the model; here come references between sections,
duplicate ids, the people, posts and forces and the shape of the venue graph. The time rules
are in :mod:`~eventplan.scenario.checks_time`, the rules of command (supervision, sectors,
reserves, standing units, briefings) in :mod:`~eventplan.scenario.checks_command`, tags in
:mod:`~eventplan.scenario.checks_tags` and warnings about supply in
:mod:`~eventplan.scenario.supply`. Each rule yields
:class:`~eventplan.scenario.findings.Finding` records; the loader adds file and line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime

from eventplan.scenario.checks_command import command_checks
from eventplan.scenario.checks_common import (
    duplicates,
    grid,
    ids,
    is_time_of_day,
    period_refs,
    refs,
    unknown,
)
from eventplan.scenario.checks_organisations import organisation_checks
from eventplan.scenario.checks_tags import tag_checks
from eventplan.scenario.checks_time import event_checks, span
from eventplan.scenario.findings import Finding, error, warning
from eventplan.scenario.model import NODE_KINDS, Scenario
from eventplan.scenario.realtime import event_clock
from eventplan.scenario.supply import supply_warnings
from eventplan.scenario.times import expand, format_when, on_grid


def cross_check(scenario: Scenario) -> list[Finding]:
    """All cross-document problems of a structurally valid scenario."""
    return [
        *event_checks(scenario),
        *_roles_and_pools(scenario),
        *_people(scenario),
        *_venue(scenario),
        *_posts(scenario),
        *_forces(scenario),
        *command_checks(scenario),
        *organisation_checks(scenario),
        *_egress(scenario),
        *tag_checks(scenario),
        *supply_warnings(scenario),
    ]


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
    yield from duplicates([p.id for p in s.pools], ("pools",), "pool")
    multi_day, clock = s.event.days is not None, event_clock(s)
    for i, pool in enumerate(s.pools):
        finding = unknown(("pools", i, "role"), pool.role, s.roles, "role")
        if finding:
            yield finding
        if pool.available is None:
            continue
        start, end = pool.available.start, pool.available.end
        path = ("pools", i, "available")
        if is_time_of_day(start) != is_time_of_day(end):
            yield error(path, "give start and end both as date-times or both as HH:MM")
        else:
            daily = multi_day and is_time_of_day(start)  # multi-day pools may use either form
            yield from span(path, start, end, daily, grid(s), clock)


def _people(s: Scenario) -> Iterator[Finding]:
    yield from duplicates([p.id for p in s.people], ("people",), "person")
    pools, clock = {p.id: p for p in s.pools}, event_clock(s)
    per_pool: Counter[str] = Counter()
    for i, person in enumerate(s.people):
        finding = unknown(("people", i, "role"), person.role, s.roles, "role")
        if finding:
            yield finding
        pool = pools.get(person.pool)
        if pool is None:
            yield unknown(("people", i, "pool"), person.pool, pools, "pool")  # type: ignore[misc]
            continue
        per_pool[person.pool] += 1
        if person.role in s.roles and person.role != pool.role:
            yield error(
                ("people", i, "role"),
                f"role '{person.role}' differs from pool '{pool.id}' role '{pool.role}'",
            )
        for key in ("available_from", "available_to"):
            value = getattr(person, key)
            if value is not None and is_time_of_day(value):
                yield error(("people", i, key), "give a date and time (YYYY-MM-DDTHH:MM)")
            elif value is not None and grid(s) and not on_grid(value, grid(s)):
                yield error(
                    ("people", i, key),
                    f"{format_when(value)} is not on the {s.event.slot_minutes}-minute slot grid",
                )
        start, end = person.available_from, person.available_to
        if (
            isinstance(start, datetime)
            and isinstance(end, datetime)
            and clock.moment(start) >= clock.moment(end)
        ):
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
    yield from duplicates([n.id for n in venue.nodes], ("venue", "nodes"), "node")
    node_ids = ids(venue.nodes)
    links: list[tuple[str, str]] = []
    for i, edge in enumerate(venue.edges):
        for end in ("a", "b"):
            finding = unknown(("venue", "edges", i, end), getattr(edge, end), node_ids, "node")
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
    yield from duplicates([z.id for z in venue.zones], ("venue", "zones"), "zone")
    for i, zone in enumerate(venue.zones):
        yield from refs(zone.nodes, node_ids, "node", ("venue", "zones", i, "nodes"))
        yield from refs(zone.exits, node_ids, "node", ("venue", "zones", i, "exits"))


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
    node_ids = ids(s.venue.nodes)
    yield from duplicates([p.id for p in s.posts], ("posts",), "post")
    for i, post in enumerate(s.posts):
        path = ("posts", i)
        finding = unknown((*path, "node"), post.node, node_ids, "node")
        if finding:
            yield finding
        if not post.needs and post.screening is None:
            yield error(
                path, f"post '{post.id}' has neither needs nor a screening block", whole=True
            )
        for j, need in enumerate(post.needs):
            yield from period_refs(s, need.phases, (*path, "needs", j, "phases"))
            yield from refs(need.roles, s.roles, "role", (*path, "needs", j, "roles"))
        if post.screening is not None:
            yield from _screening(s, i)
    total_share = sum(p.screening.arrival_share for p in s.posts if p.screening)
    if total_share > 1 + 1e-6:
        yield warning(
            ("posts",),
            f"screening arrival_share values add up to {total_share:g}, more than the whole crowd",
        )
    for i, ratio in enumerate(s.rules.ratios):
        yield from refs(ratio.roles, s.roles, "role", ("rules", "ratios", i, "roles"))
        yield from period_refs(s, ratio.phases or (), ("rules", "ratios", i, "phases"))


def _screening(s: Scenario, i: int) -> Iterator[Finding]:
    """The roles of a screening point, and the arrivals it screens."""
    screening, path = s.posts[i].screening, ("posts", i, "screening")
    assert screening is not None
    yield from refs(screening.roles, s.roles, "role", (*path, "roles"))
    profile = screening.arrival_profile
    if profile is not None:
        profiles = dict.fromkeys(s.event.arrival_profiles)
        finding = unknown((*path, "arrival_profile"), profile, profiles, "arrival profile")
        if finding:
            yield finding
    elif not s.event.arrivals and "ingress" not in ids(s.event.phases):
        yield error(
            path,
            "screening needs an arrival profile: add event.arrivals or an arrival_profile "
            "(or a phase named 'ingress' to spread arrivals over)",
            whole=True,
        )


def _forces(s: Scenario) -> Iterator[Finding]:
    node_ids = ids(s.venue.nodes)
    for section, items in (("units", s.units), ("patrols", s.patrols)):
        for i, item in enumerate(items):
            for role in item.composition:
                finding = unknown((section, i, "composition", role), role, s.roles, "role")
                if finding:
                    yield finding
            yield from period_refs(s, item.phases, (section, i, "phases"))
    yield from _standby(s, node_ids)
    yield from _patrol_targets(s, node_ids)
    yield from _drones(s, node_ids)
    weights = s.objective.shortfall_weight
    if weights and min(weights.values()) == 0 and s.objective.cost_weight > 0:
        yield warning(
            ("objective", "shortfall_weight"),
            "a zero weight lets that need go uncovered whenever covering it costs anything",
        )


def _egress(s: Scenario) -> Iterator[Finding]:
    if s.egress.stairs is not None and s.egress.stair_speed_factor is not None:
        yield error(
            ("egress", "stairs"),
            "give stair_speed_factor or stairs (from which the factor follows), not both",
        )


def _standby(s: Scenario, node_ids: Mapping[str, None]) -> Iterator[Finding]:
    for i, unit in enumerate(s.units):
        if unit.standby == "auto":
            continue
        path = ("units", i, "standby")
        if isinstance(unit.standby, str):
            nodes: tuple[str, ...] = (unit.standby,)
            finding = unknown(path, unit.standby, node_ids, "node")
            if finding:
                yield finding
        else:
            nodes = unit.standby
            yield from refs(nodes, node_ids, "node", path)
        if len(nodes) not in (1, unit.count):
            yield error(
                path,
                f"give one standby node, or one per unit ({unit.count}), not {len(nodes)}",
                whole=True,
            )


def _patrol_targets(s: Scenario, node_ids: Mapping[str, None]) -> Iterator[Finding]:
    kinds_present = {n.kind for n in s.venue.nodes}
    for i, patrol in enumerate(s.patrols):
        yield from refs(patrol.targets.nodes, node_ids, "node", ("patrols", i, "targets", "nodes"))
        for j, kind in enumerate(patrol.targets.kinds):
            if kind not in kinds_present and kind in NODE_KINDS:
                yield warning(
                    ("patrols", i, "targets", "kinds", j), f"no venue node is of kind '{kind}'"
                )
        if not patrol.targets.nodes and not (set(patrol.targets.kinds) & kinds_present):
            yield error(("patrols", i, "targets"), "the patrol has no target node", whole=True)


def _drones(s: Scenario, node_ids: Mapping[str, None]) -> Iterator[Finding]:
    for i, drone in enumerate(s.drones):
        finding = unknown(("drones", i, "pilot_role"), drone.pilot_role, s.roles, "role")
        if finding:
            yield finding
        yield from period_refs(s, drone.phases, ("drones", i, "phases"))
        yield from refs(drone.watch, node_ids, "node", ("drones", i, "watch"))
        if drone.swap_minutes >= drone.endurance_minutes * 10:
            yield warning(("drones", i, "swap_minutes"), "swap time dwarfs the flight time")
        sorties = _sorties(s, drone.phases, drone.count, drone.endurance_minutes)
        if sorties > MAX_SORTIES:
            yield error(
                ("drones", i),
                f"the rotation would fly about {sorties:,.0f} sorties (at most {MAX_SORTIES:,}): "
                "fewer drones at once or a longer endurance",
            )


#: Most sorties one drone entry may fly: ten drones round the clock for ten days on 20-minute
#: flights fly 72,000. Beyond, the rotation is a typing accident and takes minutes to plan.
MAX_SORTIES = 200_000


def _sorties(s: Scenario, periods: Iterable[str], count: int, endurance: float) -> float:
    """About how many flights ``count`` drones of ``endurance`` minutes fly over the phases."""
    phases = {p.id: p for p in s.event.phases}
    windows = [
        window
        for pid in periods
        if pid in phases
        for window in expand(phases[pid].start, phases[pid].end, s.event.days)
    ]
    minutes = sum((end - start).total_seconds() / 60 for start, end in windows)
    return count * (minutes / endurance + len(windows))
