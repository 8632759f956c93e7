"""``eventplan solve SCENARIO -o DIR``: plan the deployment and write every output."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from eventplan.commands.arguments import fraction, positive, positive_int
from eventplan.commands.language import add_language

NAME = "solve"
HELP = "plan who stands where and when; write plan.json, roster.csv, coverage.csv, map.html"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario file")
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        default=None,
        help="output folder (default: out/<event id>)",
    )
    parser.add_argument(
        "--time-limit",
        type=positive,
        default=60.0,
        metavar="S",
        help="seconds the analyses and the search may take together (default 60)",
    )
    parser.add_argument(
        "--gap",
        type=fraction,
        default=0.0,
        metavar="G",
        help="stop once within this relative gap of the bound (default 0: search for a "
        "proof of optimality until the time limit)",
    )
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="solver seed")
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=2,
        metavar="N",
        help="solver threads (default 2; 1 with --seed for repeatable plans)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="solve a large event's station-day blocks on this Dask scheduler "
        "(tcp://host:8786) instead of local worker processes",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 3 when critical need is left uncovered"
    )
    parser.add_argument("--no-map", action="store_true", help="do not write map.html")
    add_language(parser)


def run(args: argparse.Namespace) -> int:
    from eventplan.commands.problems import print_problems
    from eventplan.commands.progress import ProgressDisplay
    from eventplan.i18n import Texts
    from eventplan.io.folder import check_replaceable, folder_lock
    from eventplan.planning import solve
    from eventplan.planning.output import map_source, write_plan
    from eventplan.planning.summary import summary_lines
    from eventplan.scenario import load
    from eventplan.staffing.size import refuse_unsolvable

    scenario = load(args.scenario)
    t = Texts(args.lang, {rid: role.label for rid, role in scenario.roles.items()})
    print_problems(scenario.warnings, t)
    out = Path(args.output or Path("out") / scenario.event.id)
    refuse_unsolvable(scenario, args.scenario, args.time_limit)
    interrupt = threading.Event()
    # The lock is held from before the search: a second run to the same folder stops at once.
    with folder_lock(out) as stale:
        if stale:
            print(t.message(stale), file=sys.stderr)
        check_replaceable(out)
        with _ctrl_c_sets(interrupt), ProgressDisplay(texts=t) as progress:
            plan = solve(
                scenario,
                time_limit=args.time_limit,
                gap=args.gap,
                seed=args.seed,
                workers=args.workers,
                scheduler=args.scheduler,
                progress=progress.stage,
                interrupt=interrupt,
            )
        extra = {}
        if not args.no_map:
            from eventplan.render import render_map

            extra["map.html"] = render_map(map_source(plan), lang=args.lang).encode("utf-8")
        written = write_plan(plan, out, extra)
    print("\n".join(summary_lines(plan, args.lang)))
    print(t("solve.wrote", files=t.join([p.name for p in written]), folder=out))
    if plan.report.status == "interrupted":
        print(t("solve.interrupted"), file=sys.stderr)
    if args.strict and plan.uncovered_critical():
        return 3
    return 0


@contextlib.contextmanager
def _ctrl_c_sets(interrupt: threading.Event) -> Iterator[None]:
    """While the block runs, Ctrl-C sets ``interrupt`` (the search then keeps its best plan)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda *_: interrupt.set())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
