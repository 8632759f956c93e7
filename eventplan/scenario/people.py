"""The optional ``people`` CSV: named members of the pools (``id,name,role,pool[,from,to]``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from eventplan.errors import InputError, Problem
from eventplan.scenario.reader import MAX_FILE_BYTES, decode

REQUIRED_COLUMNS = ("id", "name", "role", "pool")
OPTIONAL_COLUMNS = ("available_from", "available_to")
MAX_PEOPLE = 500_000


def read_people(path: Path, shown: str) -> tuple[list[dict[str, Any]], list[int]]:
    """Read the people CSV into plain records, one per person, in file order, and their lines.

    Empty optional cells are left out. Problems with the file as a whole raise at once;
    problems of single values are left to scenario validation, which names the CSV row.
    """
    fail = lambda message, line=None: InputError(Problem(shown, "", message, line))  # noqa: E731
    if path.suffix.lower() != ".csv":
        raise fail("the people file must be a .csv file")
    try:
        if not path.is_file():
            raise fail("no such file (people files are found relative to the scenario file)")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise fail(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        text = decode(path.read_bytes(), shown)
    except OSError as error:
        raise fail(f"cannot read file: {error.strerror or error}") from None
    reader = csv.reader(io.StringIO(text))
    try:
        header = [cell.strip() for cell in next(reader, [])]
    except csv.Error as error:
        raise fail(f"not a valid CSV file: {error}", 1) from None
    if not header:
        raise fail("file is empty; the first line must name the columns "
                   + ",".join(REQUIRED_COLUMNS))
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    problems = []
    if missing:
        problems.append(Problem(shown, "", f"missing column(s): {', '.join(missing)} "
                                f"(columns are {','.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)})", 1))
    if unknown:
        problems.append(Problem(shown, "", f"unknown column(s): {', '.join(unknown)}", 1))
    if problems:
        raise InputError(problems)
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    try:
        for line_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                problems.append(Problem(shown, f"row {line_number - 1}",
                                        f"has {len(row)} cells, the header has {len(header)}",
                                        line_number))
                continue
            record = {
                key: cell.strip() for key, cell in zip(header, row, strict=True)
                if cell.strip() or key in REQUIRED_COLUMNS
            }
            records.append(record)
            lines.append(line_number)
            if len(records) > MAX_PEOPLE:
                raise fail(f"more than {MAX_PEOPLE:,} people")
    except csv.Error as error:
        raise fail(f"not a valid CSV file: {error}", reader.line_num) from None
    if problems:
        raise InputError(problems)
    return records, lines
