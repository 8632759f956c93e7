"""The duty sheet as data: sections of facts and tables, drawn alike as a workbook and a page.

Both renderers take a :class:`DutySheet` and draw every section, table, row and cell in order,
so the workbook and the printable page always hold the same content. Cells hold plain values:
text, whole numbers, or a moment (a ``datetime``) that each renderer shows in the sheet's
time format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Value = str | int | datetime | None
#: How a column is drawn: short text, a moment, a count, or long text that wraps.
ColumnKind = Literal["text", "time", "count", "long"]


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its heading and how its cells are drawn."""

    title: str
    kind: ColumnKind = "text"


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a caption (may be empty), its columns and rows of cells."""

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]


@dataclass(frozen=True, slots=True)
class Section:
    """One sheet of the workbook, one printed part of the page.

    Parameters
    ----------
    key
        A stable name: ``cover``, ``organisation:<id>``, ``sector:<id>``, ``units``,
        ``reserves``.
    title
        The heading (and the source of the worksheet's name).
    facts
        Lines of ``(label, text)`` under the heading.
    tables
        The section's tables, in order.
    """

    key: str
    title: str
    facts: tuple[tuple[str, str], ...]
    tables: tuple[Table, ...]


@dataclass(frozen=True, slots=True)
class DutySheet:
    """A whole duty sheet.

    Parameters
    ----------
    lang
        The language of its own words (``en`` or ``zh``).
    html_lang
        The language tag of the printable page (``en``, ``zh-CN``).
    title
        The document's title.
    time_format, excel_time_format
        How moments are shown: ``strftime`` codes and the same as a spreadsheet number format
        (with the date when the plan spans more than one day).
    sections
        The cover first, then organisations, sectors, units and reserves.
    """

    lang: str
    html_lang: str
    title: str
    time_format: str
    excel_time_format: str
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        """The section with this key (``KeyError`` if there is none)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)
