"""``eventplan validate FILE...``: check scenario files and summarise the valid ones."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import datetime, time
from typing import TYPE_CHECKING

from eventplan.commands.language import add_language
from eventplan.commands.problems import print_problems
from eventplan.errors import InputError

if TYPE_CHECKING:
    from eventplan.i18n import Texts
    from eventplan.scenario import Scenario

#: The time limit ``eventplan solve`` takes by default, against which sizes are judged.
DEFAULT_TIME_LIMIT = 60.0
NAME = "validate"
HELP = "check scenario files and summarise each valid one"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario (.yaml, .json, .toml)")
    add_language(parser)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every file is valid, 2 when one is not."""
    from eventplan.i18n import Texts
    from eventplan.scenario import load
    from eventplan.staffing.size import size_warnings

    failed = 0
    plain = Texts(args.lang)
    for file in args.files:
        try:
            scenario = load(file)
        except InputError as error:
            failed += 1
            print_problems(error, plain)
            print(plain("validate.invalid", file=file, count=_count(error, plain)), file=sys.stderr)
            continue
        t = Texts(args.lang, {rid: role.label for rid, role in scenario.roles.items()})
        sizes = size_warnings(scenario, file, DEFAULT_TIME_LIMIT)
        print_problems([*scenario.warnings, *sizes], t)
        print(summary(scenario, t))
    return 2 if failed else 0


def summary(scenario: Scenario, t: Texts | None = None) -> str:
    """A few lines a planner reads to see that the file says what they meant."""
    from eventplan.i18n import Texts
    from eventplan.scenario import PRIORITIES

    t = t or Texts()
    event = scenario.event
    days = event.days or sorted({p.start.date() for p in event.phases})  # type: ignore[union-attr]
    phases = [
        t("validate.phase", id=p.id, start=_clock(p.start), end=_clock(p.end)) for p in event.phases
    ]
    priorities = Counter(p.priority for p in scenario.posts)
    people = Counter[str]()
    for pool in scenario.pools:
        people[pool.role] += pool.count
    venue = scenario.venue
    shown_days = ", ".join(str(d) for d in days[:7]) + (
        t("validate.more_days") if len(days) > 7 else ""
    )
    post_counts = [
        t("validate.post_count", n=priorities[p], priority=t.get(f"priority.{p}", p))
        for p in PRIORITIES
        if priorities[p]
    ]
    role_counts = [
        t("validate.role_count", n=f"{n:,}", role=t.role(role)) for role, n in people.items()
    ]
    lines = [
        t("validate.valid", file=scenario.source),
        t(
            "validate.event",
            name=event.name,
            id=event.id,
            kind=event.kind,
            attendance=f"{event.attendance:,}",
            per_day=t("validate.per_day") if event.days else "",
            timezone=event.timezone,
        ),
        t("validate.days", n=len(days), days=shown_days, slot=event.slot_minutes),
        t("validate.phases", phases=t.join(phases)),
        t("validate.posts", n=len(scenario.posts), items=t.join(post_counts)),
        t("validate.people", n=f"{sum(people.values()):,}", items=t.join(role_counts)),
        t(
            "validate.forces",
            units=sum(u.count for u in scenario.units),
            patrols=len(scenario.patrols),
            drones=sum(d.count for d in scenario.drones),
        ),
        t(
            "validate.venue",
            name=venue.name or t("validate.unnamed"),
            nodes=len(venue.nodes),
            edges=len(venue.edges),
            zones=len(venue.zones),
        ),
    ]
    if scenario.warnings:
        lines.append(t("validate.warnings", n=len(scenario.warnings)))
    return "\n".join(lines)


def _clock(moment: datetime | time) -> str:
    from eventplan.scenario.times import END_OF_DAY

    return "24:00" if moment == END_OF_DAY else f"{moment:%H:%M}"


def _count(error: InputError, t: Texts) -> str:
    errors = sum(p.severity == "error" for p in error.problems)
    warnings = len(error.problems) - errors
    text = t("count.errors.one" if errors == 1 else "count.errors", n=errors)
    if warnings:
        text += t("count.warnings.one" if warnings == 1 else "count.warnings", n=warnings)
    return text
