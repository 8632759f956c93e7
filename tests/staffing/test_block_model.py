"""A station block solved part by part has the optimum of the block solved whole."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventplan.staffing.block_model import StationBlock
from eventplan.staffing.block_solve import BlockResult, solve_blocks
from eventplan.staffing.model import Column


def _block(
    cost: list[float],
    upper: list[float],
    short_cost: list[float],
    lower: list[float],
    entries: list[tuple[int, int, float]],
) -> StationBlock:
    rows, cols, vals = (np.array(x) for x in zip(*entries, strict=True)) if entries else ([],) * 3
    return StationBlock(
        [Column(0, j, 0) for j in range(len(cost))],
        np.array(cost, dtype=float),
        np.array(upper, dtype=float),
        np.array(short_cost, dtype=float),
        np.full(len(short_cost), 10.0),
        np.array(lower, dtype=float),
        np.full(len(lower), np.inf),
        np.asarray(rows, dtype=np.int32),
        np.asarray(cols, dtype=np.int32),
        np.asarray(vals, dtype=float),
    )


def _solve(
    blocks: list[StationBlock], duals: list[np.ndarray | None] | None = None
) -> list[BlockResult | None]:
    deadline = time.perf_counter() + 30
    arrays, columns = [b.arrays() for b in blocks], [len(b.columns) for b in blocks]
    return solve_blocks(arrays, columns, deadline, 0, 1, bool, duals=duals)


def test_a_block_falls_into_its_independent_parts():
    # Row 0: shifts 0 and 1 cover a need of 3 (shift 0 counts 2, shift 1 counts 1), shortfall
    # 0 makes up the rest. Row 1: shift 2 covers a need of 1, shortfall 1 the rest. Shift 3
    # enters no row and pays -5 a head: take all 2 of it.
    # Part one: 2 x shift 0 (cost 3 each) covers 4 >= 3 for 6; shift 0 + shift 1 = 3 for 5;
    # so 5. Part two: shift 2 at 7 against a shortfall of 1 at 4: the shortfall, 4.
    # Shift 3: 2 x -5 = -10. Whole: 5 + 4 - 10 = -1.
    block = _block(
        cost=[3.0, 2.0, 7.0, -5.0],
        upper=[5, 5, 5, 2],
        short_cost=[50.0, 4.0],
        lower=[3.0, 1.0],
        entries=[(0, 0, 2.0), (0, 1, 1.0), (0, 4, 1.0), (1, 2, 1.0), (1, 5, 1.0)],
    )
    parts = block.parts()
    assert sorted(len(p.columns) for p in parts) == [1, 1, 2]
    whole, *pieces = _solve([block, *parts])
    assert whole is not None and whole.proven and abs(whole.value - (-1.0)) < 1e-9
    assert abs(sum(p.value for p in pieces if p is not None) - whole.value) < 1e-9
    counts = {
        c.template: n
        for p, r in zip(parts, pieces, strict=True)
        for c, n in zip(p.columns, r.counts, strict=True)
    }
    assert counts == {0: 1, 1: 1, 2: 0, 3: 2}


def test_a_block_with_one_part_is_itself():
    block = _block([1.0, 1.0], [3, 3], [9.0], [2.0], [(0, 0, 1.0), (0, 1, 1.0), (0, 2, 1.0)])
    assert block.parts() == [block]


def test_blocks_past_their_deadline_are_left_unsolved():
    block = _block([1.0], [3], [9.0], [2.0], [(0, 0, 1.0), (0, 1, 1.0)])
    found = solve_blocks([block.arrays()], [1], time.perf_counter() - 1, 0, 1, bool)
    assert found == [None]


@st.composite
def blocks(draw) -> StationBlock:
    shifts = draw(st.integers(1, 8))
    needs = draw(st.integers(1, 5))
    entries = []
    for row in range(needs):
        covering = draw(st.sets(st.integers(0, shifts - 1), max_size=3))
        entries += [(row, j, float(draw(st.integers(1, 2)))) for j in sorted(covering)]
        entries.append((row, shifts + row, 1.0))  # the need's shortfall
    return _block(
        cost=[float(draw(st.integers(-3, 9))) for _ in range(shifts)],
        upper=[float(draw(st.integers(0, 3))) for _ in range(shifts)],
        short_cost=[float(draw(st.integers(1, 20))) for _ in range(needs)],
        lower=[float(draw(st.integers(1, 4))) for _ in range(needs)],
        entries=entries,
    )


@settings(max_examples=40, deadline=None)
@given(blocks())
def test_the_parts_optima_add_up_to_the_blocks(block):
    parts = block.parts()
    whole, *pieces = _solve([block, *parts])
    assert whole is not None and all(p is not None for p in pieces)
    assert abs(sum(p.value for p in pieces) - whole.value) <= 1e-6 * max(1.0, abs(whole.value))
    assert sum(len(p.columns) for p in parts) == len(block.columns)


RING = [(0, 0), (0, 1), (1, 1), (1, 2), (2, 2), (2, 0), (0, 3), (1, 3), (2, 3)]


def _ring() -> StationBlock:
    return _block(
        cost=[1.0, 1.0, 1.0, 1.9],
        upper=[5, 5, 5, 5],
        short_cost=[50.0, 50.0, 50.0],
        lower=[1.0, 1.0, 1.0],
        entries=[(row, j, 1.0) for row, j in RING] + [(r, 4 + r, 1.0) for r in range(3)],
    )


@pytest.mark.parametrize("duals", [None, [0.5, 0.5, 0.5], [1.0, 0.0, 2.0]])
def test_a_shift_the_lp_prices_out_still_makes_the_optimum(duals):
    # Three needs of 1 in a ring: shifts 0, 1 and 2 (cost 1 each) cover two needs each, shift
    # 3 (cost 1.9) all three; a shortfall costs 50. LP: shifts 0-2 at 1/2 each, 1.5, with
    # duals 1/2 a need, so shift 3's reduced cost is 1.9 - 1.5 = 0.4. The MIP first left
    # without it finds 2 (two of shifts 0-2), above the floor 1.5 + 0.4 = 1.9; widened to the
    # shifts priced within 2 - 1.5 it finds the optimum, shift 3 alone: 1.9. The same with
    # the LP's duals given; and with duals that are not the LP's, (1, 0, 2): shifts 0, 2 and
    # 3 price at -2, -1 and -1.1, the bound falls to 3 - 5 x 4.1 = -17.5 and no shift is
    # left out, so the whole MIP is solved.
    given = None if duals is None else [np.array(duals)]
    (found,) = _solve([_ring()], given)
    assert found is not None and found.proven
    assert abs(found.value - 1.9) < 1e-9 and abs(found.bound - 1.9) < 1e-6
    assert found.counts.tolist() == [0, 0, 0, 1]


@settings(max_examples=40, deadline=None)
@given(blocks(), st.lists(st.integers(0, 4), min_size=5, max_size=5))
def test_any_duals_of_the_right_signs_give_the_same_optimum(block, halves):
    # The rows are "at least": any duals >= 0 price a block validly, so the MIP over the
    # shifts they price near zero, widened as its floor requires, finds the block's optimum.
    duals = np.array(halves[: len(block.row_lower)], dtype=float) / 2
    plain, priced = _solve([block]), _solve([block], [duals])
    assert plain[0] is not None and priced[0] is not None and priced[0].proven
    assert abs(priced[0].value - plain[0].value) <= 1e-6 * max(1.0, abs(plain[0].value))
    assert priced[0].bound <= priced[0].value + 1e-9
