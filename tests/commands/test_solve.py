"""``eventplan solve`` through the CLI: outputs, the checker's verdict, time limit and Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventplan.cli import main

ROOT = Path(__file__).resolve().parents[2]
MONACO = ROOT / "scenarios" / "monaco-match.yaml"


def test_solve_writes_a_plan_the_checker_accepts(tmp_path, capsys):
    out = tmp_path / "plan"
    assert main(["solve", str(MONACO), "-o", str(out), "--no-map"]) == 0
    printed = capsys.readouterr().out
    assert "solver    optimal" in printed and f"to {out}" in printed
    for name in ("plan.json", "roster.csv", "coverage.csv"):
        assert (out / name).is_file()
    plan = json.loads((out / "plan.json").read_text())
    assert plan["solver"]["status"] == "optimal"
    assert plan["solver"]["gap"] == 0
    assert main(["check", str(MONACO), str(out)]) == 0


def generated(tmp_path: Path, *options: str) -> Path:
    path = tmp_path / "generated.yaml"
    with open(os.devnull, "w") as quiet:
        code = subprocess.call(
            [sys.executable, "-m", "eventplan.cli", "generate", *options, "-o", str(path)],
            stdout=quiet,
            cwd=ROOT,
        )
    assert code == 0
    return path


def start_solve(scenario: Path, out: Path, *options: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "eventplan.cli", "solve", str(scenario), "-o", str(out)]
    return subprocess.Popen(
        [*command, "--no-map", *options],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_ctrl_c_stops_the_search_and_keeps_the_best_plan(tmp_path):
    # 500 staff, 10 % short: proving the optimum takes far longer than the wait below.
    scenario = generated(tmp_path, "--staff", "500", "--seed", "3", "--shortage", "0.1")
    out = tmp_path / "plan"
    solver = start_solve(scenario, out, "--time-limit", "300")
    assert solver.stderr is not None
    # The progress line says the search is under way; then press Ctrl-C.
    for line in solver.stderr:
        if "Ctrl-C keeps the best plan" in line:
            break
    else:
        pytest.fail("no progress line before the solver ended")
    pressed = time.perf_counter()
    solver.send_signal(signal.SIGINT)
    printed, stderr = solver.communicate(timeout=120)
    # Stopped well before its 300 s limit, with a plan written and marked as interrupted.
    assert time.perf_counter() - pressed < 60
    assert solver.returncode == 0, stderr
    assert "solver    interrupted" in printed
    assert "best plan found before Ctrl-C" in stderr
    plan = json.loads((out / "plan.json").read_text())
    assert plan["solver"]["status"] == "interrupted"
    assert plan["solver"]["objective"] >= plan["solver"]["bound"]
    assert main(["check", str(scenario), str(out)]) == 0
