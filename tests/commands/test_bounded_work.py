"""Bounded work (issue: the time limit, Ctrl-C and memory were not enforced at scale; killed
runs left temporary folders, worker processes and half-written plan folders behind)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventplan.cli import main
from tests.commands.test_solve import ROOT, generated, start_solve
from tests.staffing.micro import document as micro_document


def leftovers(folder: Path) -> list[str]:
    """Names beside a plan folder that a run may leave: its lock and staging folders."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".lock", ".new")))


def test_a_5000_staff_three_day_one_minute_event_is_refused_at_once(tmp_path, capsys):
    scenario = generated(
        tmp_path, "--staff", "5000", "--days", "3", "--slot-minutes", "1", "--seed", "1"
    )
    out = tmp_path / "out" / "g"
    started = time.perf_counter()
    code = main(["solve", str(scenario), "-o", str(out), "--time-limit", "20"])
    assert code == 2
    assert time.perf_counter() - started < 20
    error = capsys.readouterr().err
    assert "event.slot_minutes" in error and "1-minute slots" in error
    assert "--time-limit" in error and "slot_minutes: 15" in error
    assert not out.exists() and not (tmp_path / "out").exists()
    # validate warns of the same, and the file stays valid
    assert main(["validate", str(scenario)]) == 0
    assert "warning: pricing the shifts of this size" in capsys.readouterr().err


def test_a_scenario_asking_for_millions_on_duty_is_refused(tmp_path, capsys):
    document = micro_document()
    document["posts"][0]["needs"][0]["min"] = 5_000_000
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(document))
    assert main(["solve", str(path), "-o", str(tmp_path / "plan")]) == 2
    assert "5,000,000 people on duty at once" in capsys.readouterr().err
    assert not (tmp_path / "plan").exists()


def test_the_time_limit_holds_inside_the_lp_at_one_minute_slots(tmp_path):
    # 1,000 staff at 1-minute slots: one re-solve of the LP took 26 s, and the search 32 s of
    # a 20 s limit, before the LP had a time limit of its own.
    scenario = generated(tmp_path, "--staff", "1000", "--slot-minutes", "1", "--seed", "1")
    out = tmp_path / "plan"
    started = time.perf_counter()
    solver = start_solve(scenario, out, "--time-limit", "20")
    _printed, stderr = solver.communicate(timeout=300)
    wall = time.perf_counter() - started
    assert solver.returncode == 0, stderr
    plan = json.loads((out / "plan.json").read_text())
    assert plan["solver"]["seconds"] <= 20 + 2
    assert wall < 20 + 30  # start-up, the roster and the files come after the limit
    # Its 77,022 rows go to the station-day blocks, whose rounds may also settle in time.
    method = plan["solver"]["method"]
    assert "stopped at the time limit" in method or plan["solver"]["status"] == "optimal"
    # no shortfall is called a choice the search did not prove
    assert not any("by choice" in s["cause"] for s in plan["shortfalls"])
    assert main(["check", str(scenario), str(out)]) == 0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_signal_during_the_search_leaves_a_whole_folder_and_nothing_else(tmp_path, signum):
    scenario = generated(tmp_path, "--staff", "500", "--seed", "3", "--shortage", "0.1")
    out = tmp_path / "plan"
    assert main(["solve", str(scenario), "-o", str(out), "--time-limit", "5", "--no-map"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    solver = start_solve(scenario, out, "--time-limit", "300")
    assert solver.stderr is not None
    for line in solver.stderr:
        if "Ctrl-C keeps the best plan" in line:
            break
    time.sleep(1.0)
    solver.send_signal(signum)
    solver.communicate(timeout=120)
    if signum == signal.SIGTERM:
        assert solver.returncode == 128 + signal.SIGTERM
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the old plan, whole
    else:
        assert solver.returncode == 0  # the best plan so far, written whole
        assert json.loads((out / "plan.json").read_text())["solver"]["status"] == "interrupted"
        assert main(["check", str(scenario), str(out)]) == 0
    assert leftovers(tmp_path) == []
    workers = subprocess.run(
        ["pgrep", "-f", f"highs_worker.*{tmp_path}"], capture_output=True, text=True
    )
    assert workers.stdout == ""


def test_two_solves_to_one_folder_do_not_interleave(tmp_path):
    scenario = generated(tmp_path, "--staff", "500", "--seed", "3", "--shortage", "0.1")
    out = tmp_path / "plan"
    first = start_solve(scenario, out, "--time-limit", "60")
    assert first.stderr is not None
    for line in first.stderr:
        if "Ctrl-C keeps the best plan" in line:
            break
    second = subprocess.run(
        [sys.executable, "-m", "eventplan", "solve", str(scenario), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode == 1
    assert "is writing this plan folder" in second.stderr
    first.send_signal(signal.SIGINT)
    first.communicate(timeout=120)
    assert first.returncode == 0
    assert main(["check", str(scenario), str(out)]) == 0
