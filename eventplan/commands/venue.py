"""``eventplan venue``: work on venue graphs; ``venue import`` builds one from OpenStreetMap."""

from __future__ import annotations

import argparse
import sys

from eventplan.errors import InputError, Problem

NAME = "venue"
HELP = "Build venue graphs (import from an OpenStreetMap extract)."

_IMPORT_HELP = "Build a venue (nodes, edges, zones) from an OpenStreetMap extract."
_IMPORT_EPILOG = """\
examples:
  eventplan venue import fontvieille.osm.pbf --around "Stade Louis II" --radius 400 -o venue.yaml
  eventplan venue import city.osm.pbf --bbox 43.7215,7.4060,43.7335,7.4250 -o venue.yaml
  eventplan venue import fontvieille.osm.pbf --around 49209155 -o venue.yaml --ground ground.geojson

The output holds one key, venue:, in the scenario format; paste it into a scenario file.
--ground also writes the area's buildings, roads, water and venue outlines as GeoJSON: name
it in the scenario (venue: {ground: ground.geojson, ...}) and the map draws it, offline.
Map data (c) OpenStreetMap contributors, ODbL 1.0: keep the attribution in the file.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``import`` subcommand."""
    sub = parser.add_subparsers(
        dest="venue_command", metavar="SUBCOMMAND", parser_class=type(parser)
    )
    imp = sub.add_parser(
        "import",
        help=_IMPORT_HELP,
        description=_IMPORT_HELP,
        epilog=_IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imp.add_argument("extract", metavar="EXTRACT", help="OpenStreetMap extract (.osm.pbf or .osm)")
    imp.add_argument("--bbox", metavar="S,W,N,E", help="keep only what lies in this box (degrees)")
    imp.add_argument(
        "--around",
        metavar="NAME_OR_OSM_ID",
        help='the venue: a name ("Stade Louis II") or an OSM id (49209155, way/49209155)',
    )
    imp.add_argument(
        "--radius",
        metavar="M",
        type=float,
        help="with --around: keep what lies within M metres of the venue (default 300)",
    )
    imp.add_argument("--name", help="venue name (default: the venue's name tag)")
    imp.add_argument(
        "--no-simplify",
        action="store_true",
        help="keep every OSM node instead of merging chains of plain junctions",
    )
    imp.add_argument("-o", "--output", required=True, metavar="FILE", help="YAML file to write")
    imp.add_argument(
        "--ground",
        metavar="FILE.geojson",
        help="also write the buildings, roads, water and venue outlines of the area (the map's "
        "base layer) to this GeoJSON file",
    )


def run(args: argparse.Namespace) -> int:
    """Run ``venue import``; problems with the input raise :class:`InputError`."""
    if getattr(args, "venue_command", None) != "import":
        message = "missing subcommand: eventplan venue import EXTRACT -o FILE"
        raise InputError(Problem("eventplan venue", "", message))
    from eventplan.osm import import_venue, parse_bbox, write_ground, write_venue

    bbox = parse_bbox(args.bbox) if args.bbox else None
    result = import_venue(
        args.extract,
        bbox=bbox,
        around=args.around,
        radius_m=args.radius,
        name=args.name,
        simplify=not args.no_simplify,
        ground=bool(args.ground),
    )
    write_venue(result, args.output)
    if args.ground:
        write_ground(result, args.ground)
    print(result.summary(), file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    for zone_id, notes in result.zone_notes.items():
        for note in notes:
            print(f"note: zone {zone_id}: {note}", file=sys.stderr)
    print(f"wrote {args.output}" + (f" and {args.ground}" if args.ground else ""), file=sys.stderr)
    return 0
