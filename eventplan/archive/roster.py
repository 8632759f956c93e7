"""roster.csv as the archive reads it: every row a stint in UTC, every bad row named at once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TypeVar

from eventplan.archive.times import to_utc
from eventplan.errors import InputError, Problem
from eventplan.io.bounded import Refused, csv_records, decode
from eventplan.io.spreadsheet import FORMULA_STARTS
from eventplan.scenario.realtime import local_problem

#: The ``post`` of a briefing row begins with this (then the muster node).
BRIEFING_PREFIX = "briefing:"
#: Columns a roster must have; ``unit`` and ``leads`` may be missing in older files.
NEEDED = ("person", "name", "role", "pool", "post", "start", "end")
#: Most problems listed from one file.
MAX_PROBLEMS = 50

T = TypeVar("T")


class BadCell(ValueError):
    """A cell of a row that cannot be read: its column and what is wrong."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


@dataclass(frozen=True, slots=True)
class Stint:
    """One roster row: a person at a post (or a briefing) from ``starts`` to ``ends``, UTC."""

    person: str
    name: str
    role: str
    pool: str
    unit: str
    post: str
    leads: str
    starts: datetime
    ends: datetime

    @property
    def is_briefing(self) -> bool:
        return self.post.startswith(BRIEFING_PREFIX)


def read_stints(path: Path, raw: bytes, zone: tzinfo) -> tuple[Stint, ...]:
    """The stints of a roster file's bytes; an :class:`InputError` naming every bad row."""
    rows, problems = parsed_rows(raw, str(path), NEEDED, lambda record: _stint(record, zone))
    if problems:
        raise InputError(problems)
    return tuple(stint for _line, stint in rows)


def parsed_rows(
    raw: bytes, where: str, columns: tuple[str, ...], parse: Callable[[Mapping[str, str]], T]
) -> tuple[list[tuple[int, T]], list[Problem]]:
    """Every row of a CSV file's bytes (with these ``columns``) parsed, with its line, and a
    problem for each row whose cell ``parse`` refuses (:class:`BadCell`; at most
    ``MAX_PROBLEMS``); an :class:`InputError` when the file itself is refused."""
    rows: list[tuple[int, T]] = []
    problems: list[Problem] = []
    try:
        for line, record in csv_records(decode(raw, where), where, columns):
            try:
                rows.append((line, parse(record)))
            except BadCell as bad:
                problems.append(Problem(where, bad.column, bad.message, line))
                if len(problems) >= MAX_PROBLEMS:
                    break
    except Refused as refused:
        raise InputError(Problem(where, "", refused.message, refused.line)) from None
    return rows, problems


def _stint(record: Mapping[str, str], zone: tzinfo) -> Stint:
    person = text_cell(record, "person")
    if not person:
        raise BadCell("person", "empty person id")
    starts, ends = local_instant(record, "start", zone), local_instant(record, "end", zone)
    if not starts < ends:
        raise BadCell("end", "a stint must end after it starts")
    return Stint(
        person=person,
        name=text_cell(record, "name"),
        role=text_cell(record, "role"),
        pool=text_cell(record, "pool"),
        unit=text_cell(record, "unit"),
        post=text_cell(record, "post"),
        leads=text_cell(record, "leads"),
        starts=starts,
        ends=ends,
    )


def text_cell(record: Mapping[str, str | None], key: str) -> str:
    """A cell's text without the blanks around it; a cell neutralised for spreadsheets (an
    apostrophe before ``=``, ``+``, ``-``, ``@``, tab or carriage return) is read as it was."""
    text = (record.get(key) or "").strip(" ")
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        text = text[1:]
    return text.strip()


def local_instant(record: Mapping[str, str | None], key: str, zone: tzinfo) -> datetime:
    """A cell's local time of ``zone`` as a naive UTC date-time; :class:`BadCell` naming the
    column when it is no date-time, or one the zone does not have (or has twice, without an
    offset saying which)."""
    value = (record.get(key) or "").strip()
    try:
        local = datetime.fromisoformat(value)
    except ValueError:
        raise BadCell(key, f"expected a date-time (YYYY-MM-DDTHH:MM), got {value[:40]!r}") from None
    wrong = local_problem(zone, local, offset_only_if_twice=False)
    if wrong:
        raise BadCell(key, wrong)
    return to_utc(local, zone)
