"""The search by station-day blocks: rounds of pricing, a bound at every round, then a plan.

1. Every distinct block is solved exactly at the current prices of the linking rows (first
   all zero). Each round gives the Lagrangian bound: the prices' value at the linking rows'
   bounds plus every block's least value at those prices. At zero prices every block's value
   is at least 0 when costs are, so the bound is never negative then.
2. The blocks' plans are offered to the master; its LP prices the linking rows for the next
   round. The rounds stop when the master's value meets the best bound, or at their share
   of the time limit.
3. The master with whole choices picks one plan per block; the greedy repair then adds any
   shift that still pays within the pools.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from eventplan.staffing.decompose.blocks import Block, Blocks, build_blocks
from eventplan.staffing.decompose.fanout import DaskCluster, Fanout, InProcess, LocalWorkers
from eventplan.staffing.decompose.master import (
    Master,
    lagrangian_bound,
    proposal,
    sign_feasible,
)
from eventplan.staffing.decompose.pricing import empty_plan, priced_costs
from eventplan.staffing.evaluate import complete_solution
from eventplan.staffing.model import Column, StaffingModel
from eventplan.staffing.repair import round_and_repair
from eventplan.staffing.report import SolveReport, SolveStatus

#: Share of the time kept back from the pricing rounds for the master MIP and the plan ...
PLAN_SHARE = 0.2
#: ... or this many seconds per block instance if more: handing the plans out and adding their
#: shifts to the model is Python per instance (measured 7.8 s for 7,525 instances, 58,883
#: shifts, with the 4 latest proposals offered; the master MIP 4.5 s more).
PLAN_SECONDS_PER_INSTANCE = 1.2e-3
#: Share of the time given to the master MIP.
MASTER_SHARE = 0.2
#: The rounds stop when the master's value is within this relative distance of the bound.
CONVERGED = 1e-7
#: The block LPs' rounds end when the master's value is within this relative distance of
#: their bound (it is the LP's bound, which the blocks' MIPs then raise).
LP_SETTLED = 1e-3
#: Proposals per block (the latest) whose shifts the repair may add to the chosen plan (it
#: added nothing to the master MIP's plans measured, and each shift offered costs its column).
REPAIR_PROPOSALS = 1
#: Weight of the prices at the best bound so far when moving to the master's (smoothing).
SMOOTHING = 0.5


@dataclass(frozen=True)
class BlockSettings:
    """How long and where to search."""

    time_limit: float
    seed: int = 0
    workers: int = 1
    #: Dask scheduler address (``tcp://host:8786``), else local processes
    scheduler: str | None = None
    #: most pricing rounds (None: until they settle or their share of the time is spent); a
    #: seed, one worker and a number of rounds reached in time give the same plan every run
    max_rounds: int | None = None


Progress = Callable[[str, float], None]


def solve_by_blocks(
    model: StaffingModel,
    settings: BlockSettings,
    *,
    progress: Progress | None = None,
    interrupt: threading.Event | None = None,
) -> tuple[np.ndarray, SolveReport]:
    """Shift counts aligned with ``model.columns`` (columns are added) and the report."""
    started = time.perf_counter()
    stopped = interrupt.is_set if interrupt is not None else (lambda: False)
    blocks = build_blocks(model)
    distinct = blocks.distinct
    stations = [block.station for block in distinct]
    master = Master(
        blocks.linking, blocks.instances, [[proposal(b, empty_plan(b))] for b in distinct]
    )
    fanout = _fanout(distinct, stations, settings, stopped)
    limit = settings.time_limit
    rounds = _Rounds(master, distinct, fanout, progress, stopped)
    try:
        kept = max(PLAN_SHARE * limit, PLAN_SECONDS_PER_INSTANCE * len(blocks.instances))
        rounds.run(started + limit - kept, settings.seed, settings.max_rounds)
    finally:
        fanout.close()
    master_seconds = max(
        0.1, min(MASTER_SHARE * limit, started + 0.9 * limit - time.perf_counter())
    )
    greedy_choice = master.greedy()
    chosen = master.solve(master_seconds, True, settings.seed, start=greedy_choice)
    deadline = started + 0.95 * limit
    # the greedy choice when the MIP has none (its plan would be every block's empty one);
    # the MIP started from it, so its own choice is never worse in the master's terms
    counts = _plan(model, blocks, master, chosen.chosen or greedy_choice, deadline)
    objective = _objective(model, counts)
    bound = min(rounds.bound, objective)
    proven = objective <= bound + 1e-6 * max(1.0, abs(bound))
    if proven:
        status = SolveStatus.OPTIMAL
    else:
        status = SolveStatus.INTERRUPTED if stopped() else SolveStatus.FEASIBLE
    method = _method(len(blocks.instances), len(distinct), rounds, bound, proven)
    seconds = time.perf_counter() - started
    report = SolveReport(status, objective, bound, seconds, method, settings.seed, settings.workers)
    return counts, report


def _method(blocks: int, distinct: int, rounds: _Rounds, bound: float, proven: bool) -> str:
    """What was done and proven, as the summary's steps (``; `` between them)."""
    steps = [
        f"station-day blocks ({blocks} blocks, {distinct} distinct, {rounds.count} pricing rounds"
        + ("" if rounds.converged else ", stopped at the time limit")
        + ")",
        _bound_source(rounds),
        "one plan per block chosen by the master MIP, then repaired",
    ]
    if not proven:
        steps.append(f"proven: no plan costs less than {bound:.2f}")
    return "; ".join(steps)


def _bound_source(rounds: _Rounds) -> str:
    """Where the bound comes from: the blocks' MIPs give the Dantzig-Wolfe bound, their LPs at
    most the LP bound."""
    if not rounds.best_round:
        return "bound: every block at its cheaper bound (no round in time)"
    found = f"bound: Lagrangian bound of round {rounds.best_round}"
    if rounds.best_exact:
        return f"{found}, from the blocks' MIPs"
    return f"{found}, from the blocks' LPs (the LP bound)"


def _objective(model: StaffingModel, counts: np.ndarray) -> float:
    """Objective of whole shift counts, shortfalls recomputed exactly."""
    values = complete_solution(model, counts)
    return float(np.dot(np.asarray(model.linear.var_obj), values))


def _fanout(distinct: list[Block], stations: list[int], settings: BlockSettings, stopped) -> Fanout:
    if settings.scheduler:
        return DaskCluster(settings.scheduler, distinct, stations, settings.seed, stopped)
    if settings.workers > 1 and len(distinct) > 1:
        return LocalWorkers(distinct, stations, settings.seed, settings.workers, stopped)
    return InProcess(distinct, settings.seed, stopped)


class _Rounds:
    """The pricing rounds: the best bound, its round, and whether the master met it."""

    def __init__(self, master: Master, distinct, fanout: Fanout, progress, stopped) -> None:
        self.master, self.distinct, self.fanout = master, distinct, fanout
        self.progress, self.stopped = progress, stopped
        self.bound, self.best_round, self.count, self.converged = -math.inf, 0, 0, False
        #: whether the best bound came from the blocks' MIPs (else from their LPs)
        self.best_exact = False
        #: first the blocks' LPs (quick, to settle the prices), then their MIPs
        self.exact = False

    def run(self, deadline: float, seed: int, max_rounds: int | None) -> None:
        links = len(self.master.linking.rows)
        prices = np.zeros(links)
        at_best, pure = prices, True
        # Before any round: at zero prices every shift and shortfall at its cheaper bound (0
        # when costs are not negative), a bound even when no block is solved in time.
        trivial = np.array([_trivial(block, prices) for block in self.distinct])
        self.bound = lagrangian_bound(self.master.linking, prices, trivial, self.master.instances)
        while not self.stopped() and time.perf_counter() < deadline:
            if max_rounds is not None and self.count >= max_rounds:
                self.converged = True  # as many rounds as asked for
                return
            plans = self.fanout.solve(prices, deadline, self.exact)
            bounds = np.array(
                [
                    max(plans[k].bound if k in plans else -math.inf, _trivial(block, prices))
                    for k, block in enumerate(self.distinct)
                ]
            )
            self.count += 1
            value = lagrangian_bound(self.master.linking, prices, bounds, self.master.instances)
            if value > self.bound:
                self.bound, self.best_round, at_best = value, self.count, prices
                self.best_exact = self.exact
            added = sum(self.master.add(k, proposal(self.distinct[k], p)) for k, p in plans.items())
            for k, plan in plans.items():  # whole plans near the LPs': for the master's MIP
                for near in plan.near:
                    self.master.add(k, proposal(self.distinct[k], near))
            if self.progress:
                self.progress("pricing blocks", float(self.count))
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or len(plans) < len(self.distinct):
                return
            # Nothing new at the master's own prices: its value is the bound of this phase.
            settled = not added and pure
            relaxed = self.master.solve(remaining, False, seed, whole_only=self.exact)
            gap = relaxed.value - self.bound
            tolerance = CONVERGED if self.exact else LP_SETTLED
            if settled or gap <= tolerance * max(1.0, abs(relaxed.value)):
                if self.exact:
                    self.converged = True
                    return
                # The block LPs have priced the linking rows as the LP would: from here on
                # the blocks' MIPs, whose bound is the tighter one.
                self.exact = True
                relaxed = self.master.solve(remaining, False, seed, whole_only=True)
            if not np.isfinite(relaxed.value):  # the master's LP not solved in time
                return
            target = sign_feasible(self.master.linking, relaxed.prices)
            # Smoothed toward the prices of the best bound, unless that offered nothing new.
            pure = not added
            prices = target if pure else SMOOTHING * at_best + (1 - SMOOTHING) * target


def _trivial(block: Block, prices: np.ndarray) -> float:
    """A bound on a block not solved in time: every shift priced below zero at full count,
    every shortfall at its cheaper bound."""
    priced = priced_costs(block, prices)
    shifts = np.minimum(0.0, priced * block.upper).sum()
    return float(shifts + np.minimum(0.0, block.short_cost * block.short_upper).sum())


def _plan(
    model: StaffingModel,
    blocks: Blocks,
    master: Master,
    chosen: list[int],
    deadline: float,
) -> np.ndarray:
    """The chosen proposals as counts of the model's columns, then the greedy repair."""
    wanted: dict[Column, int] = {}
    offered: set[Column] = set()
    for i, (number, station) in enumerate(zip(blocks.instances, blocks.stations, strict=True)):
        block, found = blocks.distinct[number], master.proposals[number]
        supply, template = block.supply.tolist(), block.template.tolist()
        # The repair may add any shift some proposal of the block used, whole or not.
        for offer in found[-REPAIR_PROPOSALS:]:
            offered.update(
                Column(supply[j], template[j], int(station))
                for j in np.flatnonzero(offer.counts > 1e-6)
            )
        if not chosen:
            continue
        offer = found[chosen[i]]
        for j in np.flatnonzero(offer.counts > 0.5):
            column = Column(supply[j], template[j], int(station))
            wanted[column] = wanted.get(column, 0) + round(offer.counts[j])
    for column in sorted(set(wanted) | offered, key=lambda c: (c.station, c.supply, c.template)):
        model.add_column(column)
    position = {column: j for j, column in enumerate(model.columns)}
    counts = np.zeros(len(model.columns))
    for column, n in wanted.items():
        counts[position[column]] = n
    return round_and_repair(model, counts, deadline=deadline)
