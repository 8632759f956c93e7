"""Reading a plan folder for the duty sheet: the scenario, ``plan.json`` and the two CSV files.

The sheet is made from what ``eventplan solve`` wrote and nothing else: it never solves. A
folder that is missing, holds no plan, or holds files that cannot be read is an
:class:`~eventplan.errors.InputError` naming the file (and the line of a bad CSV row).

Every time is read as a moment of the event clock (:meth:`EventClock.moment
<eventplan.scenario.realtime.EventClock.moment>`): a local time of the event's zone, written
with its UTC offset when the clocks change during the event, becomes a naive ``datetime`` in
which subtraction is real time, so that the two readings of a time the clocks repeat stay
apart and in order. :mod:`eventplan.sheet.times` shows moments as local times again.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from eventplan.errors import InputError, Problem
from eventplan.io.plan_files import COVERAGE_CSV, PLAN_JSON, ROSTER_CSV
from eventplan.io.spreadsheet import FORMULA_STARTS
from eventplan.scenario import Scenario, load
from eventplan.scenario.realtime import EventClock, event_clock

#: The ``post`` of a briefing row begins with this (then the muster node).
BRIEFING_PREFIX = "briefing:"
SCENARIO_JSON = "scenario.json"
#: Larger files are refused before reading: a plan folder is never this big.
MAX_FILE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Stint:
    """One row of ``roster.csv``: a person at a station, or at a briefing, from start to end
    (moments of the event clock)."""

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
        """Whether the row is a briefing (paid, but no duty anywhere)."""
        return self.post.startswith(BRIEFING_PREFIX)

    @property
    def station(self) -> str:
        """Where the person is on duty: the unit instance for crews, else the post column."""
        return self.unit or self.post


@dataclass(frozen=True, slots=True)
class PhaseWindow:
    """One phase on one day, as a window ``[start, end)`` of the event clock."""

    id: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Shortfall:
    """Need the plan leaves uncovered (``plan.json``'s ``shortfalls``): ``missing`` people of
    a role group at a post from start to end (moments of the event clock), with the need's
    priority and the cause, as the solver stored it (in English)."""

    post: str
    role_group: str
    start: datetime
    end: datetime
    missing: int
    priority: str
    cause: str


@dataclass(frozen=True)
class PlanFolder:
    """What a duty sheet is made from.

    Parameters
    ----------
    scenario
        The validated scenario of the plan (``scenario.json``).
    plan
        The content of ``plan.json``.
    stints
        The rows of ``roster.csv``, in file order.
    required
        ``required`` of ``coverage.csv`` per (post, slot start) and role group; empty when the
        file is absent.
    phases
        The phase windows in time order.

    Times are moments of the event clock (see the module).
    """

    scenario: Scenario
    plan: Mapping[str, Any]
    stints: tuple[Stint, ...]
    required: Mapping[tuple[str, datetime], Mapping[str, int]]
    phases: tuple[PhaseWindow, ...]

    @property
    def clock(self) -> EventClock:
        """The event clock of the plan's scenario."""
        return event_clock(self.scenario)


def read_plan_folder(folder: str | Path) -> PlanFolder:
    """Read a plan folder written by ``eventplan solve``.

    Raises
    ------
    InputError
        When the folder is missing or is no plan folder, or a file in it cannot be read.
    """
    path = Path(folder)
    if not path.is_dir():
        raise InputError(Problem(str(path), "", "no such folder (give a folder written by solve)"))
    plan = _read_plan_json(path / PLAN_JSON, path)
    scenario_file = path / SCENARIO_JSON
    if not scenario_file.is_file():
        raise InputError(Problem(str(path), "", f"no {SCENARIO_JSON} here: not a plan folder"))
    scenario = load(scenario_file)
    clock = event_clock(scenario)
    roster_file = path / ROSTER_CSV
    if not roster_file.is_file():
        raise InputError(Problem(str(path), "", f"no {ROSTER_CSV} here: not a plan folder"))
    stints = tuple(_stints(_read_csv(roster_file), str(roster_file), clock))
    coverage_file = path / COVERAGE_CSV
    required = (
        _required(_read_csv(coverage_file), str(coverage_file), clock)
        if coverage_file.is_file()
        else {}
    )
    return PlanFolder(scenario, plan, stints, required, phase_windows(scenario, plan))


def phase_windows(scenario: Scenario, plan: Mapping[str, Any]) -> tuple[PhaseWindow, ...]:
    """The plan's ``phases`` in time order, or the scenario's (expanded over its days), as
    windows of the event clock."""
    clock = event_clock(scenario)
    windows: list[PhaseWindow] = []
    for entry in plan.get("phases") or ():
        try:
            start, end = _moment(clock, entry["start"]), _moment(clock, entry["end"])
        except (KeyError, TypeError, ValueError, OverflowError):
            continue
        windows.append(PhaseWindow(str(entry["id"]), start, end))
    if not windows:
        event = scenario.event
        for phase in event.phases:
            windows.extend(
                PhaseWindow(phase.id, start, end)
                for start, end in clock.expand(phase.start, phase.end, event.days)
            )
    return tuple(sorted(windows, key=lambda w: (w.start, w.end)))


def shortfalls(plan: Mapping[str, Any], clock: EventClock) -> tuple[Shortfall, ...]:
    """The plan's shortfalls in file order, their times read on ``clock``; an entry that
    cannot be read is left out."""
    found = []
    for entry in plan.get("shortfalls") or ():
        try:
            found.append(
                Shortfall(
                    post=str(entry["post"]),
                    role_group=str(entry["role_group"]),
                    start=_moment(clock, entry["start"]),
                    end=_moment(clock, entry["end"]),
                    missing=int(entry["missing"]),
                    priority=str(entry["priority"]),
                    cause=str(entry.get("cause") or ""),
                )
            )
        except (KeyError, TypeError, ValueError, OverflowError):
            continue
    return tuple(found)


def _read_plan_json(path: Path, folder: Path) -> Mapping[str, Any]:
    if not path.is_file():
        raise InputError(Problem(str(folder), "", f"no {PLAN_JSON} here: not a plan folder"))
    _bounded(path)
    try:
        plan = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(Problem(str(path), "", f"not valid JSON: {error}")) from None
    if not isinstance(plan, dict) or "eventplan" not in plan:
        raise InputError(Problem(str(path), "", "not an eventplan plan (no 'eventplan' key)"))
    return plan


def _bounded(path: Path) -> None:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(Problem(str(path), "", f"larger than {MAX_FILE_BYTES >> 20} MB"))


def _read_csv(path: Path) -> list[dict[str, str]]:
    _bounded(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return list(csv.DictReader(stream))
    except (UnicodeDecodeError, csv.Error) as error:
        raise InputError(Problem(str(path), "", f"cannot read: {error}")) from None


def _stints(records: list[dict[str, str]], where: str, clock: EventClock) -> list[Stint]:
    stints = []
    moments: dict[str, datetime] = {}  # (a roster repeats the same few hundred times)
    for line, row in enumerate(records, start=2):  # line 1 names the columns
        start = _when(row, "start", where, line, clock, moments)
        end = _when(row, "end", where, line, clock, moments)
        if not start < end:
            raise InputError(Problem(where, "end", "a stint must end after it starts", line))
        stints.append(
            Stint(
                person=_text(row, "person"),
                name=_text(row, "name"),
                role=_text(row, "role"),
                pool=_text(row, "pool"),
                unit=_text(row, "unit"),
                post=_text(row, "post"),
                start=start,
                end=end,
                leads=_text(row, "leads"),
            )
        )
        if not stints[-1].person:
            raise InputError(Problem(where, "person", "empty person id", line))
    return stints


def _required(
    records: list[dict[str, str]], where: str, clock: EventClock
) -> dict[tuple[str, datetime], dict[str, int]]:
    """Required people per (post, slot start) and role group."""
    found: dict[tuple[str, datetime], dict[str, int]] = {}
    moments: dict[str, datetime] = {}
    for line, row in enumerate(records, start=2):
        moment = _when(row, "slot_start", where, line, clock, moments)
        try:
            required = int(row.get("required") or 0)
        except ValueError:
            raise InputError(Problem(where, "required", "expected a whole number", line)) from None
        if required > 0:
            groups = found.setdefault((_text(row, "post"), moment), {})
            group = _text(row, "role_group")
            groups[group] = groups.get(group, 0) + required
    return found


def _text(row: Mapping[str, str | None], key: str) -> str:
    """A cell's text without the blanks around it; a cell neutralised for spreadsheets (an
    apostrophe before a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return, see
    :func:`eventplan.io.spreadsheet.neutralise`) is read back as it was written."""
    text = (row.get(key) or "").strip(" ")
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        text = text[1:]
    return text.strip()


def _when(
    row: Mapping[str, str | None],
    key: str,
    where: str,
    line: int,
    clock: EventClock,
    moments: dict[str, datetime],
) -> datetime:
    """The moment of a cell's local time; ``moments`` holds those of texts read before."""
    value = row.get(key) or ""
    moment = moments.get(value)
    if moment is None:
        try:
            moment = moments[value] = _moment(clock, value)
        except (ValueError, OverflowError):
            raise InputError(
                Problem(where, key, f"expected a date-time (YYYY-MM-DDTHH:MM), got {value!r}", line)
            ) from None
    return moment


def _moment(clock: EventClock, value: Any) -> datetime:
    """The moment of a local time written as plan files write it, with or without its UTC
    offset (a time the clocks repeat, written without one, is read as its first reading)."""
    return clock.moment(datetime.fromisoformat(str(value).strip()))
