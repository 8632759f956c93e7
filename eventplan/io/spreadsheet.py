"""CSV that a spreadsheet opens as the planner meant: Chinese intact, no formula from a name.

Every CSV eventplan writes goes through :func:`csv_bytes`:

* UTF-8 **with a byte-order mark**, always. Excel on a Chinese Windows reads a CSV without one
  in the machine's code page (GBK) and shows mojibake; with it, Excel, WPS and LibreOffice
  read UTF-8. eventplan's own readers (the checker, the map, the people file) read with or
  without the mark, and so do pandas and ``encoding="utf-8-sig"``.
* Text cells that begin with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a
  leading ``'`` (OWASP's advice against CSV injection), so that a person named
  ``=HYPERLINK(...)`` stays text. Numbers are not text and are written as they are; ids never
  begin with those characters (the id pattern forbids it), so only names and other free text
  can change. A reader gets the neutralised text back, quote included.
"""

from __future__ import annotations

import io
from typing import Any

BYTE_ORDER_MARK = "\ufeff"
#: A spreadsheet may read a cell that begins with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: numpy's kinds of columns that hold no text: booleans, numbers, dates and durations.
_NOT_TEXT = "biufcmM"


def neutralise(value: Any) -> Any:
    """A text that a spreadsheet cannot take for a formula; other values as they are.

    Examples
    --------
    >>> neutralise("=1+1"), neutralise("Li Wei"), neutralise(-2)
    ("'=1+1", 'Li Wei', -2)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: Any) -> bytes:
    """A table (a pandas DataFrame) as CSV for a spreadsheet: a byte-order mark, UTF-8, one
    header line, ``\\r\\n`` line ends, and every text cell neutralised (see :func:`neutralise`).
    """
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype.kind not in _NOT_TEXT:
            safe[column] = safe[column].map(neutralise)
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    # CRLF, as RFC 4180 and Excel have it; it also makes the csv module quote a cell holding
    # a lone carriage return, which would otherwise end the row for a reader.
    safe.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8")
