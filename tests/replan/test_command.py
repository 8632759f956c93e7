"""``eventplan replan`` through the CLI: the new folder, changes.csv, and bad events (exit 2)."""

from __future__ import annotations

import csv
import hashlib
import json

import pytest

from eventplan.cli import main
from tests.replan.conftest import solved_folder


@pytest.fixture(scope="module")
def parent(tmp_path_factory):
    return solved_folder(tmp_path_factory.mktemp("cli") / "plan", police=3)


def gate_officer(folder) -> str:
    with open(folder / "roster.csv", encoding="utf-8-sig") as f:
        return next(r["person"] for r in csv.DictReader(f) if r["post"] == "gate")


def test_replan_writes_a_folder_the_checker_accepts_against_its_parent(parent, tmp_path, capsys):
    out = tmp_path / "new"
    code = main(["replan", str(parent), "--at", "17:00", "--absent", gate_officer(parent),
                 "-o", str(out), "--no-map"])  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0
    assert "1 change(s), fewest possible 1 (proven)" in printed
    section = json.loads((out / "plan.json").read_text())["replan"]
    assert section["version"] == 2 and section["at"] == "2025-07-12T17:00"
    assert len(section["parent"]) == 64
    with open(out / "changes.csv", encoding="utf-8-sig") as f:
        kinds = sorted(r["change"] for r in csv.DictReader(f))
    assert kinds == ["absent", "called-in"]
    scenario = out / "scenario.json"
    assert main(["check", str(scenario), str(out), "--parent", str(parent)]) == 0


def test_suggest_lists_people_to_send(parent, capsys):
    assert main(["replan", str(parent), "--at", "17:00", "--suggest", "gate"]) == 0
    printed = capsys.readouterr().out
    assert "to send to gate now" in printed and "from kiosk" in printed


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--absent", "nobody-0001"], "unknown person 'nobody-0001'"),
        (["--close", "nowhere@17:30"], "unknown post 'nowhere'"),
        (["--need", "gate:police=1@23:30"], "outside the event"),
        (["--extra", "police=0"], "give POOL=N with N 1 or more"),
        (["--unit-away", "rrt"], "give UNIT@FROM-TO"),
        (["--unit-away", "rrt@18:00-19:00"], "unknown unit 'rrt'"),
        (["--close", "kiosk@16:30"], "before the time of the replan"),
        (["--open", "kiosk@16:30"], "before the time of the replan"),
        (["--open", "kiosk", "--close", "kiosk@18:00"], "'kiosk' is both closed and opened"),
    ],
)
def test_bad_events_are_input_errors(parent, tmp_path, capsys, options, expected):
    code = main(["replan", str(parent), "--at", "17:00", *options, "-o", str(tmp_path / "x")])
    assert code == 2
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_a_changes_file_names_every_bad_line(parent, tmp_path, capsys):
    changes = tmp_path / "changes.yaml"
    changes.write_text(
        "absent: [police-0001]\n"
        "extra:\n"
        "  - {pool: soldiers, count: 2}\n"
        "close:\n"
        "  - {post: gate, from: '09:00'}\n"
    )
    code = main(["replan", str(parent), "--at", "17:00", "--changes", str(changes),
                 "-o", str(tmp_path / "x")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert f"{changes}:3: extra[0].pool: unknown pool 'soldiers'" in err
    assert f"{changes}:5: close[0].from: 2025-07-12T09:00 is outside the event" in err


def test_a_time_outside_the_event_is_refused(parent, tmp_path, capsys):
    code = main(["replan", str(parent), "--at", "23:00", "-o", str(tmp_path / "x")])
    assert code == 2
    assert "--at" in capsys.readouterr().err


def test_a_changes_file_is_applied_like_the_options(parent, tmp_path, capsys):
    changes = tmp_path / "changes.yaml"
    changes.write_text(f"absent: [{gate_officer(parent)}]\nextra: {{police: 1}}\n")
    out = tmp_path / "new"
    code = main(["replan", str(parent), "--at", "17:00", "--changes", str(changes),
                 "-o", str(out), "--no-map"])  # fmt: skip
    assert code == 0
    section = json.loads((out / "plan.json").read_text())["replan"]
    assert section["events"]["extra"] == {"police": 1}
    assert section["changes"] == 1 and section["fewest_possible"] == 1


def test_a_replanned_plan_replans_again_as_the_next_version(parent, tmp_path, capsys):
    first, second = tmp_path / "v1", tmp_path / "v2"
    absent = gate_officer(parent)
    assert main(["replan", str(parent), "--at", "17:00", "--absent", absent,
                 "-o", str(first), "--no-map"]) == 0  # fmt: skip
    called = next(p for p in _people_at(first, "gate") if p != absent)
    assert main(["replan", str(first), "--at", "18:00", "--absent", called,
                 "-o", str(second), "--no-map"]) == 0  # fmt: skip
    section = json.loads((second / "plan.json").read_text())["replan"]
    assert section["version"] == 3
    parent_hash = hashlib.sha256((first / "plan.json").read_bytes()).hexdigest()
    assert section["parent"] == parent_hash
    assert main(["check", str(second / "scenario.json"), str(second), "--parent", str(first)]) == 0


def _people_at(folder, post) -> list[str]:
    with open(folder / "roster.csv", encoding="utf-8-sig") as f:
        return [r["person"] for r in csv.DictReader(f) if r["post"] == post]
