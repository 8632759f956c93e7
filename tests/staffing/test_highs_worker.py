"""A HiGHS worker whose parent is killed ends at once and removes its task folder (issue:
killed runs left temporary ``eventplan-mip-*`` folders and an orphaned worker at 90 % CPU)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from eventplan.staffing.highs_model import column_arrays
from eventplan.staffing.highs_worker import TASK_FOLDER_PREFIX, write_task
from tests.staffing.test_live_lp import slow_lp

LAUNCHER = """
import subprocess, sys, time
worker = subprocess.Popen(
    [sys.executable, "-m", "eventplan.staffing.highs_worker", sys.argv[1], sys.argv[2]]
)
print(worker.pid, flush=True)
time.sleep(120)
"""


def running(pid: int) -> bool:
    """Whether a process is alive (a zombie awaiting its reaper counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_an_orphaned_worker_ends_and_removes_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / f"{TASK_FOLDER_PREFIX}orphan"
    folder.mkdir()
    model = slow_lp()
    model.var_int[:] = [True] * model.num_vars
    source, target = folder / "task.npz", folder / "result.npz"
    write_task(
        source,
        column_arrays(model),
        time_limit=600,
        relative_gap=0.0,
        seed=0,
        threads=1,
        start=None,
    )
    launcher = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(source), str(target)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert launcher.stdout is not None
    worker = int(launcher.stdout.readline())
    time.sleep(2.0)  # the worker has loaded the model and is solving
    assert running(worker)
    os.kill(launcher.pid, signal.SIGKILL)
    launcher.wait()
    ended_by = time.perf_counter() + 10.0
    while running(worker) and time.perf_counter() < ended_by:
        time.sleep(0.1)
    assert not running(worker)
    assert not folder.exists()
