"""``eventplan generate -o FILE``: write a seeded, realistic scenario of a chosen size."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from eventplan.errors import InputError, Problem

NAME = "generate"
HELP = "write a seeded, realistic scenario of a given size (for trials and benchmarks)"
EPILOG = """\
examples:
  eventplan generate --staff 5000 --posts 500 --seed 7 -o big.yaml
  eventplan generate --staff 20000 --days 5 --shortage 0.1 -o expo.json

The same options and seed always write the same file. Without --shortage the seed decides
whether the pools are short of staff (up to 15 %) or have some to spare (up to 25 %).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "--attendance",
        type=_int_at_least(100),
        metavar="N",
        help="attendees per day (default: about 8 to 14 per staff member)",
    )
    parser.add_argument(
        "--posts", type=_int_at_least(1), metavar="N", help="number of posts (default: staff / 10)"
    )
    parser.add_argument(
        "--staff",
        type=_int_at_least(10),
        default=1000,
        metavar="N",
        help="people in all pools together (default 1000)",
    )
    parser.add_argument(
        "--days", type=_int_at_least(1), default=1, metavar="N", help="event days (default 1)"
    )
    parser.add_argument(
        "--slot-minutes",
        type=int,
        default=15,
        metavar="M",
        help="planning slot length, a divisor of 60 (default 15)",
    )
    parser.add_argument(
        "--hours",
        type=int,
        default=16,
        metavar="H",
        help="planned hours per day, 8 to 20, ending at midnight (default 16)",
    )
    _add_shape_arguments(parser)
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="seed (default 0)")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="scenario file to write (.yaml, .yml, .json or .toml)",
    )


def _add_shape_arguments(parser: argparse.ArgumentParser) -> None:
    """The knobs that make an event hard: staff short of need, long shifts, uneven posts."""
    parser.add_argument(
        "--shortage",
        type=float,
        metavar="S",
        help="share of the needed people the pools lack (0.1: 10%% short; "
        "-0.2: 20%% to spare); default from the seed",
    )
    parser.add_argument(
        "--shift-hours",
        type=_span,
        metavar="MIN:MAX",
        help="shortest and longest shift of every role but volunteers (default: each role's)",
    )
    parser.add_argument(
        "--uneven",
        type=float,
        default=0.0,
        metavar="U",
        help="spread of the need across posts, a log-normal sigma (default 0)",
    )


def _span(text: str) -> tuple[float, float]:
    low, sep, high = text.partition(":")
    try:
        if not sep:
            raise ValueError
        return float(low), float(high)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not MIN:MAX hours, e.g. 4:12") from None


def _int_at_least(low: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text)
        if value < low:
            raise argparse.ArgumentTypeError(f"must be {low} or more")
        return value

    return parse


def run(args: argparse.Namespace) -> int:
    """Generate, validate and write the scenario; a summary goes to stderr."""
    from eventplan.generate import Spec, generate_document
    from eventplan.generate.text import document_text
    from eventplan.io.atomic import write_text
    from eventplan.scenario import from_document
    from eventplan.scenario.reader import SUFFIXES

    out = Path(args.output)
    kind = SUFFIXES.get(out.suffix.lower())
    if kind is None:
        raise InputError(Problem(str(out), "", "give a .yaml, .yml, .json or .toml file name"))
    try:
        spec = Spec(
            staff=args.staff,
            posts=args.posts,
            attendance=args.attendance,
            days=args.days,
            slot_minutes=args.slot_minutes,
            hours=args.hours,
            seed=args.seed,
            shortage=args.shortage,
            shift_hours=args.shift_hours,
            uneven=args.uneven,
        )
    except ValueError as error:
        raise InputError(Problem("", "", str(error))) from None
    document = generate_document(spec)
    scenario = from_document(document, file=str(out))  # never write an invalid scenario
    write_text(out, document_text(document, kind))
    pools = ", ".join(f"{p.role} {p.count}" for p in scenario.pools)
    print(
        f"wrote {out}: {scenario.event.name}; {scenario.event.attendance:,} attendees, "
        f"{len(scenario.posts)} posts, {sum(p.count for p in scenario.pools):,} staff "
        f"({pools})",
        file=sys.stderr,
    )
    return 0
