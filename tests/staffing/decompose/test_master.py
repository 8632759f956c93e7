"""The master counts the instances of a distinct block taking each plan."""

from __future__ import annotations

import numpy as np
import pytest

from eventplan.staffing.decompose.blocks import Linking
from eventplan.staffing.decompose.master import Master, Proposal


def _one_linking_row(upper: float) -> Linking:
    empty = np.zeros(0)
    ints = np.zeros(0, np.int64)
    return Linking(
        rows=np.array([0]),
        lower=np.array([-np.inf]),
        upper=np.array([upper]),
        var_cost=empty,
        var_upper=empty,
        var_rows=ints,
        var_cols=ints,
        var_vals=empty,
    )


def _offer(cost: float, use: float) -> Proposal:
    rows = np.array([0]) if use else np.zeros(0, np.int64)
    uses = np.array([use]) if use else np.zeros(0)
    return Proposal(cost, rows, uses, np.array([use]), whole=True)


def test_instances_of_one_block_share_the_linking_row():
    # Three station-days alike (instances 0, 1, 2 of distinct block 0), a pool of 2 people:
    # empty plan 10 (all short), one person 3. Two instances staffed, one short:
    # 3 + 3 + 10 = 16, by the LP and the MIP alike; the pool's price is 3 - 10 = -7.
    master = Master(_one_linking_row(2), np.array([0, 0, 0]), [[_offer(10, 0), _offer(3, 1)]])
    relaxed = master.solve(10, integral=False, seed=0)
    whole = master.solve(10, integral=True, seed=0)
    assert relaxed.value == pytest.approx(16)
    assert relaxed.prices[0] == pytest.approx(-7)
    assert whole.value == pytest.approx(16)
    assert sorted(whole.chosen) == [0, 1, 1]


def test_two_distinct_blocks_each_have_their_instances():
    # Block 0 (two instances) saves 7 with its person, block 1 (one instance) saves 2; a pool
    # of 2 goes to block 0's instances: 3 + 3 + 5 = 11.
    offers = [[_offer(10, 0), _offer(3, 1)], [_offer(5, 0), _offer(3, 1)]]
    master = Master(_one_linking_row(2), np.array([0, 1, 0]), offers)
    whole = master.solve(10, integral=True, seed=0)
    assert whole.value == pytest.approx(11)
    assert whole.chosen == [1, 0, 1]
