"""What the force has worked so far: the memory a week's model starts from.

Every figure is derived from the assignments already made, so the history of week ``k`` is
exactly the plan of weeks ``1 .. k-1``, after what the archive's ledger says was worked
before the period (:func:`carried_history`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from eventplan.calendar.carried import Carried, week_of


@dataclass(frozen=True)
class Assignment:
    """One person on one duty of one day (times in minutes after that day's midnight)."""

    person: str
    day: date
    key: str
    site: str
    duty: str
    window: str
    start: int
    end: int
    travel: int
    night: bool
    event: bool
    #: the post of a duty of several posts ("" for a duty of one post, and for an event)
    post: str = ""

    @property
    def minutes(self) -> int:
        """Duty time with the travel there and back."""
        return self.end - self.start + 2 * self.travel

    @property
    def leaves(self) -> int:
        """When the person leaves the station, in minutes since day 0 of the proleptic calendar."""
        return self.day.toordinal() * 1440 + self.start - self.travel

    @property
    def returns(self) -> int:
        return self.day.toordinal() * 1440 + self.end + self.travel


def weekend_of(day: date) -> date | None:
    """The Saturday of the weekend a day belongs to (None on weekdays)."""
    if day.weekday() == 5:
        return day
    if day.weekday() == 6:
        return day - timedelta(days=1)
    return None


@dataclass
class History:
    """The running totals of the planned period, per person."""

    worked: dict[str, set[date]] = field(default_factory=dict)
    last_return: dict[str, int] = field(default_factory=dict)
    month_minutes: Counter[tuple[str, int, int]] = field(default_factory=Counter)
    #: minutes per contract week, by (person, its Monday): a week's hours and overtime caps
    week_minutes: Counter[tuple[str, date]] = field(default_factory=Counter)
    weekends: dict[str, set[date]] = field(default_factory=dict)
    nights: Counter[str] = field(default_factory=Counter)
    #: overtime minutes so far (the fairness weight of more overtime)
    overtime: Counter[str] = field(default_factory=Counter)

    def add(self, assignment: Assignment) -> None:
        person = assignment.person
        self.count(person, assignment.day, assignment.returns, assignment.minutes)
        self.nights[person] += assignment.night

    def count(self, person: str, day: date, returns: int, minutes: int) -> None:
        """One day's work of a person, planned or carried in (nights are counted apart)."""
        self.worked.setdefault(person, set()).add(day)
        self.last_return[person] = max(self.last_return.get(person, 0), returns)
        self.month_minutes[person, day.year, day.month] += minutes
        self.week_minutes[person, week_of(day)] += minutes
        saturday = weekend_of(day)
        if saturday is not None:
            self.weekends.setdefault(person, set()).add(saturday)

    def worked_on(self, person: str, day: date) -> bool:
        return day in self.worked.get(person, ())

    def weekend_worked(self, person: str, saturday: date) -> bool:
        return saturday in self.weekends.get(person, ())


def carried_history(carried: Carried, normal: Mapping[str, int]) -> History:
    """The history a period starts from: what the ledger says people worked before it.

    ``normal`` is each person's normal week in minutes: the overtime of the weeks counted
    since :attr:`Carried.since` weighs on whoever gets more (as planned overtime does).
    """
    history = History()
    for person, stretches in carried.stretches.items():
        for s in stretches:
            history.count(person, s.day, s.returns, s.minutes)
        history.nights[person] = carried.nights(person)
        weeks = carried.week_minutes(person)
        history.overtime[person] = sum(
            max(0, minutes - normal.get(person, 0))
            for monday, minutes in weeks.items()
            if monday >= week_of(carried.since)
        )
    return history
