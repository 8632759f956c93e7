"""The optional ``people`` CSV: named members of the pools
(``id,name,role,pool[,available_from,available_to,tags]``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from eventplan.errors import InputError, Problem
from eventplan.scenario.reader import decode, read_bounded

REQUIRED_COLUMNS = ("id", "name", "role", "pool")
OPTIONAL_COLUMNS = ("available_from", "available_to", "tags")
#: Separates the tags of one person in the ``tags`` cell.
TAG_SEPARATOR = ";"
MAX_PEOPLE = 500_000


def read_people(path: Path, shown: str) -> tuple[list[dict[str, Any]], list[int]]:
    """Read the people CSV into plain records, one per person, in file order, and their lines.

    Empty optional cells are left out; a ``tags`` cell becomes a list (``a; b`` -> ``["a",
    "b"]``, empty pieces dropped). Problems with the file as a whole raise at once; problems
    of single values are left to scenario validation, which names the CSV line and column.
    """
    fail = lambda message, line=None: InputError(Problem(shown, "", message, line))  # noqa: E731
    if path.suffix.lower() != ".csv":
        raise fail("the people file must be a .csv file")
    if not path.exists():
        raise fail("no such file (a people file is found relative to the scenario file)")
    text = decode(read_bounded(path, shown), shown)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [cell.strip() for cell in next(reader, [])]
    except csv.Error as error:
        raise fail(f"not a valid CSV file: {error}", 1) from None
    if not any(header):
        raise fail("file is empty; the first line must name the columns " + _columns())
    problems = _header_problems(header, shown)
    if problems:
        raise InputError(problems)
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    last_line = reader.line_num
    try:
        for row in reader:
            line, last_line = last_line + 1, reader.line_num  # a quoted cell may span lines
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                message = f"this row has {len(row)} cells, the header {len(header)}"
                problems.append(Problem(shown, "", message, line))
                continue
            records.append(_record(header, row))
            lines.append(line)
            if len(records) > MAX_PEOPLE:
                raise fail(f"more than {MAX_PEOPLE:,} people")
    except csv.Error as error:
        raise fail(f"not a valid CSV file: {error}", reader.line_num) from None
    if problems:
        raise InputError(problems)
    return records, lines


def _record(header: list[str], row: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {
        key: cell.strip()
        for key, cell in zip(header, row, strict=True)
        if cell.strip() or key in REQUIRED_COLUMNS
    }
    if "tags" in record:
        pieces = (tag.strip() for tag in record["tags"].split(TAG_SEPARATOR))
        record["tags"] = [tag for tag in pieces if tag]
    return record


def _header_problems(header: list[str], shown: str) -> list[Problem]:
    known = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in known]
    twice = sorted({c for c in header if header.count(c) > 1})
    problems = []
    if missing:
        message = f"missing column(s): {', '.join(missing)} (columns are {_columns()})"
        problems.append(Problem(shown, "", message, 1))
    if unknown:
        message = f"unknown column(s): {', '.join(repr(c) for c in unknown)} (columns are "
        problems.append(Problem(shown, "", message + f"{_columns()})", 1))
    if twice:
        problems.append(Problem(shown, "", f"column(s) given twice: {', '.join(twice)}", 1))
    return problems


def _columns() -> str:
    return ",".join(REQUIRED_COLUMNS) + "[," + ",".join(OPTIONAL_COLUMNS) + "]"
