"""Bad input to ``eventplan venue import``: a clear message and exit code 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventplan import cli
from eventplan.errors import InputError
from eventplan.osm import import_venue, parse_bbox

EXTRACT = Path(__file__).parents[1] / "data" / "osm" / "monaco_stade_louis_ii.osm.pbf"


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        import_venue(tmp_path / "nowhere.osm.pbf")


@pytest.mark.parametrize("name", ["garbage.osm.pbf", "garbage.osm", "garbage.txt", "empty.osm"])
def test_file_that_is_not_osm(tmp_path, name):
    path = tmp_path / name
    path.write_text("" if name == "empty.osm" else "this is not map data\n")
    with pytest.raises(InputError, match="OpenStreetMap"):
        import_venue(path)


def test_osm_file_without_objects(tmp_path):
    path = tmp_path / "nothing.osm"
    path.write_text("<?xml version='1.0'?><osm version='0.6'></osm>\n")
    with pytest.raises(InputError, match="no OpenStreetMap data"):
        import_venue(path)


def test_empty_bbox_result():
    with pytest.raises(InputError, match="no walkable ways"):
        import_venue(EXTRACT, bbox=(10.0, 10.0, 10.01, 10.01))


@pytest.mark.parametrize("around", ["Stade de France", "999999999999", "node/49209155"])
def test_around_not_found(around):
    with pytest.raises(InputError, match="no object with this name or OSM id"):
        import_venue(EXTRACT, around=around)


@pytest.mark.parametrize(
    "text",
    ["", "1,2,3", "a,b,c,d", "1,2,3,4,5", "43.73,7.40,43.72,7.42", "43,7.42,44,7.40", "0,0,95,1"],
)
def test_malformed_bbox(text):
    with pytest.raises(InputError) as error:
        parse_bbox(text)
    assert str(error.value).startswith("--bbox: ")


def test_bbox_in_order():
    assert parse_bbox(" 43.7215, 7.4060,43.7335,7.4250") == (43.7215, 7.406, 43.7335, 7.425)


@pytest.mark.parametrize("radius", [0.0, -5.0, float("nan")])
def test_bad_radius(radius):
    with pytest.raises(InputError, match="--radius"):
        import_venue(EXTRACT, around="49209155", radius_m=radius)


def test_radius_without_around():
    with pytest.raises(InputError, match="needs --around"):
        import_venue(EXTRACT, radius_m=100)


@pytest.fixture
def venue_cli(monkeypatch):
    """The real ``eventplan`` entry point with the venue command listed."""
    if "venue" not in cli.COMMANDS:
        monkeypatch.setattr(cli, "COMMANDS", (*cli.COMMANDS, "venue"))
    return cli.main


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.osm.pbf"], "no such file"),
        ([str(EXTRACT), "--bbox", "1,2,3"], "--bbox"),
        ([str(EXTRACT), "--around", "Nowhere Arena"], "no object with this name"),
        ([str(EXTRACT), "--bbox", "10,10,10.01,10.01"], "no walkable ways"),
    ],
)
def test_cli_reports_input_errors_with_exit_2(venue_cli, tmp_path, capsys, args, message):
    out = tmp_path / "venue.yaml"
    code = venue_cli(["venue", "import", *args, "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_cli_writes_the_venue(venue_cli, tmp_path, capsys):
    out = tmp_path / "venue.yaml"
    code = venue_cli(
        [
            "venue",
            "import",
            str(EXTRACT),
            "--around",
            "Stade Louis II",
            "--radius",
            "150",
            "-o",
            str(out),
        ]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert out.read_text(encoding="utf-8").count("OpenStreetMap contributors") >= 2
    assert "nodes" in err and "wrote" in err


def test_cli_without_subcommand_is_a_usage_error(venue_cli, capsys):
    assert venue_cli(["venue"]) == 2
