"""The search's own arithmetic: which shifts the exact MIP must be offered."""

from __future__ import annotations

import pytest

import eventplan.staffing.search as search
from eventplan.generate import generate
from eventplan.generate.spec import Spec
from eventplan.staffing.build import build_model
from eventplan.staffing.model import Column
from eventplan.staffing.report import SolveStatus
from eventplan.staffing.requirements import requirements
from eventplan.staffing.search import SearchSettings, needed_shifts, solve_model
from eventplan.timegrid import build_grid


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


def test_a_large_event_the_blocks_do_not_prove_goes_on_by_station_days(monkeypatch):
    # A generated 80-staff day at 15-minute slots: the LP path's station blocks do not prove
    # it. Handed to the station-day blocks (the threshold lowered to every event), the search
    # still ends proven at the optimum the LP path alone proves, and says so.
    spec = Spec(staff=80, posts=8, seed=1, slot_minutes=15, hours=16, shortage=0.0)
    s = generate(spec)
    grid = build_grid(s)
    need = requirements(s, grid)
    settings = SearchSettings(time_limit=30, seed=0, workers=1)
    _counts, alone = solve_model(build_model(s, grid, need, all_columns=False), settings)
    monkeypatch.setattr(search, "HAND_OFF_FROM_ROWS", 0)
    _counts, handed = solve_model(build_model(s, grid, need, all_columns=False), settings)
    assert alone.status is handed.status is SolveStatus.OPTIMAL
    assert handed.objective == pytest.approx(alone.objective, rel=1e-9)
    assert "then station-day blocks" in handed.method
