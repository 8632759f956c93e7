"""``eventplan map PLAN_DIR``: draw a solved plan as the commander's offline map."""

from __future__ import annotations

import argparse
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


def run(args: argparse.Namespace) -> int:
    """Draw the map; problems with the plan folder raise :class:`InputError`."""
    from eventplan.i18n import Texts
    from eventplan.render import load_bundle, write_map

    bundle = load_bundle(args.plan_dir)
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
    )
    print(Texts(args.lang)("map.written", file=output))
    return 0
