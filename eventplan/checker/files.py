"""Reading a plan folder: ``roster.csv``, ``coverage.csv`` and ``plan.json``, form only.

Whatever is wrong inside a file becomes a violation of rule ``files``, never an exception: a
file that cannot be read at all is ``None``, a row that cannot be read is left out, counted,
and remembered by what can still be told of it (:class:`Unread`). What the values mean (known
ids, the rules of the scenario) is checked elsewhere. A file that cannot be read at all
because of the folder (over its size limit, not a regular file, unreadable) is an
:class:`~eventplan.errors.InputError`: there is no plan to judge.

Files are read within the bounds of :mod:`eventplan.io.bounded` (size, nesting, number length,
finite numbers). The bytes read are kept, so that the folder's identity is verified on what
the checks use.

A roster without the ``leads`` column (written before units and sectors had leaders) reads as
one in which nobody leads. Briefing rows (post ``briefing:<node>``) last the briefing's
minutes, which need not be whole slots, so their times need not lie on the slot grid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from eventplan.checker import clock
from eventplan.checker.report import Violation
from eventplan.errors import InputError, Problem
from eventplan.io.bounded import Refused, csv_rows, decode, parse_json, read_capped, whole_number
from eventplan.io.plan_files import COVERAGE_COLUMNS, MAX_BYTES, ROSTER_COLUMNS
from eventplan.io.plan_files import COVERAGE_CSV as COVERAGE
from eventplan.io.plan_files import PLAN_JSON as PLAN
from eventplan.io.plan_files import ROSTER_CSV as ROSTER

#: Longest stint read: no shift lasts more than a day (scenario validation caps shift_hours).
MAX_STINT_MINUTES = 24 * 60
#: Roster columns a file may lack; they read as empty.
OPTIONAL_ROSTER_COLUMNS = ("leads",)
#: The post of a briefing row is this prefix and the muster node.
BRIEFING = "briefing:"


def is_briefing(post: str) -> bool:
    """Whether a roster post names a briefing (``briefing:<node>``) rather than a station."""
    return post.startswith(BRIEFING)


@dataclass(frozen=True, slots=True)
class Stint:
    """One roster row: a person at a station (post, unit, patrol, drone crew, sector leader,
    reserve) or at a briefing, from start to end; ``leads`` names what the person leads."""

    line: int
    person: str
    name: str
    role: str
    pool: str
    unit: str
    post: str
    start: int
    end: int
    leads: str = ""


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """One coverage row: required, assigned and shortfall of a role group at a post and slot."""

    line: int
    post: str
    start: int
    end: int
    group: str
    required: int
    assigned: int
    shortfall: int


@dataclass(frozen=True, slots=True)
class Unread:
    """A roster row that could not be used, by what can still be told of it: its post and
    times, each ``None`` when unreadable. The checks that count people leave alone what it
    may have touched."""

    line: int
    post: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class PlanFiles:
    """The readable content of a plan folder.

    ``roster`` and ``coverage`` are ``None`` when the file is missing or unreadable as a whole;
    ``roster_unread`` holds the roster rows left out because they could not be read, and
    ``coverage_rejected`` counts such coverage rows. ``raw`` holds the bytes of each file read.
    """

    roster: list[Stint] | None = None
    roster_unread: list[Unread] = field(default_factory=list)
    coverage: list[CoverageRow] | None = None
    coverage_rejected: int = 0
    plan: dict[str, Any] | None = None
    violations: list[Violation] = field(default_factory=list)
    raw: dict[str, bytes] = field(default_factory=dict)

    @property
    def roster_rejected(self) -> int:
        """Roster rows left out because they could not be read."""
        return len(self.roster_unread)


def read_plan_dir(folder: Path, slot: int) -> PlanFiles:
    """Read the three plan files of a folder; ``slot`` is the slot length in minutes.

    Raises
    ------
    InputError
        When a file is over its size limit, not a regular file, or cannot be read.
    """
    files = PlanFiles()
    problems = files.violations
    roster = _read_csv(folder, ROSTER, ROSTER_COLUMNS, files, OPTIONAL_ROSTER_COLUMNS)
    if roster is not None:
        rows, files.roster_unread = roster
        files.roster = _parse_rows(rows, _stint, ROSTER, slot, problems, files.roster_unread)
    coverage = _read_csv(folder, COVERAGE, COVERAGE_COLUMNS, files)
    if coverage is not None:
        rows, unread = coverage
        rejected: list[Unread] = []
        files.coverage = _parse_rows(rows, _coverage_row, COVERAGE, slot, problems, rejected)
        files.coverage_rejected = len(unread) + len(rejected)
    files.plan = _read_json(folder, PLAN, files)
    return files


def _problem(file: str, message: str, line: int | None = None) -> Violation:
    return Violation("files", file, f"line {line}: {message}" if line else message)


def _read_text(folder: Path, name: str, files: PlanFiles) -> str | None:
    """The text of a plan file; ``None`` (and a violation) when it is missing or not text."""
    path = folder / name
    if not path.exists():
        files.violations.append(_problem(name, "missing from the plan folder"))
        return None
    try:
        raw = read_capped(path, name, MAX_BYTES[name])
    except Refused as refused:
        raise InputError(Problem(str(path), "", refused.message)) from None
    files.raw[name] = raw
    try:
        return decode(raw, name)
    except Refused as refused:
        files.violations.append(_problem(name, refused.message, refused.line))
    return None


Row = tuple[int, dict[str, str]]
T = TypeVar("T")


def _read_csv(
    folder: Path,
    name: str,
    columns: tuple[str, ...],
    files: PlanFiles,
    optional: tuple[str, ...] = (),
) -> tuple[list[Row], list[Unread]] | None:
    """Rows as ``(line, {column: cell})`` plus the rows with the wrong cell count.

    Columns in ``optional`` that the header lacks read as empty cells.
    """
    text = _read_text(folder, name, files)
    if text is None:
        return None
    rows: list[Row] = []
    unread: list[Unread] = []
    problems = files.violations
    reader = csv_rows(text, name)
    try:
        header = [cell.strip() for cell in next(reader, (1, []))[1]]
        missing = [c for c in columns if c not in header and c not in optional]
        absent = {c: "" for c in optional if c not in header}
        if missing:
            shown = f"missing column(s) {', '.join(missing)} (expected {','.join(columns)})"
            problems.append(_problem(name, shown, 1))
            return None
        for line, row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                problems.append(
                    _problem(name, f"has {len(row)} cells, the header has {len(header)}", line)
                )
                unread.append(Unread(line))
                continue
            rows.append((line, absent | dict(zip(header, row, strict=True))))
    except Refused as refused:
        problems.append(_problem(name, refused.message, refused.line))
        return None
    return rows, unread


def _parse_rows(
    rows: list[Row],
    parse: Callable[[int, dict[str, str], int], T],
    file: str,
    slot: int,
    problems: list[Violation],
    unread: list[Unread],
) -> list[T]:
    parsed: list[T] = []
    for line, cells in rows:
        try:
            parsed.append(parse(line, cells, slot))
        except ValueError as error:
            problems.append(_problem(file, str(error), line))
            unread.append(_footprint(line, cells))
    return parsed


def _footprint(line: int, cells: dict[str, str]) -> Unread:
    """What a row that could not be read still tells: its post and its times, if readable."""
    post = cells.get("post", "").strip() or None
    try:
        start, end = clock.parse(cells.get("start", "")), clock.parse(cells.get("end", ""))
    except ValueError:
        return Unread(line, post)
    if not 0 < end - start <= MAX_STINT_MINUTES:
        return Unread(line, post)
    return Unread(line, post, start, end)


def _time(cells: dict[str, str], column: str, slot: int, on_grid: bool = True) -> int:
    try:
        at = clock.parse(cells[column])
    except ValueError as error:
        raise ValueError(f"{column}: {error}") from None
    if on_grid and at % slot:
        raise ValueError(f"{column}: {cells[column].strip()} is not on the {slot}-minute slot grid")
    return at


def _count(cells: dict[str, str], column: str) -> int:
    try:
        return whole_number(cells[column], "whole number of people")
    except ValueError as error:
        raise ValueError(f"{column}: {error}") from None


def _stint(line: int, cells: dict[str, str], slot: int) -> Stint:
    values = {c: cells[c].strip() for c in ROSTER_COLUMNS}
    for column in ("person", "role", "pool", "post"):
        if not values[column]:
            raise ValueError(f"{column} is empty")
    grid = not is_briefing(values["post"])
    start, end = _time(cells, "start", slot, grid), _time(cells, "end", slot, grid)
    if end <= start:
        raise ValueError(f"ends at {values['end']}, not after its start {values['start']}")
    if end - start > MAX_STINT_MINUTES:
        raise ValueError(f"{values['start']} to {values['end']} is longer than a day; no shift is")
    return Stint(
        line,
        values["person"],
        values["name"],
        values["role"],
        values["pool"],
        values["unit"],
        values["post"],
        start,
        end,
        values["leads"],
    )


def _coverage_row(line: int, cells: dict[str, str], slot: int) -> CoverageRow:
    post, group = cells["post"].strip(), cells["role_group"].strip()
    if not post or not group:
        raise ValueError("post or role_group is empty")
    start, end = _time(cells, "slot_start", slot), _time(cells, "slot_end", slot)
    if end - start != slot:
        raise ValueError(
            f"slot {cells['slot_start'].strip()} to {cells['slot_end'].strip()} "
            f"is not one {slot}-minute slot"
        )
    return CoverageRow(
        line,
        post,
        start,
        end,
        group,
        _count(cells, "required"),
        _count(cells, "assigned"),
        _count(cells, "shortfall"),
    )


def _read_json(folder: Path, name: str, files: PlanFiles) -> dict[str, Any] | None:
    text = _read_text(folder, name, files)
    if text is None:
        return None
    try:
        document = parse_json(text, name)
    except Refused as refused:
        files.violations.append(_problem(name, refused.message, refused.line))
        return None
    if not isinstance(document, dict):
        files.violations.append(_problem(name, "must hold a JSON object"))
        return None
    return document
