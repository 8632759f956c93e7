"""A block solved exactly gives whole shift counts, at the value of its whole MIP."""

from __future__ import annotations

import time
from dataclasses import replace

import highspy
import numpy as np
import pytest

from eventplan.generate import generate
from eventplan.generate.spec import Spec
from eventplan.staffing.build import build_model
from eventplan.staffing.colgen import column_generation
from eventplan.staffing.decompose.blocks import build_blocks
from eventplan.staffing.decompose.master import sign_feasible
from eventplan.staffing.decompose.pricing import BlockSolver, _arrays, priced_costs
from eventplan.staffing.highs_model import highs_lp
from eventplan.staffing.requirements import requirements
from eventplan.timegrid import build_grid


def _whole_mip_value(block, prices) -> float:
    """The block's MIP over every shift at the prices, solved by HiGHS to a proof."""
    arrays = _arrays(block, integral=False)
    cost = np.concatenate([priced_costs(block, prices), block.short_cost])
    arrays = replace(arrays, cost=cost, integer=np.arange(len(cost)) < block.shifts)
    highs = highspy.Highs()
    highs.silent()
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.passModel(highs_lp(arrays, integral=True))
    highs.run()
    assert highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return float(highs.getInfo().objective_function_value)


def test_exact_blocks_are_whole_and_at_their_mip_optimum():
    # A generated 32-staff day at 15-minute slots: meal breaks and standing units leave the
    # LPs of its blocks fractional, so the exact path is taken, not the LP's plan.
    s = generate(Spec(staff=32, posts=3, seed=1, slot_minutes=15, hours=16, shortage=0.0))
    grid = build_grid(s)
    model = build_model(s, grid, requirements(s, grid), all_columns=False)
    blocks = build_blocks(model)
    # the linking rows priced as the LP prices them (where the rounds' prices settle)
    duals = column_generation(model, None, time.perf_counter() + 60, None).lp.duals()
    prices = sign_feasible(blocks.linking, duals[blocks.linking.rows])
    fractional = 0
    for block in blocks.distinct:
        solver = BlockSolver(block, seed=0)
        relaxed = solver.solve(prices, 30.0, exact=False)
        fractional += not np.allclose(relaxed.counts, np.round(relaxed.counts))
        plan = solver.solve(prices, 30.0, exact=True)
        assert np.allclose(plan.counts, np.round(plan.counts))
        optimum = _whole_mip_value(block, prices)
        # the MIPs stop within their gaps (0.01 % and 0.05 % of the plan's cost)
        assert plan.value == pytest.approx(optimum, rel=1e-3)
        assert plan.bound <= optimum + 1e-6 * max(1.0, abs(optimum))
    assert fractional > 0
