"""A finished plan in memory: the scenario, ``plan.json``, ``roster.csv`` and ``coverage.csv``.

The map reads a plan folder as the solver writes it (see the outputs in the README), or the
same content handed over in memory, so that ``solve`` can render ``map.html`` without reading
back what it has just written. Only what the map needs is checked here; a missing optional
section simply draws nothing.

A folder is read within the bounds of :mod:`eventplan.io.bounded` and must be one plan: its
files those plan.json lists (:mod:`eventplan.io.identity`), for the scenario it holds. A folder
written before plan.json listed its files is drawn with a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from eventplan.errors import InputError, Problem
from eventplan.io.bounded import Refused, csv_rows, decode, finite_number, parse_json, read_capped
from eventplan.io.identity import FILES_KEY, mismatches
from eventplan.io.plan_files import COVERAGE_CSV, MAX_BYTES, PLAN_JSON, ROSTER_CSV, SCENARIO_JSON
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
    warnings
        What could not be verified of the folder (one written before plan.json listed its
        files).
    """

    scenario: Scenario
    plan: Mapping[str, Any]
    roster: tuple[RosterRow, ...] = ()
    coverage: tuple[CoverageRow, ...] = ()
    source: str = field(default="<plan>")
    warnings: tuple[str, ...] = ()

    @property
    def clock(self) -> EventClock:
        """The event's clock: plan times are local times of its zone."""
        return event_clock(self.scenario)


def load_bundle(plan_dir: str | Path) -> PlanBundle:
    """Read a plan folder written by ``eventplan solve``.

    Raises
    ------
    InputError
        When the folder, ``plan.json`` or the scenario is missing, a file cannot be read or
        is over its size limit, or the folder is not one plan (a file differs from the one
        plan.json lists, or plan.json is for another scenario).
    """
    folder = Path(plan_dir)
    if not folder.is_dir():
        raise InputError(Problem(str(folder), "", "not a plan folder (run eventplan solve)"))
    if not (folder / PLAN_JSON).is_file():
        raise InputError(Problem(str(folder), "", "no plan.json here (run eventplan solve)"))
    raw = {name: _read(folder / name) for name in (PLAN_JSON, ROSTER_CSV, COVERAGE_CSV)}
    plan = _parse(folder / PLAN_JSON, raw[PLAN_JSON])
    warnings = _identity(folder, plan, {k: v for k, v in raw.items() if v is not None})
    scenario = _find_scenario(folder, plan)
    _same_event(folder, plan, scenario)
    roster, coverage = (
        _csv_records(folder / name, raw[name]) for name in (ROSTER_CSV, COVERAGE_CSV)
    )
    clock = event_clock(scenario)
    return PlanBundle(
        scenario=scenario,
        plan=plan,
        roster=tuple(roster_rows(roster[1], str(folder / ROSTER_CSV), roster[0], clock)),
        coverage=tuple(coverage_rows(coverage[1], str(folder / COVERAGE_CSV), coverage[0], clock)),
        source=str(folder),
        warnings=warnings,
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
        roster=tuple(
            roster_rows(_records(source.get("roster")), "roster", clock=event_clock(scenario))
        ),
        coverage=tuple(
            coverage_rows(_records(source.get("coverage")), "coverage", clock=event_clock(scenario))
        ),
        source=str(source.get("source", "<plan>")),
    )


def roster_rows(
    records: Iterable[Mapping[str, Any]],
    where: str,
    lines: Sequence[int] = (),
    clock: EventClock = UTC_CLOCK,
) -> Iterable[RosterRow]:
    """Typed roster rows; times may be ISO text or datetimes; ``leads`` may be missing (an
    older plan). ``lines`` are the rows' lines in their file, for messages; times are local
    times of ``clock``'s zone, with or without a UTC offset."""
    cache: dict[Any, datetime] = {}
    for i, row in enumerate(records):
        at = _Place(where, i, lines)
        yield RosterRow(
            person=_text(row, "person"),
            name=_text(row, "name"),
            role=_text(row, "role"),
            pool=_text(row, "pool"),
            unit=_text(row, "unit"),
            post=_text(row, "post"),
            start=_cached_when(cache, clock, row, "start", at),
            end=_cached_when(cache, clock, row, "end", at),
            leads=_text(row, "leads"),
        )


def coverage_rows(
    records: Iterable[Mapping[str, Any]],
    where: str,
    lines: Sequence[int] = (),
    clock: EventClock = UTC_CLOCK,
) -> Iterable[CoverageRow]:
    """Typed coverage rows; a missing shortfall is ``required - assigned`` (at least 0)."""
    cache: dict[Any, datetime] = {}
    for i, row in enumerate(records):
        at = _Place(where, i, lines)
        required = _int(row, "required", at)
        assigned = _int(row, "assigned", at)
        short = row.get("shortfall")
        yield CoverageRow(
            post=_text(row, "post"),
            start=_cached_when(cache, clock, row, "slot_start", at),
            end=_cached_when(cache, clock, row, "slot_end", at),
            role_group=_text(row, "role_group"),
            required=required,
            assigned=assigned,
            shortfall=(
                max(0, required - assigned) if short in (None, "") else _int(row, "shortfall", at)
            ),
        )


def _find_scenario(folder: Path, plan: Mapping[str, Any]) -> Scenario:
    """``scenario.json`` beside the plan, else the file named in ``plan.json``."""
    beside = folder / SCENARIO_JSON
    if beside.is_file():
        return load(beside)
    ident = plan.get("scenario")
    named = ident.get("file") if isinstance(ident, Mapping) else None
    if isinstance(named, str) and named:
        for candidate in (folder / named, Path(named)):
            if _is_file(candidate):
                return load(candidate)
    raise InputError(Problem(str(folder), "", "no scenario.json and no readable scenario file"))


def _is_file(path: Path) -> bool:
    """Whether a path names a file; a name no file can have (a NUL in it, too long) does not."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _read(path: Path) -> bytes | None:
    """A plan file's bytes within its size limit; ``None`` for a missing roster or coverage."""
    if not path.exists() and path.name != PLAN_JSON:
        return None
    try:
        return read_capped(path, str(path), MAX_BYTES[path.name])
    except Refused as refused:
        raise _input_error(refused) from None


def _parse(path: Path, raw: bytes | None) -> dict[str, Any]:
    try:
        plan = parse_json(decode(raw or b"", str(path)), str(path))
    except Refused as refused:
        raise _input_error(refused) from None
    if not isinstance(plan, dict):
        raise InputError(Problem(str(path), "", "expected a JSON object"))
    return plan


def _identity(folder: Path, plan: Mapping[str, Any], raw: Mapping[str, bytes]) -> tuple[str, ...]:
    """Warnings about the folder's identity; an InputError naming every file that is not of
    this plan."""
    if FILES_KEY not in plan:
        return (
            f"{folder / PLAN_JSON}: warning: the folder has no identity (no '{FILES_KEY}': "
            "written before plan folders carried one), so its files are not verified to "
            "belong together",
        )
    wrong = mismatches(folder, plan[FILES_KEY], raw)
    if wrong:
        raise InputError([Problem(str(folder / name), "", text) for name, text in wrong])
    return ()


def _same_event(folder: Path, plan: Mapping[str, Any], scenario: Scenario) -> None:
    """Refuse a plan.json made for another event than the scenario beside it."""
    ident = plan.get("scenario")
    planned = ident.get("id") if isinstance(ident, Mapping) else None
    if planned != scenario.event.id:
        raise InputError(
            Problem(
                str(folder / PLAN_JSON),
                "scenario.id",
                f"the plan is for scenario {str(planned)[:80]!r}, but its scenario is "
                f"'{scenario.event.id}' ({scenario.event.name}): a mixed folder",
            )
        )


def _csv_records(path: Path, raw: bytes | None) -> tuple[list[int], list[dict[str, str]]]:
    """The lines and rows (by column) of a plan CSV file; none when it is missing."""
    if raw is None:
        return [], []
    lines: list[int] = []
    records: list[dict[str, str]] = []
    try:
        rows = csv_rows(decode(raw, str(path)), str(path))
        header = next(rows, (1, []))[1]
        for line, row in rows:
            if any(cell.strip() for cell in row):
                lines.append(line)
                records.append(dict(zip(header, row, strict=False)))
    except Refused as refused:
        raise _input_error(refused) from None
    return lines, records


def _input_error(refused: Refused) -> InputError:
    return InputError(Problem(refused.file, "", refused.message, refused.line))


@dataclass(frozen=True, slots=True)
class _Place:
    """A row of a roster or coverage, for messages: its line in the file where known."""

    where: str
    index: int
    lines: Sequence[int]

    def problem(self, key: str, message: str) -> Problem:
        if self.index < len(self.lines):
            return Problem(self.where, key, message, self.lines[self.index])
        return Problem(self.where, f"row {self.index + 1}.{key}", message)


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


def _int(row: Mapping[str, Any], key: str, at: _Place) -> int:
    value = row.get(key)
    try:
        number = finite_number(value)
    except ValueError as error:
        raise InputError(at.problem(key, f"expected a number: {error}")) from None
    if number < 0 or number != int(number):
        raise InputError(at.problem(key, f"expected a whole number of people, got {value!r}"))
    return int(number)


def _when(clock: EventClock, row: Mapping[str, Any], key: str, at: _Place) -> datetime:
    """A local time with its UTC offset (see :meth:`EventClock.local`): in the hour clocks
    repeat, rows written with their offsets stay apart and in order."""
    value = row.get(key)
    try:
        if not isinstance(value, datetime):
            value = datetime.fromisoformat(str(value).strip())
        return clock.as_local(value)
    except (ValueError, OverflowError):
        shown = str(value) if len(str(value)) <= 40 else f"{str(value)[:37]}..."
        raise InputError(at.problem(key, f"expected an ISO date-time, got {shown!r}")) from None


def _cached_when(
    cache: dict[Any, datetime], clock: EventClock, row: Mapping[str, Any], key: str, at: _Place
) -> datetime:
    value = row.get(key)
    try:
        return cache[value]
    except (KeyError, TypeError):
        moment = _when(clock, row, key, at)
        if isinstance(value, str):
            cache[value] = moment
        return moment
