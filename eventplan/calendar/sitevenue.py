"""A site given by a venue file instead of a point.

A site may name a venue file (``venue: stadium.yaml``, relative to the calendar), in the
scenario's format as ``eventplan venue import`` writes it (one key, ``venue``, with its nodes
and edges). The calendar needs the site's point: where none is given, it is the centre of the
venue's gates (of all its nodes when it has no gate). The file is read with the scenario's
bounded reader and its venue validated like a scenario's; its problems are the site's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from eventplan.errors import InputError
from eventplan.scenario.findings import Place, format_path
from eventplan.scenario.reader import read_document

#: Problems of one venue file shown in the site's message.
SHOWN = 3


def fill_site_points(document: Any, base: Path) -> list[tuple[Place, str]]:
    """Give every site that names a venue file and no point the venue's point, in place;
    the problems of the venue files, each at its site's ``venue``."""
    sites = document.get("sites") if isinstance(document, dict) else None
    if not isinstance(sites, list):
        return []
    problems: list[tuple[Place, str]] = []
    for index, site in enumerate(sites):
        name = site.get("venue") if isinstance(site, dict) else None
        if not isinstance(name, str):
            continue  # no venue, or not a file name: the model says so
        try:
            lat, lon = venue_point(base / name, name)
        except InputError as error:
            shown = "; ".join(str(problem) for problem in error.problems[:SHOWN])
            problems.append((("sites", index, "venue"), shown))
            lat, lon = 0.0, 0.0  # the venue's problem is the one to report, not a missing point
        site.setdefault("lat", lat)
        site.setdefault("lon", lon)
    return problems


def venue_point(path: Path, shown: str) -> tuple[float, float]:
    """The centre of a venue file's gates (of all its nodes when it has none).

    Raises
    ------
    InputError
        For a file that cannot be read or a venue that is not valid.
    """
    from eventplan.errors import Problem
    from eventplan.scenario.model import Venue

    if not path.is_file():
        raise InputError(Problem(shown, "", "no such venue file (relative to the calendar)"))
    document, _ = read_document(path, shown)
    section = document.get("venue")
    if not isinstance(section, dict):
        raise InputError(Problem(shown, "venue", "is required (as eventplan venue import writes)"))
    try:
        # The ground drawn under an event's map is not the calendar's: left unread.
        venue = Venue.model_validate({k: v for k, v in section.items() if k != "ground"})
    except ValidationError as error:
        found = [
            Problem(shown, format_path(("venue", *item["loc"])), item["msg"])
            for item in error.errors()
        ]
        raise InputError(found) from None
    gates = [node for node in venue.nodes if node.kind == "gate"] or list(venue.nodes)
    return (
        sum(node.lat for node in gates) / len(gates),
        sum(node.lon for node in gates) / len(gates),
    )
