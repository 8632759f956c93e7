"""Branch and price: a case whose column bound is below the optimum, closed by branching."""

from __future__ import annotations

import time

from eventplan.rostering.branching import branch_and_price
from eventplan.rostering.colgen import build_master, generate
from eventplan.rostering.solve import solve
from eventplan.rostering.verify import verify
from tests.rostering.micro import instance

# Four days. B and C work exactly 3 shifts, at most 2 in a row: days 0, 1, 3 or 0, 2, 3.
# Day 3 then holds both (needs 1: 1 over, price 1). A works runs of exactly 2 days (a run
# touching an edge may be shorter) or nothing. Needs: day 0 two (1 a person short or over),
# day 1 two (10), day 2 one (1).
# Relaxation: A half on days 1-2, B and C three quarters on 0, 1, 3: days 0-2 exactly
# covered, day 3 one over: 1.
# Whole rosters: B and C both on day 1 leave day 2 short (1) or A on 2-3 puts day 3 two over
# (2); B on 1, C on 2 leave day 1 short (10) unless A works 0-1 (day 0 one over) or 1-2
# (day 2 one over): every choice costs at least 1 more than day 3's surplus, so 2.
FRACTIONAL = {
    "days": 4,
    "staff": [
        "A,D=99,1920,0,2,2,2,99",
        "B,D=99,1440,1440,2,1,1,99",
        "C,D=99,1440,1440,2,1,1,99",
    ],
    "covers": ["0,D,2,1,1", "1,D,2,10,10", "2,D,1,1,1", "3,D,1,3,1"],
}


def test_branching_closes_the_gap_the_relaxation_leaves() -> None:
    problem, written = instance(**FRACTIONAL)
    master = build_master(problem, threads=1)
    root = generate(master, time.perf_counter() + 10)
    assert root.converged and round(root.bound, 6) == 1
    searched = branch_and_price(master, time.perf_counter() + 20, root.bound, None)
    assert searched.complete and searched.best is not None
    assert (searched.best.objective, searched.bound) == (2, 2)
    assert verify(written, searched.best.roster).objective == 2


def test_solve_proves_the_optimum_above_the_root_bound() -> None:
    problem, written = instance(**FRACTIONAL)
    result = solve(problem, time_limit=4, workers=1)
    assert (result.status, result.objective, result.bound) == ("optimal", 2, 2)
    assert verify(written, result.roster).objective == 2
