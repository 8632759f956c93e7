"""The event's timezone, and every local time of the file in it.

The timezone is a real IANA zone (not ``localtime``, the zone of whatever machine runs
eventplan). Every date-time, and every time of day on each day it repeats on, exists in the
zone: none falls in the gap of a spring-forward night. One in the hour a fall-back night
repeats carries its UTC offset, which is one of the zone's two at that time, and only such a
time carries one. Clocks may change during the event only by whole slots, so that slots keep
starting on the clock grid.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from eventplan.scenario.checks_common import grid
from eventplan.scenario.findings import Finding, Place, error
from eventplan.scenario.model import Scenario
from eventplan.scenario.realtime import event_clock, local_problem, zone_named
from eventplan.scenario.times import on_day


def zone_checks(s: Scenario) -> Iterator[Finding]:
    """The timezone, the changes of its clocks during the event, and every time in it."""
    zone = zone_named(s.event.timezone)
    if zone is None:
        yield error(("event", "timezone"), _unknown(s.event.timezone))
        return
    yield from _changes(s)
    changing = _changing_days(zone, s.event.days or ())
    for path, value in _times(s):
        if isinstance(value, datetime):
            problem = local_problem(zone, value, offset_only_if_twice=True)
        else:
            problem = next(
                (
                    found
                    for day in changing
                    if (found := _daily_problem(zone, day, value)) is not None
                ),
                None,
            )
        if problem is not None:
            yield error(path, problem)


def _unknown(name: str) -> str:
    if name == "localtime":
        return (
            "'localtime' is the timezone of the machine that runs eventplan, not the event's: "
            "use an IANA name like Asia/Shanghai"
        )
    return f"unknown timezone {name!r} (use an IANA name like Asia/Shanghai)"


def _daily_problem(zone: ZoneInfo, day: date, value: time) -> str | None:
    moment = on_day(day, value)
    return local_problem(zone, moment, offset_only_if_twice=True, daily=True)


def _changing_days(zone: ZoneInfo, days: tuple[date, ...]) -> list[date]:
    """The days near a change of the zone's offset (only they can hold a time in question)."""
    found = []
    for day in days:
        try:
            before = datetime.combine(day, time(12)) - timedelta(days=1)
            after = datetime.combine(day, time(12)) + timedelta(days=1)
        except OverflowError:
            found.append(day)
            continue
        if zone.utcoffset(before) != zone.utcoffset(after):
            found.append(day)
    return found


def _changes(s: Scenario) -> Iterator[Finding]:
    """Clocks moving by less than a slot would shift the slots off the clock grid."""
    slot, clock = grid(s), event_clock(s)
    if not slot or not clock.changes:
        return
    steps = {round(abs(b - a).total_seconds() / 60) for a in clock.offsets for b in clock.offsets}
    odd = sorted(step for step in steps if step % slot)
    if odd:
        yield error(
            ("event", "slot_minutes"),
            f"clocks in {clock.name} move by {odd[0]} minutes during the event, not a whole "
            f"number of {slot}-minute slots: use slot_minutes that divide {odd[0]}",
        )


def _times(s: Scenario) -> Iterator[tuple[Place, object]]:
    """Every time of the scenario with its place."""
    event = s.event
    spans: list[tuple[Place, object]] = []
    for section, items in (
        ("phases", event.phases),
        ("arrivals", event.arrivals),
        ("windows", event.windows),
    ):
        spans += [(("event", section, i), item) for i, item in enumerate(items)]
    for name, profile in event.arrival_profiles.items():
        spans += [(("event", "arrival_profiles", name, i), a) for i, a in enumerate(profile)]
    spans += [(("pools", i, "available"), p.available) for i, p in enumerate(s.pools)]
    for path, span in spans:
        if span is not None:
            yield (*path, "start"), span.start  # type: ignore[attr-defined]
            yield (*path, "end"), span.end  # type: ignore[attr-defined]
    for i, person in enumerate(s.people):
        for key in ("available_from", "available_to"):
            value = getattr(person, key)
            if value is not None:
                yield ("people", i, key), value
