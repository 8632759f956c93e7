"""Who can work when: supplies (people alike in role and availability) and their shift templates.

People are never modelled one by one. A *supply* groups the people of one pool who share an
availability: the pool itself, less any named people whose own availability differs, who form
supplies of their own. A *template* is one shift a member of a supply may work: a set of slots
inside one working day of the grid, with a meal break as a hole when the shift is long enough
to need one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from eventplan.scenario import Scenario
from eventplan.scenario.times import Window, expand
from eventplan.timegrid import TimeGrid

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


@dataclass(frozen=True)
class Template:
    """One shift: slots ``start`` to ``end`` (exclusive) of one working day, less its break."""

    day: int
    start: int
    end: int
    break_start: int = -1
    break_end: int = -1

    @property
    def length(self) -> int:
        return self.end - self.start

    def working(self) -> np.ndarray:
        slots = np.arange(self.start, self.end)
        if self.break_start >= 0:
            slots = slots[(slots < self.break_start) | (slots >= self.break_end)]
        return slots

    def pieces(self) -> list[tuple[int, int]]:
        """The working stretches: one, or two around the meal break."""
        if self.break_start >= 0:
            return [(self.start, self.break_start), (self.break_end, self.end)]
        return [(self.start, self.end)]

    def works(self, slot: int) -> bool:
        return self.start <= slot < self.end and not (self.break_start <= slot < self.break_end)


def build_supplies(scenario: Scenario, grid: TimeGrid) -> list[Supply]:
    """Split every pool into supplies of people who share an availability."""
    supplies: list[Supply] = []
    days = scenario.event.days
    by_pool: dict[str, list] = {}
    for person in scenario.people:
        by_pool.setdefault(person.pool, []).append(person)
    for pool in scenario.pools:
        base = _windows(pool.available, days, grid)
        groups: dict[tuple[tuple[int, int], ...], list[str]] = {}
        plain: list[str] = []
        for person in by_pool.get(pool.id, []):
            if person.available_from is None and person.available_to is None:
                plain.append(person.id)
                continue
            own = _clip(base, person.available_from, person.available_to, grid)
            groups.setdefault(own, []).append(person.id)
        rest = pool.count - sum(len(ids) for ids in groups.values())
        if rest > 0:
            supplies.append(Supply(len(supplies), pool.id, pool.role, rest, base, tuple(plain)))
        for ranges, ids in groups.items():
            supplies.append(Supply(len(supplies), pool.id, pool.role, len(ids), ranges, tuple(ids)))
    return supplies


def _windows(available, days, grid: TimeGrid) -> tuple[tuple[int, int], ...]:
    if available is None:
        return tuple(grid.days)
    windows = expand(available.start, available.end, days)
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


@dataclass(frozen=True)
class ShiftRules:
    """Shift lengths (in slots) of one role and the meal-break rule."""

    min_slots: int
    max_slots: int
    break_after_slots: int | None
    break_slots: int


def shift_rules(scenario: Scenario, role: str) -> ShiftRules:
    slot = scenario.event.slot_minutes
    low, high = scenario.roles[role].shift_hours
    meal = scenario.rules.meal_break
    return ShiftRules(
        min_slots=max(1, math.ceil(low * 60 / slot - 1e-9)),
        max_slots=math.floor(high * 60 / slot + 1e-9),
        break_after_slots=None if meal is None else math.floor(meal.after_hours * 60 / slot),
        break_slots=0 if meal is None else math.ceil(meal.minutes / slot - 1e-9),
    )


def change_points(grid: TimeGrid, profiles: Iterable[np.ndarray]) -> set[int]:
    """Slots where any demand profile changes: natural shift starts and ends."""
    points: set[int] = set()
    for profile in profiles:
        if profile.any():
            diff = np.flatnonzero(np.diff(profile)) + 1
            points.update(int(i) for i in diff)
            points.update(int(i) for i in np.flatnonzero(profile)[[0, -1]])
            points.add(int(np.flatnonzero(profile)[-1]) + 1)
    return points


def build_templates(
    supply: Supply, rules: ShiftRules, grid: TimeGrid, points: set[int]
) -> list[Template]:
    """Every shift a member of ``supply`` may work.

    Shifts start and end on the hour, at the edges of availability, or where demand changes;
    their length lies within the role's shift hours; a shift longer than the meal-break
    threshold gets its break in the middle, or half an hour or an hour either side of it.
    """
    templates: list[Template] = []
    per_hour = max(1, 60 // grid.slot_minutes)
    for first, last in supply.ranges:
        day_index = grid.day_of(first)
        hours = {i for i in range(first, last + 1) if _minute(grid, i, last) % 60 == 0}
        inner = {p for p in points if first < p < last}
        for marks in (hours | inner | {first, last}, hours | {first, last}):
            found = _templates_between(sorted(marks), day_index, rules, per_hour)
            if len(found) <= MAX_TEMPLATES_PER_DAY:
                break
        templates.extend(found)
    return templates


def _minute(grid: TimeGrid, boundary: int, last: int) -> int:
    """Minute of the hour at a slot boundary of a range ending at ``last``."""
    moment = grid.starts[boundary] if boundary < last else grid.end(last - 1)
    return moment.minute


def _templates_between(
    marks: list[int], day: int, rules: ShiftRules, per_hour: int
) -> list[Template]:
    out = []
    for i, start in enumerate(marks):
        for end in marks[i + 1 :]:
            length = end - start
            if length < rules.min_slots:
                continue
            if length > rules.max_slots:
                break
            if rules.break_after_slots is not None and length > rules.break_after_slots:
                out.extend(_with_breaks(day, start, end, rules, per_hour))
            else:
                out.append(Template(day, start, end))
    return out


def _with_breaks(
    day: int, start: int, end: int, rules: ShiftRules, per_hour: int
) -> list[Template]:
    middle = start + (end - start - rules.break_slots) // 2
    seen: set[int] = set()
    out = []
    for offset in BREAK_OFFSETS_MINUTES:
        at = middle + offset * per_hour // 60
        if start < at and at + rules.break_slots < end and at not in seen:
            seen.add(at)
            out.append(Template(day, start, end, at, at + rules.break_slots))
    return out
