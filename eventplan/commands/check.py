"""``eventplan check SCENARIO PLAN_DIR``: re-verify a plan folder, independently of the solver."""

from __future__ import annotations

import argparse
import sys

from eventplan.commands.language import add_language

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
    parser.add_argument(
        "--parent",
        metavar="OLD_DIR",
        help="for a folder written by replan: its parent plan, which must not differ before "
        "the time of the replan",
    )
    add_language(parser)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when the plan holds, 1 with the violations listed when it does not."""
    from eventplan.checker import check_plan
    from eventplan.commands.problems import print_problems
    from eventplan.i18n import Texts
    from eventplan.scenario import load

    scenario = load(args.scenario)
    t = Texts(args.lang, {rid: role.label for rid, role in scenario.roles.items()})
    print_problems(scenario.warnings, t)
    report = check_plan(scenario, args.plan_dir, args.parent)
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    shown = max(0, args.show)
    for violation in report.violations[:shown]:
        print(violation.text(t))
    if len(report.violations) > shown:
        print(t("check.more", n=len(report.violations) - shown))
    print(report.summary(t))
    return 0 if report.ok else 1
