"""Solving the station blocks' MIPs: one after another, or side by side in worker processes.

Each block is a small MIP (:mod:`eventplan.staffing.blocks`) given to SCIP, which OR-Tools runs
holding Python's interpreter lock, so blocks solved in threads would take turns: with two or
more workers they go to forked processes instead, which copy nothing but the block. Measured on
the concert's 20 distinct blocks, one after another on one thread: SCIP 10.8 s, HiGHS 8.7 s,
CP-SAT 6.7 s (all to the same optima). SCIP stays: CP-SAT scales fractional coefficients (the
supervisor cuts' 1/n) to integers, which a bound must not rely on, and the race between SCIP
and HiGHS is left to a measurement on more events.
"""

from __future__ import annotations

import math
import multiprocessing
import signal
import time
from collections.abc import Callable

import numpy as np
from ortools.linear_solver import linear_solver_pb2

from eventplan.staffing.backends import solve_proto
from eventplan.staffing.quiet import quiet_stdout

#: (value, shift counts, proven): the MIP's optimum, or a bound on it when not proven.
BlockResult = tuple[float, np.ndarray, bool]
#: Seconds between checks for an interrupt while blocks solve in worker processes.
POLL_SECONDS = 0.1


def solve_blocks(
    protos: list[linear_solver_pb2.MPModelProto],
    columns: list[int],
    deadline: float,
    seed: int,
    workers: int,
    stopped: Callable[[], bool],
) -> list[BlockResult | None]:
    """Solve every block (``columns``: how many shift columns each has); None for a block the
    deadline or an interrupt left unsolved."""
    if workers > 1 and len(protos) > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _side_by_side(protos, columns, deadline, seed, workers, stopped)
    found: list[BlockResult | None] = []
    for proto, n in zip(protos, columns, strict=True):
        if stopped() or time.perf_counter() >= deadline:
            found.append(None)
            continue
        found.append(_solve(proto, n, deadline - time.perf_counter(), seed))
    return found


def _solve(proto: linear_solver_pb2.MPModelProto, n: int, seconds: float, seed: int) -> BlockResult:
    with quiet_stdout():
        found = solve_proto(proto, "SCIP", max(0.05, seconds), relative_gap=0.0, seed=seed)
    if found.status not in ("optimal", "feasible"):
        return -math.inf, np.zeros(n), False
    counts = np.round(found.values[:n])
    value = found.objective if found.status == "optimal" else found.bound
    return float(value), counts, found.status == "optimal"


def _solve_bytes(data: bytes, n: int, seconds: float, seed: int) -> BlockResult:
    proto = linear_solver_pb2.MPModelProto()
    proto.ParseFromString(data)
    return _solve(proto, n, seconds, seed)


def _quiet_worker() -> None:
    """Ctrl-C is the parent's to handle; a worker ends when the parent ends it.

    SIGTERM goes back to its default: the handler a fork inherits from the command line
    raises SystemExit, which a worker waiting on the pool's queue can take while another holds
    the queue's lock, and ``Pool.terminate`` then waits for it forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _side_by_side(
    protos: list[linear_solver_pb2.MPModelProto],
    columns: list[int],
    deadline: float,
    seed: int,
    workers: int,
    stopped: Callable[[], bool],
) -> list[BlockResult | None]:
    found: list[BlockResult | None] = [None] * len(protos)
    pool = multiprocessing.get_context("fork").Pool(min(workers, len(protos)), _quiet_worker)
    try:
        pending = {
            i: pool.apply_async(
                _solve_bytes,
                (proto.SerializeToString(), n, deadline - time.perf_counter(), seed),
            )
            for i, (proto, n) in enumerate(zip(protos, columns, strict=True))
        }
        while pending and not stopped() and time.perf_counter() < deadline:
            for i, result in list(pending.items()):
                if result.ready():
                    found[i] = result.get()
                    del pending[i]
            if pending:
                next(iter(pending.values())).wait(POLL_SECONDS)
    finally:
        pool.terminate()  # whatever is still running is not waited for
        pool.join()
    return found
