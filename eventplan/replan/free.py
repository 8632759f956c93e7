"""Who may be called in: free people, in classes of alike people.

A person of a supply is free on a working day when they are not absent (nor released by an
earlier replan), have no shift that day, work fewer days than ``rules.max_days``, and a new
shift there keeps ``rules.min_rest_hours`` from their shifts of the days before and after.
A replan calls people in on its own working day only (a later day of a multi-day event is
replanned on that day), each for one shift at most. People of one supply whose shifts
leave them the same rest windows on every day are alike: the model counts them, as it
counts any alike people, and names them afterwards in the order given (those who arrived,
then those added with ``--extra``, then the rest by id).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from eventplan.staffing.model import StaffingModel
from eventplan.staffing.roster import Shift
from eventplan.staffing.templates import Template

#: (earliest start, latest end) of a new shift on a day (None: no bound), or None: not free
DayWindow = tuple[datetime | None, datetime | None] | None


@dataclass(frozen=True)
class FreeClass:
    """Alike free people of one supply: the days they are free and the rest windows there."""

    supply: int
    windows: tuple[DayWindow, ...]
    people: tuple[str, ...]

    def fits(self, template: Template, starts: datetime, ends: datetime) -> bool:
        """Whether a template of their supply (from ``starts`` to ``ends``) fits them."""
        window = self.windows[template.day] if template.day < len(self.windows) else None
        if window is None:
            return False
        earliest, latest = window
        return (earliest is None or starts >= earliest) and (latest is None or ends <= latest)


def candidates(model: StaffingModel) -> dict[int, list[str]]:
    """Every person of each supply: its named people, then generated ids up to its count
    (``<pool>-0001`` on, skipping the ids of named people)."""
    named = {p.id for p in model.scenario.people}
    counter: dict[str, int] = defaultdict(int)
    out: dict[int, list[str]] = {}
    for supply in model.supplies:
        people = list(supply.people)
        while len(people) < supply.count:
            counter[supply.pool] += 1
            candidate = f"{supply.pool}-{counter[supply.pool]:04d}"
            if candidate not in named:
                people.append(candidate)
        out[supply.index] = people
    return out


def free_classes(
    model: StaffingModel,
    shifts: Iterable[Shift],
    out: set[str],
    first: list[str],
    extra: dict[int, list[str]],
    from_day: int = 0,
) -> list[FreeClass]:
    """The free people of every supply on working day ``from_day``, in classes (see the
    module docstring). ``out``: the absent and released; ``first``: those who arrived;
    ``extra``: the ids added to each supply."""
    rules = model.scenario.rules
    rest = timedelta(hours=rules.min_rest_hours)
    own: dict[str, list[Shift]] = defaultdict(list)
    for shift in shifts:
        own[shift.person].append(shift)
    days = len(model.grid.days)
    rank = {p: i for i, p in enumerate(first)}
    classes: dict[tuple[int, tuple[DayWindow, ...]], list[str]] = {}
    seen: set[str] = set()
    for supply, people in candidates(model).items():
        ordered = sorted(people, key=lambda p: (rank.get(p, len(rank)), p))
        arrived = [p for p in ordered if p in rank]
        for person in [*arrived, *extra.get(supply, []), *ordered[len(arrived) :]]:
            if person in out or person in seen:
                continue
            seen.add(person)
            worked = own.get(person, [])
            if len({s.template.day for s in worked}) >= rules.max_days:
                continue
            windows = tuple(_window(worked, day, rest, from_day) for day in range(days))
            if any(w is not None for w in windows):
                classes.setdefault((supply, windows), []).append(person)
    return _merged([FreeClass(s, w, tuple(p)) for (s, w), p in classes.items()], model)


def _merged(classes: list[FreeClass], model: StaffingModel) -> list[FreeClass]:
    """Classes of one supply that every template fits alike are one class (rest windows
    that differ only where no shift of the supply starts or ends); people keep their order."""
    grid = model.grid
    order = {p: i for i, c in enumerate(classes) for p in c.people}
    joined: dict[tuple[int, bytes], list[FreeClass]] = {}
    for c in classes:
        templates = model.templates[c.supply]
        fits = bytes(c.fits(t, grid.start(t.start), grid.end(t.end - 1)) for t in templates)
        joined.setdefault((c.supply, fits), []).append(c)
    out = []
    for alike in joined.values():
        people = sorted((p for c in alike for p in c.people), key=lambda p: order[p])
        out.append(FreeClass(alike[0].supply, alike[0].windows, tuple(people)))
    return out


def _window(worked: list[Shift], day: int, rest: timedelta, from_day: int) -> DayWindow:
    if day != from_day or any(s.template.day == day for s in worked):
        return None
    before = [s.end for s in worked if s.template.day < day]
    after = [s.start for s in worked if s.template.day > day]
    return (max(before) + rest if before else None, min(after) - rest if after else None)
