"""Mixed-integer search on a :class:`StaffingModel`: SCIP and HiGHS raced side by side.

Neither backend wins everywhere. On the exact MIP of the column-generation search (gap 0,
seconds on the 2-core reference machine) SCIP proves the concert in 3.1 against HiGHS's 13.9
and a generated 1,000-staff event in 11 against 34, but HiGHS proves the three-day expo in 17
against SCIP's 51. HiGHS's branch and bound gains little from a second thread, so on two or
more workers both run, one thread each, and the first proof stops the other; on one worker
SCIP runs alone, so a fixed seed gives the same plan every time. Models too large to hold twice
(or to give SCIP, whose memory grows fastest) go to HiGHS alone (:data:`RACE_MAX_ENTRIES`).

SCIP runs in a thread (OR-Tools' ``pywraplp``, which stops it promptly on request); HiGHS runs
in a worker process (:mod:`eventplan.staffing.highs_worker`), which can be ended at once.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from ortools.linear_solver import pywraplp

from eventplan.staffing.backends import Solution, solve_proto, to_proto
from eventplan.staffing.highs_model import column_arrays
from eventplan.staffing.highs_worker import TASK_FOLDER_PREFIX, read_result, write_task
from eventplan.staffing.linear import LinearModel
from eventplan.staffing.quiet import quiet_stdout

WORKER_MODULE = "eventplan.staffing.highs_worker"
#: Raced on two or more workers; the first alone on one worker.
MIP_BACKENDS = ("SCIP", "HIGHS")
#: Largest model (constraint-matrix entries) on which the backends race; above it HiGHS runs
#: alone, on any number of workers (a seed repeats its plan too). Measured on a generated
#: 5,000-staff event (3.5 million entries, 60 s): SCIP alone peaked at 5.0 GB and overran the
#: limit by 19 s; the race held 3.1 GB in this process besides the HiGHS worker's; HiGHS alone
#: 1.2 GB here, ending 0.5 % from the bound (within the 1 % asked for).
RACE_MAX_ENTRIES = 1_500_000
#: Seconds between checks for a proof, an interrupt, and progress reports.
POLL_SECONDS = 0.1
#: Seconds a stopped backend gets to hand over its best plan before it is ended.
STOP_GRACE_SECONDS = 2.0
#: Loading a model does not count toward a backend's own time limit, so the race gives the
#: backends less than its own: this much, plus this much per matrix entry (measured: 7 million
#: entries take 2.2 s to become an OR-Tools proto and 0.7 s more to load into SCIP).
LOAD_SECONDS = 0.3
LOAD_SECONDS_PER_ENTRY = 5e-7


@dataclass
class MipTask:
    """One MIP: the model, variables fixed to values, and the search settings."""

    model: LinearModel
    time_limit: float
    seed: int = 0
    workers: int = 2
    relative_gap: float = 1e-6
    fixed: dict[int, float] = field(default_factory=dict)
    #: a known plan (every variable's value), offered to the backends as a start
    start: np.ndarray | None = None
    #: whether HiGHS presolves the model (see :data:`eventplan.staffing.search.PROOF_PRESOLVE`)
    presolve: bool = True


class _Racer:
    """One backend searching in a thread of its own (HiGHS: a thread minding a process)."""

    def __init__(
        self, backend: str, task: MipTask, threads: int, folder: Path, time_limit: float
    ) -> None:
        self.backend = backend
        self.time_limit = time_limit
        self.result: Solution | None = None
        self.finished = threading.Event()
        self._task, self._threads, self._folder = task, threads, folder
        self._stop_requested = False
        self._solver: pywraplp.Solver | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def done(self) -> bool:
        return self.finished.is_set()

    def proved(self) -> bool:
        return self.result is not None and self.result.status == "optimal"

    def stop(self) -> None:
        """Ask for the best plan so far; the search ends soon after."""
        with self._lock:
            self._stop_requested = True
            if self._solver is not None:
                self._solver.InterruptSolve()
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()

    def end(self) -> None:
        """End the search now (a worker process is killed; SCIP is waited for)."""
        self.stop()
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
        self._thread.join()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)

    def _started(self, solver: pywraplp.Solver) -> None:
        """Keep the solver to interrupt; honour a stop asked for before it existed."""
        with self._lock:
            self._solver = solver
            if self._stop_requested:
                solver.InterruptSolve()

    def _run(self) -> None:
        try:
            if self.backend == "HIGHS":
                self.result = self._run_highs()
            else:
                self.result = self._run_pywraplp()
        except (RuntimeError, OSError):
            self.result = None
        finally:
            self.finished.set()

    def _run_pywraplp(self) -> Solution:
        task = self._task
        proto = to_proto(task.model)
        for var, value in task.fixed.items():
            proto.variable[var].lower_bound = proto.variable[var].upper_bound = value
        return solve_proto(
            proto,
            self.backend,
            self.time_limit,
            threads=self._threads,
            relative_gap=task.relative_gap,
            seed=task.seed,
            on_start=self._started,
            hint=task.start,
        )

    def _run_highs(self) -> Solution | None:
        task = self._task
        started = time.perf_counter()
        source, target = self._folder / "highs-task.npz", self._folder / "highs-result.npz"
        write_task(
            source,
            column_arrays(task.model, task.fixed),
            time_limit=self.time_limit,
            relative_gap=task.relative_gap,
            seed=task.seed,
            threads=self._threads,
            start=task.start,
            presolve=task.presolve,
        )
        command = [sys.executable, "-m", WORKER_MODULE, str(source), str(target)]
        with self._lock:
            if self._stop_requested:
                return None
            # A session of its own: Ctrl-C at the terminal reaches the parent, which decides.
            self._process = subprocess.Popen(
                command,
                env=_worker_environment(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        self._process.wait()
        found = read_result(target)
        if found is None:
            return None
        status, values, objective, bound = found
        return Solution(status, values, objective, bound, time.perf_counter() - started, "HIGHS")


def _worker_environment() -> dict[str, str]:
    """This environment, with this copy of eventplan first on the worker's import path."""
    env = dict(os.environ)
    home = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (home, env.get("PYTHONPATH")) if p)
    return env


def solve_mip(
    task: MipTask,
    *,
    interrupt: threading.Event | None = None,
    on_wait: Callable[[float], None] | None = None,
    backends: tuple[str, ...] = MIP_BACKENDS,
) -> Solution | None:
    """Race the backends on ``task``: the best plan found (see :func:`best_of`).

    The race ends within ``task.time_limit`` seconds: the backends get that less the time
    to load the model and to hand over their plans. ``interrupt`` (or Ctrl-C) stops every
    backend and keeps what they hold; ``on_wait`` is called with the seconds elapsed.
    """
    entries = task.model.num_entries
    if entries > RACE_MAX_ENTRIES:
        chosen = backends[-1:]
    elif task.workers < 2:
        chosen = backends[:1]
    else:
        chosen = backends
    threads = max(1, task.workers // len(chosen))
    started = time.perf_counter()
    stop_at = started + max(0.1, task.time_limit - STOP_GRACE_SECONDS)
    load = LOAD_SECONDS + LOAD_SECONDS_PER_ENTRY * entries
    limit = max(0.1, task.time_limit - STOP_GRACE_SECONDS - load)
    with tempfile.TemporaryDirectory(prefix=TASK_FOLDER_PREFIX) as folder, quiet_stdout():
        racers = [_Racer(name, task, threads, Path(folder), limit) for name in chosen]
        for racer in racers:
            racer.start()
        try:
            while not _settled(racers, interrupt) and time.perf_counter() < stop_at:
                for racer in racers:
                    racer.finished.wait(POLL_SECONDS / len(racers))
                if on_wait:
                    on_wait(time.perf_counter() - started)
        except KeyboardInterrupt:
            if interrupt is not None:
                interrupt.set()
        finally:  # on every way out (SIGTERM included), no worker outlives the race
            _stop(racers)
    return best_of([r.result for r in racers if r.result is not None])


def _settled(racers: list[_Racer], interrupt: threading.Event | None) -> bool:
    """True once every backend is done, one has a proof, or the user asked to stop."""
    if interrupt is not None and interrupt.is_set():
        return True
    return any(r.proved() for r in racers) or all(r.done() for r in racers)


def _stop(racers: list[_Racer]) -> None:
    """Stop every backend; without a proof in hand, give each a moment to hand over its plan."""
    for racer in racers:
        racer.stop()
    if not any(r.proved() for r in racers):
        deadline = time.perf_counter() + STOP_GRACE_SECONDS
        for racer in racers:
            racer.join(max(0.0, deadline - time.perf_counter()))
    for racer in racers:
        racer.end()


def best_of(results: list[Solution]) -> Solution | None:
    """A proof if any racer has one, else the best plan found, with the best bound of all.

    Without a plan: a proof of infeasibility if a racer has one, else None.
    """
    found = [r for r in results if r.status in ("optimal", "feasible")]
    if not found:
        return next((r for r in results if r.status == "infeasible"), None)
    proofs = [r for r in found if r.status == "optimal"]
    if proofs:
        return min(proofs, key=lambda r: r.objective)
    best = min(found, key=lambda r: r.objective)
    bounds = [r.bound for r in found if math.isfinite(r.bound) and abs(r.bound) < 1e19]
    return Solution(
        best.status,
        best.values,
        best.objective,
        max(bounds, default=math.nan),
        best.seconds,
        best.backend,
    )
