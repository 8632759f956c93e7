"""Time rules of a scenario: the event's days, phases, windows and arrival profiles.

Phases, windows and arrival windows lie on the slot grid and end after they start; on
multi-day events they are times of day that fit in one day, except that a window may also be
one absolute stretch (two date-times, as a pool's availability may be). Phases do not
overlap; windows may overlap phases and one another, but must touch the planning horizon
(first phase start to last phase end of a day; of the whole event for an absolute stretch).
Arrival shares sum to 1, for ``event.arrivals`` and for every
named profile, whose windows lie inside the horizon. Times are ordered in real time; whether
each exists in the event's timezone is checked in :mod:`~eventplan.scenario.checks_zone`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from datetime import datetime, time

from eventplan.scenario.checks_common import duplicates, grid, is_time_of_day, well_formed
from eventplan.scenario.checks_zone import zone_checks
from eventplan.scenario.findings import Finding, Place, error
from eventplan.scenario.model import Arrival, Scenario
from eventplan.scenario.realtime import EventClock, event_clock
from eventplan.scenario.times import END_OF_DAY, format_when, on_grid

#: Shares of an arrival profile may miss 1 by this much (rounding in the file).
SHARE_TOLERANCE = 1e-6


def event_checks(s: Scenario) -> Iterator[Finding]:
    """Every time rule of ``event``: timezone, grid, days, phases, windows, arrivals."""
    event, slot, clock = s.event, grid(s), event_clock(s)
    yield from zone_checks(s)
    if not slot:
        yield error(
            ("event", "slot_minutes"),
            f"{event.slot_minutes} does not divide 60 (use 5, 10, 15, 20, 30 or 60)",
        )
    yield from _days(s)
    yield from duplicates([p.id for p in event.phases], ("event", "phases"), "phase")
    yield from _window_ids(s)
    multi_day = event.days is not None
    for path, start, end in _spans(s):
        daily = multi_day and not (path[1] == "windows" and absolute(start, end))
        yield from span(path, start, end, daily, slot, clock)
    yield from _overlaps(s)
    yield from _shares(event.arrivals, ("event", "arrivals"), "shares")
    for name, profile in event.arrival_profiles.items():
        path = ("event", "arrival_profiles", name)
        yield from _shares(profile, path, f"shares of profile '{name}'")
    yield from _inside_horizon(s)


def _days(s: Scenario) -> Iterator[Finding]:
    if s.event.days is None:
        return
    if not s.event.days:
        yield error(("event", "days"), "give at least one day", whole=True)
    seen: set[object] = set()
    for i, day in enumerate(s.event.days):
        if day in seen:
            yield error(("event", "days", i), f"day {day} is listed twice")
        seen.add(day)


def _window_ids(s: Scenario) -> Iterator[Finding]:
    """Window ids are unique among windows, and never the id of a phase."""
    phases = {p.id: i for i, p in enumerate(s.event.phases)}
    windows = [w.id for w in s.event.windows]
    yield from duplicates(windows, ("event", "windows"), "window")
    for i, window_id in enumerate(windows):
        if window_id in phases:
            yield error(
                ("event", "windows", i, "id"),
                f"'{window_id}' is already a phase (phases[{phases[window_id]}]): "
                "phases and windows share one set of ids",
            )


def absolute(start: object, end: object) -> bool:
    """Whether a start/end pair is two date-times (not times of day)."""
    return isinstance(start, datetime) and isinstance(end, datetime)


def _spans(s: Scenario) -> Iterator[tuple[Place, object, object]]:
    """Every start/end pair of the event, with its place."""
    event = s.event
    for section, items in (
        ("phases", event.phases),
        ("arrivals", event.arrivals),
        ("windows", event.windows),
    ):
        for i, item in enumerate(items):
            yield ("event", section, i), item.start, item.end
    for name, profile in event.arrival_profiles.items():
        for i, arrival in enumerate(profile):
            yield ("event", "arrival_profiles", name, i), arrival.start, arrival.end


def span(
    path: Place, start: object, end: object, multi_day: bool, slot: int, clock: EventClock
) -> Iterator[Finding]:
    """Form, grid and order (in real time) of one start/end pair (a phase, an arrival
    window, ...)."""
    for key, value in (("start", start), ("end", end)):
        if multi_day and not is_time_of_day(value):
            yield error(
                (*path, key),
                "with event.days, give times of day as HH:MM (they repeat on every day)",
            )
            return
        if not multi_day and is_time_of_day(value):
            yield error(
                (*path, key),
                "give a date and time (YYYY-MM-DDTHH:MM); times of day (HH:MM) need event.days",
            )
            return
        if slot and not on_grid(value, slot):  # type: ignore[arg-type]
            yield error((*path, key), f"{format_when(value)} is not on the {slot}-minute slot grid")
    if multi_day and start == END_OF_DAY:
        yield error((*path, "start"), "a day's window cannot start at 24:00")
    elif clock.key(start) >= clock.key(end):  # type: ignore[arg-type,operator]
        fit = ": on multi-day events a window must fit in one day" if multi_day else ""
        yield error(
            (*path, "end"),
            f"ends at {format_when(end)}, not after its start {format_when(start)}{fit}",
        )


def _overlaps(s: Scenario) -> Iterator[Finding]:
    windows = []
    clock = event_clock(s)
    for i, phase in enumerate(s.event.phases):
        for start, end in clock.expand(phase.start, phase.end, s.event.days):
            if start < end:
                windows.append((start, end, i))
    windows.sort()
    reported: set[tuple[int, int]] = set()
    for (_s1, e1, i1), (s2, _e2, i2) in itertools.pairwise(windows):
        pair = (min(i1, i2), max(i1, i2))
        if s2 < e1 and i1 != i2 and pair not in reported:  # once, not once a day
            reported.add(pair)
            a, b = s.event.phases[i1].id, s.event.phases[i2].id
            yield error(("event", "phases", i2), f"phase '{b}' overlaps phase '{a}'")


def _shares(arrivals: Sequence[Arrival], path: Place, what: str) -> Iterator[Finding]:
    if not arrivals:
        return
    total = sum(a.share for a in arrivals)
    if abs(total - 1) > SHARE_TOLERANCE:
        yield error(path, f"{what} sum to {total:g}, not 1", whole=True)


def horizon(s: Scenario) -> tuple[datetime | time, datetime | time] | None:
    """The planning horizon of a day: first phase start to last phase end.

    Times of day on multi-day events (the same every day), date-times otherwise; None while
    a phase is malformed (the time rules report it).
    """
    phases, clock = s.event.phases, event_clock(s)
    if not all(well_formed(p.start, p.end, s.event.days is not None, clock) for p in phases):
        return None
    first = min((p.start for p in phases), key=clock.key)  # type: ignore[arg-type]
    return first, max((p.end for p in phases), key=clock.key)  # type: ignore[arg-type]


def _inside_horizon(s: Scenario) -> Iterator[Finding]:
    """Windows touch the horizon; arrival windows of a profile lie inside it.

    These depend on every phase, so they are marked as findings about whole lists.
    """
    bounds, multi_day, clock = horizon(s), s.event.days is not None, event_clock(s)
    if bounds is None:
        return
    first, last = bounds
    at = clock.key
    shown = f"{format_when(first)} to {format_when(last)}, first phase start to last phase end"
    days = s.event.days
    for i, window in enumerate(s.event.windows):
        stretch = multi_day and absolute(window.start, window.end)
        if stretch:  # one absolute stretch on a multi-day event: against the whole event
            spans = clock.expand(first, last, days)
            inside = well_formed(window.start, window.end, False, clock) and (
                clock.moment(window.start) < max(b for _a, b in spans)  # type: ignore[arg-type]
                and min(a for a, _b in spans) < clock.moment(window.end)  # type: ignore[arg-type]
            )
        else:
            inside = not well_formed(window.start, window.end, multi_day, clock) or (
                at(window.start) < at(last) and at(first) < at(window.end)  # type: ignore[operator]
            )
        if not inside and (not stretch or well_formed(window.start, window.end, False, clock)):
            yield error(
                ("event", "windows", i),
                f"window '{window.id}' ({format_when(window.start)} to "
                f"{format_when(window.end)}) lies outside the event ({shown})",
                whole=True,
            )
    for name, profile in s.event.arrival_profiles.items():
        for i, arrival in enumerate(profile):
            if well_formed(arrival.start, arrival.end, multi_day, clock) and (
                at(arrival.start) < at(first) or at(last) < at(arrival.end)  # type: ignore[operator]
            ):
                yield error(
                    ("event", "arrival_profiles", name, i),
                    f"arrivals from {format_when(arrival.start)} to {format_when(arrival.end)} "
                    f"are not all inside the event ({shown})",
                    whole=True,
                )
