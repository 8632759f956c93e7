"""``check`` and ``map`` on hostile, damaged, oversized, mixed and foreign plan folders (#18).

Each test is named after a failure of the issue. Commands run in-process through
``cli.main``: a traceback would be an exception here, so every test also says "no traceback".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventplan import cli
from eventplan.io import plan_files
from tests.hardening.folders import FILES_KEY, edit_text, rehash, sha256


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Exit code and everything printed by one command."""
    code = cli.main(list(argv))
    printed = capsys.readouterr()
    return code, printed.out + printed.err


def check(capsys, scenario: Path, folder: Path) -> tuple[int, str]:
    return run(capsys, "check", str(scenario), str(folder))


def draw(capsys, folder: Path, *options: str) -> tuple[int, str]:
    return run(capsys, "map", str(folder), "-o", str(folder.parent / "map-out.html"), *options)


def test_the_solved_folder_passes_check_and_map(capsys, concert, concert_scenario):
    assert check(capsys, concert_scenario, concert)[0] == 0
    code, printed = draw(capsys, concert)
    assert code == 0, printed
    assert 'class="ep-warning"' not in (concert.parent / "map-out.html").read_text("utf-8")


def test_plan_json_lists_the_sha256_of_every_other_file(concert):
    plan = json.loads((concert / "plan.json").read_text("utf-8"))
    names = {"roster.csv", "coverage.csv", "scenario.json", "routes.geojson", "map.html"}
    assert set(plan[FILES_KEY]) == names
    assert plan[FILES_KEY] == {n: sha256(concert / n) for n in sorted(names)}


# --- 4. tracebacks instead of exit 2 -------------------------------------------------------


def test_check_and_map_on_a_5000_digit_integer_in_plan_json(capsys, concert, concert_scenario):
    edit_text(concert / "plan.json", '"cost": ', '"cost": ' + "9" * 5000 + ', "was": ')
    code, printed = check(capsys, concert_scenario, concert)
    assert code == 1 and "plan.json: line" in printed and "5000 digits is too long" in printed
    code, printed = draw(capsys, concert)
    assert code == 2 and "plan.json:" in printed and "5000 digits is too long" in printed


def test_check_and_map_on_a_200000_deep_plan_json(capsys, concert, concert_scenario):
    (concert / "plan.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    code, printed = check(capsys, concert_scenario, concert)
    assert code == 1 and "plan.json: is nested too deep" in printed
    code, printed = draw(capsys, concert)
    assert code == 2 and "nested too deep" in printed


@pytest.mark.parametrize("figure", ["inf", "1e400", "NaN", "-1", "9" * 5000])
def test_check_and_map_on_inf_or_1e400_in_coverage_csv(capsys, concert, concert_scenario, figure):
    path = concert / "coverage.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[4] = figure  # required
    lines[1] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    rehash(concert)
    code, printed = check(capsys, concert_scenario, concert)
    assert code == 1 and "coverage.csv: line 2: required:" in printed
    code, printed = draw(capsys, concert)
    assert code == 2 and "coverage.csv:2: required: expected a" in printed


def test_nan_in_plan_json_is_refused_with_its_line(capsys, concert, concert_scenario):
    edit_text(concert / "plan.json", '"cost": ', '"cost": NaN, "was": ')
    code, printed = check(capsys, concert_scenario, concert)
    assert code == 1 and "NaN is not a finite number" in printed
    line = next(
        i
        for i, text in enumerate((concert / "plan.json").read_text("utf-8").splitlines(), 1)
        if "NaN" in text
    )
    assert f"plan.json: line {line}: NaN" in printed


def test_a_missing_folder_is_exit_2(capsys, tmp_path, concert_scenario):
    assert check(capsys, concert_scenario, tmp_path / "nowhere")[0] == 2
    assert draw(capsys, tmp_path / "nowhere")[0] == 2


# --- 7. plan folders have no size limit ----------------------------------------------------


def test_plan_folders_have_a_size_limit(capsys, concert, concert_scenario, monkeypatch):
    size = (concert / "roster.csv").stat().st_size
    monkeypatch.setitem(plan_files.MAX_BYTES, "roster.csv", size - 1)
    code, printed = check(capsys, concert_scenario, concert)
    assert code == 2 and "roster.csv: is larger than" in printed
    code, printed = draw(capsys, concert)
    assert code == 2 and "roster.csv: is larger than" in printed


def test_a_device_in_place_of_a_plan_file_is_refused(capsys, concert, concert_scenario):
    (concert / "roster.csv").unlink()
    (concert / "roster.csv").symlink_to("/dev/zero")
    code, printed = check(capsys, concert_scenario, concert)
    assert code == 2 and "roster.csv: not a regular file" in printed
    assert draw(capsys, concert)[0] == 2


# --- 3. check and map do not cross-verify their inputs -------------------------------------


def test_map_draws_a_folder_mixing_two_events(capsys, solved, concert, concert_scenario):
    # The concert's files with the other event's plan.json: the concert scenario.json
    # and expo plan.json, drawn as the expo with exit 0.
    (concert / "plan.json").write_bytes((solved["other"] / "plan.json").read_bytes())
    code, printed = draw(capsys, concert)
    assert code == 2 and "scenario.json: differs from the file plan.json lists" in printed
    assert not (concert.parent / "map-out.html").exists()
    code, printed = check(capsys, concert_scenario, concert)
    assert code == 2 and "scenario.json: differs from the file plan.json lists" in printed


def test_map_draws_an_old_folder_mixing_two_events(capsys, solved, concert):
    # Without identity (written before plan.json listed its files), the event ids still tell.
    plan = json.loads((solved["other"] / "plan.json").read_text("utf-8"))
    del plan[FILES_KEY]
    (concert / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    code, printed = draw(capsys, concert)
    assert code == 2 and "the plan is for scenario 'other-concert'" in printed


def test_check_never_reads_scenario_json(capsys, solved, concert):
    # The other event's scenario given to check against the concert's folder.
    code, printed = check(capsys, solved["other-scenario"], concert)
    assert code == 2
    assert "scenario.json: event.id: differs from the scenario given" in printed
    assert "here 'tiny-concert', given 'other-concert'" in printed


def test_check_accepts_the_same_scenario_in_another_format(capsys, concert, tmp_path):
    from eventplan.scenario import dump, load

    yaml_file = tmp_path / "concert.yaml"
    dump(load(concert / "scenario.json"), yaml_file)
    assert check(capsys, yaml_file, concert)[0] == 0


def test_a_changed_roster_is_a_mixed_folder(capsys, concert, concert_scenario):
    edit_text(concert / "roster.csv", "\n", "\n\n")
    code, printed = check(capsys, concert_scenario, concert)
    assert code == 2 and "roster.csv: differs from the file plan.json lists" in printed


def test_no_map_over_an_existing_folder_leaves_the_old_map(capsys, concert, concert_scenario):
    # A map.html that plan.json does not list is left from another solve.
    plan = json.loads((concert / "plan.json").read_text("utf-8"))
    del plan[FILES_KEY]["map.html"]
    (concert / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    code, printed = check(capsys, concert_scenario, concert)
    assert code == 2 and "map.html: was not written with this plan" in printed


def test_a_folder_without_identity_is_checked_with_a_warning(capsys, concert, concert_scenario):
    plan = json.loads((concert / "plan.json").read_text("utf-8"))
    del plan[FILES_KEY]
    (concert / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    code, printed = check(capsys, concert_scenario, concert)
    assert code == 0 and "warning: the folder has no identity" in printed
    code, printed = draw(capsys, concert)
    assert code == 0 and "warning: the folder has no identity" in printed


def _double_book(folder: Path) -> None:
    """The first person also at a second post at the same time (roster and assignments)."""
    lines = (folder / "roster.csv").read_text("utf-8").splitlines(keepends=True)
    duty = next(line for line in lines[1:] if ",briefing:" not in line)
    cells = duty.split(",")
    cells[5] = "stage" if cells[5] != "stage" else "gate"
    cells[4] = ""
    lines.append(",".join(cells))
    (folder / "roster.csv").write_text("".join(lines), encoding="utf-8")


def _ghost(folder: Path) -> None:
    edit_text(folder / "roster.csv", "guards-", "guards-9", count=1)


def _fourteen_hours(folder: Path) -> None:
    lines = (folder / "roster.csv").read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines[1:], 1) if ",briefing:" not in line)
    cells = lines[at].split(",")
    day = cells[6][:10]
    cells[6], cells[7] = f"{day}T06:00", f"{day}T20:00"
    lines[at] = ",".join(cells)
    (folder / "roster.csv").write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize("damage", [_double_book, _ghost, _fourteen_hours])
def test_map_draws_double_booked_ghost_and_14_hour_rosters(capsys, concert, damage):
    damage(concert)
    rehash(concert)  # a whole folder, but not a plan the checker passes
    code, printed = draw(capsys, concert)
    assert code == 1 and "map not drawn: give --force" in printed
    assert not (concert.parent / "map-out.html").exists()
    code, printed = draw(capsys, concert, "--force")
    assert code == 0
    html = (concert.parent / "map-out.html").read_text("utf-8")
    assert 'class="ep-warning" role="alert">This plan does not pass the checker' in html


@pytest.mark.parametrize("named", [[1], "a\x00b", "x" * 5000])
def test_map_on_an_odd_scenario_name_in_plan_json(capsys, concert, named):
    # Without scenario.json, map looks for the file plan.json names.
    (concert / "scenario.json").unlink()
    plan = json.loads((concert / "plan.json").read_text("utf-8"))
    del plan[FILES_KEY]
    plan["scenario"] = named if isinstance(named, list) else {"id": "tiny-concert", "file": named}
    (concert / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    code, printed = draw(capsys, concert)
    assert code == 2 and "no scenario.json and no readable scenario file" in printed
