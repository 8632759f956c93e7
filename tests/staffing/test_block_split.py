"""A station block split along its needs has the optimum of the block solved whole."""

from __future__ import annotations

import time

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from eventplan.staffing.block_model import StationBlock
from eventplan.staffing.block_solve import solve_blocks
from eventplan.staffing.block_split import split_block
from eventplan.staffing.model import Column

INF = np.inf


def _block(
    cost: list[float],
    short_cost: list[float],
    rows: list[tuple[float, float]],
    entries: list[tuple[int, int, float]],
) -> StationBlock:
    """Shifts (upper 5 each), then one shortfall (upper 10) per entry in ``short_cost``."""
    at, var, coef = (np.array(x) for x in zip(*entries, strict=True))
    return StationBlock(
        [Column(0, j, 0) for j in range(len(cost))],
        np.array(cost, dtype=float),
        np.full(len(cost), 5.0),
        np.array(short_cost, dtype=float),
        np.full(len(short_cost), 10.0),
        np.array([low for low, _high in rows], dtype=float),
        np.array([high for _low, high in rows], dtype=float),
        at.astype(np.int32),
        var.astype(np.int32),
        coef.astype(float),
    )


def _solve(block: StationBlock, duals: np.ndarray | None):
    deadline = time.perf_counter() + 30
    given = None if duals is None else [duals]
    (found,) = solve_blocks([block.arrays()], [len(block.columns)], deadline, 0, 1, bool, 0, given)
    assert found is not None
    return found


def _guards_and_volunteers(guard_short_cost: float) -> StationBlock:
    # Shift 0: a guard (cost 3); shift 1: a volunteer (cost 1). Row 0: guards + shortfall 0
    # >= 2; row 1: volunteers + shortfall 1 >= 1 (a shortfall there costs 10); row 2, the
    # supervision: volunteers - 2 x guards <= 0.
    return _block(
        cost=[3.0, 1.0],
        short_cost=[guard_short_cost, 10.0],
        rows=[(2.0, INF), (1.0, INF), (-INF, 0.0)],
        entries=[(0, 0, 1.0), (0, 2, 1.0), (1, 1, 1.0), (1, 3, 1.0), (2, 1, 1.0), (2, 0, -2.0)],
    )


def test_the_row_between_two_needs_is_priced_and_the_needs_solved_apart():
    # The guards' need and the volunteers' share no coverage row: two groups, the supervision
    # row between them relaxed. Each group alone: 2 guards for 6 (shortfalls cost 50), 1
    # volunteer for 1; together they keep the supervision row (1 <= 4): the optimum, 7.
    block = _guards_and_volunteers(guard_short_cost=50.0)
    duals = np.array([3.0, 1.0, 0.0])  # the LP's: its optimum is integral here
    split = split_block(block.arrays(), len(block.columns), duals)
    assert split is not None and len(split.groups) == 2 and split.relaxed.tolist() == [2]
    found = _solve(block, duals)
    assert found.proven and abs(found.value - 7.0) < 1e-9
    assert found.counts.tolist() == [2.0, 1.0]


def test_groups_whose_plans_break_the_relaxed_row_leave_the_block_to_be_solved_whole():
    # Guards' shortfalls now cost 1 each: alone, the guards' group leaves its need short (2)
    # and the volunteers' takes its volunteer (1), 3 in all, but a volunteer with no guard
    # breaks the supervision row. Whole: 1 guard (3) + 1 guard short (1) + 1 volunteer (1) =
    # 5, against no volunteer: 2 + 10 = 12, or both guards: 6 + 1 = 7. The optimum, 5.
    block = _guards_and_volunteers(guard_short_cost=1.0)
    found = _solve(block, np.zeros(3))
    assert found.proven and abs(found.value - 5.0) < 1e-9
    assert found.counts.tolist() == [1.0, 1.0]


def test_a_block_of_one_need_is_not_split():
    block = _block([1.0, 2.0], [9.0], [(2.0, INF)], [(0, 0, 1.0), (0, 1, 1.0), (0, 2, 1.0)])
    assert split_block(block.arrays(), 2, np.array([1.0])) is None


@st.composite
def supervised(draw) -> tuple[StationBlock, np.ndarray]:
    """Needs covered by their own shifts, with supervision rows between some of them, and
    duals of the right signs (>= 0 on the needs, <= 0 on the supervision rows)."""
    needs = draw(st.integers(2, 4))
    per_need = [draw(st.integers(1, 3)) for _ in range(needs)]
    first = np.cumsum([0, *per_need])
    shifts = int(first[-1])
    entries, rows = [], []
    for need in range(needs):
        for j in range(first[need], first[need + 1]):
            entries.append((need, j, 1.0))
        entries.append((need, shifts + need, 1.0))
        rows.append((float(draw(st.integers(1, 4))), INF))
    for _ in range(draw(st.integers(1, 3))):
        led, leader = draw(st.lists(st.integers(0, needs - 1), min_size=2, max_size=2, unique=True))
        row = len(rows)
        entries += [(row, j, 1.0) for j in range(first[led], first[led + 1])]
        ratio = -float(draw(st.integers(1, 4)))
        entries += [(row, j, ratio) for j in range(first[leader], first[leader + 1])]
        rows.append((-INF, 0.0))
    block = _block(
        cost=[float(draw(st.integers(1, 9))) for _ in range(shifts)],
        short_cost=[float(draw(st.integers(1, 20))) for _ in range(needs)],
        rows=rows,
        entries=entries,
    )
    signs = [1.0 if low > -INF else -1.0 for low, _high in rows]
    duals = np.array([sign * draw(st.integers(0, 4)) / 2 for sign in signs])
    return block, duals


@settings(max_examples=40, deadline=None)
@given(supervised())
def test_split_or_not_the_optimum_is_the_blocks(case):
    block, duals = case
    plain, priced = _solve(block, None), _solve(block, duals)
    assert priced.proven
    assert abs(priced.value - plain.value) <= 1e-6 * max(1.0, abs(plain.value))
    assert priced.bound <= priced.value + 1e-9
