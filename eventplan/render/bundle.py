"""A finished plan in memory: the scenario, ``plan.json``, ``roster.csv`` and ``coverage.csv``.

The map reads a plan folder as the solver writes it (see the outputs in the README), or the
same content handed over in memory, so that ``solve`` can render ``map.html`` without reading
back what it has just written. Only what the map needs is checked here; a missing optional
section simply draws nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from eventplan.errors import InputError, Problem
from eventplan.scenario import Scenario, from_document, load
from eventplan.scenario.realtime import UTC_CLOCK, EventClock, event_clock

#: The ``post`` of a briefing row begins with this (then the muster node).
BRIEFING_PREFIX = "briefing:"


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One person's stint at a post (or in a unit, patrol team, drone crew, sector lead or
    reserve), or their briefing before a shift (``post`` = ``briefing:<node>``).

    ``leads`` names the sector or unit instance the person leads (empty otherwise).
    """

    person: str
    name: str
    role: str
    pool: str
    unit: str
    post: str
    start: datetime
    end: datetime
    leads: str = ""

    @property
    def is_briefing(self) -> bool:
        """Whether the row is a briefing (paid, but not on duty anywhere)."""
        return self.post.startswith(BRIEFING_PREFIX)


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """Required and assigned people of one role group at one post in one slot."""

    post: str
    start: datetime
    end: datetime
    role_group: str
    required: int
    assigned: int
    shortfall: int


@dataclass(frozen=True)
class PlanBundle:
    """Everything the map is drawn from.

    Parameters
    ----------
    scenario
        The validated scenario the plan was made for (venue geometry, posts, forces).
    plan
        The content of ``plan.json``.
    roster, coverage
        The rows of ``roster.csv`` and ``coverage.csv``.
    source
        Where the plan came from, for messages.
    """

    scenario: Scenario
    plan: Mapping[str, Any]
    roster: tuple[RosterRow, ...] = ()
    coverage: tuple[CoverageRow, ...] = ()
    source: str = field(default="<plan>")

    @property
    def clock(self) -> EventClock:
        """The event's clock: plan times are local times of its zone."""
        return event_clock(self.scenario)


def load_bundle(plan_dir: str | Path) -> PlanBundle:
    """Read a plan folder written by ``eventplan solve``.

    Raises
    ------
    InputError
        When the folder, ``plan.json`` or the scenario is missing, or a file cannot be read.
    """
    folder = Path(plan_dir)
    if not folder.is_dir():
        raise InputError(Problem(str(folder), "", "not a plan folder (run eventplan solve)"))
    plan_path = folder / "plan.json"
    if not plan_path.is_file():
        raise InputError(Problem(str(folder), "", "no plan.json here (run eventplan solve)"))
    try:
        plan = json.loads(plan_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(Problem(str(plan_path), "", f"not valid JSON: {error}")) from None
    if not isinstance(plan, dict):
        raise InputError(Problem(str(plan_path), "", "expected a JSON object"))
    scenario = _find_scenario(folder, plan)
    roster, coverage = folder / "roster.csv", folder / "coverage.csv"
    clock = event_clock(scenario)
    return PlanBundle(
        scenario=scenario,
        plan=plan,
        roster=tuple(roster_rows(_read_csv(roster), str(roster), clock)),
        coverage=tuple(coverage_rows(_read_csv(coverage), str(coverage), clock)),
        source=str(folder),
    )


def as_bundle(source: PlanBundle | str | Path | Mapping[str, Any]) -> PlanBundle:
    """A :class:`PlanBundle` from a plan folder, a bundle, or a mapping of the parts.

    A mapping has ``plan`` (the ``plan.json`` object), ``scenario`` (a :class:`Scenario`, a
    scenario file path or a scenario document) and optionally ``roster`` and ``coverage``
    (sequences of row mappings, or pandas data frames).
    """
    if isinstance(source, PlanBundle):
        return source
    if isinstance(source, str | Path):
        return load_bundle(source)
    if not isinstance(source, Mapping) or "plan" not in source or "scenario" not in source:
        raise InputError("a plan is a folder, a PlanBundle or a mapping with plan and scenario")
    scenario = source["scenario"]
    if isinstance(scenario, str | Path):
        scenario = load(scenario)
    elif isinstance(scenario, Mapping):
        scenario = from_document(dict(scenario))
    if not isinstance(scenario, Scenario):
        raise InputError("plan mapping: 'scenario' is not a scenario")
    return PlanBundle(
        scenario=scenario,
        plan=source["plan"],
        roster=tuple(roster_rows(_records(source.get("roster")), "roster", event_clock(scenario))),
        coverage=tuple(
            coverage_rows(_records(source.get("coverage")), "coverage", event_clock(scenario))
        ),
        source=str(source.get("source", "<plan>")),
    )


def roster_rows(
    records: Iterable[Mapping[str, Any]], where: str, clock: EventClock = UTC_CLOCK
) -> Iterable[RosterRow]:
    """Typed roster rows; times may be ISO text (with or without a UTC offset) or datetimes,
    local times of ``clock``'s zone; ``leads`` may be missing (an older plan)."""
    cache: dict[Any, datetime] = {}
    for i, row in enumerate(records):
        yield RosterRow(
            person=_text(row, "person"),
            name=_text(row, "name"),
            role=_text(row, "role"),
            pool=_text(row, "pool"),
            unit=_text(row, "unit"),
            post=_text(row, "post"),
            start=_cached_when(cache, clock, row, "start", where, i),
            end=_cached_when(cache, clock, row, "end", where, i),
            leads=_text(row, "leads"),
        )


def coverage_rows(
    records: Iterable[Mapping[str, Any]], where: str, clock: EventClock = UTC_CLOCK
) -> Iterable[CoverageRow]:
    """Typed coverage rows (times as for :func:`roster_rows`); a missing shortfall is
    ``required - assigned`` (at least 0)."""
    cache: dict[Any, datetime] = {}
    for i, row in enumerate(records):
        required = _int(row, "required", where, i)
        assigned = _int(row, "assigned", where, i)
        short = row.get("shortfall")
        yield CoverageRow(
            post=_text(row, "post"),
            start=_cached_when(cache, clock, row, "slot_start", where, i),
            end=_cached_when(cache, clock, row, "slot_end", where, i),
            role_group=_text(row, "role_group"),
            required=required,
            assigned=assigned,
            shortfall=(
                max(0, required - assigned)
                if short in (None, "")
                else _int(row, "shortfall", where, i)
            ),
        )


def _find_scenario(folder: Path, plan: Mapping[str, Any]) -> Scenario:
    """``scenario.json`` beside the plan, else the file named in ``plan.json``."""
    beside = folder / "scenario.json"
    if beside.is_file():
        return load(beside)
    named = (plan.get("scenario") or {}).get("file") if isinstance(plan, Mapping) else None
    if isinstance(named, str) and named:
        for candidate in (folder / named, Path(named)):
            if candidate.is_file():
                return load(candidate)
    raise InputError(Problem(str(folder), "", "no scenario.json and no readable scenario file"))


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return list(csv.DictReader(stream))
    except (UnicodeDecodeError, csv.Error) as error:
        raise InputError(Problem(str(path), "", f"cannot read: {error}")) from None


def _records(value: Any) -> list[Mapping[str, Any]]:
    if value is None:
        return []
    if hasattr(value, "to_dict") and not isinstance(value, Mapping):  # a pandas DataFrame
        return list(value.to_dict("records"))
    return list(value)


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None or value != value:  # None or NaN from a data frame
        return ""
    return str(value)


def _int(row: Mapping[str, Any], key: str, where: str, index: int) -> int:
    value = row.get(key)
    try:
        return int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(
            Problem(where, f"row {index + 1}.{key}", f"expected a number, got {value!r}")
        ) from None


def _when(clock: EventClock, row: Mapping[str, Any], key: str, where: str, index: int) -> datetime:
    """A local time with its UTC offset (see :meth:`EventClock.local`): in the hour clocks
    repeat, rows written with their offsets stay apart and in order."""
    value = row.get(key)
    try:
        if not isinstance(value, datetime):
            value = datetime.fromisoformat(str(value).strip())
        return clock.as_local(value)
    except (ValueError, OverflowError):
        raise InputError(
            Problem(where, f"row {index + 1}.{key}", f"expected an ISO date-time, got {value!r}")
        ) from None


def _cached_when(
    cache: dict[Any, datetime],
    clock: EventClock,
    row: Mapping[str, Any],
    key: str,
    where: str,
    index: int,
) -> datetime:
    value = row.get(key)
    try:
        return cache[value]
    except (KeyError, TypeError):
        moment = _when(clock, row, key, where, index)
        if isinstance(value, str):
            cache[value] = moment
        return moment
