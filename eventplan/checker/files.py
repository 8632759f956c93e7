"""Reading a plan folder: ``roster.csv``, ``coverage.csv`` and ``plan.json``, form only.

Whatever is wrong with a file becomes a violation of rule ``files``, never an exception: a
file that cannot be read at all is ``None``, a row that cannot be read is left out and counted.
What the values mean (known ids, the rules of the scenario) is checked elsewhere.

A roster without the ``leads`` column (written before units and sectors had leaders) reads as
one in which nobody leads. Briefing rows (post ``briefing:<node>``) last the briefing's
minutes, which need not be whole slots, so their times need not lie on the slot grid.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from eventplan.checker import clock
from eventplan.checker.report import Violation
from eventplan.io.plan_files import COVERAGE_COLUMNS, ROSTER_COLUMNS
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


@dataclass
class PlanFiles:
    """The readable content of a plan folder.

    ``roster`` and ``coverage`` are ``None`` when the file is missing or unreadable as a whole;
    ``*_rejected`` count the rows left out because they could not be read.
    """

    roster: list[Stint] | None = None
    roster_rejected: int = 0
    coverage: list[CoverageRow] | None = None
    coverage_rejected: int = 0
    plan: dict[str, Any] | None = None
    violations: list[Violation] = field(default_factory=list)


def read_plan_dir(folder: Path, slot: int) -> PlanFiles:
    """Read the three plan files of a folder; ``slot`` is the slot length in minutes."""
    files = PlanFiles()
    problems = files.violations
    roster = _read_csv(folder / ROSTER, ROSTER_COLUMNS, problems, OPTIONAL_ROSTER_COLUMNS)
    if roster is not None:
        files.roster, files.roster_rejected = _parse_rows(roster, _stint, ROSTER, slot, problems)
    coverage = _read_csv(folder / COVERAGE, COVERAGE_COLUMNS, problems)
    if coverage is not None:
        files.coverage, files.coverage_rejected = _parse_rows(
            coverage, _coverage_row, COVERAGE, slot, problems
        )
    files.plan = _read_json(folder / PLAN, problems)
    return files


def _problem(file: str, message: str, line: int | None = None) -> Violation:
    return Violation("files", file, f"line {line}: {message}" if line else message)


def _read_text(path: Path, problems: list[Violation]) -> str | None:
    if not path.is_file():
        problems.append(_problem(path.name, "missing from the plan folder"))
        return None
    try:
        # newline="": the csv module reads line ends itself, and a carriage return quoted
        # inside a cell stays one
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return stream.read()
    except UnicodeDecodeError:
        problems.append(_problem(path.name, "is not UTF-8 text"))
    except OSError as error:
        problems.append(_problem(path.name, f"cannot be read: {error.strerror or error}"))
    return None


Row = tuple[int, dict[str, str]]
T = TypeVar("T")


def _read_csv(
    path: Path,
    columns: tuple[str, ...],
    problems: list[Violation],
    optional: tuple[str, ...] = (),
) -> tuple[list[Row], int] | None:
    """Rows as ``(line, {column: cell})`` plus the count of rows with the wrong cell count.

    Columns in ``optional`` that the header lacks read as empty cells.
    """
    text = _read_text(path, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text))
    rows: list[Row] = []
    rejected = 0
    try:
        header = [cell.strip() for cell in next(reader, [])]
        missing = [c for c in columns if c not in header and c not in optional]
        absent = {c: "" for c in optional if c not in header}
        if missing:
            problems.append(
                _problem(
                    path.name,
                    f"missing column(s) {', '.join(missing)} (expected {','.join(columns)})",
                    1,
                )
            )
            return None
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                problems.append(
                    _problem(
                        path.name,
                        f"has {len(row)} cells, the header has {len(header)}",
                        reader.line_num,
                    )
                )
                rejected += 1
                continue
            rows.append((reader.line_num, absent | dict(zip(header, row, strict=True))))
    except csv.Error as error:
        problems.append(_problem(path.name, f"is not valid CSV: {error}", reader.line_num))
        return None
    return rows, rejected


def _parse_rows(
    read: tuple[list[Row], int],
    parse: Callable[[int, dict[str, str], int], T],
    file: str,
    slot: int,
    problems: list[Violation],
) -> tuple[list[T], int]:
    rows, rejected = read
    parsed: list[T] = []
    for line, cells in rows:
        try:
            parsed.append(parse(line, cells, slot))
        except ValueError as error:
            problems.append(_problem(file, str(error), line))
            rejected += 1
    return parsed, rejected


def _time(cells: dict[str, str], column: str, slot: int, on_grid: bool = True) -> int:
    try:
        at = clock.parse(cells[column])
    except ValueError as error:
        raise ValueError(f"{column}: {error}") from None
    if on_grid and at % slot:
        raise ValueError(f"{column}: {cells[column].strip()} is not on the {slot}-minute slot grid")
    return at


def _count(cells: dict[str, str], column: str) -> int:
    text = cells[column].strip()
    if not text.isdigit():
        raise ValueError(f"{column}: '{text}' is not a whole number of people")
    return int(text)


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


def _read_json(path: Path, problems: list[Violation]) -> dict[str, Any] | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        problems.append(_problem(path.name, f"is not valid JSON: {error}"))
        return None
    if not isinstance(document, dict):
        problems.append(_problem(path.name, "must hold a JSON object"))
        return None
    return document
