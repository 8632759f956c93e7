"""Tags (skills) asked for must be carried by someone of a fitting role.

A person carries their pool's tags and, when named in the people list, their own. A need
for tags is met only by one person carrying all of them, so each tag must be carried by
someone of the roles asked for, and so must the whole set together.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from eventplan.scenario.findings import Finding, Place, error
from eventplan.scenario.model import Scenario

#: A kind of person: a role and the tags they carry.
Holder = tuple[str, frozenset[str]]


def pool_tag_sets(s: Scenario) -> dict[str, set[frozenset[str]]]:
    """Per pool id, the distinct sets of tags its people carry: the pool's own, and each
    named person's own tags with the pool's."""
    found = {pool.id: {frozenset(pool.tags)} for pool in s.pools}
    pool_tags = {pool.id: pool.tags for pool in s.pools}
    for person in s.people:
        if person.pool in found:  # (an unknown pool is an error of its own)
            found[person.pool].add(frozenset((*person.tags, *pool_tags[person.pool])))
    return found


def holders(s: Scenario, tag_sets: dict[str, set[frozenset[str]]]) -> set[Holder]:
    """Every distinct (role, tags) a person of the scenario can have."""
    roles = {pool.id: pool.role for pool in s.pools}
    return {(roles[pool_id], held) for pool_id, sets in tag_sets.items() for held in sets}


def tag_sites(s: Scenario) -> Iterator[tuple[Place, Sequence[str], Sequence[str]]]:
    """Every place that asks for tags: (path of the tags, roles that may carry them, tags)."""
    for i, post in enumerate(s.posts):
        for j, need in enumerate(post.needs):
            yield ("posts", i, "needs", j, "tags"), need.roles, need.tags
        screening = post.screening
        if screening is not None and screening.tagged is not None:
            path = ("posts", i, "screening", "tagged", "tags")
            yield path, screening.roles, screening.tagged.tags
    for i, drone in enumerate(s.drones):
        yield ("drones", i, "pilot_tags"), (drone.pilot_role,), drone.pilot_tags
    for i, unit in enumerate(s.units):
        for j, need in enumerate(unit.needs_tags):
            yield ("units", i, "needs_tags", j, "tags"), need.roles, need.tags
    for i, sector in enumerate(s.sectors):
        if sector.leader is not None:
            yield ("sectors", i, "leader", "tags"), (sector.leader.role,), sector.leader.tags


def tag_checks(s: Scenario) -> Iterator[Finding]:
    """Tags no one of the fitting roles carries (alone, or all together).

    These depend on every pool and person, so they are marked as findings about whole lists.
    """
    sites = [site for site in tag_sites(s) if site[2]]
    if not sites:
        return
    found = holders(s, pool_tag_sets(s))
    for path, roles, tags in sites:
        known = [role for role in dict.fromkeys(roles) if role in s.roles]
        if not known:
            continue  # unknown roles are reported elsewhere
        who = f"no one of role(s) {', '.join(known)}"
        fitting = [held for role, held in found if role in known]
        each_carried = True
        for k, tag in enumerate(tags):
            if any(tag in held for held in fitting):
                continue
            each_carried = False
            others = sorted({role for role, held in found if tag in held})
            hint = f"only {', '.join(others)} do" if others else "no pool or named person has it"
            yield error((*path, k), f"{who} carries tag '{tag}' ({hint})", whole=True)
        if each_carried and len(set(tags)) > 1 and not any(set(tags) <= held for held in fitting):
            yield error(path, f"{who} carries all of the tags {', '.join(tags)}", whole=True)
