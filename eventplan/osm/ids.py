"""Readable, stable, unique venue node ids: ``gate-3``, ``transit-stade-louis-ii``, ``j-123456``."""

from __future__ import annotations

import math
import re

import networkx as nx

from eventplan.osm.reader import normalize_name

_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]+")
_DIGITS = re.compile(r"(\d+)")

#: Order of node kinds in the written file.
KIND_ORDER = {"gate": 0, "transit": 1, "parking": 2, "plaza": 3, "junction": 4}


def natural_key(text: str) -> list:
    """Sort key that puts ``gate-2`` before ``gate-10``."""
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(text)]


def slug(text: str) -> str:
    """``"Parking du Stade"`` -> ``"parking-du-stade"``; empty for names without Latin letters."""
    return normalize_name(text).replace(" ", "-")


def bearing(origin: tuple[float, float], p: tuple[float, float]) -> float:
    """Compass bearing in degrees (0 = north, clockwise) from ``origin`` to ``p``."""
    dx = (p[1] - origin[1]) * math.cos(math.radians(origin[0]))
    dy = p[0] - origin[0]
    return math.degrees(math.atan2(dx, dy)) % 360


def _osm_suffix(graph: nx.Graph, node: object) -> str:
    osm = graph.nodes[node].get("osm", "")
    if osm.startswith("node/"):
        return osm[5:]
    if osm:
        return osm[0] + osm.split("/", 1)[1]  # way/42 -> w42
    return "x" + _UNSAFE.sub("-", str(node))


def assign_ids(graph: nx.Graph, gate_order: list) -> dict[object, str]:
    """Map every graph node to its venue id.

    Gates are numbered in ``gate_order`` (then any others, north to south); transit, parking
    and plaza nodes are named by their name tag, or by OSM id when unnamed; junctions by
    OSM node id. A clash gets a ``-2``, ``-3`` ... suffix.
    """
    ids: dict[object, str] = {}
    used: set[str] = set()

    def claim(node: object, base: str) -> None:
        base = _UNSAFE.sub("-", base).strip("-") or "n"
        candidate, k = base, 1
        while candidate in used:
            k += 1
            candidate = f"{base}-{k}"
        used.add(candidate)
        ids[node] = candidate

    gates = [n for n in dict.fromkeys(gate_order) if n in graph]
    rest = [n for n, kind in graph.nodes(data="kind") if kind == "gate" and n not in set(gates)]
    rest.sort(key=lambda n: (-graph.nodes[n]["lat"], graph.nodes[n]["lon"]))
    for i, node in enumerate(gates + rest, start=1):
        claim(node, f"gate-{i}")
    order = sorted(
        (n for n in graph if n not in ids),
        key=lambda n: (graph.nodes[n]["kind"], str(graph.nodes[n].get("osm", "")), str(n)),
    )
    for node in order:
        attrs = graph.nodes[node]
        kind = attrs["kind"]
        if kind == "junction":
            claim(node, f"j-{_osm_suffix(graph, node)}")
            continue
        name = slug(attrs.get("name", ""))
        if not name:
            claim(node, f"{kind}-{_osm_suffix(graph, node)}")
        elif name == kind or name.startswith(kind + "-"):
            claim(node, name)
        else:
            claim(node, f"{kind}-{name}")
    return ids
