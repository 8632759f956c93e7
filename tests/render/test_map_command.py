"""``eventplan map PLAN_DIR``: arguments, output path, exit codes.

The plan here is fabricated (consistent with its scenario, but not one the checker passes),
so the commands that draw it give ``--force``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from eventplan.commands import map as map_command
from eventplan.errors import InputError
from tests.render import render_synth as synth


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="eventplan map")
    map_command.add_arguments(parser)
    return parser.parse_args(list(argv))


@pytest.fixture(scope="module")
def plan_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario = synth.scenario_from(synth.small_document())
    return synth.write_plan(scenario, tmp_path_factory.mktemp("cmd") / "plan")


def test_writes_the_named_file(plan_dir: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "out" / "commander.html"
    argv = (str(plan_dir), "-o", str(target), "--lang", "zh", "--redact", "--force")
    assert map_command.run(parse(*argv)) == 0
    html = target.read_text("utf-8")
    assert '<html lang="zh-CN">' in html and '"redact":true' in html
    assert 'class="ep-warning"' in html
    assert str(target) in capsys.readouterr().out


def test_a_plan_the_checker_rejects_is_not_drawn(plan_dir: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "commander.html"
    assert map_command.run(parse(str(plan_dir), "-o", str(target))) == 1
    assert not target.exists()
    assert "--force" in capsys.readouterr().err


def test_default_output_is_maps_event_id(
    plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert map_command.run(parse(str(plan_dir), "--force")) == 0
    assert (tmp_path / "maps" / "mini-concert.html").is_file()


def test_bad_input_raises_input_error(plan_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        map_command.run(parse(str(tmp_path / "nothing-here")))
    with pytest.raises(InputError, match="--tiles"):
        map_command.run(
            parse(str(plan_dir), "-o", str(tmp_path / "x.html"), "--tiles", "bad", "--force")
        )
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(SystemExit):
        parse(str(plan_dir), "--lang", "fr")


def test_command_is_listed_by_the_cli() -> None:
    from eventplan import cli

    if "map" not in cli.COMMANDS:
        pytest.skip("the map command is not yet listed in eventplan.cli.COMMANDS")
    assert cli.main(["map", "--help"]) == 0
