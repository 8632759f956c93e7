"""Helpers the cross-document checks share: id lookups, unknown references, time forms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, time

from eventplan.scenario.findings import Finding, Place, error
from eventplan.scenario.model import Scenario
from eventplan.scenario.realtime import EventClock
from eventplan.scenario.times import END_OF_DAY, minutes_of_day

#: The kind of reference of phase and window ids (they share one name space).
PERIOD = "period"


def ids(items: Iterable[object]) -> dict[str, None]:
    """The ids of some items, in order and each once: fast to look up, ready to list."""
    return dict.fromkeys(item.id for item in items)  # type: ignore[attr-defined]


def listed(names: Iterable[str], limit: int = 12) -> str:
    """Ids as a message lists them: the first few, then '...'."""
    names = list(names)
    return ", ".join(names[:limit]) + (", ..." if len(names) > limit else "")


def unknown(
    path: Place, value: str, known: Mapping[str, object], what: str, kind: str | None = None
) -> Finding | None:
    """An error for a reference to an id that does not exist, else None.

    ``kind`` names the kind of reference (default: ``what``), so that a reference to an item
    set aside as invalid is not reported as unknown.
    """
    if value in known:
        return None
    message = f"unknown {what} '{value}'" + (f" (known: {listed(known)})" if known else "")
    return Finding(path, message, "error", ref=(kind or what, value))


def refs(
    values: Iterable[str], known: Mapping[str, object], what: str, path: Place
) -> Iterator[Finding]:
    """Errors for the unknown ids in a list of references, each at its index."""
    for i, value in enumerate(values):
        finding = unknown((*path, i), value, known, what)
        if finding:
            yield finding


def period_refs(s: Scenario, values: Iterable[str], path: Place) -> Iterator[Finding]:
    """Unknown ids in a list of periods: each names a phase or a window."""
    phases, windows = ids(s.event.phases), ids(s.event.windows)
    for i, value in enumerate(values):
        if value in phases or value in windows:
            continue
        if not windows:
            yield unknown((*path, i), value, phases, "phase", PERIOD)  # type: ignore[misc]
            continue
        message = (
            f"unknown phase or window '{value}' "
            f"(known phases: {listed(phases)}; windows: {listed(windows)})"
        )
        yield Finding((*path, i), message, "error", ref=(PERIOD, value))


def duplicates(item_ids: list[str], path: Place, what: str) -> Iterator[Finding]:
    """Errors for ids given a second time in one list, naming where the first one is."""
    first: dict[str, int] = {}
    for i, item_id in enumerate(item_ids):
        if item_id in first:
            yield error(
                (*path, i, "id"),
                f"duplicate {what} id '{item_id}' (first at {path[-1]}[{first[item_id]}])",
            )
        else:
            first[item_id] = i


def is_time_of_day(value: object) -> bool:
    """Whether a time is ``HH:MM`` (a :class:`~datetime.time`, not a date-time)."""
    return isinstance(value, time) and not isinstance(value, datetime)


def grid(s: Scenario) -> int:
    """The slot length times must lie on, or 0 when it is invalid (reported once, not per time)."""
    return s.event.slot_minutes if 60 % s.event.slot_minutes == 0 else 0


def well_formed(start: object, end: object, multi_day: bool, clock: EventClock) -> bool:
    """Whether a start/end pair has the form of the event and ends after it starts.

    Pairs that do not are reported by the time rules; other rules pass over them.
    """
    if multi_day:
        forms = is_time_of_day(start) and is_time_of_day(end)
        return forms and start != END_OF_DAY and start < end  # type: ignore[operator]
    if not (isinstance(start, datetime) and isinstance(end, datetime)):
        return False
    return clock.moment(start) < clock.moment(end)


def hours_between(start: datetime | time, end: datetime | time, clock: EventClock) -> float:
    """Hours from start to end of a well-formed pair (real hours; times of day lie in one day,
    and their hours are read on the clock)."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        return (clock.moment(end) - clock.moment(start)).total_seconds() / 3600
    return (minutes_of_day(end) - minutes_of_day(start)) / 60
