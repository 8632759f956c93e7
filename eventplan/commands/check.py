"""``eventplan check SCENARIO PLAN_DIR``: re-verify a plan folder, independently of the solver."""

from __future__ import annotations

import argparse
import sys

NAME = "check"
HELP = "re-verify a plan folder against its scenario, without the solver"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario (.yaml, .json, .toml)")
    parser.add_argument(
        "plan_dir", metavar="PLAN_DIR", help="folder with plan.json, roster.csv, coverage.csv"
    )
    parser.add_argument(
        "--show",
        type=int,
        default=50,
        metavar="N",
        help="list at most N violations (default 50)",
    )


def run(args: argparse.Namespace) -> int:
    """Exit 0 when the plan holds, 1 with the violations listed when it does not."""
    from eventplan.checker import check_plan
    from eventplan.scenario import load

    scenario = load(args.scenario)
    for warning in scenario.warnings:
        print(warning, file=sys.stderr)
    report = check_plan(scenario, args.plan_dir)
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    shown = max(0, args.show)
    for violation in report.violations[:shown]:
        print(violation)
    if len(report.violations) > shown:
        print(f"... and {len(report.violations) - shown} more")
    print(report.summary())
    return 0 if report.ok else 1
