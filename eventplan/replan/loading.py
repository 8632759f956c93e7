"""Events from the command line or a ``--changes`` YAML file, checked against the scenario.

Every problem is collected and raised at once as an :class:`InputError`: a file's problems
name its line and the place in it (``close[1].post``), the command line's name the option.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from eventplan.errors import InputError, Problem
from eventplan.replan.events import (
    Events,
    NeedChange,
    UnitAway,
    parse_away,
    parse_extra,
    parse_need,
    parse_post_time,
    parse_time,
)
from eventplan.scenario.loader import Locator
from eventplan.scenario.reader import read_bounded, read_document

COMMAND_LINE = "command line"
KEYS = ("absent", "arrived", "extra", "close", "open", "need", "unit_away")


@dataclass
class Places:
    """Where each event was written: (kind, index) -> a problem maker for that place."""

    makers: dict[tuple[str, int], Callable[[str, str], Problem]] = field(default_factory=dict)

    def problem(self, kind: str, index: int, sub: str, message: str) -> Problem:
        maker = self.makers.get((kind, index))
        if maker is None:
            return Problem(COMMAND_LINE, f"--{kind.replace('_', '-')}", message)
        return maker(sub, message)


def read_ids(values: Iterable[str]) -> tuple[str, ...]:
    """Person ids given inline (comma-separated) or as CSV files (a ``person`` column, else
    the first column)."""
    ids: list[str] = []
    for value in values:
        path = Path(value)
        if value.lower().endswith(".csv") and path.is_file():
            text = read_bounded(path, value).decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
            column = rows[0].index("person") if rows and "person" in rows[0] else 0
            body = rows[1:] if rows and "person" in rows[0] else rows
            ids += [row[column].strip() for row in body if len(row) > column and row[column]]
        else:
            ids += [part.strip() for part in value.split(",") if part.strip()]
    return tuple(ids)


def from_arguments(
    day: datetime,
    *,
    absent: Iterable[str] = (),
    arrived: Iterable[str] = (),
    extra: Iterable[str] = (),
    close: Iterable[str] = (),
    reopen: Iterable[str] = (),
    need: Iterable[str] = (),
    away: Iterable[str] = (),
) -> Events:
    """The events given as options; times without a date fall on the day of ``day``."""
    problems: list[Problem] = []

    def each(option: str, texts: Iterable[str], parse: Callable[[str], Any]) -> list[Any]:
        out = []
        for text in texts:
            try:
                out.append(parse(text))
            except ValueError as error:
                problems.append(Problem(COMMAND_LINE, option, str(error)))
        return out

    extras: dict[str, int] = {}
    for pool, n in each("--extra", extra, parse_extra):
        extras[pool] = extras.get(pool, 0) + n
    events = Events(
        read_ids(absent),
        read_ids(arrived),
        extras,
        tuple(each("--close", close, lambda t: parse_post_time(t, day))),
        tuple(each("--open", reopen, lambda t: parse_post_time(t, day))),
        tuple(each("--need", need, lambda t: parse_need(t, day))),
        tuple(each("--unit-away", away, lambda t: parse_away(t, day))),
    )
    if problems:
        raise InputError(problems)
    return events


def load_changes(path: str | Path, day: datetime) -> tuple[Events, Places]:
    """The events of a ``--changes`` YAML file, and where each was written."""
    shown = str(path)
    document, lines = read_document(Path(path), shown)
    locator = Locator(shown, lines)
    problems: list[Problem] = []
    places = Places()
    if not isinstance(document, dict):
        raise InputError(Problem(shown, "", "give a mapping of events"))
    for key in document:
        if key not in KEYS:
            problems.append(
                locator.problem((key,), f"unknown event '{key}' (known: {', '.join(KEYS)})")
            )
    reader = _Reader(document, locator, problems, places, day)
    extra: dict[str, int] = {}
    for i, item in enumerate(reader.items("extra", dict_ok=True)):
        pool, count = item.get("pool"), item.get("count")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            reader.fail("extra", i, "count", "give a whole number 1 or more")
        elif isinstance(pool, str):
            extra[pool] = extra.get(pool, 0) + count
    events = Events(
        tuple(reader.ids("absent")),
        tuple(reader.ids("arrived")),
        extra,
        tuple(reader.post_times("close")),
        tuple(reader.post_times("open")),
        tuple(reader.needs()),
        tuple(reader.aways()),
    )
    if problems:
        raise InputError(problems)
    return events, places


@dataclass
class _Reader:
    document: dict[str, Any]
    locator: Locator
    problems: list[Problem]
    places: Places
    day: datetime

    def fail(self, key: str, i: int, sub: str, message: str) -> None:
        place: tuple[Any, ...] = (key, i, sub) if sub else (key, i)
        self.problems.append(self.locator.problem(place, message))

    def remember(self, key: str, i: int) -> None:
        def make(sub: str, message: str) -> Problem:
            place: tuple[Any, ...] = (key, i, sub) if sub else (key, i)
            return self.locator.problem(place, message)

        self.places.makers[(key, i)] = make

    def items(self, key: str, dict_ok: bool = False) -> list[dict[str, Any]]:
        value = self.document.get(key, [])
        if dict_ok and isinstance(value, dict):  # extra: {pool: count}
            value = [{"pool": k, "count": v} for k, v in value.items()]
        if not isinstance(value, list):
            self.problems.append(self.locator.problem((key,), "give a list"))
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.fail(key, i, "", "give a mapping")
                item = {}
            self.remember(key, i)
            out.append(item)
        return out

    def ids(self, key: str) -> list[str]:
        value = self.document.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problems.append(self.locator.problem((key,), "give a list of person ids"))
            return []
        for i in range(len(value)):
            self.remember(key, i)
        return list(value)

    def when(self, key: str, i: int, sub: str, text: Any) -> datetime | None:
        if text is None:
            return None
        try:
            return parse_time(str(text), self.day)
        except ValueError as error:
            self.fail(key, i, sub, str(error))
            return None

    def post_times(self, key: str) -> list[tuple[str, datetime | None]]:
        return [
            (str(item.get("post", "")), self.when(key, i, "from", item.get("from")))
            for i, item in enumerate(self.items(key))
        ]

    def needs(self) -> list[NeedChange]:
        out = []
        for i, item in enumerate(self.items("need")):
            count = item.get("count")
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                self.fail("need", i, "count", "give a whole number 1 or more")
                count = 0
            start = self.when("need", i, "from", item.get("from"))
            out.append(
                NeedChange(str(item.get("post", "")), str(item.get("role", "")), count, start)
            )
        return out

    def aways(self) -> list[UnitAway]:
        out = []
        for i, item in enumerate(self.items("unit_away")):
            start = self.when("unit_away", i, "from", item.get("from"))
            end = self.when("unit_away", i, "to", item.get("to"))
            if start is None or end is None:
                self.fail("unit_away", i, "", "give both 'from' and 'to'")
                continue
            out.append(UnitAway(str(item.get("unit", "")), start, end))
        return out
