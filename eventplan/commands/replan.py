"""``eventplan replan PLAN_DIR --at TIME -o NEW_DIR``: the smallest change answering the day."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from eventplan.commands.language import add_language

if TYPE_CHECKING:
    from datetime import datetime

    from eventplan.i18n import Texts
    from eventplan.planning.plan import Plan
    from eventplan.replan.api import ReplannedPlan
    from eventplan.replan.events import Events

NAME = "replan"
HELP = "change a published plan as little as possible after absences, closures, new needs"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan_dir", metavar="PLAN_DIR", help="the published plan folder")
    parser.add_argument(
        "--at", required=True, metavar="TIME", help="time of the change (HH:MM or YYYY-MM-DDTHH:MM)"
    )
    parser.add_argument("-o", "--output", metavar="NEW_DIR", help="folder of the new plan")
    many = {"action": "append", "default": []}
    parser.add_argument("--absent", metavar="IDS|FILE.csv", help="people who are not there", **many)
    parser.add_argument(
        "--arrived", metavar="IDS|FILE.csv", help="people who came after all", **many
    )
    parser.add_argument(
        "--extra", metavar="POOL=N", help="N more people of a pool called in", **many
    )
    parser.add_argument("--close", metavar="POST[@TIME]", help="a post closed from a time", **many)
    parser.add_argument(
        "--open",
        dest="reopen",
        metavar="POST[@TIME]",
        help="a post opened (again) from a time",
        **many,
    )
    parser.add_argument(
        "--need", metavar="POST:ROLE=N[@TIME]", help="more people needed at a post", **many
    )
    parser.add_argument("--unit-away", metavar="UNIT@FROM-TO", help="a unit sent away", **many)
    parser.add_argument("--changes", metavar="FILE", help="a YAML file of events")
    parser.add_argument(
        "--suggest", metavar="POST", help="list the best five people to send to POST now"
    )
    parser.add_argument("--no-map", action="store_true", help="do not write map.html")
    add_language(parser)


def run(args: argparse.Namespace) -> int:
    """Exit 0 with the new plan written (or the suggestions printed), 2 for bad events."""
    from eventplan.errors import InputError, Problem
    from eventplan.i18n import Texts
    from eventplan.replan import read_parent, replan
    from eventplan.replan.events import parse_time
    from eventplan.replan.output import change_lines
    from eventplan.replan.validate import check_time

    if args.output is None and args.suggest is None:
        raise InputError(
            Problem("command line", "-o", "give the folder of the new plan (-o NEW_DIR)")
        )
    parent = read_parent(args.plan_dir)
    plan, grid = parent.plan, parent.plan.grid
    t = Texts(args.lang, {rid: role.label for rid, role in plan.scenario.roles.items()})
    horizon = (grid.starts[0], grid.end(grid.size - 1))
    try:
        at = parse_time(args.at, grid.starts[0])
    except ValueError as error:
        raise InputError(Problem("command line", "--at", str(error))) from None
    check_time(at, horizon)
    if args.suggest and args.suggest not in {p.id for p in plan.scenario.posts}:
        raise InputError(Problem("command line", "--suggest", f"unknown post '{args.suggest}'"))
    events = _events(args, plan, at, horizon)
    section = parent.document.get("replan") or {}
    # The published plan is version 1 (as the archive counts it); a replan is its parent's plus one.
    version = int(section.get("version", 1)) + 1
    earlier = tuple(p for p in section.get("released") or () if isinstance(p, str))
    new = replan(plan, events, at=at, parent=parent.sha256, version=version, released=earlier)
    if args.suggest:
        _print_suggestions(new, args.suggest, at, t)
        if args.output is None:
            return 0
    written = _write(new, Path(args.output), args)
    from eventplan.planning.summary import summary_lines

    print("\n".join(summary_lines(new, args.lang)))
    print("\n".join(change_lines(new, t)))
    print(t("solve.wrote", files=t.join([p.name for p in written]), folder=args.output))
    return 0


def _events(
    args: argparse.Namespace, plan: Plan, at: datetime, horizon: tuple[datetime, datetime]
) -> Events:
    """The events of the options and of ``--changes``, checked against the plan."""
    from eventplan.replan.loading import Places, from_arguments, load_changes
    from eventplan.replan.validate import check_events, known_people

    events = from_arguments(
        at,
        absent=args.absent,
        arrived=args.arrived,
        extra=args.extra,
        close=args.close,
        reopen=args.reopen,
        need=args.need,
        away=args.unit_away,
    )
    places = Places()
    if args.changes:
        loaded, places = load_changes(args.changes, at)
        events = loaded.merged(events) if not events.empty else loaded
    rostered = {s.person for s in plan.roster.shifts}
    labels = {label for s in plan.roster.shifts for label in s.instance if label}
    known = known_people(plan.scenario, rostered)
    check_events(events, places, plan.scenario, known, horizon, at, labels)
    return events


def _print_suggestions(new: ReplannedPlan, post: str, at: datetime, t: Texts) -> None:
    from eventplan.replan.api import walking_minutes
    from eventplan.replan.output import suggest, suggestion_lines

    grid = new.grid
    posts = {p.id for p in new.scenario.posts}
    first = next((i for i, s in enumerate(grid.starts) if s >= at), grid.size - 1)
    found = suggest(new, post, first, walking_minutes(new.scenario, posts, {post}))
    print("\n".join(suggestion_lines(post, found, grid.slot_hours, t)))


def _write(new: ReplannedPlan, out: Path, args: argparse.Namespace) -> list[Path]:
    """The new plan folder, written whole, with changes.csv and the map."""
    from eventplan.io.folder import check_replaceable, folder_lock
    from eventplan.planning.output import map_source, write_plan
    from eventplan.replan.output import CHANGES_CSV, changes_csv

    with folder_lock(out):
        check_replaceable(out)
        extra = {CHANGES_CSV: changes_csv(new)}
        if not args.no_map:
            from eventplan.render import render_map

            extra["map.html"] = render_map(map_source(new), lang=args.lang).encode("utf-8")
        return write_plan(new, out, extra)
