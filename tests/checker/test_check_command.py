"""``eventplan check SCENARIO PLAN_DIR``: exit 0 when the plan holds, 1 when not, 2 bad input."""

from __future__ import annotations

import json

import pytest

from eventplan import cli


@pytest.fixture
def main(monkeypatch):  # type: ignore[no-untyped-def]
    """``eventplan`` with the check command listed."""
    if "check" not in cli.COMMANDS:
        monkeypatch.setattr(cli, "COMMANDS", (*cli.COMMANDS, "check"))
    return cli.main


@pytest.fixture
def scenario_file(tmp_path, document):  # type: ignore[no-untyped-def]
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(document))
    return path


def test_a_plan_that_holds_exits_0(main, scenario_file, make_plan, capsys):
    assert main(["check", str(scenario_file), str(make_plan())]) == 0
    out = capsys.readouterr().out
    assert out == "plan holds: 7 people, 12 stints, 15 coverage rows checked\n"


def test_violations_exit_1_listed_up_to_the_limit(main, scenario_file, make_plan, coverage, capsys):
    coverage = [
        (post, h, group, required, assigned + 1) for post, h, group, required, assigned in coverage
    ]
    folder = make_plan(coverage=coverage)
    assert main(["check", str(scenario_file), str(folder), "--show", "2"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("[coverage] gate: police 2025-07-12T16:00-17:00")
    assert lines[2] == "... and 14 more"
    assert lines[3] == "plan fails: 16 violation(s) (16 coverage)"


def test_a_missing_plan_folder_exits_2(main, scenario_file, tmp_path, capsys):
    assert main(["check", str(scenario_file), str(tmp_path / "nowhere")]) == 2
    assert "no such plan folder" in capsys.readouterr().err


def test_an_invalid_scenario_exits_2(main, tmp_path, make_plan, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"eventplan": 1}')
    assert main(["check", str(bad), str(make_plan())]) == 2
    assert "required but missing" in capsys.readouterr().err
