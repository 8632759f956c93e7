"""The master over the linking rows: one plan per block instance, chosen among the plans the
blocks proposed, within the pools, ``max_days``, rest and venue-wide rows.

Instances of one distinct block are interchangeable (alike in every figure, linking rows
included), so the master counts how many of them take each plan: one column per distinct
block and plan, at most as many as the block has instances, and one convexity row per
distinct block. That is the same LP and the same MIP as one column per instance and plan,
with a fraction of the columns (3,108 instead of 44,000 on 20,000 staff x 5 days).

Its LP gives the prices of the linking rows for the next round of blocks; the same model with
whole choices (a small MIP) gives the integer plan. The empty plan (every need short) is a
proposal of every block, so the master is always feasible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import highspy
import numpy as np

from eventplan.staffing.decompose.blocks import Block, Linking
from eventplan.staffing.decompose.pricing import BlockPlan
from eventplan.staffing.highs_model import ColumnArrays, highs_lp
from eventplan.staffing.quiet import quiet_stdout


@dataclass(frozen=True)
class Proposal:
    """A block plan as the master sees it: true cost, use of the linking rows, shift counts."""

    cost: float
    link_rows: np.ndarray
    link_use: np.ndarray
    counts: np.ndarray
    #: whole shift counts (a block LP's plan may be fractional: the master LP takes it, the
    #: master MIP does not)
    whole: bool


def proposal(block: Block, plan: BlockPlan) -> Proposal:
    use = np.bincount(
        block.link_rows,
        weights=block.link_vals * plan.counts[block.link_cols],
        minlength=int(block.link_rows.max(initial=-1)) + 1,
    )
    rows = np.flatnonzero(use)
    cost = float(np.dot(block.cost, plan.counts) + np.dot(block.short_cost, plan.shorts))
    whole = bool(np.all(plan.counts == np.round(plan.counts)))
    return Proposal(cost, rows, use[rows], plan.counts, whole)


@dataclass
class Master:
    """Proposals by distinct block, and the block instances (which distinct block each is)."""

    linking: Linking
    instances: np.ndarray
    proposals: list[list[Proposal]]
    seen: list[set[bytes]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.seen = [{p.counts.tobytes() for p in found} for found in self.proposals]
        #: instances of each distinct block
        self.multiplicity = np.bincount(self.instances, minlength=len(self.proposals))

    def add(self, distinct: int, offer: Proposal) -> bool:
        """Add a proposal unless the block has it already; True if added."""
        key = offer.counts.tobytes()
        if key in self.seen[distinct]:
            return False
        self.seen[distinct].add(key)
        self.proposals[distinct].append(offer)
        return True

    def solve(
        self,
        deadline_seconds: float,
        integral: bool,
        seed: int,
        whole_only: bool = True,
        start: list[int] | None = None,
    ) -> MasterResult:
        """The master's LP (its prices) or MIP (its choices); ``whole_only``: only proposals
        of whole shift counts; ``start``: a choice per instance the MIP starts from."""
        arrays, owners = self._arrays(integral or whole_only)
        with quiet_stdout():  # HiGHS prints its banner when made
            highs = highspy.Highs()
        highs.silent()
        highs.setOptionValue("threads", 1)
        highs.setOptionValue("random_seed", int(seed))
        highs.setOptionValue("time_limit", max(0.05, deadline_seconds))
        highs.passModel(highs_lp(arrays, integral=integral))
        if integral and start is not None:
            # the MIP then never returns worse than the start, nor nothing when short of time
            highs.setSolution(*self._start(start, owners))
        highs.run()
        info = highs.getInfo()
        if info.primal_solution_status != 2:
            return MasterResult(math.inf, np.zeros(0), [], False)
        solution = highs.getSolution()
        values = np.asarray(solution.col_value)
        links = len(self.linking.rows)
        duals = np.asarray(solution.row_dual)[:links] if not integral else np.zeros(links)
        chosen = _chosen(values, owners, self.instances) if integral else []
        optimal = highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        return MasterResult(float(info.objective_function_value), duals, chosen, optimal)

    def greedy(self) -> list[int]:
        """A choice without a solver, for when the MIP finds none in time: blocks by what their
        best whole plan saves on the empty one, each taking its cheapest whole plan that still
        fits the linking rows' room (the empty plan, proposal 0, always fits)."""
        link = self.linking
        room = link.upper.copy()
        # people drawn (when minimised) widen their rows by as many as they may draw
        negative = link.var_vals < 0
        np.add.at(
            room,
            link.var_rows[negative],
            -link.var_vals[negative] * link.var_upper[link.var_cols[negative]],
        )
        used = np.zeros(len(room))
        ranked = [
            sorted((o.cost, n) for n, o in enumerate(found) if o.whole) for found in self.proposals
        ]
        saving = [found[0].cost - ranked[k][0][0] for k, found in enumerate(self.proposals)]
        chosen = [0] * len(self.instances)
        order = sorted(range(len(self.instances)), key=lambda i: -saving[self.instances[i]])
        for instance in order:
            distinct = self.instances[instance]
            for cost, number in ranked[distinct]:
                if cost >= self.proposals[distinct][0].cost:
                    break
                offer = self.proposals[distinct][number]
                after = used[offer.link_rows] + offer.link_use
                if np.all(after <= room[offer.link_rows] + 1e-9):
                    used[offer.link_rows] = after
                    chosen[instance] = number
                    break
        return chosen

    def _start(
        self, chosen: list[int], owners: list[tuple[int, int]]
    ) -> tuple[int, np.ndarray, np.ndarray]:
        """The proposals' columns of a choice per instance (the rest the MIP completes)."""
        column = {owner: j for j, owner in enumerate(owners)}
        values = np.zeros(len(owners))
        for distinct, number in zip(self.instances.tolist(), chosen, strict=True):
            values[column[(distinct, number)]] += 1
        return len(owners), np.arange(len(owners), dtype=np.int32), values

    def _arrays(self, whole_only: bool) -> tuple[ColumnArrays, list[tuple[int, int]]]:
        """Columns: every (distinct block, proposal), then the master's own variables."""
        link = self.linking
        links = len(link.rows)
        costs: list[float] = []
        uppers: list[float] = []
        starts, index, value = [0], [], []
        owners: list[tuple[int, int]] = []
        for distinct, found in enumerate(self.proposals):
            many = float(self.multiplicity[distinct])
            for number, offer in enumerate(found):
                costs.append(offer.cost)
                uppers.append(many if offer.whole or not whole_only else 0.0)
                index += [offer.link_rows, np.array([links + distinct])]
                value += [offer.link_use, np.ones(1)]
                starts.append(starts[-1] + len(offer.link_rows) + 1)
                owners.append((distinct, number))
        order = np.argsort(link.var_cols, kind="stable")
        for var in range(len(link.var_cost)):
            mine = order[
                np.searchsorted(link.var_cols[order], var, "left") : np.searchsorted(
                    link.var_cols[order], var, "right"
                )
            ]
            index.append(link.var_rows[mine])
            value.append(link.var_vals[mine])
            starts.append(starts[-1] + len(mine))
        n = len(costs) + len(link.var_cost)
        many = self.multiplicity.astype(np.float64)
        return (
            ColumnArrays(
                cost=np.concatenate([np.asarray(costs, dtype=np.float64), link.var_cost]),
                lower=np.zeros(n),
                upper=np.concatenate([np.asarray(uppers), link.var_upper]),
                row_lower=np.concatenate([link.lower, many]),
                row_upper=np.concatenate([link.upper, many]),
                starts=np.asarray(starts, dtype=np.int32),
                index=np.concatenate(index).astype(np.int32) if index else np.zeros(0, np.int32),
                value=np.concatenate(value) if value else np.zeros(0),
                integer=np.concatenate(
                    [np.ones(len(costs), bool), np.zeros(len(link.var_cost), bool)]
                ),
            ),
            owners,
        )


@dataclass(frozen=True)
class MasterResult:
    """The master's value, the linking rows' prices (LP only), the proposal per instance."""

    value: float
    prices: np.ndarray
    chosen: list[int]
    optimal: bool


def _chosen(values: np.ndarray, owners: list[tuple[int, int]], instances: np.ndarray) -> list[int]:
    """Per instance, a proposal: each distinct block's instances, in order, take its plans by
    their whole counts (the largest first; any instance left over, the empty plan)."""
    taken: dict[int, list[int]] = {}
    for (distinct, number), v in zip(owners, values[: len(owners)], strict=True):
        if round(v) > 0:
            taken.setdefault(distinct, []).append((round(v), number))
    queues = {
        k: [
            number
            for many, number in sorted(found, key=lambda t: (-t[0], t[1]))
            for _ in range(many)
        ]
        for k, found in taken.items()
    }
    chosen = [0] * len(instances)
    for instance, distinct in enumerate(instances.tolist()):
        queue = queues.get(distinct)
        if queue:
            chosen[instance] = queue.pop(0)
    return chosen


def lagrangian_bound(
    linking: Linking, prices: np.ndarray, block_bounds: np.ndarray, instances: np.ndarray
) -> float:
    """A lower bound on every plan from any sign-feasible prices of the linking rows: their
    value at the row bounds, the master's own variables at their cheaper bound, and every
    block instance's least value at those prices (``block_bounds`` per distinct block)."""
    y = prices
    side = np.where(y > 0, linking.lower, linking.upper)
    active = y != 0
    if not np.all(np.isfinite(side[active])):
        return -math.inf
    total = float(np.dot(y[active], side[active]))
    reduced = linking.var_cost - np.bincount(
        linking.var_cols,
        weights=linking.var_vals * y[linking.var_rows],
        minlength=len(linking.var_cost),
    )
    total += float(np.minimum(0.0, reduced * linking.var_upper).sum())
    return total + float(block_bounds[instances].sum())


def sign_feasible(linking: Linking, prices: np.ndarray) -> np.ndarray:
    """The prices with every sign no row bound allows set to zero."""
    y = np.asarray(prices, dtype=np.float64).copy()
    y[(y > 0) & ~np.isfinite(linking.lower)] = 0.0
    y[(y < 0) & ~np.isfinite(linking.upper)] = 0.0
    return y
