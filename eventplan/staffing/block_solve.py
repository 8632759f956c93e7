"""Solving the station blocks' MIPs: one after another, or side by side in worker processes.

Each block is a small MIP (:mod:`eventplan.staffing.blocks`) given to HiGHS through
``highspy``, which stops at a time limit with its best plan and a valid dual bound. Measured
on every distinct block of three events (one after another, one thread, CPU seconds): the
concert's 20 blocks SCIP 7.6, HiGHS 6.2; the concert without its no-handover windows (16
larger blocks) SCIP 20.4, HiGHS 7.3, no HiGHS block over 1.1 s against SCIP's 2.8. The largest
blocks go first, so that a long one does not start last and hold up the rest, and none may
take more than half of the time given to all, so that one hard block cannot starve the others:
one cut short still gives its plan and its bound.

Before its MIP a block has its alike shifts merged (:mod:`~eventplan.staffing.block_alike`)
and, given the LP's duals, is split into the groups of its needs with the rows between them
priced (:mod:`~eventplan.staffing.block_split`): measured on the concert's distinct blocks
(CPU seconds, one thread, median of 4, old and new side by side), 1.35 s before, 0.87 s after.
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

from eventplan.staffing.block_alike import merge_alike, spread
from eventplan.staffing.block_split import Split, joined_plan, keeps_relaxed, split_block
from eventplan.staffing.highs_model import ColumnArrays, highs_lp, kept_columns
from eventplan.staffing.quiet import quiet_stdout

#: Seconds between checks for an interrupt while blocks solve in worker processes.
POLL_SECONDS = 0.1
#: Most of the blocks' time window one block may take.
BLOCK_SHARE = 0.5
#: HiGHS's primal heuristics left out of a block's MIP. A block's MIP is small and closes at
#: its root with cuts, where the plan comes from evaluating the root; measured on the concert's
#: 25 distinct blocks (CPU seconds, one thread, best of two): 5.9 with these, 4.1 without.
SKIPPED_HEURISTICS = (
    "mip_heuristic_run_rins",
    "mip_heuristic_run_rens",
    "mip_heuristic_run_root_reduced_cost",
    "mip_heuristic_run_feasibility_jump",
)
#: A block's MIP is first solved over the shifts whose reduced cost in the block's LP is at
#: most this share of the LP's value: measured on the concert's blocks (CPU seconds, one
#: thread), 70 to 100 of a gate's 524 shifts, whose MIP proves in 0.08 s against 0.45 s for
#: the whole block's; all 25 distinct blocks 1.9 s against 4.1 (0.01 of the value: 2.3 s).
KEPT_SHARE = 0.002
#: Kept below the LP's floor for the round-off of its reduced costs (relative to its value).
FLOOR_MARGIN = 1e-7
_FEASIBLE = 2  # HiGHS's primal_solution_status for a feasible point


@dataclass(frozen=True)
class BlockResult:
    """A block's MIP as far as it was solved: the best plan's shift counts and value (None and
    inf when none was found), a valid lower bound on its optimum, and whether it is proven."""

    value: float
    bound: float
    counts: np.ndarray | None
    proven: bool
    #: every variable's value in the best plan, shortfalls included (None: not kept)
    values: np.ndarray | None = None


def solve_blocks(
    blocks: list[ColumnArrays],
    columns: list[int],
    deadline: float,
    seed: int,
    workers: int,
    stopped: Callable[[], bool],
    abs_gap: float = 0.0,
    duals: list[np.ndarray | None] | None = None,
) -> list[BlockResult | None]:
    """Solve every block (``columns``: how many shift columns each has, before its shortfalls)
    to within ``abs_gap``; None for a block the deadline or an interrupt left unstarted.

    ``duals``: per block, duals of its rows of the right signs that price every one of its
    variables at zero or more (the converged LP's), or None to solve the block's LP for them.
    """
    cap = BLOCK_SHARE * max(0.0, deadline - time.perf_counter())
    order = sorted(range(len(blocks)), key=lambda i: -len(blocks[i].index))
    prices = duals or [None] * len(blocks)
    tasks = [(i, blocks[i], columns[i], deadline, cap, seed, abs_gap, prices[i]) for i in order]
    if workers > 1 and len(blocks) > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _side_by_side(tasks, len(blocks), workers, stopped)
    found: list[BlockResult | None] = [None] * len(blocks)
    for task in tasks:
        if stopped() or time.perf_counter() >= deadline:
            break
        found[task[0]] = solve_block(*task[1:])
    return found


def solve_block(
    arrays: ColumnArrays,
    n: int,
    deadline: float,
    cap: float,
    seed: int,
    abs_gap: float,
    duals: np.ndarray | None = None,
) -> BlockResult:
    """The block's MIP over the shifts its LP prices near zero, widened once if need be.

    With the block's LP value z and reduced costs d, every plan costs at least z + d_j x_j
    summed, so a plan that works a shift left out costs at least z plus the least d of those
    left out (the floor). The MIP over the shifts kept, whose plan costs no more than the
    floor, is then the block's optimum, and min(its bound, floor) bounds the block whatever
    it found. If the plan costs more, the shifts priced within its excess over z are the only
    ones that can improve it: the second MIP over those is exact.
    """
    stop = time.perf_counter() + max(0.05, min(cap, deadline - time.perf_counter()))
    merged = merge_alike(arrays, n)
    if merged is None:
        return _split_or_staged(arrays, n, stop, seed, abs_gap, duals)
    found = _split_or_staged(merged.arrays, merged.shifts, stop, seed, abs_gap, duals)
    if found.values is None:
        return found
    values = spread(merged, arrays.upper, found.values)
    return BlockResult(found.value, found.bound, np.round(values[:n]), found.proven, values)


def _split_or_staged(
    arrays: ColumnArrays,
    n: int,
    stop: float,
    seed: int,
    abs_gap: float,
    duals: np.ndarray | None,
) -> BlockResult:
    """The block by its groups where it has several and they give its optimum, else whole."""
    if duals is not None:
        split = split_block(arrays, n, duals)
        found = _by_groups(arrays, n, split, stop, seed, abs_gap, duals) if split else None
        if found is not None:
            return found
    return _staged(arrays, n, stop, seed, abs_gap, duals)


def _by_groups(
    arrays: ColumnArrays,
    n: int,
    split: Split,
    stop: float,
    seed: int,
    abs_gap: float,
    duals: np.ndarray,
) -> BlockResult | None:
    """The block's optimum from its groups' (:mod:`~eventplan.staffing.block_split`), or None
    when their plans together break a relaxed row or cost more than their bound."""
    share = abs_gap / len(split.groups)
    values, bound = [], split.constant
    for group in split.groups:
        found = _staged(group.arrays, group.shifts, stop, seed, share, duals[group.rows])
        if found.values is None or not found.proven:
            return None
        values.append(found.values)
        bound += found.bound
    plan = joined_plan(arrays, split, values)
    value = float(np.dot(arrays.cost, plan))
    margin = FLOOR_MARGIN * max(1.0, abs(value))
    if not keeps_relaxed(arrays, split, plan) or value - bound > abs_gap + margin:
        return None
    return BlockResult(value, min(bound, value), np.round(plan[:n]), True, plan)


def _staged(
    arrays: ColumnArrays,
    n: int,
    stop: float,
    seed: int,
    abs_gap: float,
    duals: np.ndarray | None,
) -> BlockResult:
    """The MIP over the shifts priced near zero, widened once if need be (see
    :func:`solve_block`)."""
    relaxed = _priced(arrays, duals) if duals is not None else _relaxation(arrays, stop)
    if relaxed is None:
        return _mip(arrays, n, stop, seed, abs_gap)
    value, reduced = relaxed
    margin = FLOOR_MARGIN * max(1.0, abs(value))
    within = KEPT_SHARE * max(1.0, abs(value))
    best: BlockResult | None = None  # the best plan of a narrower MIP
    for _round in range(2):
        left_out = np.flatnonzero(reduced[:n] > within)
        if not len(left_out):
            break
        kept = np.setdiff1d(np.arange(len(arrays.cost)), left_out)
        shifts = kept[: n - len(left_out)]
        found = _mip(kept_columns(arrays, kept), len(shifts), stop, seed, abs_gap)
        if found.counts is None or found.values is None:
            break
        floor = value + float(reduced[left_out].min()) - margin
        values = np.zeros(len(arrays.cost))
        values[kept] = found.values
        bound = min(found.bound, floor)
        proven = found.proven and found.value - bound <= abs_gap + margin
        found = _better(best, BlockResult(found.value, bound, np.round(values[:n]), proven, values))
        if found.proven or time.perf_counter() >= stop:
            return found
        best, within = found, found.value - value
    # Not started from the narrower plan: measured on blocks of a generated 5,000-staff event
    # with supervision, HiGHS 1.16 proved them in 1.0 s from it against 0.6 s without.
    return _better(best, _mip(arrays, n, stop, seed, abs_gap))


def _better(narrower: BlockResult | None, wider: BlockResult) -> BlockResult:
    """The wider MIP's result with the narrower one's plan where that costs less (a MIP cut
    short may end on a worse plan than the one it started from); the wider one's bound."""
    if narrower is None or narrower.values is None or narrower.value >= wider.value:
        return wider
    value = narrower.value
    return BlockResult(
        value, min(wider.bound, value), narrower.counts, wider.proven, narrower.values
    )


def _relaxation(arrays: ColumnArrays, stop: float) -> tuple[float, np.ndarray] | None:
    """The block's LP value and reduced costs, or None if not solved to optimality."""
    highs = _highs(stop, seed=0)
    highs.passModel(highs_lp(arrays, integral=False))
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    value = float(highs.getInfo().objective_function_value)
    return value, np.asarray(highs.getSolution().col_dual, dtype=np.float64)


def _priced(arrays: ColumnArrays, duals: np.ndarray) -> tuple[float, np.ndarray] | None:
    """The block's Lagrangian value and reduced costs at the rows' ``duals``, which hold the
    block's LP value when they are the converged LP's (the block's rows are its own): every
    plan costs at least y b + the negative reduced costs at their variables' upper bounds +
    the others' reduced costs times their values. None if a negative one has no upper bound.
    Measured on the concert's 25 distinct blocks: their LPs took a quarter of their time."""
    owner = np.repeat(np.arange(len(arrays.cost)), np.diff(arrays.starts))
    used = duals[arrays.index] * arrays.value
    reduced = arrays.cost - np.bincount(owner, weights=used, minlength=len(arrays.cost))
    negative = reduced < 0
    if not np.all(np.isfinite(arrays.upper[negative])):
        return None
    side = np.where(duals > 0, arrays.row_lower, arrays.row_upper)
    value = float(np.dot(duals[duals != 0], side[duals != 0]))
    value += float(np.dot(reduced[negative], arrays.upper[negative]))
    return value, reduced


def signed_duals(duals: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """The duals with every sign no row side allows set to zero (LP round-off)."""
    keep = np.where(duals > 0, np.isfinite(lower), np.isfinite(upper))
    return np.where(keep, duals, 0.0)


def _highs(stop: float, seed: int) -> highspy.Highs:
    with quiet_stdout():  # HiGHS prints its banner when made
        highs = highspy.Highs()
    highs.silent()
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", int(seed))
    highs.setOptionValue("time_limit", max(0.05, stop - time.perf_counter()))
    return highs


def _mip(
    arrays: ColumnArrays,
    n: int,
    stop: float,
    seed: int,
    abs_gap: float,
) -> BlockResult:
    """The MIP (``n`` shift columns first).

    No start is handed to HiGHS: given a plan's shift counts alone (``setSolution`` with the
    shifts' indexes), HiGHS 1.16 reported a block of value 3 solved at 2, with every shift at
    zero and its shortfalls unpaid."""
    highs = _highs(stop, seed)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", float(abs_gap))
    for option in SKIPPED_HEURISTICS:
        highs.setOptionValue(option, False)
    highs.passModel(highs_lp(arrays, integral=True))
    highs.run()
    info = highs.getInfo()
    proven = highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
    bound = float(info.mip_dual_bound) if info.mip_node_count >= 0 else -math.inf
    if info.primal_solution_status != _FEASIBLE:
        return BlockResult(math.inf, bound, None, False)
    values = np.asarray(highs.getSolution().col_value)
    value = float(info.objective_function_value)
    return BlockResult(value, min(bound, value), np.round(values[:n]), proven, values)


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
        pending = {task[0]: pool.apply_async(solve_block, task[1:]) for task in tasks}
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
