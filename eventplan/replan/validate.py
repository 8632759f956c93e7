"""Events checked against the parent plan: people, pools, posts, roles, units and times."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from eventplan.errors import InputError, Problem
from eventplan.replan.events import Events
from eventplan.replan.loading import Places
from eventplan.scenario import Scenario


def known_people(scenario: Scenario, rostered: Iterable[str]) -> set[str]:
    """Everyone a pool holds: named people, the rostered, and the generated ids of each pool
    (``<pool>-0001`` up to its count)."""
    known = {p.id for p in scenario.people} | set(rostered)
    for pool in scenario.pools:
        known |= {f"{pool.id}-{n:04d}" for n in range(1, pool.count + 1)}
    return known


@dataclass
class _Checks:
    """The problems found so far, and how to word them."""

    places: Places
    horizon: tuple[datetime, datetime]
    at: datetime | None
    problems: list[Problem] = field(default_factory=list)

    def when(self, kind: str, i: int, sub: str, moment: datetime | None) -> None:
        start, end = self.horizon
        if moment is None:
            return
        if self.at is not None and start <= moment < self.at:
            self.problems.append(
                self.places.problem(
                    kind,
                    i,
                    sub,
                    f"{moment:%Y-%m-%dT%H:%M} is before the time of the replan "
                    f"({self.at:%Y-%m-%dT%H:%M}): the past does not change",
                )
            )
        if not start <= moment <= end:
            shown = f"{start:%Y-%m-%dT%H:%M} to {end:%Y-%m-%dT%H:%M}"
            self.problems.append(
                self.places.problem(
                    kind, i, sub, f"{moment:%Y-%m-%dT%H:%M} is outside the event ({shown})"
                )
            )

    def known(
        self, kind: str, i: int, sub: str, what: str, value: str, pool: Iterable[str]
    ) -> None:
        names = sorted(pool)
        if value not in names:
            listed = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
            self.problems.append(
                self.places.problem(kind, i, sub, f"unknown {what} '{value}' (known: {listed})")
            )


def check_events(
    events: Events,
    places: Places,
    scenario: Scenario,
    people: set[str],
    horizon: tuple[datetime, datetime],
    at: datetime | None = None,
    instances: Iterable[str] = (),
) -> None:
    """Raise an :class:`InputError` with every event that names something unknown, a time
    outside the event, or a time before ``at`` (the past does not change). A unit is named
    by its id or by one of its ``instances`` (``rapid-response#3``)."""
    c = _Checks(places, horizon, at)
    for kind, ids in (("absent", events.absent), ("arrived", events.arrived)):
        for i, person in enumerate(ids):
            if person not in people:
                c.problems.append(places.problem(kind, i, "", f"unknown person '{person}'"))
    for person in sorted(set(events.absent) & set(events.arrived)):
        c.problems.append(
            places.problem("arrived", 0, "", f"'{person}' is both absent and arrived")
        )
    for i, pool in enumerate(events.extra):
        c.known("extra", i, "pool", "pool", pool, {p.id for p in scenario.pools})
    posts = {p.id for p in scenario.posts}
    for kind, items in (("close", events.close), ("open", events.reopen)):
        for i, (post, moment) in enumerate(items):
            c.known(kind, i, "post", "post", post, posts)
            c.when(kind, i, "from", moment)
    for i, need in enumerate(events.need):
        c.known("need", i, "post", "post", need.post, posts)
        c.known("need", i, "role", "role", need.role, scenario.roles)
        c.when("need", i, "from", need.start)
    units = {u.id for u in scenario.units} | set(instances)
    for i, away in enumerate(events.unit_away):
        c.known("unit_away", i, "unit", "unit", away.unit, units)
        c.when("unit_away", i, "from", away.start)
        c.when("unit_away", i, "to", away.end)
        if away.end <= away.start:
            c.problems.append(places.problem("unit_away", i, "to", "ends before it starts"))
    if c.problems:
        raise InputError(c.problems)


def check_time(at: datetime, horizon: tuple[datetime, datetime]) -> None:
    """The time of the replan must fall inside the event."""
    start, end = horizon
    if not start <= at < end:
        raise InputError(
            Problem(
                COMMAND_LINE_AT,
                "--at",
                f"{at:%Y-%m-%dT%H:%M} is outside the event "
                f"({start:%Y-%m-%dT%H:%M} to {end:%Y-%m-%dT%H:%M})",
            )
        )


COMMAND_LINE_AT = "command line"
