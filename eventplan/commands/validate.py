"""``eventplan validate FILE...``: check scenario files and summarise the valid ones."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import datetime, time
from typing import TYPE_CHECKING

from eventplan.commands.problems import print_problems
from eventplan.errors import InputError

if TYPE_CHECKING:
    from eventplan.scenario import Scenario

#: The time limit ``eventplan solve`` takes by default, against which sizes are judged.
DEFAULT_TIME_LIMIT = 60.0
NAME = "validate"
HELP = "check scenario files and summarise each valid one"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario (.yaml, .json, .toml)")


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every file is valid, 2 when one is not."""
    from eventplan.scenario import load
    from eventplan.staffing.size import size_warnings

    failed = 0
    for file in args.files:
        try:
            scenario = load(file)
        except InputError as error:
            failed += 1
            print_problems(error)
            print(f"{file}: invalid ({_count(error)})", file=sys.stderr)
            continue
        for warning in (*scenario.warnings, *size_warnings(scenario, file, DEFAULT_TIME_LIMIT)):
            print(warning, file=sys.stderr)
        print(summary(scenario))
    return 2 if failed else 0


def summary(scenario: Scenario) -> str:
    """A few lines a planner reads to see that the file says what they meant."""
    from eventplan.scenario import PRIORITIES

    event = scenario.event
    days = event.days or sorted({p.start.date() for p in event.phases})  # type: ignore[union-attr]
    phases = [f"{p.id} {_clock(p.start)}-{_clock(p.end)}" for p in event.phases]
    priorities = Counter(p.priority for p in scenario.posts)
    people = Counter[str]()
    for pool in scenario.pools:
        people[pool.role] += pool.count
    venue = scenario.venue
    lines = [
        f"{scenario.source}: valid",
        f"  event    {event.name} [{event.id}], {event.kind}, {event.attendance:,} attendees"
        f"{' per day' if event.days else ''}, {event.timezone}",
        f"  days     {len(days)} ({', '.join(str(d) for d in days[:7])}"
        f"{', ...' if len(days) > 7 else ''}), {event.slot_minutes}-minute slots",
        f"  phases   {', '.join(phases)}",
        f"  posts    {len(scenario.posts)}: "
        + ", ".join(f"{priorities[p]} {p}" for p in PRIORITIES if priorities[p]),
        f"  people   {sum(people.values()):,}: "
        + ", ".join(f"{n:,} {role}" for role, n in people.items()),
        f"  forces   {sum(u.count for u in scenario.units)} unit(s), "
        f"{len(scenario.patrols)} patrol(s), {sum(d.count for d in scenario.drones)} drone(s)",
        f"  venue    {venue.name or '(unnamed)'}: {len(venue.nodes)} nodes, "
        f"{len(venue.edges)} edges, {len(venue.zones)} zones",
    ]
    if scenario.warnings:
        lines.append(f"  warnings {len(scenario.warnings)} (listed above)")
    return "\n".join(lines)


def _clock(moment: datetime | time) -> str:
    from eventplan.scenario.times import END_OF_DAY

    return "24:00" if moment == END_OF_DAY else f"{moment:%H:%M}"


def _count(error: InputError) -> str:
    errors = sum(p.severity == "error" for p in error.problems)
    warnings = len(error.problems) - errors
    text = f"{errors} error{'s' * (errors != 1)}"
    return text + (f", {warnings} warning{'s' * (warnings != 1)}" if warnings else "")
