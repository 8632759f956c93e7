"""A greedy first roster, given to CP-SAT as a hint.

Day by day, each cover is filled up to its requirement by the people who can still take the
shift without breaking an upper limit (days off, shifts of the type, minutes, consecutive
shifts, weekends, successions), those who asked for it first and those furthest below their
minimum minutes next. Lower limits (minimum minutes, minimum runs) are left to the solver; the
hint only needs to point the search somewhere good.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventplan.rostering.instance import Employee, Instance


@dataclass
class _Person:
    employee: Employee
    minutes: int = 0
    run: int = 0  # consecutive working days ending yesterday
    weekends: set[int] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    yesterday: str | None = None


def greedy_roster(instance: Instance) -> dict[tuple[int, int], str]:
    """Shift id per (person index, day) for the days a person works."""
    people = [_Person(e) for e in instance.employees]
    wishes = {(r.employee, r.day, r.shift): r.weight for r in instance.on_requests}
    unwanted = {(r.employee, r.day, r.shift): r.weight for r in instance.off_requests}
    roster: dict[tuple[int, int], str] = {}
    for day in range(instance.days):
        today: dict[int, str] = {}
        covers = sorted((c for c in instance.covers if c.day == day), key=lambda c: -c.under_weight)
        for cover in covers:
            candidates = [
                p
                for p, person in enumerate(people)
                if p not in today and _can_take(instance, person, day, cover.shift)
            ]
            candidates.sort(key=lambda p: _preference(people[p], day, cover.shift, wishes))
            for p in candidates:
                if sum(1 for s in today.values() if s == cover.shift) >= cover.requirement:
                    break
                if (people[p].employee.id, day, cover.shift) not in unwanted:
                    today[p] = cover.shift
        for p, person in enumerate(people):
            _advance(instance, person, day, today.get(p))
        roster.update({(p, day): s for p, s in today.items()})
    return roster


def _can_take(instance: Instance, person: _Person, day: int, shift_id: str) -> bool:
    employee = person.employee
    shift = instance.shift(shift_id)
    if day in instance.days_off.get(employee.id, ()):
        return False
    if person.counts.get(shift_id, 0) >= employee.max_shifts.get(shift_id, instance.days):
        return False
    if person.minutes + shift.minutes > employee.max_minutes:
        return False
    if person.run + 1 > employee.max_consecutive:
        return False
    if person.yesterday and shift_id in instance.shift(person.yesterday).not_followed_by:
        return False
    week = day // 7
    is_weekend = day % 7 >= 5
    new_weekend = is_weekend and week not in person.weekends
    return not (new_weekend and len(person.weekends) >= employee.max_weekends)


def _preference(
    person: _Person, day: int, shift_id: str, wishes: dict[tuple[str, int, str], int]
) -> tuple[int, float]:
    wish = wishes.get((person.employee.id, day, shift_id), 0)
    missing = person.employee.min_minutes - person.minutes
    return (-wish, -missing)


def _advance(instance: Instance, person: _Person, day: int, shift_id: str | None) -> None:
    if shift_id is None:
        person.run, person.yesterday = 0, None
        return
    person.minutes += instance.shift(shift_id).minutes
    person.run += 1
    person.counts[shift_id] = person.counts.get(shift_id, 0) + 1
    person.yesterday = shift_id
    if day % 7 >= 5:
        person.weekends.add(day // 7)
