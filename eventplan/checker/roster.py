"""Roster rows against the scenario: who the people are, where they stand, in which unit.

A row that names an unknown role, pool, post or person is reported (rule ``files``) and left
out of every later check, because nothing it says can be trusted. Rows that are readable but
wrong in a smaller way (a unit label, a role the post cannot use, more people than a pool
holds) are reported and kept.

The post column names a post, unit, patrol, drone crew, sector (its leader's stints), reserve,
or a briefing (``briefing:<node>``). The ``leads`` column holds the sector id on a sector
leader's rows, the unit instance on a unit leader's rows, and is empty on every other row.

Person ids are either ids from the scenario's people list or generated ids of the form
``<pool-id>-<n>`` with ``1 <= n <= pool.count`` (written ``guards-a-0007``). Either way the id
fixes the person's pool, and the pool their role. Unit, patrol team
and drone crew labels are ``<id>#<k>``, ``k`` counted from 1.
"""

from __future__ import annotations

from collections import defaultdict

from eventplan.checker.files import BRIEFING, ROSTER, Stint, is_briefing
from eventplan.checker.report import Violation
from eventplan.scenario.model import Person, Pool, Scenario


def usable_stints(scenario: Scenario, stints: list[Stint]) -> tuple[list[Stint], list[Violation]]:
    """The rows the other checks can rely on, and the violations of the rows' ids."""
    problems: list[Violation] = []
    kinds = assignment_kinds(scenario)
    kinds.update(_briefings(scenario, stints))
    serves = roles_served(scenario)
    named = {p.id: p for p in scenario.people}
    pools = {p.id: p for p in scenario.pools}
    kept: list[Stint] = []
    for stint in stints:
        problem = _identity(scenario, stint, pools, named, kinds)
        if problem:
            problems.append(Violation("files", ROSTER, f"line {stint.line}: {problem}"))
            continue
        kept.append(stint)
        label = _label_problem(scenario, stint, kinds[stint.post])
        if label:
            problems.append(Violation("files", ROSTER, f"line {stint.line}: {label}"))
        if not is_briefing(stint.post) and stint.role not in serves[stint.post]:
            problems.append(
                Violation(
                    "role-fit",
                    stint.person,
                    f"stands at {kinds[stint.post]} '{stint.post}' as "
                    f"{stint.role} (line {stint.line}), but it only uses "
                    f"{', '.join(sorted(serves[stint.post]))}",
                )
            )
    problems += _pool_sizes(scenario, kept)
    return kept, problems


def assignment_kinds(scenario: Scenario) -> dict[str, str]:
    """What each station id that may stand in the roster's post column is: post, unit,
    patrol, drone, sector (a sector with a leader) or reserve."""
    kinds = {p.id: "post" for p in scenario.posts}
    kinds.update({u.id: "unit" for u in scenario.units})
    kinds.update({p.id: "patrol" for p in scenario.patrols})
    kinds.update({d.id: "drone" for d in scenario.drones})
    kinds.update({s.id: "sector" for s in scenario.sectors if s.leader is not None})
    kinds.update({r.id: "reserve" for r in scenario.reserves})
    return kinds


def roles_served(scenario: Scenario) -> dict[str, set[str]]:
    """The roles each station can use."""
    serves: dict[str, set[str]] = {}
    for post in scenario.posts:
        roles = {r for need in post.needs for r in need.roles}
        serves[post.id] = roles | set(post.screening.roles if post.screening else ())
    for force in (*scenario.units, *scenario.patrols):
        serves[force.id] = set(force.composition)
    for drone in scenario.drones:
        serves[drone.id] = {drone.pilot_role}
    for sector in scenario.sectors:
        if sector.leader is not None:
            serves[sector.id] = {sector.leader.role}
    for reserve in scenario.reserves:
        serves[reserve.id] = set(reserve.roles)
    return serves


def _briefings(scenario: Scenario, stints: list[Stint]) -> dict[str, str]:
    """The roster's briefing posts that name a node of the venue."""
    posts = {s.post for s in stints if is_briefing(s.post)}
    if not posts:
        return {}
    nodes = {n.id for n in scenario.venue.nodes}
    return {post: "briefing" for post in posts if post.removeprefix(BRIEFING) in nodes}


def _identity(
    scenario: Scenario,
    stint: Stint,
    pools: dict[str, Pool],
    named: dict[str, Person],
    kinds: dict[str, str],
) -> str | None:
    if stint.role not in scenario.roles:
        return f"unknown role '{stint.role}'"
    pool = pools.get(stint.pool)
    if pool is None:
        return f"unknown pool '{stint.pool}'"
    if pool.role != stint.role:
        return f"pool '{pool.id}' is of role {pool.role}, not {stint.role}"
    if stint.post not in kinds:
        if is_briefing(stint.post):
            return f"unknown briefing '{stint.post}' (no such node in the venue)"
        return (
            f"unknown post '{stint.post}' (not a post, unit, patrol, drone, sector or reserve id)"
        )
    person = named.get(stint.person)
    if person is not None:
        if person.pool != stint.pool:
            return f"person '{stint.person}' belongs to pool '{person.pool}', not '{stint.pool}'"
        return None
    number = stint.person.removeprefix(f"{pool.id}-")
    if number == stint.person or not number.isdigit() or not 1 <= int(number) <= pool.count:
        return (
            f"unknown person '{stint.person}' (not in the scenario's people, nor "
            f"{pool.id}-<n> with n from 1 to {pool.count})"
        )
    return None


def _label_problem(scenario: Scenario, stint: Stint, kind: str) -> str | None:
    leads = _leads_problem(stint, kind)
    if leads:
        return leads
    if kind in ("post", "sector", "reserve", "briefing") and stint.unit:
        return f"unit column is '{stint.unit}', but '{stint.post}' is a {kind} (leave it empty)"
    if kind in ("post", "sector", "reserve", "briefing") or (kind == "drone" and not stint.unit):
        return None
    limit = _label_limit(scenario, kind, stint.post)
    number = stint.unit.removeprefix(f"{stint.post}#")
    if number != stint.unit and number.isdigit() and 1 <= int(number) <= (limit or int(number)):
        return None
    upto = f" to {limit}" if limit else ""
    return (
        f"unit column is '{stint.unit}', expected {stint.post}#<k> with k from 1{upto} "
        f"for {kind} '{stint.post}'"
    )


def _leads_problem(stint: Stint, kind: str) -> str | None:
    """The ``leads`` column: the sector on its leader's rows, the instance or empty in a unit."""
    if kind == "sector" and stint.leads != stint.post:
        return f"leads column is '{stint.leads}', but a sector leader's row leads '{stint.post}'"
    if kind == "unit" and stint.leads not in ("", stint.unit):
        return (
            f"leads column is '{stint.leads}', but a unit member leads nothing or "
            f"their own instance '{stint.unit}'"
        )
    if kind not in ("sector", "unit") and stint.leads:
        return f"leads column is '{stint.leads}', but nobody at a {kind} leads (leave it empty)"
    return None


def _label_limit(scenario: Scenario, kind: str, force_id: str) -> int | None:
    """The highest instance number a label may carry, ``None`` when not fixed."""
    if kind == "unit":
        return next(u.count for u in scenario.units if u.id == force_id)
    if kind == "patrol":
        teams = next(p.teams for p in scenario.patrols if p.id == force_id)
        return None if teams == "auto" else teams
    return None


def _pool_sizes(scenario: Scenario, stints: list[Stint]) -> list[Violation]:
    people: dict[str, set[str]] = defaultdict(set)
    for stint in stints:
        people[stint.pool].add(stint.person)
    return [
        Violation(
            "pool-size",
            pool.id,
            f"the roster has {len(people[pool.id])} people of "
            f"pool '{pool.id}', more than its count {pool.count}",
        )
        for pool in scenario.pools
        if len(people[pool.id]) > pool.count
    ]
