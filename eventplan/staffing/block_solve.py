"""Solving the station blocks' MIPs: one after another, or side by side in worker processes.

Each block is a small MIP (:mod:`eventplan.staffing.blocks`) given to HiGHS through
``highspy``, which stops at a time limit with its best plan and a valid dual bound. Measured
on every distinct block of three events (one after another, one thread, CPU seconds): the
concert's 20 blocks SCIP 7.6, HiGHS 6.2; the concert without its no-handover windows (16
larger blocks) SCIP 20.4, HiGHS 7.3, no HiGHS block over 1.1 s against SCIP's 2.8. The largest
blocks go first, so that a long one does not start last and hold up the rest, and none may
take more than half of the time given to all, so that one hard block cannot starve the others:
one cut short still gives its plan and its bound.
"""

from __future__ import annotations

import math
import multiprocessing
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np

from eventplan.staffing.highs_model import ColumnArrays, highs_lp
from eventplan.staffing.quiet import quiet_stdout

#: Seconds between checks for an interrupt while blocks solve in worker processes.
POLL_SECONDS = 0.1
#: Most of the blocks' time window one block may take.
BLOCK_SHARE = 0.5
_FEASIBLE = 2  # HiGHS's primal_solution_status for a feasible point


@dataclass(frozen=True)
class BlockResult:
    """A block's MIP as far as it was solved: the best plan's shift counts and value (None and
    inf when none was found), a valid lower bound on its optimum, and whether it is proven."""

    value: float
    bound: float
    counts: np.ndarray | None
    proven: bool


def solve_blocks(
    blocks: list[ColumnArrays],
    columns: list[int],
    deadline: float,
    seed: int,
    workers: int,
    stopped: Callable[[], bool],
    abs_gap: float = 0.0,
) -> list[BlockResult | None]:
    """Solve every block (``columns``: how many shift columns each has, before its shortfalls)
    to within ``abs_gap``; None for a block the deadline or an interrupt left unstarted."""
    cap = BLOCK_SHARE * max(0.0, deadline - time.perf_counter())
    order = sorted(range(len(blocks)), key=lambda i: -len(blocks[i].index))
    tasks = [(i, blocks[i], columns[i], deadline, cap, seed, abs_gap) for i in order]
    if workers > 1 and len(blocks) > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _side_by_side(tasks, len(blocks), workers, stopped)
    found: list[BlockResult | None] = [None] * len(blocks)
    for task in tasks:
        if stopped() or time.perf_counter() >= deadline:
            break
        found[task[0]] = _solve(*task[1:])
    return found


def _solve(
    arrays: ColumnArrays,
    n: int,
    deadline: float,
    cap: float,
    seed: int,
    abs_gap: float,
) -> BlockResult:
    with quiet_stdout():  # HiGHS prints its banner when made
        highs = highspy.Highs()
    highs.silent()
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", int(seed))
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", float(abs_gap))
    highs.setOptionValue("time_limit", max(0.05, min(cap, deadline - time.perf_counter())))
    highs.passModel(highs_lp(arrays, integral=True))
    highs.run()
    info = highs.getInfo()
    proven = highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
    bound = float(info.mip_dual_bound) if info.mip_node_count >= 0 else -math.inf
    if info.primal_solution_status != _FEASIBLE:
        return BlockResult(math.inf, bound, None, False)
    values = np.asarray(highs.getSolution().col_value)
    value = float(info.objective_function_value)
    return BlockResult(value, min(bound, value), np.round(values[:n]), proven)


def _quiet_worker() -> None:
    """Ctrl-C is the parent's to handle; a worker ends when the parent ends it.

    SIGTERM goes back to its default: the handler a fork inherits from the command line
    raises SystemExit, which a worker waiting on the pool's queue can take while another holds
    the queue's lock, and ``Pool.terminate`` then waits for it forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _side_by_side(
    tasks: list[tuple], count: int, workers: int, stopped: Callable[[], bool]
) -> list[BlockResult | None]:
    found: list[BlockResult | None] = [None] * count
    deadline = tasks[0][3]
    pool = multiprocessing.get_context("fork").Pool(min(workers, count), _quiet_worker)
    try:
        # Submitted largest first; a worker takes the next as soon as it is free.
        pending = {task[0]: pool.apply_async(_solve, task[1:]) for task in tasks}
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
