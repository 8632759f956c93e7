"""Writing scenarios out: every format reads back to an equal scenario.

The bundled scenarios in scenarios/ take the same round trip, so that a planner can turn any
of them into JSON or TOML and back without losing anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventplan.scenario import Scenario, dump, dumps, load

from .documents import deployable, multi_day, small, valid, write

BUNDLED = sorted((Path(__file__).parents[2] / "scenarios").glob("*.yaml"))
FORMATS = ("yaml", "json", "toml")


def round_trip(scenario: Scenario, folder: Path, kind: str) -> Scenario:
    return load(write(folder, f"copy.{kind}", dumps(scenario, kind)))


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize(
    "document", [small, multi_day, deployable], ids=["one-day", "multi-day", "deployable"]
)
def test_every_format_reads_back_equal(tmp_path, document, kind):
    scenario = valid(document())
    again = round_trip(scenario, tmp_path, kind)
    assert again == scenario
    assert round_trip(again, tmp_path, kind) == scenario  # and stays so


def test_end_of_day_is_written_as_24_00(tmp_path):
    text = dumps(valid(multi_day()), "yaml")
    assert "end: '24:00'" in text


def test_people_are_written_inline(tmp_path):
    doc = small()
    doc["people"] = [
        {
            "id": "p1",
            "name": "Ann",
            "role": "police",
            "pool": "district-police",
            "available_from": "2025-07-12T15:00",
        },
    ]
    scenario = valid(doc)
    for kind in FORMATS:
        again = round_trip(scenario, tmp_path, kind)
        assert (
            again == scenario
            and again.people[0].available_from == scenario.people[0].available_from
        )


def test_absent_optional_values_are_left_out():
    doc = small()
    del doc["venue"]["nodes"][0]["name"]
    text = dumps(valid(doc), "json")
    assert "null" not in text


def test_dump_chooses_the_format_by_extension(tmp_path):
    scenario = valid(small())
    for name in ("a.yaml", "a.yml", "a.json", "a.toml"):
        dump(scenario, tmp_path / "out" / name)
        assert load(tmp_path / "out" / name) == scenario
    assert not list((tmp_path / "out").glob(".*.tmp"))  # written atomically, nothing left over
    with pytest.raises(ValueError, match=r"unsupported scenario file type '\.txt'"):
        dump(scenario, tmp_path / "a.txt")
    with pytest.raises(ValueError, match="unknown scenario format 'xml'"):
        dumps(scenario, "xml")


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_scenarios_read_back_equal(tmp_path, path, kind):
    scenario = load(path)
    assert round_trip(scenario, tmp_path, kind) == scenario
