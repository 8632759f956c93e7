"""The duty sheet as an ``.xlsx`` workbook (openpyxl): a worksheet per section.

Every worksheet has its header row frozen, columns as wide as their content (a Chinese
character counts twice), and a print set-up of A4 landscape, fit to the page width, with the
header row repeated on every page. Text from the scenario or the plan is always stored as
text, never as a formula: each text cell has its data type set to string, and a text that
begins like a formula is also marked with the quote prefix, so that editing the cell in a
spreadsheet keeps it text. Times are real date-times of the local clock (a spreadsheet knows
no UTC offsets); one shown with its offset near a change of the clocks gets it as literal text
of its number format, so that it stays a date-time that sorts and filters.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from eventplan.sheet.model import Column, DutySheet, Section, Table, Value
from eventplan.sheet.sheetnames import SheetNames
from eventplan.sheet.words import texts

#: A cell that begins with one of these would be read as a formula (or DDE) by a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Excel's limit on the text of one cell.
MAX_CELL_CHARS = 32_767
#: Characters the xlsx format cannot hold (control characters other than tab and newlines).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Widest column, in characters, by kind of column; long text wraps within it.
MAX_WIDTH = {"text": 40, "long": 80, "count": 14, "time": 14}
#: Header and footer text is limited to 255 characters in all; the title gets this much.
MAX_HEADER_CHARS = 100

#: The named styles of the workbook.
TITLE, CAPTION, HEADING, CELL, LONG, TIME = (
    "Sheet title", "Table caption", "Column heading", "Cell", "Long text", "Time",
)  # fmt: skip


def workbook_bytes(sheet: DutySheet) -> bytes:
    """The sheet as the bytes of an ``.xlsx`` file."""
    book = Workbook()
    book.remove(book.active)
    _add_styles(book, sheet.excel_time_format)
    names = SheetNames()
    footer = texts(sheet.lang)["page_footer"]
    for section in sheet.sections:
        page = book.create_sheet(names.add(section.title))
        _draw(page, sheet, section)
        _print_setup(page, sheet, section, footer)
    book.properties.title = clean_text(sheet.title)[:250]
    book.properties.creator = "eventplan"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def clean_text(text: str) -> str:
    """Text the xlsx format can hold: no control characters, at most one cell long."""
    text = _ILLEGAL.sub("\ufffd", text)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def put(page: Worksheet, row: int, column: int, value: Value, style: str = "") -> Any:
    """Write one value in a named style: text as text (never a formula), moments and counts
    as they are; an empty text or None leaves the cell empty (and returns None)."""
    if value is None or value == "":
        return None
    cell = page.cell(row=row, column=column)
    if style:
        cell.style = style
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _add_styles(book: Workbook, time_format: str) -> None:
    """The named styles: titles, column headings, text (wrapping within its column's width),
    long text (in a wider column) and moments."""
    top, wrap = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")
    book.add_named_style(NamedStyle(TITLE, font=Font(bold=True, size=14)))
    book.add_named_style(NamedStyle(CAPTION, font=Font(bold=True, size=12)))
    book.add_named_style(
        NamedStyle(
            HEADING,
            font=Font(bold=True),
            fill=PatternFill("solid", fgColor="DDE4EE"),
            border=Border(bottom=Side(style="thin", color="556677")),
            alignment=wrap,
        )
    )
    book.add_named_style(NamedStyle(CELL, alignment=wrap))
    book.add_named_style(NamedStyle(LONG, alignment=wrap))
    book.add_named_style(NamedStyle(TIME, alignment=top, number_format=time_format))


def display_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: East Asian wide characters count twice."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _draw(page: Worksheet, sheet: DutySheet, section: Section) -> None:
    put(page, 1, 1, section.title, TITLE)
    put(page, 2, 1, sheet.title)
    row = 3
    fill = texts(sheet.lang)["fact"]
    for label, text in section.facts:
        put(page, row, 1, fill.replace("{label}", label).replace("{text}", text))
        row += 1
    widths: dict[int, int] = {}
    header_rows = []
    for table in section.tables:
        row += 1
        if table.caption:
            put(page, row, 1, table.caption, CAPTION)
            row += 1
        header_rows.append(row)
        row = _table(page, sheet, table, row, widths) + 1
    for column, width in widths.items():
        page.column_dimensions[get_column_letter(column)].width = width
    if section.key == "cover":
        page.sheet_properties.tabColor = "1F4E79"
    if len(section.tables) == 1:
        header = header_rows[0]
        page.freeze_panes = page.cell(row=header + 1, column=1)
        only = section.tables[0]
        last_column = get_column_letter(len(only.columns))
        page.auto_filter.ref = f"A{header}:{last_column}{header + len(only.rows)}"
        page.print_title_rows = f"{header}:{header}"
    else:
        page.freeze_panes = "A2"
        page.print_title_rows = "1:1"


def _table(
    page: Worksheet, sheet: DutySheet, table: Table, row: int, widths: dict[int, int]
) -> int:
    """Draw the header at ``row`` and the rows below it; the last row drawn."""
    for k, column in enumerate(table.columns, start=1):
        put(page, row, k, column.title, HEADING)
        _widen(widths, k, column, display_width(column.title))
    for cells in table.rows:
        row += 1
        for k, (column, value) in enumerate(zip(table.columns, cells, strict=True), start=1):
            if isinstance(value, datetime):
                shown = _time(page, sheet, row, k, value)
                widths[k] = max(widths.get(k, 6), shown + 2)  # (never "####": no cap)
                continue
            put(page, row, k, value, LONG if column.kind == "long" else CELL)
            if widths.get(k, 0) < MAX_WIDTH[column.kind]:  # no need to measure past the cap
                _widen(widths, k, column, display_width(_shown(value)))
    return row


def _time(page: Worksheet, sheet: DutySheet, row: int, column: int, value: datetime) -> int:
    """Write a time as a date-time of the local clock, with its UTC offset as literal text of
    the number format when the sheet shows it; the width it is shown in."""
    cell = put(page, row, column, value.replace(tzinfo=None), TIME)
    around = sheet.offset_text(value)
    if around is None:
        return len(sheet.excel_time_format)
    cell.number_format = f"{_literal(around[0])}{sheet.excel_time_format}{_literal(around[1])}"
    return len(sheet.excel_time_format) + display_width(around[0] + around[1])


def _literal(text: str) -> str:
    """Text as a literal of a number format (quoted; it cannot hold a quote)."""
    return f'"{text.replace(chr(34), "")}"' if text else ""


def _shown(value: Value) -> str:
    return "" if value is None else str(value)


def _widen(widths: dict[int, int], k: int, column: Column, shown: int) -> None:
    width = min(shown + 2, MAX_WIDTH[column.kind])
    widths[k] = max(widths.get(k, 6), width)


def _print_setup(page: Worksheet, sheet: DutySheet, section: Section, footer: str) -> None:
    """A4 landscape, fit to the page width (as many pages down as needed), titled pages."""
    page.page_setup.orientation = "landscape"
    page.page_setup.paperSize = page.PAPERSIZE_A4
    page.page_setup.fitToWidth = 1
    page.page_setup.fitToHeight = 0
    page.sheet_properties.pageSetUpPr.fitToPage = True
    page.print_options.gridLines = True
    page.page_margins.left = page.page_margins.right = 0.4
    page.page_margins.top = page.page_margins.bottom = 0.6
    page.oddHeader.left.text = _header_text(section.title)
    page.oddHeader.right.text = _header_text(sheet.title)
    page.oddFooter.center.text = footer


def _header_text(text: str) -> str:
    """Text for a page header: ``&`` starts a code there, so it is doubled."""
    text = clean_text(text).replace("\n", " ")
    if len(text) > MAX_HEADER_CHARS:
        text = text[: MAX_HEADER_CHARS - 1] + "…"
    return text.replace("&", "&&")
