"""The ground under the map: the plan folder's copy, the data block's ``ground`` and sector
areas, call signs and radio channels, and ground files that must be refused or drawn safely.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
import yaml

from eventplan import cli
from eventplan.errors import InputError
from eventplan.render import render_map
from eventplan.render.bundle import load_bundle
from eventplan.render.i18n import texts
from eventplan.render.layers import map_data
from eventplan.scenario import from_document, load
from eventplan.scenario import ground as ground_module
from eventplan.scenario.ground import read_ground
from tests.render import render_synth as synth
from tests.render.conftest import copy_plan
from tests.render.render_synth import HOSTILE, ROOT, SCRIPT_BREAK
from tests.render.test_map_browser import count_tags

MONACO_GROUND = ROOT / "scenarios" / "monaco-ground.geojson"


@pytest.fixture(scope="module")
def monaco(plans, tmp_path_factory) -> Path:
    """The solved Monaco plan, moved away from the scenario and its ground file."""
    return copy_plan(plans["monaco-match"], tmp_path_factory.mktemp("moved") / "plan")


def data_of(folder: Path) -> dict:
    return map_data(load_bundle(folder), redact=False, text=texts("en"))


def test_the_plan_folder_keeps_the_ground_and_names_it(monaco) -> None:
    scenario = json.loads((monaco / "scenario.json").read_text("utf-8"))
    assert scenario["venue"]["ground"] == "ground.geojson"
    assert read_ground(monaco / "ground.geojson") == read_ground(MONACO_GROUND)


def test_ground_data_block_of_the_monaco_match(monaco) -> None:
    expected = read_ground(MONACO_GROUND)
    ground = data_of(monaco)["ground"]
    assert ground["counts"] == expected.counts()
    assert ground["kinds"] == ["water", "green", "road", "path", "building", "venue"]
    for kind in ground["kinds"]:
        features = [f for f in expected.features if f.kind == kind]
        assert len(ground["areas"].get(kind, [])) == sum(len(f.polygons) for f in features)
        assert len(ground["lines"].get(kind, [])) == sum(len(f.lines) for f in features)
    building = next(f for f in expected.features if f.kind == "building")
    lon, lat = building.polygons[0][0][0]
    assert ground["areas"]["building"][0][0][0] == [lat, lon]  # Leaflet's [lat, lon]
    assert "OpenStreetMap contributors" in ground["attribution"]
    assert "ODbL" in ground["attribution"]


def test_the_page_with_its_ground_stays_one_offline_file(monaco) -> None:
    html = render_map(monaco)
    policy = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    assert "img-src data:;" in policy and "connect-src" not in policy
    assert "default-src 'none'" in policy
    data = html.split('id="eventplan-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["ground"]["counts"]["building"] > 100


def test_sectors_have_an_area_round_their_posts_and_their_radio(monaco) -> None:
    data = data_of(monaco)
    where = {post["i"]: post["ll"] for post in data["posts"]}
    for sector in data["sectors"]:
        area = shapely.MultiPolygon([shapely.Polygon(p[0], p[1:]) for p in sector["area"]]).buffer(
            1e-7
        )
        assert all(area.contains(shapely.Point(*where[i])) for i in sector["posts"])
        assert area.buffer(1e-6).contains(shapely.Point(*sector["at"]))
    radio = {s["id"]: (s["call"], s["channel"]) for s in data["sectors"]}
    assert radio["sector-main"] == ("Main", "1") and radio["sector-away"] == ("Away", "3")
    posts = {p["id"]: (p["call"], p["channel"]) for p in data["posts"]}
    assert posts["gate-nw-1-screening"] == ("Gate A", "1")
    assert posts["stand-main-stewards"] == ("", "")
    assert (data["command"]["call"], data["command"]["channel"]) == ("Control", "0")


def test_a_plan_without_ground_draws_none(plans) -> None:
    data = data_of(plans["concert"])
    assert data["ground"] is None
    assert {s["id"]: s["call"] for s in data["sectors"]}["sector-north"] == "北区"


# -- hostile ground files ----------------------------------------------------------------------
def scenario_with_ground(folder: Path, content: str | bytes, name: str = "g.geojson") -> Path:
    """A small scenario file naming ``name`` beside it, which holds ``content``."""
    document = synth.small_document()
    document["venue"]["ground"] = name
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
    target = folder / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, "utf-8")
    return path


def collection(*features: dict, **members: str) -> str:
    return json.dumps({"type": "FeatureCollection", **members, "features": list(features)})


def feature(kind: str, shape: str, coordinates: object, **properties: str) -> dict:
    return {
        "type": "Feature",
        "properties": {"kind": kind, **properties},
        "geometry": {"type": shape, "coordinates": coordinates},
    }


SQUARE = [[111.72, 40.81], [111.73, 40.81], [111.73, 40.82], [111.72, 40.81]]
LINE = [[111.72, 40.81], [111.73, 40.82]]


@pytest.mark.parametrize(
    "content, place, message",
    [
        ("[" * 200_000 + "]" * 200_000, "", "nesting is too deep"),
        ('{"type": "FeatureCollection", "features": [', "", "not valid JSON"),
        (collection(feature("road", "Polygon", [SQUARE])), "features[0].geometry.type", "a road"),
        (
            collection(feature("building", "LineString", LINE)),
            "features[0].geometry.type",
            "Polygon or MultiPolygon",
        ),
        (collection(feature("water", "Point", [1, 2])), "features[0].geometry.type", "got"),
        (
            collection(feature("building", "GeometryCollection", [])),
            "features[0].geometry.type",
            "got",
        ),
        (
            collection(feature("lava", "Polygon", [SQUARE])),
            "features[0].properties.kind",
            "expected one of",
        ),
        (
            collection(feature("road", "LineString", [[111.7, 40.8], "NaN"])),
            "features[0].geometry.coordinates[1]",
            "expected a position",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"kind": "road"}, "geometry": {"type": "LineString", "coordinates": '
            "[[111.7, NaN], [111.8, 40.8]]}}]}",
            "",
            "NaN is not a number JSON allows",
        ),
        (
            collection(feature("road", "LineString", [[7.0, 0], [0, 0]])).replace("7.0", "1e999"),
            "",
            "1e999 is not a finite number",
        ),
        (
            collection(feature("road", "LineString", [[200, 40], [111.7, 40.8]])),
            "features[0].geometry.coordinates[0]",
            "[lon, lat] in degrees",
        ),
        (
            collection(feature("road", "LineString", [[True, 40], [111.7, 40.8]])),
            "features[0].geometry.coordinates[0]",
            "[lon, lat]",
        ),
        (
            collection(feature("building", "Polygon", [[*SQUARE[:-1], [111.725, 40.815]]])),
            "features[0].geometry.coordinates[0]",
            "a ring must end where it starts",
        ),
        (
            collection(feature("building", "MultiPolygon", [[SQUARE], [[[0, 0]]]])),
            "features[0].geometry.coordinates[1][0]",
            "at least 4 positions",
        ),
        (json.dumps({"type": "Feature"}), "", "expected a GeoJSON FeatureCollection"),
        (json.dumps({"type": "FeatureCollection", "features": 3}), "features", "a list"),
        (collection(feature("road", "LineString", LINE), attribution=["x"]), "attribution", ""),
        (b"\x00\x01binary", "", "binary data"),
        (b'{"type": "Feature\xff"}', "", "not valid UTF-8"),
    ],
)
def test_a_hostile_ground_file_is_refused_with_its_place(tmp_path, content, place, message):
    path = scenario_with_ground(tmp_path, content)
    with pytest.raises(InputError) as caught:
        load(path)
    problem = caught.value.problems[0]
    assert problem.file == str(tmp_path / "g.geojson")
    assert problem.path == place
    assert message in problem.message


@pytest.mark.parametrize(
    "limit, value, content, message",
    [
        ("MAX_GROUND_BYTES", 2_000, " " * 2_001, "larger than"),
        ("MAX_FEATURES", 3, collection(*[feature("road", "LineString", LINE)] * 4), "features"),
        ("MAX_POSITIONS", 5, collection(*[feature("road", "LineString", LINE)] * 3), "positions"),
    ],
)
def test_a_ground_file_past_a_bound_is_refused(
    tmp_path, monkeypatch, limit, value, content, message
):
    monkeypatch.setattr(ground_module, limit, value)
    with pytest.raises(InputError, match=message):
        load(scenario_with_ground(tmp_path, content))


def test_missing_or_odd_ground_files_are_refused(tmp_path) -> None:
    document = synth.small_document()
    document["venue"]["ground"] = "absent.geojson"
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(document), "utf-8")
    with pytest.raises(InputError, match="found relative to the scenario file"):
        load(tmp_path / "s.yaml")
    (tmp_path / "folder.geojson").mkdir()
    document["venue"]["ground"] = "folder.geojson"
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(document), "utf-8")
    with pytest.raises(InputError, match="not a file"):
        load(tmp_path / "s.yaml")
    document["venue"]["ground"] = "ground.txt"
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(document), "utf-8")
    with pytest.raises(InputError, match=r"\.geojson or \.json"):
        load(tmp_path / "s.yaml")


def test_a_document_built_in_code_gives_the_collection_itself() -> None:
    document = synth.small_document()
    document["venue"]["ground"] = "g.geojson"
    with pytest.raises(InputError, match="names a ground file"):
        from_document(document)
    document["venue"]["ground"] = json.loads(collection(feature("road", "Polygon", [SQUARE])))
    with pytest.raises(InputError, match=r"venue\.ground: features\[0\]\.geometry\.type"):
        from_document(document)
    document["venue"]["ground"] = json.loads(collection(feature("road", "LineString", LINE)))
    assert from_document(document).venue.ground.counts() == {"road": 1}


def test_validate_reports_a_bad_ground_with_exit_2(tmp_path, capsys) -> None:
    path = scenario_with_ground(tmp_path, collection(feature("road", "Point", [1, 2])))
    code = cli.main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{tmp_path / 'g.geojson'}: features[0].geometry.type: a road is a" in err
    assert "Traceback" not in err


def test_markup_in_a_ground_file_is_drawn_as_text(tmp_path) -> None:
    content = collection(
        feature("building", "Polygon", [SQUARE], name=SCRIPT_BREAK),
        feature("road", "LineString", LINE, name=HOSTILE),
        attribution=f"Data {SCRIPT_BREAK}{HOSTILE}",
        source=SCRIPT_BREAK,
    )
    scenario = load(scenario_with_ground(tmp_path, content))
    folder = synth.write_plan(scenario, tmp_path / "plan")
    html = render_map(folder)
    data = html.split('id="eventplan-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and json.loads(data)["ground"]["attribution"].endswith(HOSTILE)
    assert count_tags(html, "img") == 0
    assert count_tags(html, "script") == 4  # Leaflet, the data block, the map, the page
