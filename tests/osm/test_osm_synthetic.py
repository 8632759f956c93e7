"""The importer on small hand-made extracts whose answers are known by construction.

Coordinates are laid out in metres east (x) and north (y) of 45N 5E. A 100 m square
stadium without entrance tags stands at (0..100, 0..100); a footway ring runs 20 m around it;
a footway crosses it west to east at y = 50; a footway dead-ends 2 m from its west wall at
y = 90; steps lead south from the ring; a bus stop and a car park lie off the ways.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest
import yaml

from eventplan.osm import import_venue, venue_yaml, write_venue
from eventplan.venue.geo import haversine_m

LAT0, LON0 = 45.0, 5.0
M_PER_DEG = 111_195.0


def ll(x: float, y: float) -> tuple[float, float]:
    return LAT0 + y / M_PER_DEG, LON0 + x / (M_PER_DEG * math.cos(math.radians(LAT0)))


class Osm:
    """A tiny OSM XML document builder."""

    def __init__(self) -> None:
        self.nodes: dict[int, tuple[float, float, dict]] = {}
        self.ways: list[tuple[int, list[int], dict]] = []
        self._ids: dict[tuple[float, float], int] = {}

    def node(self, x: float, y: float, **tags: str) -> int:
        key = (x, y)
        if key not in self._ids:
            self._ids[key] = len(self._ids) + 1
            self.nodes[self._ids[key]] = (*ll(x, y), {})
        self.nodes[self._ids[key]][2].update(tags)
        return self._ids[key]

    def way(self, way_id: int, points: list[tuple[float, float]], **tags: str) -> None:
        self.ways.append((way_id, [self.node(x, y) for x, y in points], tags))

    def write(self, path: Path) -> Path:
        def tag_xml(tags: dict) -> str:
            return "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items())

        meta = 'version="1" timestamp="2024-05-01T10:00:00Z"'
        lines = ["<?xml version='1.0' encoding='UTF-8'?>", '<osm version="0.6">']
        for nid, (lat, lon, tags) in self.nodes.items():
            lines.append(
                f'<node id="{nid}" {meta} lat="{lat:.7f}" lon="{lon:.7f}">{tag_xml(tags)}</node>'
            )
        for wid, refs, tags in self.ways:
            nds = "".join(f'<nd ref="{r}"/>' for r in refs)
            lines.append(f'<way id="{wid}" {meta}>{nds}{tag_xml(tags)}</way>')
        lines.append("</osm>")
        path.write_text("\n".join(lines), encoding="utf-8")
        return path


def arena(tagged_entrance: bool = False, capacity: str | None = None) -> Osm:
    osm = Osm()
    outline = [(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)]
    tags = {"leisure": "stadium", "name": "Test Arena"}
    if capacity:
        tags["capacity"] = capacity
    ring = [
        (-20, -20),
        (20, -20),
        (50, -20),
        (80, -20),
        (120, -20),
        (120, 50),
        (120, 120),
        (-20, 120),
        (-20, 90),
        (-20, 50),
        (-20, -20),
    ]
    osm.way(1, ring, highway="footway")
    osm.way(2, [(-20, 50), (-10, 50), (110, 50), (120, 50)], highway="footway", width="4")
    osm.way(3, [(50, -20), (50, -40), (50, -60)], highway="steps")
    osm.way(4, [(-20, 90), (-2, 90)], highway="footway")
    osm.way(5, [(300, 300), (320, 300), (340, 300)], highway="footway")  # cut off
    if tagged_entrance:
        osm.node(0, 100, entrance="main", name="Main entrance")
        osm.way(6, [(-20, 120), (0, 100)], highway="footway")
    osm.way(100, outline, **tags)
    osm.node(50, -65, highway="bus_stop", name="Arena")
    osm.node(150, 150, amenity="parking", name="Arena Parking")
    return osm


@pytest.fixture
def derived(tmp_path):
    return import_venue(arena().write(tmp_path / "arena.osm"), around="Test Arena", radius_m=500)


def _nodes(result):
    return {n["id"]: n for n in result.venue["nodes"]}


def test_gates_where_walkways_cross_or_meet_the_outline(derived):
    (zone,) = derived.venue["zones"]
    nodes = _nodes(derived)
    gates = sorted((round(nodes[g]["lat"], 6), round(nodes[g]["lon"], 6)) for g in zone["exits"])
    expected = sorted((round(a, 6), round(b, 6)) for a, b in [ll(0, 50), ll(100, 50), ll(-2, 90)])
    assert gates == expected
    assert derived.gates_derived == 3


def test_crossing_gates_keep_the_edge_length(derived, tmp_path):
    raw = import_venue(tmp_path / "arena.osm", around="Test Arena", radius_m=500, simplify=False)
    way2 = haversine_m(ll(-20, 50), ll(120, 50))
    widths = [e for e in raw.venue["edges"] if e["width_m"] == 4.0]
    assert sum(e["length_m"] for e in widths) == pytest.approx(way2, abs=0.3)
    total = sum(e["length_m"] for e in derived.venue["edges"])
    assert total == pytest.approx(sum(e["length_m"] for e in raw.venue["edges"]), abs=0.5)


def test_capacity_estimated_from_area_and_said_so(derived):
    (zone,) = derived.venue["zones"]
    assert zone["capacity"] == pytest.approx(10_000, rel=0.01)  # 10,000 m2 x 2/m2 x 0.5
    text = venue_yaml(derived)
    assert "# capacity estimated" in text


def test_tagged_capacity_and_tagged_entrance(tmp_path):
    path = arena(tagged_entrance=True, capacity="12,000").write(tmp_path / "a.osm")
    result = import_venue(path, around="100")
    (zone,) = result.venue["zones"]
    assert zone["capacity"] == 12000
    nodes = _nodes(result)
    assert [nodes[g].get("name") for g in zone["exits"]] == ["Main entrance"]
    assert result.gates_derived == 0


def test_stops_and_car_parks_are_linked(derived, tmp_path):
    nodes = _nodes(derived)
    assert nodes["transit-arena"]["kind"] == "transit"
    assert nodes["parking-arena-parking"]["kind"] == "parking"
    (link,) = [e for e in derived.venue["edges"] if "transit-arena" in (e["a"], e["b"])]
    # the 5 m link to the stop merges with the 40 m of steps that lead to it
    assert link["length_m"] == pytest.approx(45.0, abs=0.2)
    assert link["kind"] == "stairs"
    assert link["width_m"] == 2.0
    raw = import_venue(tmp_path / "arena.osm", around="Test Arena", radius_m=500, simplify=False)
    (link,) = [e for e in raw.venue["edges"] if "transit-arena" in (e["a"], e["b"])]
    assert (link["kind"], link["length_m"]) == ("walkway", pytest.approx(5.0, abs=0.2))


def test_chains_merge_with_length_narrowest_width_and_stairs(derived):
    graph = nx.Graph()
    for e in derived.venue["edges"]:
        graph.add_edge(e["a"], e["b"], **e)
    assert nx.is_connected(graph)
    degree_two = [n for n in graph if graph.degree(n) == 2]
    kinds = {_nodes(derived)[n]["kind"] for n in degree_two}
    assert kinds <= {"gate", "transit", "parking", "plaza"} | (
        {"junction"} if degree_two else set()
    )
    (stairs,) = [e for e in derived.venue["edges"] if e["kind"] == "stairs"]
    assert stairs["length_m"] == pytest.approx(45.0, abs=0.2)  # 40 m of steps, 5 m link
    assert derived.parts_dropped == 1 and derived.nodes_dropped == 3


def test_ids_and_yaml_round_trip(derived, tmp_path):
    out = tmp_path / "out" / "venue.yaml"
    write_venue(derived, out)
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert document == {"venue": derived.venue}
    ids = [n["id"] for n in derived.venue["nodes"]]
    assert ids[:3] == ["gate-1", "gate-2", "gate-3"]
    assert "2024-05-01" in out.read_text(encoding="utf-8")


def test_bbox_without_target_finds_the_venue(tmp_path):
    path = arena().write(tmp_path / "arena.osm")
    s, w = ll(-30, -70)
    n, e = ll(130, 130)
    result = import_venue(path, bbox=(s, w, n, e))
    assert [z["name"] for z in result.venue["zones"]] == ["Test Arena"]
    assert result.venue["name"] == "Test Arena"
    assert result.parts_dropped == 0  # the far footway lies outside the box
