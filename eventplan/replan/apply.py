"""From counts of options to named people, the new shifts and the change list."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from eventplan.replan.events import UnitAway
from eventplan.replan.free import FreeClass
from eventplan.replan.options import Option, Situation, closing
from eventplan.staffing.roster import Shift
from eventplan.staffing.templates import Template
from eventplan.timegrid import TimeGrid, briefings


@dataclass(frozen=True)
class Change:
    """One line of the change list: who, from what to what, from when, why."""

    person: str
    name: str
    role: str
    kind: str  # "absent" | "released" | "moved" | "called-in"
    before: str
    after: str
    start: datetime
    why: str


def cut(template: Template, end: int) -> Template | None:
    """The template worked only up to slot ``end`` (``None`` when nothing of it is left)."""
    if end <= template.start:
        return None
    if end >= template.end:
        return template
    brk = (template.break_start, min(template.break_end, end))
    if not template.break_start >= 0 or template.break_start >= end or brk[0] >= brk[1]:
        brk = (-1, -1)
    if brk[1] >= end:  # a break that runs to the cut leaves the shift at its start
        end, brk = template.break_start, (-1, -1)
    return dataclasses.replace(
        template,
        end=end,
        break_start=brk[0],
        break_end=brk[1],
        brief=min(template.brief, end - template.start),
    )


def tail(template: Template, start: int) -> Template:
    """The template worked from slot ``start`` on, with no briefing (arriving during the
    break, the shift goes on after it)."""
    brk = (template.break_start, template.break_end)
    if brk[0] < start:
        start, brk = (max(start, brk[1]) if brk[0] >= 0 else start), (-1, -1)
    return dataclasses.replace(template, start=start, break_start=brk[0], break_end=brk[1], brief=0)


def span(grid: TimeGrid, template: Template) -> str:
    return f"{grid.start_label(template.start)[11:]}-{grid.end_label(template.end - 1)[11:]}"


def drop_absent(
    shifts: list[Shift], absent: set[str], first: int, grid: TimeGrid
) -> tuple[list[Shift], list[Change]]:
    """Shifts with the absent people's time from ``first`` on taken away."""
    kept, changes = [], []
    for shift in shifts:
        if shift.person not in absent or shift.template.end <= first:
            kept.append(shift)
            continue
        part = cut(shift.template, first)
        changes.append(
            Change(
                shift.person,
                shift.name,
                shift.role,
                "absent",
                f"{shift.station_id} {span(grid, shift.template)}",
                f"{shift.station_id} {span(grid, part)}" if part else "-",
                grid.start(first),
                "absent",
            )
        )
        if part is not None:  # the past stays, a briefing alone included
            kept.append(dataclasses.replace(shift, template=part, end=grid.end(part.end - 1)))
    return kept, changes


def name_changes(
    s: Situation,
    options: list[Option],
    counts: np.ndarray,
    free: list[FreeClass],
    names: dict[str, str],
) -> tuple[list[Shift], list[Change]]:
    """The shifts after the fix, and its lines of the change list."""
    grid, scenario = s.model.grid, s.model.scenario
    shifts = list(s.shifts)
    changes: list[Change] = []
    taken: set[str] = set()
    for option, count in zip(options, counts, strict=True):
        if count <= 0:
            continue
        why = _why(s, option)
        if option.kind == "called-in":
            people = [p for p in free[option.group].people if p not in taken][:count]
            taken.update(people)
            for person in people:
                role = s.model.supplies[option.supply].role
                label = scenario.roles[role].label or role
                name = names.get(person) or f"{label} {person.rsplit('-', 1)[-1]}"
                shift, change = _called_in(s, option, person, name, why)
                shifts.append(shift)
                changes.append(change)
            continue
        if option.kind == "lengthened":
            for person in [p for p in option.people if p not in taken][:count]:
                taken.add(person)
                shifts, change = _lengthen(shifts, person, option, grid, why)
                changes.append(change)
            continue
        movers = [p for p in option.people if p not in taken][:count]
        for person in movers:
            taken.add(person)
            shifts, change = _move_one(shifts, person, option, grid, why, s.first)
            changes.append(change)
    return shifts, changes


def _called_in(
    s: Situation, option: Option, person: str, name: str, why: str
) -> tuple[Shift, Change]:
    """A free person's shift at the option's post, and its line."""
    grid, model = s.model.grid, s.model
    supply = model.supplies[option.supply]
    briefing = briefings(model.scenario).get(supply.pool)
    t = option.template
    shift = Shift(
        person,
        name,
        supply.role,
        supply.pool,
        option.station,
        (),
        supply.index,
        t,
        grid.start(t.start),
        grid.end(t.end - 1),
        supply.tags,
        (),
        briefing.node if briefing is not None and t.brief else "",
    )
    after = f"{option.station} {span(grid, t)}"
    return shift, Change(
        person, name, supply.role, "called-in", "-", after, grid.start(t.start), why
    )


def _move_one(
    shifts: list[Shift], person: str, option: Option, grid: TimeGrid, why: str, first: int
) -> tuple[list[Shift], Change]:
    k = next(
        i
        for i, s in enumerate(shifts)
        if s.person == person and s.template == option.template and s.station_id == option.source
    )
    shift = shifts[k]
    before = f"{shift.station_id} {span(grid, shift.template)}"
    out = shifts[:k] + shifts[k + 1 :]
    if option.leave == option.arrive == shift.template.start:  # not begun: moves whole
        moved = dataclasses.replace(shift, station_id=option.station)
        out.append(moved)
    else:
        head = cut(shift.template, option.leave)
        rest = tail(shift.template, option.arrive)
        if head is not None:
            out.append(dataclasses.replace(shift, template=head, end=grid.start(option.leave)))
        out.append(
            dataclasses.replace(
                shift,
                station_id=option.station,
                template=rest,
                start=grid.start(option.leave),
                muster="",
            )
        )
    whole = option.leave == option.arrive == shift.template.start
    worked = shift.template if whole else tail(shift.template, option.arrive)
    after = f"{option.station} {span(grid, worked)}"
    walk = f", {option.walk_minutes:.0f} min walk" if option.walk_minutes else ""
    when = grid.start(max(option.arrive, first))
    return out, Change(person, shift.name, shift.role, "moved", before, after, when, why + walk)


def _lengthen(
    shifts: list[Shift], person: str, option: Option, grid: TimeGrid, why: str
) -> tuple[list[Shift], Change]:
    """The person's shift at the post, ending later."""
    k = next(
        i
        for i, s in enumerate(shifts)
        if s.person == person and s.station_id == option.station and s.template.end == option.leave
    )
    shift = shifts[k]
    longer = dataclasses.replace(
        shift, template=option.template, end=grid.end(option.template.end - 1)
    )
    before = f"{shift.station_id} {span(grid, shift.template)}"
    after = f"{option.station} {span(grid, option.template)}"
    change = Change(
        person, shift.name, shift.role, "lengthened", before, after, grid.start(option.leave), why
    )
    return [*shifts[:k], longer, *shifts[k + 1 :]], change


def _why(s: Situation, option: Option) -> str:
    gap = s.short()
    for (i, t), sign in sorted(option.terms.items(), key=lambda kv: kv[0][1]):
        if sign > 0 and gap[i, t] > 0:
            d = s.demands[i]
            return f"{d.station_id} short of {d.group} from {s.model.grid.start_label(t)[11:]}"
    return "cover"


def release_closed(
    shifts: list[Shift], closed: dict[str, int], grid: TimeGrid
) -> tuple[list[Shift], list[Change]]:
    """The people still at a closed post go home when it closes (what they worked stays);
    their shifts of later working days stay as they are."""
    kept, changes = [], []
    for shift in shifts:
        close = closing(closed, shift.station_id, shift.template, grid)
        if close is None:
            kept.append(shift)
            continue
        part = cut(shift.template, close)
        changes.append(
            Change(
                shift.person,
                shift.name,
                shift.role,
                "released",
                f"{shift.station_id} {span(grid, shift.template)}",
                f"{shift.station_id} {span(grid, part)}" if part else "-",
                grid.start(close),
                "post closed",
            )
        )
        if part is not None:
            kept.append(dataclasses.replace(shift, template=part, end=grid.end(part.end - 1)))
    return kept, changes


def units_away(shifts: list[Shift], away: tuple[UnitAway, ...], grid: TimeGrid) -> list[Change]:
    """One line for each member of a unit sent away: they stay on its roster, away from the
    venue for that time (nobody replaces a unit: its reach is not a need people cover)."""
    changes = []
    for event in away:
        for shift in shifts:
            ours = shift.station_id == event.unit or event.unit in shift.instance
            if not ours or not (shift.start < event.end and event.start < shift.end):
                continue
            changes.append(
                Change(
                    shift.person,
                    shift.name,
                    shift.role,
                    "away",
                    f"{shift.station_id} {span(grid, shift.template)}",
                    f"away {event.start:%H:%M}-{event.end:%H:%M}",
                    event.start,
                    f"unit {event.unit} sent away",
                )
            )
    return changes
