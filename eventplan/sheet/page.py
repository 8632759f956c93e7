"""The duty sheet as one printable HTML page: a Jinja2 template and a stylesheet, both package
files (``templates/sheet.html.j2``, ``static/sheet.css``).

The page is self-contained: no script, no font, image or style from outside. Its
Content-Security-Policy forbids any request and any script, so a name that slipped through
unescaped still could neither run nor fetch anything; the template escapes every value.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from importlib.resources import files

from jinja2 import Environment, Template

from eventplan.sheet.model import DutySheet, Value

TEMPLATE_FILE = "sheet.html.j2"
STYLE_FILE = "sheet.css"
#: Nothing may load or run; styles come only from the page's own ``<style>``.
POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


@cache
def _template() -> Template:
    text = (files("eventplan.sheet") / "templates" / TEMPLATE_FILE).read_text(encoding="utf-8")
    return Environment(autoescape=True, keep_trailing_newline=True).from_string(text)


@cache
def page_style() -> str:
    """The page's stylesheet, safe inside ``<style>``."""
    css = (files("eventplan.sheet") / "static" / STYLE_FILE).read_text(encoding="utf-8")
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def page_html(sheet: DutySheet) -> str:
    """The whole page of a duty sheet."""
    sections = [
        {
            "key": section.key,
            "title": section.title,
            "facts": section.facts,
            "tables": [
                {
                    "caption": table.caption,
                    "columns": table.columns,
                    "rows": [
                        [
                            (column.kind, _text(value, sheet))
                            for column, value in zip(table.columns, row, strict=True)
                        ]
                        for row in table.rows
                    ],
                }
                for table in section.tables
            ],
        }
        for section in sheet.sections
    ]
    return _template().render(sheet=sheet, sections=sections, style=page_style(), policy=POLICY)


def _text(value: Value, sheet: DutySheet) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return sheet.show(value)
    return str(value)
