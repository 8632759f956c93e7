"""Shift templates: the shifts a member of a supply may work.

A template is a set of slots inside one working day: it may open with a briefing (paid, not
coverage) and hold a meal break as a hole when it is long enough to need one. Shifts start and
end on the hour, at the edges of availability, or where demand changes; a station takes only
the shifts that hand nothing over inside a no-handover window. Standing units add one template
per day spanning the unit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from eventplan.scenario import Scenario
from eventplan.staffing.supply import Supply
from eventplan.timegrid import TimeGrid, minutes

#: Above this many templates for one supply and day, starts and ends are kept to whole hours
#: and the edges of the availability: the template set drives the model size and must stay small.
MAX_TEMPLATES_PER_DAY = 600
#: Break positions tried in a long shift: its middle, and half an hour and an hour either side
#: of it. Measured on the bundled concert: five positions gave a tighter LP (0.13% lower) with a
#: third of the fractional shifts that three positions left, at the same solve time.
BREAK_OFFSETS_MINUTES = (0, -30, 30, -60, 60)
#: When no-handover windows rule out every position above, positions up to this far from the
#: middle are tried, nearest first.
BREAK_SEARCH_MINUTES = 180


@dataclass(frozen=True)
class Template:
    """One shift: slots ``start`` to ``end`` (exclusive) of one working day, less its break.

    The first ``brief`` slots are a briefing at the muster node; a ``standing`` template is the
    whole span of a standing unit, worked without a break (the unit eats on standby).
    """

    day: int
    start: int
    end: int
    break_start: int = -1
    break_end: int = -1
    brief: int = 0
    standing: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def work_start(self) -> int:
        """First slot at the station (after the briefing)."""
        return self.start + self.brief

    def working(self) -> np.ndarray:
        slots = np.arange(self.work_start, self.end)
        if self.break_start >= 0:
            slots = slots[(slots < self.break_start) | (slots >= self.break_end)]
        return slots

    def pieces(self) -> list[tuple[int, int]]:
        """The working stretches: one, or two around the meal break (briefing excluded); none
        of a shift cut short before its work began (see :mod:`eventplan.replan`)."""
        if self.break_start >= 0:
            pieces = [(self.work_start, self.break_start), (self.break_end, self.end)]
        else:
            pieces = [(self.work_start, self.end)]
        return [(a, b) for a, b in pieces if b > a]

    def works(self, slot: int) -> bool:
        return self.work_start <= slot < self.end and not (
            self.break_start <= slot < self.break_end
        )


@dataclass(frozen=True)
class ShiftRules:
    """Shift lengths (in slots) of one role, the meal-break rule and a supply's briefing."""

    min_slots: int
    max_slots: int
    break_after_slots: int | None
    break_slots: int
    brief_slots: int = 0


def shift_rules(scenario: Scenario, role: str, brief_slots: int = 0) -> ShiftRules:
    slot = scenario.event.slot_minutes
    low, high = scenario.roles[role].shift_hours
    meal = scenario.rules.meal_break
    return ShiftRules(
        min_slots=max(1, math.ceil(low * 60 / slot - 1e-9)),
        max_slots=math.floor(high * 60 / slot + 1e-9),
        break_after_slots=None if meal is None else math.floor(meal.after_hours * 60 / slot),
        break_slots=0 if meal is None else math.ceil(meal.minutes / slot - 1e-9),
        brief_slots=brief_slots,
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


class HandoverRule:
    """Where the no-handover windows forbid a stint to start or end.

    A stint starting or ending at time h with window.start <= h < window.end hands a station
    over, unless the station needs nobody just before (it opens) or just after (it closes);
    :meth:`allowed_at` says which templates a station may take.
    """

    def __init__(self, grid: TimeGrid, windows: Iterable[tuple]) -> None:
        spans = list(windows)
        starts = np.array([minutes(s) for s in grid.starts])
        ends = np.array([minutes(grid.end(i)) for i in range(grid.size)])
        self.start_blocked = np.zeros(grid.size, dtype=bool)
        self.end_blocked = np.zeros(grid.size, dtype=bool)
        for a, b in spans:
            lo, hi = minutes(a), minutes(b)
            self.start_blocked |= (starts >= lo) & (starts < hi)
            self.end_blocked |= (ends >= lo) & (ends < hi)
        self.active = bool(spans)

    def allowed_at(
        self,
        needed: np.ndarray,
        work_start: np.ndarray,
        end: np.ndarray,
        break_start: np.ndarray,
        break_end: np.ndarray,
    ) -> np.ndarray:
        """Which templates (as arrays) hand nothing over inside a window at a station that
        needs someone in the slots where ``needed`` is true."""
        if not self.active:
            return np.ones(len(work_start), dtype=bool)
        before = np.concatenate([[False], needed])  # needed in the slot before a boundary
        after = np.concatenate([needed, [False]])  # needed in the slot after it
        bad = self._blocked(work_start) & before[work_start]
        bad |= self.end_blocked[end - 1] & after[end]
        has_break = break_start >= 0
        leave, back = np.maximum(break_start, 0), np.maximum(break_end, 0)
        bad |= has_break & self._blocked(leave) & (after[leave] | before[leave])
        bad |= has_break & self._blocked(back) & (before[back] | after[back])
        return ~bad

    def _blocked(self, slots: np.ndarray) -> np.ndarray:
        """Whether a stint starting at each of these slots would start inside a window."""
        inside = slots < len(self.start_blocked)
        out = np.zeros(len(slots), dtype=bool)
        out[inside] = self.start_blocked[slots[inside]]
        return out

    def blocks_break(self, template: Template) -> bool:
        """Whether a window falls on either end of the template's break."""
        return self.active and bool(
            self.start_blocked[template.break_start] or self.start_blocked[template.break_end]
        )


def no_handover(scenario: Scenario, grid: TimeGrid) -> HandoverRule:
    """The rule of the scenario's no-handover windows on its grid."""
    spans = [w for key in scenario.rules.no_handover for w in grid.named_windows.get(key, ())]
    return HandoverRule(grid, spans)


def build_templates(
    supply: Supply,
    rules: ShiftRules,
    grid: TimeGrid,
    points: set[int],
    handover: HandoverRule | None = None,
) -> list[Template]:
    """Every shift a member of ``supply`` may work.

    Shifts start work and end on the hour, at the edges of availability, or where demand
    changes (a briefing comes before the start of work); their length, briefing included,
    lies within the role's shift hours; a shift longer than the meal-break threshold gets its
    break in the middle, or half an hour or an hour either side of it (and, when windows fall
    on all of those, the nearest clear of them). Which station may take which shift, given
    the windows, is the candidates' business (:meth:`HandoverRule.allowed_at`).
    """
    handover = handover or HandoverRule(grid, ())
    templates: list[Template] = []
    per_hour = max(1, 60 // grid.slot_minutes)
    for first, last in supply.ranges:
        day_index = grid.day_of(first)
        hours = {i for i in range(first, last + 1) if _minute(grid, i, last) % 60 == 0}
        inner = {p for p in points if first < p < last}
        for marks in (hours | inner | {first, last}, hours | {first, last}):
            found = _templates_between(sorted(marks), first, day_index, rules, per_hour, handover)
            if len(found) <= MAX_TEMPLATES_PER_DAY:
                break
        templates.extend(found)
    return templates


def _minute(grid: TimeGrid, boundary: int, last: int) -> int:
    """Minute of the local hour at a slot boundary of a range ending at ``last``."""
    moment = grid.starts[boundary] if boundary < last else grid.end(last - 1)
    return grid.clock.local(moment).minute


def _templates_between(
    marks: list[int],
    first: int,
    day: int,
    rules: ShiftRules,
    per_hour: int,
    handover: HandoverRule,
) -> list[Template]:
    """Templates whose work starts and ends on ``marks`` (briefings fit after ``first``)."""
    brief = rules.brief_slots
    out = []
    for i, work_start in enumerate(marks):
        start = work_start - brief
        if start < first:
            continue
        for end in marks[i + 1 :]:
            length = end - start
            if length < rules.min_slots:
                continue
            if length > rules.max_slots:
                break
            if rules.break_after_slots is not None and length > rules.break_after_slots:
                out.extend(_with_breaks(day, start, end, rules, per_hour, handover))
            else:
                out.append(Template(day, start, end, brief=brief))
    return out


def _with_breaks(
    day: int, start: int, end: int, rules: ShiftRules, per_hour: int, handover: HandoverRule
) -> list[Template]:
    work_start = start + rules.brief_slots
    middle = work_start + (end - work_start - rules.break_slots) // 2
    offsets = [offset * per_hour // 60 for offset in BREAK_OFFSETS_MINUTES]
    out = _breaks_at(day, start, end, rules, middle, offsets)
    if not all(handover.blocks_break(t) for t in out):
        return out
    # Windows fall on every usual break: add the nearest break clear of them.
    reach = BREAK_SEARCH_MINUTES * per_hour // 60
    wider = [k for step in range(1, reach + 1) for k in (-step, step)]
    wide = _breaks_at(day, start, end, rules, middle, wider)
    clear = [t for t in wide if not handover.blocks_break(t)]
    return out + [t for t in clear[:1] if t not in out]


def _breaks_at(
    day: int, start: int, end: int, rules: ShiftRules, middle: int, offsets: list[int]
) -> list[Template]:
    work_start = start + rules.brief_slots
    seen: set[int] = set()
    out = []
    for offset in offsets:
        at = middle + offset
        if work_start < at and at + rules.break_slots < end and at not in seen:
            seen.add(at)
            rest = at + rules.break_slots
            out.append(Template(day, start, end, at, rest, brief=rules.brief_slots))
    return out


def standing_template(
    supply: Supply, rules: ShiftRules, grid: TimeGrid, first: int, last: int
) -> Template | None:
    """The shift of a standing unit's member over the unit's span ``[first, last)`` of a day.

    Worked whole, without a meal break; briefed before ``first`` when the supply has a
    briefing; lengthened to the role's shortest shift (after the span, else before) when the
    span is shorter. None when the supply is not available for all of it.
    """
    start = first - rules.brief_slots
    end = max(last, start + rules.min_slots)
    day_first, day_last = grid.days[grid.day_of(first)]
    if end > day_last:
        start, end = max(day_first, day_last - max(rules.min_slots, last - start)), day_last
    if end - start > rules.max_slots or start > first - rules.brief_slots:
        return None
    if not any(a <= start and end <= b for a, b in supply.ranges):
        return None
    return Template(grid.day_of(first), start, end, brief=rules.brief_slots, standing=True)
