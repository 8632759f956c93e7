"""``eventplan whatif SCENARIO -o OUT.csv``: sweeps, smallest force, no-show robustness.

Writes the sweep table (CSV, or Parquet for .parquet/.pq) and next to it an offline HTML chart
of the KPIs against the varied parameters (OUT.html). Ctrl-C stops the sweep and still writes
the rows finished by then (exit code 1, since the table is incomplete).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from eventplan.commands.arguments import fraction, positive, positive_int
from eventplan.commands.language import add_language
from eventplan.errors import InputError, Problem

if TYPE_CHECKING:
    import pandas as pd

    from eventplan.i18n import Texts

NAME = "whatif"
HELP = "solve many variants (head counts, no-shows, scenario changes); write a table and chart"

_EPILOG = """\
examples:
  eventplan whatif concert.yaml --vary police=150:250:10 -o police.csv
  eventplan whatif concert.yaml --vary police=150:250:25 --scale guard=0.8,1.0 -o grid.parquet
  eventplan whatif concert.yaml --min-force police -o least-police.csv
  eventplan whatif concert.yaml --no-show 0.05,0.1,0.2 --trials 20 --replan -o noshow.csv
  eventplan whatif concert.yaml --variants rain.yaml -o variants.csv
  eventplan whatif concert.yaml --vary police=150:250:10 --scheduler tcp://10.0.0.5:8786 -o p.csv

NAME is a pool id or a role id; a role is scaled over all its pools in proportion.
A variants file maps each variant's name to the scenario sections it changes, merged into the
scenario (mappings merge, lists of items with ids merge by id, other lists are replaced).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the scenario, the output and the options of the sweep."""
    parser.epilog = _EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario file")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="table to write: .csv, .parquet or .pq (the chart goes to OUT.html)",
    )
    _add_variations(parser)
    _add_solving(parser)
    add_language(parser)


def _add_variations(parser: argparse.ArgumentParser) -> None:
    """What changes between variants: head counts, partial scenarios, no-shows."""
    parser.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="NAME=START:STOP:STEP",
        help="head counts of a pool or role to try (STOP included); repeat for a grid",
    )
    parser.add_argument(
        "--scale",
        action="append",
        default=[],
        metavar="NAME=FACTOR",
        help="multiply a pool's or role's head count (several: F1,F2,...)",
    )
    parser.add_argument(
        "--variants", metavar="FILE", help="YAML/JSON file of named partial scenarios to try"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--min-force",
        metavar="NAME",
        help="find the smallest head count of a role or pool covering every critical need",
    )
    mode.add_argument(
        "--no-show",
        metavar="RATE",
        type=_rates,
        help="share of people who stay away (several: R1,R2,...)",
    )
    parser.add_argument(
        "--trials",
        type=positive_int,
        default=20,
        metavar="N",
        help="no-show trials per rate (default 20)",
    )
    parser.add_argument(
        "--replan",
        action="store_true",
        help="with --no-show: also solve again with the people who came",
    )


def _add_solving(parser: argparse.ArgumentParser) -> None:
    """How each variant is solved, and where."""
    parser.add_argument(
        "--seed", type=int, default=0, metavar="S", help="seed of the no-show draws and the solver"
    )
    parser.add_argument(
        "--time-limit",
        type=positive,
        default=60.0,
        metavar="S",
        help="seconds per solve (default 60)",
    )
    parser.add_argument(
        "--gap",
        type=fraction,
        metavar="G",
        help="stop each solve within this relative gap of the bound (default 0.001)",
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="local processes (default: one per core)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on this Dask scheduler (tcp://host:8786) instead",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="solve every variant from scratch (no warm start from the base)",
    )


def _rates(text: str) -> tuple[float, ...]:
    try:
        rates = tuple(float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("give rates such as 0.1 or 0.05,0.1,0.2") from None
    if not all(0 <= r <= 1 for r in rates):
        raise argparse.ArgumentTypeError("a rate lies between 0 and 1")
    return rates


def run(args: argparse.Namespace) -> int:
    """Run the sweep, write the table and chart; exit 1 when interrupted."""
    from eventplan.commands.problems import print_problems
    from eventplan.commands.progress import ProgressDisplay
    from eventplan.i18n import Texts
    from eventplan.io.atomic import write_text
    from eventplan.scenario import load
    from eventplan.whatif.chart import chart_html
    from eventplan.whatif.jobs import Job
    from eventplan.whatif.minforce import MinForceSettings
    from eventplan.whatif.noshow import NoShowSettings
    from eventplan.whatif.sweep import axes_of, run_sweep
    from eventplan.whatif.table import check_output, write_table
    from eventplan.whatif.warm import SolveOptions

    output = Path(args.output)
    check_output(output)
    axes = axes_of(args.vary, args.scale)
    if args.replan and args.no_show is None:
        raise InputError(Problem("--replan", "", "goes with --no-show"))
    scenario = load(args.scenario)
    t = Texts(args.lang, {rid: role.label for rid, role in scenario.roles.items()})
    print_problems(scenario.warnings, t)
    no_show = (
        NoShowSettings(args.no_show, args.trials, args.seed, args.replan)
        if (args.no_show is not None)
        else None
    )
    min_force = MinForceSettings(args.min_force) if args.min_force else None
    options = SolveOptions(time_limit=args.time_limit, seed=args.seed, warm=not args.cold)
    if args.gap is not None:
        options = dataclasses.replace(options, gap=args.gap)
    with ProgressDisplay(texts=t) as progress:
        table = run_sweep(
            scenario,
            lambda v: Job(v, no_show=no_show, min_force=min_force),
            vary=axes,
            variants=args.variants,
            options=options,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=progress.count,
            in_process=False,
        )
    write_table(table, output)
    chart = output.with_suffix(".html")
    title = f"What-if: {scenario.event.name}"
    write_text(chart, chart_html(table, title, [a.column for a in axes]))
    _report(table, output, chart, t)
    if table.attrs.get("interrupted"):
        done = table["index"].nunique() if len(table) else 0
        print(
            t("whatif.interrupted", done=done, total=table.attrs.get("variants")), file=sys.stderr
        )
        return 1
    return 0


def _report(table: pd.DataFrame, output: Path, chart: Path, t: Texts) -> None:
    failed = table[table["error"].notna()] if "error" in table.columns else table.iloc[:0]
    for _, row in failed.iterrows():
        error = t.message(str(row["error"]))
        print(t("whatif.failed", variant=row["variant"], error=error), file=sys.stderr)
    if "answer" in table.columns:
        for _, row in table[table["answer"].fillna(False).astype(bool)].iterrows():
            name = row["min_force"]
            line = t(
                "whatif.min_force",
                variant=row["variant"],
                name=t.role(name),
                count=int(row[f"count:{name}"]),
                pools=row["pools"],
                bound=int(row["lower_bound"]),
            )
            print(line)
    print(t("whatif.wrote", file=output, rows=len(table), chart=chart))
