"""Loading a calendar file: read it within bounds, validate its shape, cross-check its ids,
and turn each event's scenario into whole-event duties.

Every problem is reported at once as ``FILE:LINE: path: message`` (exit code 2 in the CLI).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from eventplan.calendar.checks import cross_check
from eventplan.calendar.model import Calendar, Event, Need, Person
from eventplan.calendar.sitevenue import fill_site_points
from eventplan.calendar.travel import travel_table
from eventplan.errors import InputError, Problem
from eventplan.scenario.findings import LineMap, Place, format_path
from eventplan.scenario.reader import read_document


@dataclass(frozen=True)
class EventDuty:
    """What one event asks of the force on each of its dates."""

    start: int
    end: int
    needs: tuple[Need, ...]


@dataclass(frozen=True)
class LoadedCalendar:
    """A valid calendar, with pools expanded into people and events into duties."""

    calendar: Calendar
    source: str
    people: tuple[Person, ...]
    events: dict[str, EventDuty]
    #: when loading began (``time.monotonic``): a time limit counts from here, as the
    #: planner's user waits from the moment the command starts reading the file
    started: float = field(default_factory=time.monotonic, compare=False)

    @cached_property
    def travel(self) -> dict[tuple[str, str], int]:
        """Minutes from each station to each site (worked out once: every day asks)."""
        return travel_table(self.calendar)

    @cached_property
    def key(self) -> str:
        """The calendar's identity (its ``id``, else its name, else its file's stem, as a
        slug): two calendars stored in one archive keep their days apart by it."""
        calendar = self.calendar
        return calendar.id or slug(calendar.name) or slug(Path(self.source).stem) or "calendar"


def slug(text: str) -> str:
    """Lower-case letters and digits, every other run of characters one ``-`` (at most 100)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:100].strip("-")


def load_calendar(path: str | Path) -> LoadedCalendar:
    """Load and validate a calendar file (YAML, JSON or TOML).

    Raises
    ------
    InputError
        With every problem found, each naming the file, line and place.
    """
    started = time.monotonic()
    path = Path(path)
    shown = str(path)
    document, lines = read_document(path, shown)
    venues = fill_site_points(document, path.parent)
    try:
        calendar = Calendar.model_validate(document)
    except ValidationError as error:
        found = venues + [(_place(item["loc"]), _message(item)) for item in error.errors()]
        raise InputError([_problem(shown, lines, p, m) for p, m in found]) from None
    except RecursionError:
        raise InputError(Problem(shown, "", "document is nested too deep")) from None
    problems = [_problem(shown, lines, p, m) for p, m in venues + cross_check(calendar)]
    events: dict[str, EventDuty] = {}
    for index, event in enumerate(calendar.events):
        try:
            events[event.id] = event_duty(event, path.parent / event.scenario, calendar.roles)
        except InputError as error:
            where: Place = ("events", index, "scenario")
            for inner in error.problems:
                problems.append(_problem(shown, lines, where, f"{inner}"))
    if problems:
        raise InputError(problems)
    return LoadedCalendar(calendar, shown, expand_people(calendar), events, started)


def expand_people(calendar: Calendar) -> tuple[Person, ...]:
    """The people of the file, then each pool's members ``POOL-1`` ... ``POOL-count``."""
    people = list(calendar.people)
    for pool in calendar.pools:
        for number in range(1, pool.count + 1):
            people.append(
                Person(
                    id=f"{pool.id}-{number}",
                    organisation=pool.organisation,
                    station=pool.station,
                    role=pool.role,
                    contract=pool.contract,
                )
            )
    return tuple(people)


def event_duty(event: Event, scenario_path: Path, roles: Iterable[str]) -> EventDuty:
    """An event's need as whole-event duties: per role, the peak over the scenario's phases
    of the posts' minimum needs (a need naming several roles counts for its first), times
    the event's share, rounded up; its time from the first phase start to the last end.
    Roles the calendar does not have (guards, traffic police of other forces) are left out."""
    from eventplan.scenario import load

    scenario = load(scenario_path)
    per_phase: dict[str, dict[str, int]] = {}
    for post in scenario.posts:
        for need in post.needs:
            for phase in need.phases:
                counts = per_phase.setdefault(phase, {})
                counts[need.roles[0]] = counts.get(need.roles[0], 0) + need.min
    peak: dict[str, int] = {}
    for counts in per_phase.values():
        for role, count in counts.items():
            peak[role] = max(peak.get(role, 0), count)
    needs = tuple(
        Need(roles=(role,), count=max(1, math.ceil(count * event.share)))
        for role, count in sorted(peak.items())
        if role in roles
    )
    starts = [_minutes(phase.start) for phase in scenario.event.phases]
    ends = [_minutes(phase.end) for phase in scenario.event.phases]
    start = event.start if event.start is not None else min(starts)
    end = event.end if event.end is not None else max(ends)
    return EventDuty(start, end if end > start else end + 24 * 60, needs)


def _minutes(moment: Any) -> int:
    return moment.hour * 60 + moment.minute


def _place(loc: tuple[Any, ...]) -> Place:
    """pydantic's location as a document path (its union and validator markers dropped)."""
    kept: list[str | int] = []
    for part in loc:
        if isinstance(part, int) or (isinstance(part, str) and not _marker(part)):
            kept.append(part)
    return tuple(kept)


def _marker(part: str) -> bool:
    return part.startswith(("function-", "literal[", "tuple[")) or part in {
        "date",
        "DayRange",
        "str",
        "int",
    }


def _message(item: dict[str, Any]) -> str:
    kind, text = item["type"], item["msg"]
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known key"
    return text.removeprefix("Value error, ")


def _problem(file: str, lines: LineMap, path: Place, message: str) -> Problem:
    line = None
    for cut in range(len(path), -1, -1):  # nearest enclosing place with a known line
        line = lines.get(tuple(path[:cut]))
        if line is not None:
            break
    return Problem(file, format_path(path), message, line)
