"""The duty sheet (勤务表) of a plan: a workbook and a printable page per organisation and post.

Made only from a plan folder (``scenario.json``, ``plan.json``, ``roster.csv``,
``coverage.csv``); it never solves. :func:`build_sheet` gives the content as data
(:class:`DutySheet`); :func:`write_workbook`, :func:`write_html` and :func:`write_pdf` draw it.
"""

from eventplan.sheet.build import build_sheet
from eventplan.sheet.model import Column, DutySheet, Section, Table
from eventplan.sheet.output import write_html, write_pdf, write_workbook
from eventplan.sheet.words import LANGUAGES

__all__ = [
    "LANGUAGES",
    "Column",
    "DutySheet",
    "Section",
    "Table",
    "build_sheet",
    "write_html",
    "write_pdf",
    "write_workbook",
]
