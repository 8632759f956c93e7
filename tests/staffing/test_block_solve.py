"""A block's staged MIPs keep the best plan any stage found."""

from __future__ import annotations

import numpy as np

from eventplan.staffing.block_solve import BlockResult, _better


def result(value: float, bound: float, proven: bool) -> BlockResult:
    values = np.array([value])
    return BlockResult(value, bound, values, proven, values)


def test_a_wider_mip_cut_short_on_a_worse_plan_keeps_the_narrower_plan_and_its_own_bound():
    # The narrower MIP found 2320.86; the wider one, stopped at its time limit, ended on
    # 3947.84 with a bound of 2061.06 (measured on a block of a generated 5,000-staff event).
    kept = _better(result(2320.86, 2320.86, True), result(3947.84, 2061.06, False))
    assert (kept.value, kept.bound, kept.proven) == (2320.86, 2061.06, False)
    assert kept.values is not None and kept.values[0] == 2320.86


def test_a_wider_mip_that_does_better_is_kept_whole():
    wider = result(1609.73, 1609.73, True)
    assert _better(result(1661.07, 1500.0, True), wider) is wider
    assert _better(None, wider) is wider
