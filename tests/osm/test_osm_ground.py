"""The ground of an import (``--ground``): what each tag becomes, the sea from the coastline,
the box, the rounding and the bound on size; and the Monaco ground the bundled match uses.

The hand-made extract builds on the arena of ``test_osm_synthetic`` (metres east and north of
45N 5E, a 100 m stadium at 0..100): the region is the arena's outline widened by 500 m on
every side, so the ground's box runs from about -500 to 600 m both ways.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely

from eventplan import cli
from eventplan.osm import ground as osm_ground
from eventplan.osm import import_venue, write_ground
from eventplan.osm.reader import read_extract
from eventplan.osm.region import Region
from eventplan.scenario.ground import Ground, ground_from_geojson, read_ground
from eventplan.venue.geo import Projection
from tests.osm.test_osm_synthetic import LAT0, LON0, arena

ROOT = Path(__file__).parents[2]
EXTRACT = ROOT / "tests" / "data" / "osm" / "monaco_stade_louis_ii.osm.pbf"
MONACO_GROUND = ROOT / "scenarios" / "monaco-ground.geojson"
PROJ = Projection(LAT0, LON0)


def square(x: float, y: float, size: float) -> list[tuple[float, float]]:
    return [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]


def surroundings(coast_eastward: bool = True) -> object:
    """The arena with one of each kind of ground, things the ground leaves out, and a coast
    along y = -450 (the sea south of it when the coast runs east: land on its left)."""
    osm = arena()
    osm.way(200, square(200, 200, 40), building="yes")
    osm.way(201, square(300, 200, 30), building="yes", location="underground")
    osm.way(202, square(2000, 2000, 30), building="yes")  # outside the box
    osm.way(203, square(300, -100, 50), natural="water")
    osm.way(204, square(-300, 200, 80), leisure="park")
    osm.way(205, [(-400, -300), (0, -300), (400, -300)], highway="residential")
    osm.way(206, [(-400, -350), (400, -350)], highway="primary", tunnel="yes")
    coast = [(-700, -450), (0, -450), (700, -450)]
    osm.way(207, coast if coast_eastward else coast[::-1], natural="coastline")
    return osm


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    path = surroundings().write(tmp_path_factory.mktemp("ground") / "arena.osm")
    return import_venue(path, around="Test Arena", radius_m=500, ground=True)


def shapes(ground: Ground, kind: str) -> list[shapely.Geometry]:
    """The ground's features of one kind, in metres around 45N 5E."""
    out = []
    for feature in ground.features:
        if feature.kind != kind:
            continue
        for polygon in feature.polygons:
            rings = [PROJ.xy_array([(lat, lon) for lon, lat in ring]) for ring in polygon]
            out.append(shapely.Polygon(rings[0], rings[1:]))
        for line in feature.lines:
            out.append(shapely.LineString(PROJ.xy_array([(lat, lon) for lon, lat in line])))
    return out


def covers(ground: Ground, kind: str, x: float, y: float) -> bool:
    return any(s.buffer(0.5).contains(shapely.Point(x, y)) for s in shapes(ground, kind))


def test_each_tag_becomes_its_kind_and_hidden_things_stay_out(imported):
    ground = imported.ground
    assert ground is not None
    assert ground.counts() == {
        "water": 2,  # the pond and the sea
        "green": 1,
        "road": 1,
        "path": 5,  # the arena's footways (one cut off from the rest) and steps
        "building": 1,  # not the underground one, not the one far away
        "venue": 1,
    }
    assert covers(ground, "building", 220, 220)
    assert not covers(ground, "building", 315, 215)
    assert covers(ground, "water", 325, -75)
    assert covers(ground, "green", -260, 240)
    assert covers(ground, "road", 100, -300)
    assert not covers(ground, "road", 100, -350)  # the tunnel
    (venue,) = [f for f in ground.features if f.kind == "venue"]
    assert venue.name == "Test Arena"
    assert "OpenStreetMap contributors" in ground.attribution and "ODbL" in ground.attribution
    assert "arena.osm" in ground.source


@pytest.mark.parametrize("eastward", [True, False])
def test_the_sea_lies_right_of_the_coastline(tmp_path, eastward):
    path = surroundings(eastward).write(tmp_path / "coast.osm")
    ground = import_venue(path, around="Test Arena", radius_m=500, ground=True).ground
    assert ground is not None
    south, north = covers(ground, "water", 50, -480), covers(ground, "water", 50, 300)
    assert (south, north) == ((True, False) if eastward else (False, True))


def test_shapes_are_clipped_to_the_region_box_and_rounded(imported, tmp_path):
    extract = read_extract(surroundings().write(tmp_path / "arena.osm"), "Test Arena")
    region = Region(target=extract.targets[0], radius_m=500)
    south, west, north, east = region.envelope()
    for feature in imported.ground.features:
        rings = [r for p in feature.polygons for r in p] + list(feature.lines)
        for lon, lat in (position for ring in rings for position in ring):
            assert south - 1e-6 <= lat <= north + 1e-6 and west - 1e-6 <= lon <= east + 1e-6
            assert round(lon, 6) == lon and round(lat, 6) == lat
    (road,) = shapes(imported.ground, "road")
    assert road.length == pytest.approx(800, abs=1)  # the whole road lies inside the box


def test_the_file_reads_back_as_the_same_ground(imported, tmp_path):
    out = tmp_path / "ground.geojson"
    write_ground(imported, out)
    assert read_ground(out) == imported.ground
    assert ground_from_geojson(imported.ground.to_geojson()) == imported.ground


def test_a_ground_too_large_is_simplified_then_thinned_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(osm_ground, "MAX_POSITIONS", 20)
    path = surroundings().write(tmp_path / "arena.osm")
    result = import_venue(path, around="Test Arena", radius_m=500, ground=True)
    assert sum(f.positions() for f in result.ground.features) <= 20
    notes = " ".join(result.notes)
    assert "simplified to 8 m" in notes and "smallest features left out" in notes
    assert result.ground.counts()["water"] >= 1  # the largest shapes stay


def test_without_ground_the_extract_is_read_once_and_nothing_is_kept(tmp_path):
    path = surroundings().write(tmp_path / "arena.osm")
    assert import_venue(path, around="Test Arena", radius_m=500).ground is None


def test_monaco_ground_is_the_committed_file():
    """The bundled match's ground is exactly what the command in its header writes."""
    result = import_venue(
        EXTRACT,
        around="49209155",
        radius_m=300,
        name="Stade Louis-II, Fontvieille, Monaco",
        ground=True,
    )
    ground = result.ground
    assert ground is not None
    assert ground.to_bytes() == MONACO_GROUND.read_bytes()
    counts = ground.counts()
    assert set(counts) == {"water", "green", "road", "path", "building", "venue"}
    assert counts["building"] >= 100 and counts["road"] >= 100
    names = {f.name for f in ground.features if f.kind == "venue"}
    assert "Stade Louis-II" in names
    assert len(MONACO_GROUND.read_bytes()) < 300_000


@pytest.fixture
def venue_cli(monkeypatch):
    if "venue" not in cli.COMMANDS:
        monkeypatch.setattr(cli, "COMMANDS", (*cli.COMMANDS, "venue"))
    return cli.main


def test_cli_writes_the_ground_beside_the_venue(venue_cli, tmp_path, capsys):
    path = surroundings().write(tmp_path / "arena.osm")
    out, ground = tmp_path / "venue.yaml", tmp_path / "ground.geojson"
    args = ["venue", "import", str(path), "--around", "Test Arena", "--radius", "500"]
    code = venue_cli([*args, "-o", str(out), "--ground", str(ground)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert read_ground(ground).counts()["building"] == 1
    assert "# Ground for the map's base layer (--ground): 2 water" in out.read_text("utf-8")
    assert f"and {ground}" in err
