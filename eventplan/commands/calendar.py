"""``eventplan calendar plan CALENDAR --from DATE --to DATE -o DIR``: plan a period of the
district calendar a week at a time, check it across days and write the folder whole."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from eventplan.commands.arguments import positive
from eventplan.commands.language import add_language

NAME = "calendar"
HELP = "plan a period of a district calendar (recurring duties and events) for one force"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    plan = sub.add_parser("plan", help="plan the days --from .. --to and check them")
    plan.add_argument("calendar", metavar="CALENDAR", help="calendar file (.yaml, .json, .toml)")
    plan.add_argument("--from", dest="first", type=_day, required=True, metavar="DATE")
    plan.add_argument("--to", dest="last", type=_day, required=True, metavar="DATE")
    plan.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write")
    plan.add_argument(
        "--time-limit", type=positive, default=60.0, metavar="S",
        help="seconds for the whole period, shared among its weeks (default 60)",
    )  # fmt: skip
    plan.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")
    plan.add_argument(
        "--db", metavar="URL",
        help="start from what the plan archive says people worked before --from "
        "(a SQLite path or postgresql:// URL; see eventplan archive)",
    )  # fmt: skip
    add_language(plan)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a date (YYYY-MM-DD)") from None


def run(args: argparse.Namespace) -> int:
    from eventplan.calendar.loader import load_calendar
    from eventplan.calendar.outputs import write_plan
    from eventplan.calendar.plan import plan_calendar
    from eventplan.calendar.verify import verify
    from eventplan.errors import InputError, Problem
    from eventplan.i18n import Texts
    from eventplan.io.folder import folder_lock

    t = Texts(args.lang)
    if args.last < args.first or (args.last - args.first).days > 366:
        raise InputError(Problem("--to", "", "give a period of 1 to 367 days after --from"))
    loaded = load_calendar(args.calendar)
    out = Path(args.output)
    with folder_lock(out) as stale:
        if stale:
            print(t.message(stale), file=sys.stderr)
        carried = None
        if args.db:
            from eventplan.calendar.carried import read_carried

            people = {person.id for person in loaded.people}
            zone = loaded.calendar.settings.timezone
            carried = read_carried(args.db, args.first, people, zone)
        plan = plan_calendar(
            loaded,
            args.first,
            args.last,
            time_limit=args.time_limit,
            seed=args.seed,
            carried=carried,
        )
        violations = verify(loaded, plan.assignments, plan.first, carried)
        written = write_plan(out, loaded, plan, violations, args.lang)
    if carried is not None:
        # Said even when empty: a mistyped SQLite path opens a new, empty archive.
        print(t("calendar.ledger", people=len(carried.stretches), first=args.first,
                since=carried.since, hours=f"{carried.hours():.1f}"))  # fmt: skip
    for week in plan.weeks:
        status = t.get(f"status.{week.status.lower()}", week.status)
        print(t("calendar.week", first=week.first, last=week.last, status=status,
                objective=f"{week.objective:.0f}", bound=f"{week.bound:.0f}",
                gap=f"{week.gap:.2%}"))  # fmt: skip
    objective = sum(w.objective for w in plan.weeks)
    bound = sum(w.bound for w in plan.weeks)
    print(t("calendar.total", first=plan.first, last=plan.last,
            assignments=len(plan.assignments),
            short=sum(s.need - s.filled for s in plan.shortfalls),
            objective=f"{objective:.0f}", bound=f"{bound:.0f}",
            gap=f"{(objective - bound) / max(abs(objective), 1.0):.2%}"))  # fmt: skip
    if violations:
        print(t("calendar.check_failed", count=len(violations)), file=sys.stderr)
    else:
        print(t("calendar.check_passed"))
    top = dict.fromkeys(p.relative_to(out).parts[0] for p in written)  # days/ once
    print(t("solve.wrote", files=t.join(list(top)), folder=out))
    return 1 if violations else 0
