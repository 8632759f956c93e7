"""Writing a duty sheet out: the workbook, the printable page, and that page printed to PDF.

Each file is written atomically. The drawing modules (openpyxl, Jinja2, the PDF printer) are
imported when a file is written, so that importing the package stays cheap.
"""

from __future__ import annotations

from pathlib import Path

from eventplan.io.atomic import write_bytes, write_text
from eventplan.sheet.model import DutySheet


def write_workbook(sheet: DutySheet, path: str | Path) -> None:
    """Write the sheet as an ``.xlsx`` workbook: a worksheet per section."""
    from eventplan.sheet.workbook import workbook_bytes

    write_bytes(path, workbook_bytes(sheet))


def write_html(sheet: DutySheet, path: str | Path) -> None:
    """Write the sheet as one self-contained HTML page laid out for printing."""
    from eventplan.sheet.page import page_html

    write_text(path, page_html(sheet))


def write_pdf(sheet: DutySheet, path: str | Path, chromium: str | None = None) -> None:
    """Print the sheet's page to PDF with headless Chromium.

    Raises
    ------
    InputError
        When Chromium cannot be found (saying how to install it) or fails to print.
    """
    from eventplan.sheet.page import page_html
    from eventplan.sheet.pdf import print_pdf

    write_bytes(path, print_pdf(page_html(sheet), chromium))
