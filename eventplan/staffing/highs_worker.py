"""One HiGHS MIP in a process of its own: ``python -m eventplan.staffing.highs_worker IN OUT``.

``IN`` is an ``.npz`` written by :func:`write_task` (the model column-wise, bounds already
fixed, options, an optional start); ``OUT`` receives status, values, objective and bound.

A process rather than a thread because HiGHS instances running side by side in one process
were seen to stall one another (a five-minute overrun of a 27 s limit), and because a stopped
HiGHS can take seconds to notice (it checks between nodes, not inside presolve or sub-MIPs):
a process can be ended at once. SIGTERM asks for the best plan so far, written before exit;
the worker also stops when its parent goes away.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
from dataclasses import fields
from pathlib import Path

import highspy
import numpy as np

from eventplan.staffing.highs_model import ColumnArrays, highs_lp

#: Seconds between the worker's checks for a stop request or a vanished parent.
POLL_SECONDS = 0.1
#: Prefix of the temporary folders tasks are written to (an orphaned worker removes its own).
TASK_FOLDER_PREFIX = "eventplan-mip-"
#: Status codes in the result file.
STATUSES = ("optimal", "feasible", "infeasible", "unknown")


def write_task(
    path: Path,
    arrays: ColumnArrays,
    *,
    time_limit: float,
    relative_gap: float,
    seed: int,
    threads: int,
    start: np.ndarray | None,
    presolve: bool = True,
) -> None:
    """Write a MIP for the worker to solve."""
    settings = np.array([time_limit, relative_gap, seed, threads, presolve], dtype=np.float64)
    with open(path, "wb") as handle:
        np.savez(
            handle,
            settings=settings,
            start=np.zeros(0) if start is None else np.asarray(start, dtype=np.float64),
            **arrays.as_dict(),
        )


def read_result(path: Path) -> tuple[str, np.ndarray, float, float] | None:
    """(status, values, objective, bound) from a worker's result file; None if it wrote none."""
    try:
        with np.load(path) as data:
            code, objective, bound = data["summary"]
            return STATUSES[int(code)], data["values"], float(objective), float(bound)
    except (OSError, KeyError, ValueError, IndexError):
        return None


def solve_file(source: Path, target: Path) -> None:
    with np.load(source) as data:
        task = {key: data[key] for key in data.files}
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    time_limit, relative_gap, seed, threads, presolve = task["settings"]
    highs.setOptionValue("time_limit", max(0.01, float(time_limit)))
    if not presolve:
        highs.setOptionValue("presolve", "off")
    highs.setOptionValue("mip_rel_gap", float(relative_gap))
    highs.setOptionValue("random_seed", int(seed))
    highs.setOptionValue("threads", max(1, int(threads)))
    names = [f.name for f in fields(ColumnArrays)]
    lp = highs_lp(ColumnArrays(**{name: task[name] for name in names}), integral=True)
    highs.passModel(lp)
    if len(task["start"]):
        solution = highspy.HighsSolution()
        solution.col_value = task["start"].tolist()
        solution.value_valid = True
        highs.setSolution(solution)
    highs.HandleUserInterrupt = True
    _solve_until_stopped(highs, source.parent)
    _write_result(highs, target, lp.num_col_)


def _solve_until_stopped(highs: highspy.Highs, task_folder: Path) -> None:
    """Solve in a thread, so that this (main) thread can take SIGTERM and watch the parent."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    parent = os.getppid()
    solver = threading.Thread(target=highs.solve, daemon=True)
    solver.start()
    while solver.is_alive():
        solver.join(POLL_SECONDS)
        if os.getppid() != parent:
            _orphaned(task_folder)
        if stop.is_set():
            highs.cancelSolve()


def _orphaned(task_folder: Path) -> None:
    """The parent is gone (killed): nobody will read a result, so remove the task's folder
    and end at once rather than wait for HiGHS to notice a stop."""
    if task_folder.name.startswith(TASK_FOLDER_PREFIX):
        shutil.rmtree(task_folder, ignore_errors=True)
    os._exit(3)


def _write_result(highs: highspy.Highs, target: Path, num_col: int) -> None:
    status = highs.getModelStatus()
    info = highs.getInfo()
    has_plan = info.primal_solution_status == 2  # kSolutionStatusFeasible
    if status == highspy.HighsModelStatus.kOptimal and has_plan:
        code = 0
    elif has_plan:
        code = 1
    elif status == highspy.HighsModelStatus.kInfeasible:
        code = 2
    else:
        code = 3
    values = np.asarray(highs.getSolution().col_value, dtype=np.float64) if has_plan else None
    objective = float(info.objective_function_value) if has_plan else np.nan
    bound = float(info.mip_dual_bound) if code in (0, 1) else np.nan
    if code == 0:
        bound = objective
    partial = target.with_name(target.name + ".partial")
    with open(partial, "wb") as handle:
        np.savez(
            handle,
            summary=np.array([code, objective, bound], dtype=np.float64),
            values=np.zeros(num_col) if values is None else values,
        )
    os.replace(partial, target)


if __name__ == "__main__":
    solve_file(Path(sys.argv[1]), Path(sys.argv[2]))
