"""Ctrl-C in the first second of start-up ends a command without a traceback (#18).

The command runs as ``python -m eventplan`` does (``runpy``), started from a line that says
when the interpreter is ready, so that the interrupts land in eventplan's own start-up (its
imports, the parser, loading the scenario) rather than in the interpreter's.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The package is located before "ready": an interrupt while the interpreter scans sys.path
# for it (a traceback from importlib, under load) is the interpreter's, not eventplan's.
START = (
    "import importlib.util, runpy, sys; importlib.util.find_spec('eventplan'); "
    "print('ready', flush=True); "
    "runpy.run_module('eventplan', run_name='__main__', alter_sys=True)"
)


@pytest.mark.parametrize("delay", [0.01, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0])
def test_ctrl_c_in_the_first_second_of_start_up(delay):
    argv = [sys.executable, "-c", START, "validate", str(ROOT / "scenarios" / "concert.yaml")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert process.returncode in (0, 1), err  # done before the signal, or interrupted
    if process.returncode == 1:
        assert err.strip().endswith("interrupted")
