"""``eventplan generate``: files in every format, validated, byte for byte repeatable."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from eventplan.commands import generate as command
from eventplan.errors import InputError
from eventplan.scenario import load


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    return command.run(parser.parse_args(list(argv)))


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".toml"])
def test_writes_a_loadable_file(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"event{suffix}"
    assert run("--staff", "200", "--posts", "20", "--days", "2", "--seed", "9", "-o", str(out)) == 0
    scenario = load(out)
    assert sum(p.count for p in scenario.pools) == 200
    assert len(scenario.posts) == 20
    assert scenario.event.days is not None and len(scenario.event.days) == 2


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    run("--staff", "500", "--seed", "3", "-o", str(a))
    run("--staff", "500", "--seed", "3", "-o", str(b))
    run("--staff", "500", "--seed", "4", "-o", str(c))
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_options_reach_the_file(tmp_path: Path) -> None:
    out = tmp_path / "e.json"
    run(
        "--staff",
        "300",
        "--attendance",
        "9000",
        "--slot-minutes",
        "30",
        "--hours",
        "12",
        "--shortage",
        "0.1",
        "-o",
        str(out),
    )
    scenario = load(out)
    assert scenario.event.attendance == 9000
    assert scenario.event.slot_minutes == 30


def test_yaml_keeps_one_record_per_line(tmp_path: Path) -> None:
    out = tmp_path / "e.yaml"
    run("--staff", "100", "-o", str(out))
    text = out.read_text()
    assert "- {id: gate-1, kind: gate" in text
    assert "'16:00'" not in text  # one-day events give full date-times


def test_unknown_extension_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        run("-o", str(tmp_path / "event.txt"))
    assert not (tmp_path / "event.txt").exists()


def test_bad_slot_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="divide 60"):
        run("--slot-minutes", "7", "-o", str(tmp_path / "e.yaml"))
