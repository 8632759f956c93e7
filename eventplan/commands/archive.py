"""``eventplan archive``: the plan archive in a database (SQLite by default, PostgreSQL by URL).

``archive add PLAN_DIR`` stores a plan folder, ``archive attend EVENT muster.csv`` imports who
actually worked an event, ``archive report --from DATE --to DATE [-o FILE.csv]`` reports hours,
events, no-shows and posts left short. Every subcommand takes ``--db`` (a file path,
``sqlite:///PATH`` or ``postgresql://...``; default ``$EVENTPLAN_ARCHIVE``, else
``./eventplan-archive.sqlite``).
"""

from __future__ import annotations

import argparse
from datetime import date

from eventplan.commands.language import add_language
from eventplan.errors import InputError, Problem

NAME = "archive"
HELP = "keep plans, attendance and hours worked in a database (SQLite or PostgreSQL)"

_EPILOG = """\
examples:
  eventplan archive add out/concert
  eventplan archive attend city-stadium-concert muster.csv
  eventplan archive report --from 2025-07-01 --to 2025-07-31 -o july.csv
  eventplan archive add out/concert --db postgresql://planner@db.example/archive

The archive is ./eventplan-archive.sqlite unless --db or $EVENTPLAN_ARCHIVE names another.
A muster file has the columns person,arrived,left (local times of the event).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``add``, ``attend`` and ``report`` subcommands."""
    parser.epilog = _EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    sub = parser.add_subparsers(
        dest="archive_command", metavar="SUBCOMMAND", parser_class=type(parser)
    )
    add = sub.add_parser("add", help="store a plan folder (again: nothing changes)")
    add.add_argument("plan_dir", metavar="PLAN_DIR", help="folder written by eventplan solve")
    attend = sub.add_parser("attend", help="import who actually worked an event")
    attend.add_argument("event", metavar="EVENT", help="the event's id (its scenario's event.id)")
    attend.add_argument("muster", metavar="MUSTER.csv", help="CSV: person,arrived,left")
    report = sub.add_parser("report", help="hours, events, no-shows and posts left short")
    report.add_argument("--from", dest="start", type=_day, required=True, metavar="DATE")
    report.add_argument("--to", dest="end", type=_day, required=True, metavar="DATE")
    report.add_argument("-o", "--output", metavar="FILE.csv", help="also write the report as CSV")
    for command in (add, attend, report):
        command.add_argument(
            "--db",
            metavar="URL",
            help="archive: a file, sqlite:///PATH or postgresql://... (default: "
            "$EVENTPLAN_ARCHIVE, else ./eventplan-archive.sqlite)",
        )
        add_language(command)


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; problems with the input raise :class:`InputError` (exit 2)."""
    command = getattr(args, "archive_command", None)
    if command is None:
        message = "missing subcommand: eventplan archive add|attend|report (see --help)"
        raise InputError(Problem("eventplan archive", "", message))
    from sqlalchemy.exc import SQLAlchemyError

    try:
        if command == "add":
            return _add(args)
        if command == "attend":
            return _attend(args)
        from eventplan.commands.archive_report import run_report

        return run_report(args)
    except SQLAlchemyError as error:  # the database went away or refused the work
        import sys

        from eventplan.i18n import Texts

        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        t = Texts(args.lang)
        print(t("cli.error", error=t.message(f"the archive failed: {reason}")), file=sys.stderr)
        return 1


def _add(args: argparse.Namespace) -> int:
    from eventplan.archive import add_plan
    from eventplan.i18n import Texts

    t = Texts(args.lang)
    added = add_plan(args.db, args.plan_dir)
    key = "archive.added" if added.new else "archive.present"
    print(
        t(
            key,
            folder=args.plan_dir,
            event=added.event,
            version=added.version,
            assignments=added.assignments,
            shortfalls=added.shortfalls,
            sha=added.sha256[:12],
        )
    )
    if added.parent:
        lineage = "archive.parent" if added.parent_found else "archive.parent_missing"
        print(t(lineage, parent=added.parent[:12]))
    return 0


def _attend(args: argparse.Namespace) -> int:
    from eventplan.archive import import_attendance
    from eventplan.i18n import Texts

    t = Texts(args.lang)
    done = import_attendance(args.db, args.event, args.muster)
    key = "archive.attended_again" if done.replaced else "archive.attended"
    print(t(key, event=done.event, rows=done.rows, people=done.people, file=args.muster))
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a date (YYYY-MM-DD)") from None
