"""Who can work when: supplies, people alike in role, availability and skills.

People are never modelled one by one. A *supply* groups the people of one pool who share an
availability and a set of tags: the pool itself, less any named people whose own availability
or tags differ, who form supplies of their own. Their shifts are templates
(:mod:`eventplan.staffing.templates`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from eventplan.scenario import Scenario
from eventplan.scenario.times import Window
from eventplan.timegrid import TimeGrid, briefings

#: Above this many templates for one supply and day, starts and ends are kept to whole hours
#: and the edges of the availability: the template set drives the model size and must stay small.
MAX_TEMPLATES_PER_DAY = 600
#: Break positions tried in a long shift: its middle, and half an hour and an hour either side
#: of it. Measured on the bundled concert: five positions gave a tighter LP (0.13% lower) with a
#: third of the fractional shifts that three positions left, at the same solve time.
BREAK_OFFSETS_MINUTES = (0, -30, 30, -60, 60)


@dataclass(frozen=True)
class Supply:
    """People of one pool with the same availability."""

    index: int
    pool: str
    role: str
    count: int
    #: availability as sorted slot ranges (first, last + 1)
    ranges: tuple[tuple[int, int], ...]
    #: ids of the named people in this supply (the rest get generated ids)
    people: tuple[str, ...] = ()
    #: skills every member carries (the pool's and the person's own)
    tags: frozenset[str] = frozenset()
    #: slots of briefing before every shift
    brief_slots: int = 0

    @property
    def kind(self) -> SupplyKind:
        """What the model needs to know of a member to count them: role and tags."""
        return (self.role, self.tags)


#: A supply's kind: its role and its tags (see :attr:`Supply.kind`).
SupplyKind = tuple[str, frozenset[str]]


def build_supplies(scenario: Scenario, grid: TimeGrid) -> list[Supply]:
    """Split every pool into supplies of people who share an availability and tags."""
    supplies: list[Supply] = []
    days = scenario.event.days
    by_pool: dict[str, list] = {}
    for person in scenario.people:
        by_pool.setdefault(person.pool, []).append(person)
    briefed = briefings(scenario)
    for pool in scenario.pools:
        base = _windows(pool.available, days, grid)
        tags = frozenset(pool.tags)
        brief = briefed.get(pool.id)
        slots = -(-brief.minutes // grid.slot_minutes) if brief else 0
        groups: dict[tuple, list[str]] = {}
        plain: list[str] = []
        for person in by_pool.get(pool.id, []):
            own_tags = tags | frozenset(person.tags)
            if person.available_from is None and person.available_to is None and own_tags == tags:
                plain.append(person.id)
                continue
            own = _clip(base, person.available_from, person.available_to, grid)
            groups.setdefault((own, own_tags), []).append(person.id)
        rest = pool.count - sum(len(ids) for ids in groups.values())
        if rest > 0:
            supplies.append(
                Supply(len(supplies), pool.id, pool.role, rest, base, tuple(plain), tags, slots)
            )
        for (ranges, own_tags), ids in groups.items():
            supplies.append(
                Supply(
                    len(supplies), pool.id, pool.role, len(ids), ranges, tuple(ids), own_tags, slots
                )
            )
    return supplies


def _windows(available, days, grid: TimeGrid) -> tuple[tuple[int, int], ...]:
    if available is None:
        return tuple(grid.days)
    windows = grid.clock.expand(available.start, available.end, days)
    return _ranges(grid, windows)


def _ranges(grid: TimeGrid, windows: Iterable[Window]) -> tuple[tuple[int, int], ...]:
    """Slot ranges inside the windows, split where working days end."""
    out = []
    for start, end in windows:
        slots = grid.slots_in(start, end)
        if not slots:
            continue
        for first, last in grid.days:
            lo, hi = max(first, slots.start), min(last, slots.stop)
            if lo < hi:
                out.append((lo, hi))
    return tuple(sorted(set(out)))


def _clip(
    base: tuple[tuple[int, int], ...],
    start: datetime | None,
    end: datetime | None,
    grid: TimeGrid,
) -> tuple[tuple[int, int], ...]:
    if isinstance(start, datetime):
        start = grid.clock.moment(start)
    if isinstance(end, datetime):
        end = grid.clock.moment(end)
    lo = grid.index(start) if isinstance(start, datetime) else None
    hi = grid.index(end) if isinstance(end, datetime) else None
    if isinstance(start, datetime) and lo is None:
        lo = next((i for i, s in enumerate(grid.starts) if s >= start), grid.size)
    if isinstance(end, datetime) and hi is None:
        hi = next((i for i, s in enumerate(grid.starts) if s >= end), grid.size)
    out = []
    for first, last in base:
        a, b = max(first, lo or 0), min(last, grid.size if hi is None else hi)
        if a < b:
            out.append((a, b))
    return tuple(out)
