"""``eventplan map PLAN_DIR``: draw a solved plan as the commander's offline map.

The plan folder must be one plan (its files those plan.json lists) and pass the checker, as
``eventplan check`` would run it against the folder's scenario.json. A plan that fails is
not drawn (exit 1, the violations listed) unless ``--force``; the map then carries a red
banner saying the plan does not pass the checker.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventplan.commands.language import add_language

NAME = "map"
HELP = "draw a solved plan as one offline HTML map"

#: Where maps go when ``-o`` is not given (``maps/<scenario id>.html``).
DEFAULT_FOLDER = Path("maps")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the plan folder, output, background, redaction and language options."""
    parser.add_argument("plan_dir", metavar="PLAN_DIR", help="folder written by eventplan solve")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="HTML file to write (default: maps/<scenario id>.html)",
    )
    parser.add_argument(
        "--tiles",
        default="none",
        metavar="none|osm|URL",
        help="background: none (default; works offline), osm (OpenStreetMap, "
        "needs network) or a tile URL template with {z}/{x}/{y}",
    )
    parser.add_argument(
        "--attribution", metavar="TEXT", help="attribution shown for a custom tile URL"
    )
    parser.add_argument(
        "--redact", action="store_true", help="show only how many people of each role, never names"
    )
    add_language(parser)
    parser.add_argument(
        "--force",
        action="store_true",
        help="draw a plan that does not pass the checker (the map says so in a banner)",
    )


#: Violations listed when a plan is refused.
SHOWN = 10


def run(args: argparse.Namespace) -> int:
    """Draw the map; exit 1 for a plan that fails the checker (unless ``--force``); problems
    with the plan folder raise :class:`InputError`."""
    from eventplan.checker import check_plan
    from eventplan.i18n import Texts
    from eventplan.render import load_bundle, write_map

    bundle = load_bundle(args.plan_dir)
    roles = {rid: role.label for rid, role in bundle.scenario.roles.items()}
    t = Texts(args.lang, roles)
    for warning in bundle.warnings:
        print(warning, file=sys.stderr)
    report = check_plan(bundle.scenario, args.plan_dir)
    if not report.ok:
        for violation in report.violations[:SHOWN]:
            print(violation.text(t), file=sys.stderr)
        if len(report.violations) > SHOWN:
            print(t("check.more", n=len(report.violations) - SHOWN), file=sys.stderr)
        print(f"{report.summary(t)} (eventplan check)", file=sys.stderr)
        if not args.force:
            print(t("map.refused"), file=sys.stderr)
            return 1
    output = (
        Path(args.output) if args.output else DEFAULT_FOLDER / f"{bundle.scenario.event.id}.html"
    )
    write_map(
        bundle,
        output,
        tiles=args.tiles,
        redact=args.redact,
        lang=args.lang,
        attribution=args.attribution,
        unchecked=not report.ok,
    )
    print(t("map.written", file=output))
    return 0
