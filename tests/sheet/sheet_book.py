"""Reading the duty-sheet workbook back in tests, and what the roster says to compare with."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet


def titled(book: Any, title: str) -> Worksheet:
    """The worksheet whose first cell (the section's title) is ``title``."""
    found = [page for page in book.worksheets if page["A1"].value == title]
    assert len(found) == 1, f"{len(found)} worksheets titled {title!r}: {book.sheetnames}"
    return found[0]


def header_row(page: Worksheet, first: str) -> int:
    """The row of the table header that begins with ``first``."""
    for row in range(1, page.max_row + 1):
        if page.cell(row, 1).value == first:
            return row
    raise AssertionError(f"no header beginning {first!r} in {page.title!r}")


def table(page: Worksheet, first: str) -> list[dict[str, Any]]:
    """The rows of the table whose header begins with ``first``, as mappings, up to the first
    empty row."""
    top = header_row(page, first)
    names = [c.value for c in page[top] if c.value is not None]
    rows = []
    for row in page.iter_rows(min_row=top + 1, max_col=len(names), values_only=True):
        if all(v is None for v in row):
            break
        rows.append({name: ("" if v is None else v) for name, v in zip(names, row, strict=True)})
    return rows


def cells(page: Worksheet) -> Iterator[Any]:
    for row in page.iter_rows():
        yield from row


def roster(folder: Path) -> list[dict[str, Any]]:
    """roster.csv with its times as datetimes."""
    with (folder / "roster.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        row["start"] = datetime.fromisoformat(row["start"])
        row["end"] = datetime.fromisoformat(row["end"])
    return rows
