"""People's time: no two places at once, and shifts within the scenario's ``rules``.

A **shift** is a maximal run of one person's stints, in time order, in which each stint follows
the previous one after a gap shorter than ``rules.min_rest_hours``, or after no gap, or after a
gap no longer than the meal break (its minutes rounded up to whole slots). Stints farther apart
begin a new shift. So the rest between two shifts is never shorter than ``min_rest_hours`` by
construction: too short a rest joins two stretches of work into one shift, which is then
reported as too long (rule ``rest``) or as a second shift on one day.

A shift's length (and paid hours) runs from its first start to its last end, breaks included,
in real time (a shift across a change of the clocks lasts an hour more or less than its local
times say). Its day is the local calendar day it starts on.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from eventplan.checker import clock
from eventplan.checker.files import Stint
from eventplan.checker.report import Violation
from eventplan.scenario.model import Person, Scenario

EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Shift:
    """One person's shift: their stints, in time order."""

    stints: tuple[Stint, ...]

    @property
    def person(self) -> str:
        return self.stints[0].person

    @property
    def role(self) -> str:
        return self.stints[0].role

    @property
    def start(self) -> int:
        return self.stints[0].start

    @property
    def end(self) -> int:
        return max(s.end for s in self.stints)

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def gaps(self) -> list[clock.Window]:
        """The times inside the shift when the person is nowhere (breaks)."""
        found, reach = [], self.stints[0].end
        for stint in self.stints[1:]:
            if stint.start > reach:
                found.append((reach, stint.start))
            reach = max(reach, stint.end)
        return found

    def __str__(self) -> str:
        return f"shift {clock.show_span(self.start, self.end)}"


def by_person(stints: list[Stint]) -> dict[str, list[Stint]]:
    """Each person's stints in time order."""
    people: dict[str, list[Stint]] = defaultdict(list)
    for stint in stints:
        people[stint.person].append(stint)
    for own in people.values():
        own.sort(key=lambda s: (s.start, s.end))
    return dict(people)


def break_minutes(scenario: Scenario) -> int:
    """The meal break in minutes, rounded up to whole slots (0 without a meal break rule)."""
    meal, slot = scenario.rules.meal_break, scenario.event.slot_minutes
    return math.ceil(meal.minutes / slot) * slot if meal else 0


def overlaps(people: dict[str, list[Stint]]) -> list[Violation]:
    """A violation for every stint that begins before an earlier one of its person ends."""
    found = []
    for person, own in people.items():
        latest = own[0]
        for stint in own[1:]:
            if stint.start < latest.end:
                found.append(
                    Violation(
                        "overlap",
                        person,
                        f"at '{latest.post}' "
                        f"{clock.show_span(latest.start, latest.end)} (line {latest.line}) and at "
                        f"'{stint.post}' {clock.show_span(stint.start, stint.end)} "
                        f"(line {stint.line}) at once",
                    )
                )
            if stint.end > latest.end:
                latest = stint
    return found


def shifts(scenario: Scenario, people: dict[str, list[Stint]]) -> list[Shift]:
    """Every person's shifts (see the module docstring for where one shift ends)."""
    rest = scenario.rules.min_rest_hours * 60
    allowed_break = break_minutes(scenario)
    found = []
    for own in people.values():
        current, reach = [own[0]], own[0].end
        for stint in own[1:]:
            gap = stint.start - reach
            if gap <= 0 or gap < rest - EPS or gap <= allowed_break:
                current.append(stint)
            else:
                found.append(Shift(tuple(current)))
                current = [stint]
            reach = max(reach, stint.end)
        found.append(Shift(tuple(current)))
    return found


def check_shifts(scenario: Scenario, all_shifts: list[Shift]) -> list[Violation]:
    """Length, rest, meal break, availability, one shift a day and ``max_days``."""
    found: list[Violation] = []
    days: dict[str, list[Shift]] = defaultdict(list)
    available = _availability(scenario)
    named = {p.id: p for p in scenario.people}
    for shift in all_shifts:
        found += _length(scenario, shift)
        found += _meal_break(scenario, shift)
        found += _inside(shift, available[shift.stints[0].pool], named.get(shift.person))
        days[shift.person].append(shift)
    found += _days(scenario, days)
    return found


def cost(scenario: Scenario, all_shifts: list[Shift]) -> float:
    """Role cost per hour times paid hours, summed over every shift."""
    return sum(scenario.roles[s.role].cost * s.minutes / 60 for s in all_shifts)


def _hours(minutes: float) -> str:
    return f"{minutes / 60:g} h"


def _length(scenario: Scenario, shift: Shift) -> list[Violation]:
    low, high = scenario.roles[shift.role].shift_hours
    if shift.minutes < low * 60 - EPS:
        return [
            Violation(
                "shift-length",
                shift.person,
                f"{shift} lasts {_hours(shift.minutes)}, "
                f"shorter than the {low:g} h a {shift.role} shift lasts at least",
            )
        ]
    if shift.minutes <= high * 60 + EPS:
        return []
    rests = [g for g in shift.gaps() if g[1] - g[0] > break_minutes(scenario)]
    if rests:
        start, end = rests[0]
        return [
            Violation(
                "rest",
                shift.person,
                f"rests only {_hours(end - start)} "
                f"({clock.show_span(start, end)}), less than the "
                f"{scenario.rules.min_rest_hours:g} h between shifts; so the stints form one "
                f"{shift} of {_hours(shift.minutes)}, longer than the {high:g} h allowed",
            )
        ]
    return [
        Violation(
            "shift-length",
            shift.person,
            f"{shift} lasts {_hours(shift.minutes)}, "
            f"longer than the {high:g} h a {shift.role} shift may last",
        )
    ]


def _meal_break(scenario: Scenario, shift: Shift) -> list[Violation]:
    meal = scenario.rules.meal_break
    if meal is None or shift.minutes <= meal.after_hours * 60 + EPS:
        return []
    standing = {u.id for u in scenario.units if u.standing and not u.relief}
    if any(stint.post in standing for stint in shift.stints):
        return []  # a standing unit eats on standby: its members work its span without a break
    longest = max((end - start for start, end in shift.gaps()), default=0)
    wanted = break_minutes(scenario)
    if longest >= wanted:
        return []
    return [
        Violation(
            "meal-break",
            shift.person,
            f"{shift} lasts {_hours(shift.minutes)}, "
            f"longer than {meal.after_hours:g} h, but its longest break is "
            f"{longest} min, not the {wanted} min required",
        )
    ]


def _availability(scenario: Scenario) -> dict[str, list[clock.Window]]:
    whole = [clock.horizon(scenario)]
    return {
        pool.id: clock.merge(clock.windows(scenario, pool.available.start, pool.available.end))
        if pool.available
        else whole
        for pool in scenario.pools
    }


def _inside(shift: Shift, windows: list[clock.Window], person: Person | None) -> list[Violation]:
    found = []
    if not any(s <= shift.start and shift.end <= e for s, e in windows):
        shown = clock.show_spans(windows, 3)
        found.append(
            Violation(
                "availability",
                shift.person,
                f"{shift} is not inside the "
                f"availability of pool '{shift.stints[0].pool}' ({shown})",
            )
        )
    if person is None:
        return found
    start, end = person.available_from, person.available_to
    if isinstance(start, datetime) and shift.start < clock.at(start):
        found.append(
            Violation(
                "availability",
                shift.person,
                f"{shift} starts before the person is available ({clock.show(clock.at(start))})",
            )
        )
    if isinstance(end, datetime) and shift.end > clock.at(end):
        found.append(
            Violation(
                "availability",
                shift.person,
                f"{shift} ends after the person is available ({clock.show(clock.at(end))})",
            )
        )
    return found


def _days(scenario: Scenario, per_person: dict[str, list[Shift]]) -> list[Violation]:
    found = []
    limit = scenario.rules.max_days
    for person, own in per_person.items():
        on_day: dict[date, list[Shift]] = defaultdict(list)
        for shift in own:
            on_day[clock.day(shift.start)].append(shift)
        for day, same in on_day.items():
            if len(same) > 1:
                found.append(
                    Violation(
                        "shifts-per-day",
                        person,
                        f"works {len(same)} shifts "
                        f"starting on {day}: "
                        + ", ".join(clock.show_span(s.start, s.end) for s in same)
                        + " (at most one a day)",
                    )
                )
        if len(on_day) > limit:
            found.append(
                Violation(
                    "max-days",
                    person,
                    f"works on {len(on_day)} days "
                    f"({', '.join(str(d) for d in sorted(on_day))}), more than "
                    f"max_days {limit}",
                )
            )
    return found
