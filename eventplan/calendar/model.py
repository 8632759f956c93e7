"""The calendar file as typed, immutable data: the force, the places, the duties and events.

Each class mirrors one mapping of the file; unknown keys are errors. Cross-references (a
person's station, a duty's site, a need's role) are checked after the shapes, in
:mod:`eventplan.calendar.checks`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from eventplan.scenario.values import Day, Float, Id, Int, Model, Priority, Text, TimezoneName

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = Weekday.__args__  # type: ignore[attr-defined]
Hours = Annotated[float, Field(ge=0, le=744)]
Small = Annotated[Int, Field(ge=0, le=366)]


def _clock(value: object) -> int:
    """``"HH:MM"`` as minutes after midnight (``"24:00"`` allowed for the end of a day)."""
    if isinstance(value, str):
        hours, _, minutes = value.strip().partition(":")
        if hours.isdigit() and minutes.isdigit() and len(minutes) == 2:
            total = int(hours) * 60 + int(minutes)
            if int(minutes) < 60 and total <= 24 * 60:
                return total
    raise ValueError(f"'{str(value)[:40]}' is not a time of day (HH:MM)")


Clock = Annotated[int, BeforeValidator(_clock)]


class DayRange(Model):
    start: Day
    end: Day
    name: Text = ""

    def days(self) -> list[date]:
        count = (self.end - self.start).days + 1
        return [date.fromordinal(self.start.toordinal() + i) for i in range(max(count, 0))]


Dates = Annotated[tuple[Day | DayRange, ...], Field(max_length=3660)]


class Contract(Model):
    """The rules of one kind of contract (``hours_per_week`` is the normal week)."""

    hours_per_week: Hours
    hours_per_month: Hours
    overtime_cap_hours: Hours = 0.0
    max_consecutive_days: Annotated[Int, Field(ge=1, le=366)] = 6
    min_days_off: Annotated[Int, Field(ge=1, le=14)] = 1
    max_weekends: Small = 2
    weekend_period_weeks: Annotated[Int, Field(ge=1, le=52)] = 4
    min_rest_hours: Annotated[Float, Field(ge=0, le=48)] = 11.0
    split_allowed: bool = False


class Role(Model):
    label: Text | None = None
    #: cost units per minute of duty (travel included)
    cost: Annotated[Int, Field(ge=0, le=1000)] = 1


class Station(Model):
    id: Id
    name: Text = ""
    lat: Annotated[Float, Field(ge=-90, le=90)]
    lon: Annotated[Float, Field(ge=-180, le=180)]


class Site(Model):
    id: Id
    name: Text = ""
    kind: Literal["school", "scenic", "venue", "other"] = "other"
    lat: Annotated[Float, Field(ge=-90, le=90)]
    lon: Annotated[Float, Field(ge=-180, le=180)]
    #: minutes from a station to here; stations not named: computed from the coordinates
    travel: dict[Id, Annotated[Int, Field(ge=0, le=600)]] = Field(default_factory=dict)
    #: a venue file (relative to the calendar) whose gates give the point where ``lat`` and
    #: ``lon`` are not given (see :mod:`eventplan.calendar.sitevenue`)
    venue: Text | None = None


class Person(Model):
    id: Id
    name: Text = ""
    organisation: Id
    station: Id
    role: Id
    contract: Id
    leave: Dates = ()
    requests_off: Dates = ()
    requests_on: Dates = ()


class Pool(Model):
    """``count`` interchangeable people, expanded to ``ID-1`` ... ``ID-count``."""

    id: Id
    organisation: Id
    station: Id
    role: Id
    contract: Id
    count: Annotated[Int, Field(gt=0, le=10_000)]


class Need(Model):
    roles: Annotated[tuple[Id, ...], Field(min_length=1, max_length=50)]
    count: Annotated[Int, Field(gt=0, le=1000)]


class Window(Model):
    id: Id
    start: Clock
    end: Clock
    part: Literal["morning", "afternoon", "day"] = "day"


DaysRule = Literal["school", "daily", "weekdays", "weekends"] | tuple[Weekday, ...]
Needs = Annotated[tuple[Need, ...], Field(max_length=50)]


class DutyPost(Model):
    """One post of a recurring duty (a school's main gate, its side gate) with its needs."""

    id: Id
    name: Text = ""
    needs: Annotated[tuple[Need, ...], Field(min_length=1, max_length=50)]


class Duty(Model):
    """A recurring duty at one site: its windows on the days the rule names.

    Its people stand at one post (``needs``) or at several (``posts``, each with its own
    needs); :mod:`eventplan.calendar.checks` asks for exactly one of the two.
    """

    id: Id
    site: Id
    days: DaysRule = "school"
    priority: Priority = "normal"
    windows: Annotated[tuple[Window, ...], Field(min_length=1, max_length=10)]
    needs: Needs = ()
    posts: Annotated[tuple[DutyPost, ...], Field(max_length=50)] = ()

    def post_needs(self) -> tuple[tuple[str, tuple[Need, ...]], ...]:
        """Each post's id and needs; a duty of one post has the post ``""``."""
        if self.posts:
            return tuple((post.id, post.needs) for post in self.posts)
        return (("", self.needs),)


def post_key(duty: str, post: str) -> str:
    """A duty's post as one id (the duty's own id for a duty of one post)."""
    return f"{duty}.{post}" if post else duty


class Event(Model):
    """An event on some dates at a site; its need comes from its scenario file."""

    id: Id
    name: Text = ""
    site: Id
    scenario: Annotated[str, Field(min_length=1, max_length=500)]
    dates: Annotated[tuple[Day, ...], Field(min_length=1, max_length=366)]
    priority: Priority = "critical"
    #: the share of the scenario's need this force covers (the rest comes from elsewhere)
    share: Annotated[Float, Field(gt=0, le=1)] = 1.0
    start: Clock | None = None
    end: Clock | None = None


class SchoolCalendar(Model):
    terms: Annotated[tuple[DayRange, ...], Field(max_length=20)] = ()
    holidays: Dates = ()
    weekdays: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri")


class Weights(Model):
    """Objective weights: coverage per person-duty by priority, then penalties, then cost."""

    critical: Annotated[Int, Field(ge=0)] = 1_000_000
    high: Annotated[Int, Field(ge=0)] = 100_000
    normal: Annotated[Int, Field(ge=0)] = 10_000
    low: Annotated[Int, Field(ge=0)] = 1_000
    overtime_minute: Annotated[Int, Field(ge=0)] = 5
    weekend: Annotated[Int, Field(ge=0)] = 300
    night: Annotated[Int, Field(ge=0)] = 300
    request: Annotated[Int, Field(ge=0)] = 500
    cost: Annotated[Int, Field(ge=0)] = 1


class Settings(Model):
    #: each person is offered the recurring duties of the sites their station is nearest to
    #: and of this many more nearest sites (0 keeps stations apart: they plan separately)
    nearest_sites: Annotated[Int, Field(ge=0, le=100)] = 0
    #: travel speed used where a site names no time from a station
    speed_kmh: Annotated[Float, Field(gt=0, le=200)] = 30.0
    #: a duty ending after this time (or after midnight) is a night duty
    night_after: Clock = "22:00"  # type: ignore[assignment]
    #: the zone of the calendar's clock times (the per-day plan folders are in it)
    timezone: TimezoneName = "UTC"
    weights: Weights = Field(default_factory=Weights)


class Calendar(Model):
    eventplan_calendar: Literal[1]
    #: the calendar's identity in the plans it writes (its day folders' events, and so the
    #: archive's); default: the name, else the file's name, as a slug
    id: Id | None = None
    name: Text = ""
    settings: Settings = Field(default_factory=Settings)
    roles: Annotated[dict[Id, Role], Field(min_length=1)]
    contracts: Annotated[dict[Id, Contract], Field(min_length=1)]
    stations: Annotated[tuple[Station, ...], Field(min_length=1, max_length=10_000)]
    sites: Annotated[tuple[Site, ...], Field(max_length=100_000)] = ()
    people: Annotated[tuple[Person, ...], Field(max_length=100_000)] = ()
    pools: Annotated[tuple[Pool, ...], Field(max_length=10_000)] = ()
    school_calendar: SchoolCalendar = Field(default_factory=SchoolCalendar)
    duties: Annotated[tuple[Duty, ...], Field(max_length=100_000)] = ()
    events: Annotated[tuple[Event, ...], Field(max_length=10_000)] = ()
