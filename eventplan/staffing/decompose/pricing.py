"""One block priced and solved exactly: the shifts' costs less the linking rows' prices, then
HiGHS on the block's small MIP (its LP first: where that is integral it is the MIP's optimum).

A block keeps its HiGHS model between rounds, so each round only changes the costs and the LP
restarts from the last basis.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace

import highspy
import numpy as np

from eventplan.staffing.block_solve import signed_duals, solve_block
from eventplan.staffing.decompose.blocks import Block
from eventplan.staffing.highs_model import ColumnArrays, entry_arrays, highs_lp
from eventplan.staffing.quiet import quiet_stdout

#: A value this close to a whole number counts as whole.
INTEGRAL_TOLERANCE = 1e-6
#: Relative gap at which a block's MIP stops.
MIP_GAP = 1e-4
#: Seconds a block's MIP may take in one round: its dual bound is valid whenever it stops,
#: and a few slow blocks would otherwise hold up the round (under a load of 7 on 2 cores, one
#: round of 80 block MIPs took 23 s of a 60 s limit).
MIP_SECONDS = 1.0
#: Absolute gap at which a block's MIP stops, as a share of the true cost of its LP's plan: the
#: relative gap is on the priced value, often a small difference of large figures, and the
#: bound loses at most this share of each block's cost (so of the plan's).
MIP_COST_GAP = 5e-4


@dataclass(frozen=True)
class BlockPlan:
    """A block's best plan at some prices: its value there, a bound on that value (equal when
    proven), shift counts and shortfalls."""

    value: float
    bound: float
    counts: np.ndarray
    shorts: np.ndarray
    proven: bool
    #: whole plans near a fractional one (its counts rounded), for the master's MIP
    near: tuple[BlockPlan, ...] = ()


def priced_costs(block: Block, prices: np.ndarray) -> np.ndarray:
    """Each shift's cost less the prices of the linking rows it enters."""
    paid = np.bincount(
        block.link_cols, weights=block.link_vals * prices[block.link_rows], minlength=block.shifts
    )
    return block.cost - paid


def empty_plan(block: Block) -> BlockPlan:
    """Nobody on shift, every need short: feasible in every block (see ``blocks``)."""
    value = float(np.dot(block.short_cost, block.short_upper))
    return BlockPlan(value, value, np.zeros(block.shifts), block.short_upper.copy(), True)


class BlockSolver:
    """Solves one block at given prices, keeping its HiGHS model warm between calls."""

    def __init__(self, block: Block, seed: int) -> None:
        self.block = block
        with quiet_stdout():  # HiGHS prints its banner when made
            self.highs = highspy.Highs()
        self.highs.silent()
        self.highs.setOptionValue("threads", 1)
        self.highs.setOptionValue("random_seed", int(seed))
        # the bound is the MIP's dual bound, valid at any gap; a proof of the last 0.01 % costs
        # more than the rounds it would take from the others
        self.highs.setOptionValue("mip_rel_gap", MIP_GAP)
        self.arrays = _arrays(block, integral=True)
        self.seed = seed
        self.highs.passModel(highs_lp(self.arrays, integral=False))
        self.columns = np.arange(block.shifts, dtype=np.int32)

    def solve(self, prices: np.ndarray, seconds: float, exact: bool = True) -> BlockPlan:
        """The block's best plan at the prices: of its MIP (``exact``), else of its LP."""
        block, highs = self.block, self.highs
        if block.shifts:
            highs.changeColsCost(block.shifts, self.columns, priced_costs(block, prices))
        highs.setOptionValue("time_limit", max(0.01, seconds))
        plan = self._run()
        if plan is not None and plan.proven and _integral(plan.counts):
            return plan
        if plan is not None and plan.proven and not exact:
            near = tuple(self._fixed(np.floor(plan.counts + INTEGRAL_TOLERANCE)))
            near += tuple(self._fixed(np.round(plan.counts)))
            return BlockPlan(plan.value, plan.bound, plan.counts, plan.shorts, True, near)
        if plan is None or not plan.proven:
            return self._mip(plan, seconds)
        return self._exact(prices, plan, seconds)

    def _exact(self, prices: np.ndarray, plan: BlockPlan, seconds: float) -> BlockPlan:
        """The block's MIP from its LP's duals: alike shifts merged, split by its needs, over
        the shifts its LP prices near zero (:func:`~eventplan.staffing.block_solve.solve_block`).
        """
        block, solution = self.block, self.highs.getSolution()
        duals = signed_duals(np.asarray(solution.row_dual), block.row_lower, block.row_upper)
        costs = np.concatenate([priced_costs(block, prices), block.short_cost])
        cap = max(0.01, min(seconds, MIP_SECONDS))
        found = solve_block(
            replace(self.arrays, cost=costs),
            block.shifts,
            time.perf_counter() + cap,
            cap,
            self.seed,
            _cost_gap(block, plan),
            duals,
        )
        if found.values is None:  # nothing within the time: the LP's value still bounds it
            return _unsolved(block, plan.value)
        n = block.shifts
        bound = max(found.bound, plan.value)
        return BlockPlan(found.value, bound, found.counts, found.values[n:], found.proven)

    def _mip(self, plan: BlockPlan | None, seconds: float) -> BlockPlan:
        """The block's MIP on its warm HiGHS model (when its LP was not solved: no bound from
        it)."""
        block, highs = self.block, self.highs
        highs.setOptionValue("time_limit", max(0.01, min(seconds, MIP_SECONDS)))
        if plan is not None:
            highs.setOptionValue("mip_abs_gap", _cost_gap(block, plan))
        kinds = np.full(block.shifts, highspy.HighsVarType.kInteger)
        highs.changeColsIntegrality(block.shifts, self.columns, kinds)
        try:
            found = self._run()
        finally:
            continuous = np.full(block.shifts, highspy.HighsVarType.kContinuous)
            highs.changeColsIntegrality(block.shifts, self.columns, continuous)
        if found is None:
            return _unsolved(block, -math.inf)
        return found

    def _fixed(self, counts: np.ndarray) -> list[BlockPlan]:
        """The plan of these whole counts (its shortfalls from the LP), if they fit the block."""
        highs, n = self.highs, self.block.shifts
        highs.changeColsBounds(n, self.columns, counts, counts)
        try:
            found = self._run()
        finally:
            highs.changeColsBounds(n, self.columns, np.zeros(n), self.block.upper)
        if found is None or not found.proven:
            return []
        return [BlockPlan(found.value, -math.inf, counts, found.shorts, False)]

    def _run(self) -> BlockPlan | None:
        """The model as it stands (LP or MIP): None when it has no feasible solution."""
        highs = self.highs
        highs.run()
        status = highs.getModelStatus()
        info = highs.getInfo()
        if info.primal_solution_status != 2:  # 2: feasible
            return None
        values = np.asarray(highs.getSolution().col_value)
        value = float(info.objective_function_value)
        optimal = status == highspy.HighsModelStatus.kOptimal
        if info.mip_node_count >= 0:
            # a MIP is "optimal" within its gap (MIP_GAP), so its value may exceed the optimum
            bound = float(info.mip_dual_bound)
        elif optimal:
            bound = value
        else:
            bound = -math.inf
        n = self.block.shifts
        counts = np.round(values[:n]) if _integral(values[:n]) else values[:n]
        return BlockPlan(value, bound, counts, values[n:], optimal)


def _cost_gap(block: Block, plan: BlockPlan) -> float:
    """Absolute gap at which the block's MIP stops: a share of the true cost of a plan."""
    cost = float(np.dot(block.cost, plan.counts) + np.dot(block.short_cost, plan.shorts))
    return max(1e-6, MIP_COST_GAP * abs(cost))


def _unsolved(block: Block, bound: float) -> BlockPlan:
    """No plan in time: the empty plan, with what bounds the block."""
    fallback = empty_plan(block)
    return BlockPlan(fallback.value, bound, fallback.counts, fallback.shorts, False)


def _integral(values: np.ndarray) -> bool:
    return bool(np.all(np.abs(values - np.round(values)) <= INTEGRAL_TOLERANCE))


def _arrays(block: Block, integral: bool) -> ColumnArrays:
    return entry_arrays(
        (block.cost, block.upper),
        (block.short_cost, block.short_upper),
        (block.row_lower, block.row_upper),
        (block.own_rows, block.own_cols, block.own_vals),
        integral=integral,
    )
