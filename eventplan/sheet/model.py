"""The duty sheet as data: sections of facts and tables, drawn alike as a workbook and a page.

Both renderers take a :class:`DutySheet` and draw every section, table, row and cell in order,
so the workbook and the printable page always hold the same content. Cells hold plain values:
text, whole numbers, or a local time (a ``datetime``) that each renderer shows in the sheet's
time format. When the clocks change during the event, a local time carries its UTC offset
(so that two of them subtract in real time), and one near the change is shown with it (see
:mod:`eventplan.sheet.times`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Literal

from eventplan.sheet.times import OFFSET_FORMAT, offset_text, show_time

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
        How times are shown: ``strftime`` codes and the same as a spreadsheet number format
        (with the date when the plan spans more than one day).
    sections
        The cover first, then organisations, sectors, units and reserves.
    zone
        The event's timezone when its clocks change during the event, else None.
    offset_format
        A time shown with its UTC offset (``{time} (UTC{offset})``), as the times near a
        change of the clocks are.
    """

    lang: str
    html_lang: str
    title: str
    time_format: str
    excel_time_format: str
    sections: tuple[Section, ...]
    zone: tzinfo | None = None
    offset_format: str = OFFSET_FORMAT

    def show(self, value: datetime) -> str:
        """A time cell's text: in the sheet's time format, with its UTC offset near a change
        of the clocks."""
        return show_time(value, self.time_format, self.zone, self.offset_format)

    def offset_text(self, value: datetime) -> tuple[str, str] | None:
        """The text before and after a time cell that gives its UTC offset, or None when it is
        shown without it."""
        return offset_text(value, self.zone, self.offset_format)

    def section(self, key: str) -> Section:
        """The section with this key (``KeyError`` if there is none)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)
