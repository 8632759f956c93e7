"""The search's own arithmetic: which shifts the exact MIP must be offered."""

from __future__ import annotations

from eventplan.staffing.model import Column
from eventplan.staffing.search import needed_shifts


def test_a_station_s_shifts_are_needed_within_the_gap_less_the_other_stations_gains():
    # Gap 5; the blocks raised stations 1 and 2 by 3 and 1 (4 in all). A plan working a shift
    # of station 1 costs at least LP + 1 (station 2's gain) + its reduced cost, so station 1
    # keeps reduced costs up to 5 - 1 = 4; station 2 up to 5 - 3 = 2; station 3, whose block
    # raised nothing, up to 5 - 4 = 1.
    priced = [
        (4.0, Column(0, 0, 1)),
        (4.5, Column(0, 1, 1)),
        (2.0, Column(0, 2, 2)),
        (2.5, Column(0, 3, 2)),
        (1.0, Column(0, 4, 3)),
        (1.5, Column(0, 5, 3)),
    ]
    kept = needed_shifts(priced, 5.0, {1: 3.0, 2: 1.0})
    assert [column.template for column in kept] == [0, 2, 4]


def test_without_gains_every_shift_within_the_gap_is_needed():
    priced = [(0.0, Column(0, 0, 1)), (5.0, Column(1, 0, 2))]
    assert needed_shifts(priced, 5.0, {}) == [column for _reduced, column in priced]
