"""``eventplan archive report``: the report printed as tables, and written as one CSV.

The CSV has one row per line of every table, a ``section`` column telling the tables apart
(``person``, ``organisation``, ``pool``, ``post``), so that a spreadsheet filters it; it is
written whole or not at all, and no name in it becomes a formula.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventplan.errors import InputError, Problem

if TYPE_CHECKING:
    from eventplan.archive import Report

CSV_COLUMNS = (
    "section",
    "event",
    "id",
    "name",
    "organisation",
    "role",
    "events",
    "days",
    "planned_hours",
    "worked_hours",
    "shifts",
    "no_shows",
    "short_person_hours",
    "no_show_person_hours",
)


def run_report(args: argparse.Namespace) -> int:
    """Print the report of the period; write it as CSV with ``-o``."""
    from eventplan.archive import report
    from eventplan.archive.database import archive_engine, shown_url
    from eventplan.i18n import Texts

    if args.start > args.end:
        raise InputError(Problem("--from", "", f"{args.start} is after --to {args.end}"))
    if args.output and Path(args.output).suffix.lower() != ".csv":
        raise InputError(Problem(args.output, "", "the report's name must end in .csv"))
    t = Texts(args.lang)
    with archive_engine(args.db) as engine:
        found = report(engine, args.start, args.end)
        where = shown_url(engine)
    print(
        t(
            "archive.report",
            db=where,
            start=found.start,
            end=found.end,
            events=found.events,
            attended=found.with_attendance,
        )
    )
    for title, headers, rows in _tables(found):
        print()
        print(t(title))
        print(_table([t(f"archive.column.{h}") for h in headers], rows))
    if args.output:
        _write_csv(found, Path(args.output))
        print()
        print(t("archive.written", file=args.output))
    return 0


def _tables(found: Report) -> list[tuple[str, tuple[str, ...], list[list[Any]]]]:
    return [
        (
            "archive.people",
            ("person", "name", "organisation", "role", "events", "days", "planned", "worked",
             "no_shows"),
            [
                [p.person, p.name, p.organisation, p.role, p.events, p.days, _h(p.planned_hours),
                 _h(p.worked_hours), p.no_shows]
                for p in found.people
            ],
        ),
        (
            "archive.organisations",
            ("organisation", "name", "people", "planned", "worked"),
            [
                [o.organisation, o.name, o.people, _h(o.planned_hours), _h(o.worked_hours)]
                for o in found.organisations
            ],
        ),
        (
            "archive.pools",
            ("pool", "organisation", "shifts", "no_shows", "rate"),
            [[p.pool, p.organisation, p.shifts, p.no_shows, f"{p.rate:.1%}"] for p in found.pools],
        ),
        (
            "archive.posts",
            ("event", "post", "short", "absent"),
            [[p.event, p.post, _h(p.short_hours), _h(p.no_show_hours)] for p in found.posts],
        ),
    ]  # fmt: skip


def _write_csv(found: Report, path: Path) -> None:
    import pandas as pd

    from eventplan.io.atomic import write_bytes
    from eventplan.io.spreadsheet import csv_bytes

    rows: list[dict[str, Any]] = []
    for p in found.people:
        rows.append({"section": "person", "id": p.person, "name": p.name,
                     "organisation": p.organisation, "role": p.role, "events": p.events,
                     "days": p.days, "planned_hours": p.planned_hours,
                     "worked_hours": p.worked_hours, "no_shows": p.no_shows})  # fmt: skip
    for o in found.organisations:
        rows.append({"section": "organisation", "id": o.organisation, "name": o.name,
                     "organisation": o.organisation, "planned_hours": o.planned_hours,
                     "worked_hours": o.worked_hours})  # fmt: skip
    for pool in found.pools:
        rows.append({"section": "pool", "id": pool.pool, "organisation": pool.organisation,
                     "shifts": pool.shifts, "no_shows": pool.no_shows})  # fmt: skip
    for post in found.posts:
        rows.append({"section": "post", "event": post.event, "id": post.post,
                     "short_person_hours": post.short_hours,
                     "no_show_person_hours": post.no_show_hours})  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    for column in ("events", "days", "shifts", "no_shows"):  # counts, blank where not counted
        frame[column] = frame[column].astype("Int64")
    try:
        write_bytes(path, csv_bytes(frame))
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(Problem(str(path), "", f"cannot write: {reason}")) from None


def _h(hours: float) -> str:
    return f"{hours:,.2f}".rstrip("0").rstrip(".")


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Columns padded by their width on a terminal (a Chinese character takes two)."""
    cells = [[str(c) for c in headers]] + [[_plain(c) for c in row] for row in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in cells]  # fmt: skip
    return "\n".join("  " + line for line in lines)


def _plain(value: Any) -> str:
    """A cell without line breaks or control characters (a name is user text)."""
    text = str(value)
    return "".join(ch if ch.isprintable() else " " for ch in text)[:60]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
