"""Reading plan files within bounds: size, text, JSON nesting, number length, finite numbers.

A plan folder is user input like a scenario file: it may be damaged, hostile or from another
run. These readers turn bytes into text, JSON values and CSV rows and refuse, with a
:class:`Refused` naming the file, the line where known and the problem, a file that is too
large, not UTF-8, nested too deep, or that holds a number too long or not finite (``NaN``,
``Infinity``, ``1e400``). They raise no other error.

This module sits below :mod:`eventplan.errors`; callers turn a :class:`Refused` into a checker
violation or an :class:`~eventplan.errors.InputError`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

#: Most JSON objects and arrays inside one another; plan.json needs 5.
MAX_DEPTH = 64
#: Longest number accepted, in characters (as for scenario files).
MAX_NUMBER_CHARS = 100
MEGABYTE = 1024 * 1024


class Refused(Exception):
    """A plan file, or a value in it, that the readers refuse.

    Parameters
    ----------
    file
        The file as messages name it.
    message
        What is wrong, in words a planner understands.
    line
        1-based line in the file, when known.
    """

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        self.file, self.message, self.line = file, message, line
        super().__init__(f"{file}:{line}: {message}" if line else f"{file}: {message}")


def read_capped(path: Path, name: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    The size is checked on what is read, not on ``stat``, so a file growing while it is read
    is still bounded; devices and pipes (which may never end) are refused.
    """
    try:
        if not path.is_file():
            raise Refused(name, "missing" if not path.exists() else "not a regular file")
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)
    except OSError as error:
        raise Refused(name, f"cannot be read: {error.strerror or error}") from None
    if len(raw) > limit:
        raise Refused(name, f"is larger than {_size(limit)}, the limit for this file")
    return raw


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (with or without a byte-order mark), naming the line of the first bad byte."""
    if b"\x00" in raw[:8192]:
        raise Refused(name, "holds binary data, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise Refused(name, f"is not UTF-8 text (byte 0x{raw[error.start]:02X})", line) from None


def parse_json(text: str, name: str) -> Any:
    """A JSON document with finite numbers of at most :data:`MAX_NUMBER_CHARS` characters,
    nested at most :data:`MAX_DEPTH` deep."""
    try:
        document = json.loads(
            text, parse_constant=_constant, parse_int=_integer, parse_float=_decimal
        )
    except _BadNumber as error:
        raise Refused(name, str(error), _line_of(text, error.text)) from None
    except RecursionError:
        raise Refused(name, f"is nested too deep (limit {MAX_DEPTH} levels)") from None
    except json.JSONDecodeError as error:
        raise Refused(
            name, f"is not valid JSON: {error.msg} (column {error.colno})", error.lineno
        ) from None
    if _depth_over(document, MAX_DEPTH):
        raise Refused(name, f"is nested too deep (limit {MAX_DEPTH} levels)")
    return document


def csv_rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of CSV text as ``(line, cells)``, the header first; ``line`` is where the row
    ends (a quoted cell may span lines). A cell longer than the csv module's field limit
    (131,072 characters) makes the file invalid."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        raise Refused(name, f"is not valid CSV: {error}", reader.line_num + 1) from None


def csv_records(
    text: str, name: str, needed: Iterable[str] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of CSV text after its header as ``(line, cells by column)``, the columns named
    in lower case; :class:`Refused` (line 1) when a column in ``needed`` is missing."""
    rows = csv_rows(text, name)
    header = [cell.strip().lower() for cell in next(rows, (1, []))[1]]
    missing = [column for column in needed if column not in header]
    if missing:
        raise Refused(name, f"missing column(s): {', '.join(missing)}", 1)
    for line, cells in rows:
        yield line, dict(zip(header, cells, strict=False))


def whole_number(text: str, noun: str = "whole number") -> int:
    """A count written as decimal digits (``ValueError`` with the reason otherwise)."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"'{_shown(text)}' is not a {noun}")
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text)} digits is too long")
    return int(text)


def finite_number(value: Any) -> float:
    """A finite number from text or a number (``ValueError`` with the reason otherwise)."""
    if isinstance(value, bool):
        raise ValueError(f"{value} is not a number")
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_NUMBER_CHARS:
            raise ValueError(f"a number of {len(text)} characters is too long")
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"'{_shown(text)}' is not a number") from None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{_shown(str(value))} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{_shown(str(value))} is not a finite number")
    return number


class _BadNumber(ValueError):
    def __init__(self, message: str, text: str) -> None:
        super().__init__(message)
        self.text = text


def _constant(text: str) -> Any:
    raise _BadNumber(f"{text} is not a finite number", text)


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _BadNumber(f"a number of {len(text)} digits is too long", text)
    return int(text)


def _decimal(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _BadNumber(f"a number of {len(text)} characters is too long", text)
    number = float(text)
    if not math.isfinite(number):
        raise _BadNumber(f"{_shown(text)} is beyond the range of numbers", text)
    return number


def _line_of(text: str, piece: str) -> int | None:
    """The line of the first ``piece`` standing as a value (not inside a word or a text)."""
    found = re.search(r'(?<![\w".+-])' + re.escape(piece) + r"(?![\w.])", text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _depth_over(document: Any, limit: int) -> bool:
    """Whether objects and arrays nest deeper than ``limit``; walks containers only."""
    if type(document) is not dict and type(document) is not list:
        return False
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if type(value) is dict else value
        for child in children:
            if type(child) is dict or type(child) is list:
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _size(limit: int) -> str:
    return f"{limit // MEGABYTE} MB" if limit >= MEGABYTE else f"{limit:,} bytes"


def _shown(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:37]}..."
