"""The Gini coefficient and the split of an event's need between groups of stations."""

from __future__ import annotations

from eventplan.calendar.fairness import gini
from eventplan.calendar.groups import _largest_remainder


def test_gini_by_hand() -> None:
    # Equal: 0. Sorted (0, 1, 3), n=3, total 4: sum((2i - n - 1) v) = -2*0 + 0*1 + 2*3 = 6,
    # 6 / (3 * 4) = 0.5.
    assert gini([2, 2, 2]) == 0.0
    assert gini([3, 0, 1]) == 0.5
    assert gini([0, 0]) == 0.0


def test_event_need_split_by_people_each_group_can_send() -> None:
    # 10 people asked; groups of 6, 3 and 1 eligible (10 in all): exact shares 6, 3, 1.
    assert _largest_remainder(10, {0: set(range(6)), 1: set(range(3)), 2: {0}}) == {
        0: 6,
        1: 3,
        2: 1,
    }
    # 5 asked of groups of 2 and 2: exact 2.5 each, capped at the 2 each has; only 4 exist,
    # so none is left over. Of groups of 3 and 2: exact 3 and 2.
    assert _largest_remainder(5, {0: {1, 2}, 1: {3, 4}}) == {0: 2, 1: 2}
    assert _largest_remainder(5, {0: {1, 2, 3}, 1: {4, 5}}) == {0: 3, 1: 2}
