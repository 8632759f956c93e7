"""Alike shifts of a block merged into one variable: the same optimum, counts within bounds."""

from __future__ import annotations

import time

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from eventplan.staffing.block_alike import merge_alike, spread
from eventplan.staffing.block_model import StationBlock
from eventplan.staffing.block_solve import solve_blocks
from eventplan.staffing.model import Column


def _block(cost: list[float], upper: list[float], need: float, cover: list[float]) -> StationBlock:
    """One need of ``need`` people, shift j counting ``cover[j]``; its shortfall costs 9."""
    shifts = len(cost)
    return StationBlock(
        [Column(0, j, 0) for j in range(shifts)],
        np.array(cost, dtype=float),
        np.array(upper, dtype=float),
        np.array([9.0]),
        np.array([10.0]),
        np.array([need]),
        np.array([np.inf]),
        np.zeros(shifts + 1, dtype=np.int32),
        np.arange(shifts + 1, dtype=np.int32),
        np.array([*cover, 1.0]),
    )


def _solve(block: StationBlock):
    deadline = time.perf_counter() + 30
    (found,) = solve_blocks([block.arrays()], [len(block.columns)], deadline, 0, 1, bool)
    assert found is not None and found.proven
    return found


def test_two_alike_shifts_are_one_variable_filled_in_order():
    # Shifts 0 and 1 alike (cost 2, counting 1), bounds 2 and 3; shift 2 counts 2 for 5. A
    # need of 4: four alike shifts, 8, against two of shift 2, 10, or shortfalls at 9. The
    # merged shift takes 4: shift 0 its 2, shift 1 the other 2.
    block = _block([2.0, 2.0, 5.0], [2.0, 3.0, 5.0], 4.0, [1.0, 1.0, 2.0])
    merged = merge_alike(block.arrays(), 3)
    assert merged is not None and merged.shifts == 2
    assert merged.arrays.upper[:2].tolist() == [5.0, 5.0]
    found = _solve(block)
    assert abs(found.value - 8.0) < 1e-9
    assert found.counts.tolist() == [2.0, 2.0, 0.0]


def test_spread_hands_each_shift_up_to_its_bound():
    block = _block([2.0, 2.0, 2.0], [1.0, 2.0, 4.0], 3.0, [1.0, 1.0, 1.0])
    merged = merge_alike(block.arrays(), 3)
    assert merged is not None
    # 4 people on the merged shift, the shortfall at 0: 1, 2 and 1.
    values = spread(merged, block.arrays().upper, np.array([4.0, 0.0]))
    assert values.tolist() == [1.0, 2.0, 1.0, 0.0]


def test_a_block_without_alike_shifts_is_left_as_it_is():
    assert merge_alike(_block([2.0, 3.0], [2.0, 2.0], 1.0, [1.0, 1.0]).arrays(), 2) is None


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 3), st.integers(1, 2), st.integers(0, 3)), max_size=4),
    st.integers(1, 9),
)
def test_merged_or_not_the_optimum_is_the_same(kinds, need):
    # Each kind of shift (cost, coefficient, bound) twice, bounds split 1 and the rest: the
    # optimum equals that of one shift per kind with the bounds summed.
    cost = [float(c) for c, _k, _u in kinds for _ in range(2)]
    cover = [float(k) for _c, k, _u in kinds for _ in range(2)]
    upper = [float(b) for _c, _k, u in kinds for b in (1, u)]
    twice = _block(cost, upper, float(need), cover)
    once = _block(cost[::2], [1.0 + u for _c, _k, u in kinds], float(need), cover[::2])
    merged, single = _solve(twice), _solve(once)
    assert abs(merged.value - single.value) < 1e-6
    assert np.all(merged.counts <= np.array(upper) + 1e-9)
    covered = float(np.dot(merged.counts, cover)) if kinds else 0.0
    assert abs(merged.value - (np.dot(merged.counts, cost) + 9 * max(0.0, need - covered))) < 1e-6
