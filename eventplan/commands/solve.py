"""``eventplan solve SCENARIO -o DIR``: plan the deployment and write every output."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from pathlib import Path

from eventplan.commands.arguments import fraction, positive, positive_int
from eventplan.errors import InputError
from eventplan.output import write_plan
from eventplan.scenario import load
from eventplan.summary import summary_lines

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
        help="seconds the search may take (default 60)",
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
        "--strict", action="store_true", help="exit 3 when critical need is left uncovered"
    )
    parser.add_argument("--no-map", action="store_true", help="do not write map.html")


def run(args: argparse.Namespace) -> int:
    from eventplan.staffing import solve

    scenario = load(args.scenario)
    for warning in scenario.warnings:
        print(warning, file=sys.stderr)
    analyses = _analyses(scenario)
    if threading.current_thread() is threading.main_thread():
        # OR-Tools routing (patrol loops) leaves its own SIGINT handler, which kills the
        # process; put Python's back so Ctrl-C reaches the search below.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    out = Path(args.output or Path("out") / scenario.event.id)
    interrupt = threading.Event()
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, lambda *_: interrupt.set())
    progress = _Progress()
    try:
        plan = solve(
            scenario,
            time_limit=args.time_limit,
            seed=args.seed,
            workers=args.workers,
            progress=progress,
            interrupt=interrupt,
            analyses=analyses,
            gap=args.gap,
        )
    except ValueError as error:
        raise InputError(str(error)) from None
    finally:
        progress.clear()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, previous)
    render = None if args.no_map else _renderer()
    written = write_plan(plan, out, render)
    data = plan.to_json()
    print("\n".join(summary_lines(plan, data)))
    print(f"  wrote     {', '.join(p.name for p in written)} to {out}")
    if plan.report.status == "interrupted":
        print("  interrupted: this is the best plan found before Ctrl-C", file=sys.stderr)
    if args.strict and plan.uncovered_critical():
        return 3
    return 0


def _analyses(scenario):
    """The venue analyses, when that part of eventplan is installed and applies."""
    try:
        from eventplan.venue.analysis import analyse
    except ImportError:
        return None
    return analyse(scenario)


def _renderer():
    try:
        from eventplan.render import render_map
    except ImportError:
        return None
    return lambda folder: render_map(folder)


class _Progress:
    """Progress on stderr for searches longer than a couple of seconds."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.shown = 0.0
        self.width = 0

    def clear(self) -> None:
        """Wipe a progress line left on the terminal, before the summary is printed."""
        if self.width and sys.stderr.isatty():
            print("\r" + " " * self.width + "\r", end="", file=sys.stderr, flush=True)
        self.width = 0

    def __call__(self, stage: str, value: float) -> None:
        elapsed = time.perf_counter() - self.started
        if elapsed < 2 or elapsed - self.shown < (0.5 if sys.stderr.isatty() else 5):
            return
        self.shown = elapsed
        end = "\r" if sys.stderr.isatty() else "\n"
        line = f"  {stage}: {elapsed:5.1f} s (Ctrl-C keeps the best plan so far)"
        self.width = max(self.width, len(line))
        print(line.ljust(self.width), end=end, file=sys.stderr, flush=True)
