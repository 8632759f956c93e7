"""Role groups of coverage rows, and the tags people carry.

A coverage row's ``role_group`` is its roles joined by ``+`` and, for a need that asks for
tags, the tags in brackets joined by ``+``: ``guard[female-searcher]``. Only people of one of
the roles who carry every tag count toward it. A person carries their own tags (the scenario's
people list) and their pool's; a generated person (``<pool>-<n>``) carries the pool's.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

from eventplan.checker.files import Stint
from eventplan.scenario.model import Scenario

#: People of one role carrying one set of tags.
Kind = tuple[str, frozenset[str]]


def group_name(roles: Iterable[str], tags: Iterable[str] = ()) -> str:
    """The role group of a coverage row: ``police+guard``, ``guard[female-searcher]``."""
    shown = "+".join(tags)
    return "+".join(roles) + (f"[{shown}]" if shown else "")


@functools.lru_cache(maxsize=1 << 12)
def parse_group(group: str) -> tuple[frozenset[str], frozenset[str]]:
    """The roles and the tags of a role group (no tags: an empty set)."""
    roles, _, tags = group.partition("[")
    tags = tags.removesuffix("]")
    return frozenset(roles.split("+")), frozenset(tags.split("+")) if tags else frozenset()


def count(people: Counter[Kind], group: str) -> int:
    """How many of some people belong to a role group."""
    roles, tags = parse_group(group)
    return sum(n for (role, carried), n in people.items() if role in roles and tags <= carried)


class TagBook:
    """The tags each person carries, from the scenario's pools and people."""

    def __init__(self, scenario: Scenario) -> None:
        self._pools = {p.id: frozenset(p.tags) for p in scenario.pools}
        self._own = {p.id: frozenset(p.tags) for p in scenario.people}

    def of(self, stint: Stint) -> frozenset[str]:
        """The tags of the person of a roster row (their pool is the row's)."""
        return self._pools.get(stint.pool, frozenset()) | self._own.get(stint.person, frozenset())

    def kind(self, stint: Stint) -> Kind:
        """The role and the tags of the person of a roster row."""
        return stint.role, self.of(stint)
