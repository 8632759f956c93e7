"""Writing an imported venue as YAML, atomically.

The document holds one key, ``venue``, in the scenario format, so it can be pasted into a
scenario file. The OpenStreetMap attribution the ODbL asks for, the extract's name and the
date of its data stand in the header comment and again in a comment inside ``venue``, which
travels with the section when it is pasted. Nodes and edges are one flow mapping per line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from eventplan.io.atomic import write_bytes, write_text
from eventplan.osm.importer import VenueImport, missing_text
from eventplan.osm.model import ATTRIBUTION, LICENCE_URL

#: libyaml's safe dumper when PyYAML was built with it (3x faster), else the pure one.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _flow(value: Any) -> str:
    """One YAML flow item on a single line (``{id: gate-1, kind: gate, ...}``)."""
    text = yaml.dump(
        value,
        Dumper=_DUMPER,
        default_flow_style=True,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
    )
    return text.strip().removesuffix("...").strip()


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.splitlines()]


def source_line(result: VenueImport) -> str:
    """File name, data date and attribution in one line."""
    date = result.source_date.strftime("%Y-%m-%d")
    return f"source: {result.source_file} ({date}), map data {ATTRIBUTION}"


def header(result: VenueImport) -> list[str]:
    """The comment block at the top of the file."""
    date = result.source_date.strftime("%Y-%m-%d %H:%M UTC")
    v = result.venue
    lines = [
        f"Venue graph imported from OpenStreetMap: {v['name']}",
        f"Map data {ATTRIBUTION} ({LICENCE_URL}).",
        "Derived data published from this file stays under the ODbL 1.0 and keeps this notice.",
        f"Source extract: {result.source_file}, data as of {date} ({result.date_source})",
        f"Area: {result.region}",
        f"Graph: {len(v['nodes'])} nodes ({result.count('gate')} gates, "
        f"{result.count('transit')} transit, {result.count('parking')} parking, "
        f"{result.count('plaza')} plazas), {len(v['edges'])} edges, {len(v['zones'])} zones",
    ]
    if result.parts_dropped:
        lines.append(
            f"Kept the largest connected part: {result.parts_dropped} parts cut off, "
            f"{result.nodes_dropped} nodes dropped"
        )
    if result.nodes_missing:
        lines.append(missing_text(result.nodes_missing))
    if not (result.parts_dropped or result.nodes_missing):
        lines.append("The walk network is one connected part: nothing dropped")
    if result.ground is not None:
        counts = ", ".join(f"{n} {kind}" for kind, n in result.ground.counts().items())
        lines.append(f"Ground for the map's base layer (--ground): {counts or 'nothing'}")
    lines += [f"Note: {note}" for note in result.notes]
    lines.append("Edge lengths are along the ways (haversine); widths from width tags or by type.")
    return lines


def venue_yaml(result: VenueImport) -> str:
    """The whole document: header comment, then ``venue:`` in the scenario format."""
    v = result.venue
    out = _comment("\n".join(header(result)))
    out += ["venue:", f"  # {source_line(result)}", f"  name: {_flow(v['name'])}", "  nodes:"]
    for node in v["nodes"]:
        out.append(f"    - {_flow(node)}")
    out.append("  edges:")
    for edge in v["edges"]:
        out.append(f"    - {_flow(edge)}")
    out.append("  zones:" if v["zones"] else "  zones: []")
    for zone in v["zones"]:
        for note in result.zone_notes.get(zone["id"], []):
            out += _comment(note, "    ")
        first = True
        for key, value in zone.items():
            out.append(f"    {'- ' if first else '  '}{key}: {_flow(value)}")
            first = False
    return "\n".join(out) + "\n"


def write_venue(result: VenueImport, path: str | Path) -> None:
    """Write the imported venue to ``path`` as YAML, atomically (temporary file, rename)."""
    write_text(path, venue_yaml(result))


def write_ground(result: VenueImport, path: str | Path) -> None:
    """Write the imported ground to ``path`` as GeoJSON, atomically (the file a scenario
    names in ``venue.ground``).

    Raises
    ------
    ValueError
        When the import was made without its ground.
    """
    if result.ground is None:
        raise ValueError("the venue was imported without its ground (import_venue(ground=True))")
    write_bytes(path, result.ground.to_bytes())
