"""Import of Stade Louis-II (Fontvieille, Monaco) from a real OpenStreetMap extract.

Figures from the extract (tests/data/osm/ATTRIBUTION.md): the stadium is leisure=stadium way
49209155 with capacity=18523, its outline carries no entrance node, the "Stade Louis II"
bus stop and the underground "Parking du Stade" lie beside it.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
import shapely
import yaml

from eventplan.osm import ATTRIBUTION, import_venue, write_venue
from eventplan.venue.geo import Projection

EXTRACT = Path(__file__).parents[1] / "data" / "osm" / "monaco_stade_louis_ii.osm.pbf"
ID = re.compile(r"^[A-Za-z0-9_.:-]+$")


@pytest.fixture(scope="module")
def imported():
    return import_venue(EXTRACT, around="49209155", radius_m=400)


@pytest.fixture(scope="module")
def written(imported, tmp_path_factory):
    out = tmp_path_factory.mktemp("venue") / "venue.yaml"
    write_venue(imported, out)
    return out


@pytest.fixture(scope="module")
def venue(written):
    return yaml.safe_load(written.read_text(encoding="utf-8"))["venue"]


def _graph(venue: dict) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in venue["nodes"])
    graph.add_edges_from((e["a"], e["b"]) for e in venue["edges"])
    return graph


def test_document_is_one_venue_mapping_in_the_scenario_format(written):
    document = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert list(document) == ["venue"]
    assert list(document["venue"]) == ["name", "nodes", "edges", "zones"]
    venue = document["venue"]
    assert venue["name"] == "Stade Louis-II"
    for node in venue["nodes"]:
        assert set(node) <= {"id", "kind", "name", "lat", "lon", "width_m", "area_m2"}
        assert node["kind"] in {"gate", "junction", "plaza", "parking", "transit"}
    for edge in venue["edges"]:
        assert set(edge) == {"a", "b", "kind", "width_m", "length_m"}
        assert edge["kind"] in {"walkway", "stairs", "road"}
        assert edge["width_m"] > 0 and edge["length_m"] > 0
    for zone in venue["zones"]:
        assert set(zone) <= {"id", "name", "capacity", "nodes", "exits", "polygon"}


def test_stadium_zone_has_tagged_capacity_and_outline(venue):
    (zone,) = venue["zones"]
    assert zone["name"] == "Stade Louis-II"
    assert zone["capacity"] == 18523
    assert len(zone["polygon"]) >= 50
    lat, lon = zone["polygon"][0]
    assert 43.72 < lat < 43.74 and 7.40 < lon < 7.43


def test_gates_are_derived_on_the_outline(venue, imported):
    (zone,) = venue["zones"]
    nodes = {n["id"]: n for n in venue["nodes"]}
    assert len(zone["exits"]) >= 4
    assert imported.gates_derived == len(zone["exits"])
    proj = Projection(*zone["polygon"][0])
    outline = shapely.Polygon([proj.xy(tuple(p)) for p in zone["polygon"]])
    for gate_id in zone["exits"]:
        gate = nodes[gate_id]
        assert gate["kind"] == "gate"
        assert outline.exterior.distance(shapely.Point(proj.xy((gate["lat"], gate["lon"])))) <= 20.0
        assert gate_id in zone["nodes"]
    for node_id in zone["nodes"]:
        q = shapely.Point(proj.xy((nodes[node_id]["lat"], nodes[node_id]["lon"])))
        assert outline.contains(q) or outline.exterior.distance(q) <= 5.0


def test_bus_stop_and_car_park_are_nodes(venue):
    nodes = {n["id"]: n for n in venue["nodes"]}
    stop = nodes["transit-stade-louis-ii"]
    assert stop["kind"] == "transit" and stop["name"] == "Stade Louis II"
    parks = [n for n in venue["nodes"] if n.get("name") == "Parking du Stade"]
    assert [p["kind"] for p in parks] == ["parking"]
    graph = _graph(venue)
    assert graph.degree("transit-stade-louis-ii") >= 1
    assert graph.degree(parks[0]["id"]) >= 1


def test_one_connected_graph_of_a_few_hundred_nodes(venue, imported):
    graph = _graph(venue)
    assert nx.is_connected(graph)
    assert 150 <= graph.number_of_nodes() <= 800
    assert graph.number_of_nodes() < imported.nodes_before / 2
    assert graph.number_of_edges() == len(venue["edges"])  # no duplicate edges
    assert imported.parts_dropped > 0 and imported.nodes_dropped > 0


def test_ids_are_unique_and_readable(venue):
    ids = [n["id"] for n in venue["nodes"]]
    assert len(ids) == len(set(ids))
    assert all(ID.match(i) for i in ids)
    assert {"gate-1", "gate-2", "gate-3"} <= set(ids)
    assert all(
        i.startswith("j-")
        for i in ids
        if i.split("-")[0] not in {"gate", "transit", "parking", "plaza"}
    )


def test_lengths_survive_simplification(venue):
    raw = import_venue(EXTRACT, around="49209155", radius_m=400, simplify=False)
    before = sum(e["length_m"] for e in raw.venue["edges"])
    after = sum(e["length_m"] for e in venue["edges"])
    assert after == pytest.approx(before, rel=0.005)
    assert len(raw.venue["nodes"]) > 2 * len(venue["nodes"])
    assert nx.is_connected(_graph(raw.venue))


def test_stairs_and_roads_are_kept_apart(venue):
    kinds = {e["kind"] for e in venue["edges"]}
    assert kinds == {"walkway", "stairs", "road"}
    stairs = [e for e in venue["edges"] if e["kind"] == "stairs"]
    assert len(stairs) >= 10


def test_attribution_and_source_in_header_and_venue(written):
    text = written.read_text(encoding="utf-8")
    head, body = text.split("\nvenue:\n", 1)
    assert ATTRIBUTION in head
    assert "monaco_stade_louis_ii.osm.pbf" in head and "2021-04-18" in head
    assert "parts cut off" in head
    first = body.splitlines()[0].strip()
    assert first.startswith("# source: monaco_stade_louis_ii.osm.pbf (2021-04-18)")
    assert ATTRIBUTION in first
    assert not list(written.parent.glob(".*.tmp"))


def test_around_by_name_finds_the_stadium(imported):
    by_name = import_venue(EXTRACT, around="Stade Louis II", radius_m=400)
    assert by_name.venue == imported.venue
    assert "way/49209155" in by_name.region


def test_import_is_deterministic(imported):
    again = import_venue(EXTRACT, around="way/49209155", radius_m=400)
    assert again.venue == imported.venue


def test_bbox_import_makes_a_zone_per_outer_venue():
    result = import_venue(EXTRACT, bbox=(43.7215, 7.4060, 43.7335, 7.4250))
    names = [z.get("name") for z in result.venue["zones"]]
    assert "Stade Louis-II" in names
    assert len(names) == len(set(names))
    estimated = [z for z in result.venue["zones"] if z.get("name") != "Stade Louis-II"]
    assert all(any("estimated" in n for n in result.zone_notes[z["id"]]) for z in estimated)
