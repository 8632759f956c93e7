"""Branch and price: a case whose column bound is below the optimum, closed by branching."""

from __future__ import annotations

import time
from types import SimpleNamespace

import numpy as np

from eventplan.rostering.branching import Assign, _assign_branches, _SplitSizes, branch_and_price
from eventplan.rostering.colgen import build_master, generate
from eventplan.rostering.pool import Pool
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


def test_over_listed_schedules_the_branch_weighs_what_each_side_rules_out() -> None:
    # Two days. Person 0's listed schedules both work label 1 on day 0 (1,0 and 1,1); person
    # 1's are 1,0 / 1,1 / 0,0 / 0,1. The relaxation: person 0 half on 1,0 and half on 1,1,
    # person 1 0.3 on 1,0 and 0.7 on 0,0.
    # Most fractional: person 0 on day 1 (0.5 on label 0 and on label 1); the first, label
    # 0, is worked at share 0.5: works first.
    # Weighed: person 0's day 1 splits its two schedules 1 / 1: 0.5 x 1 = 0.5; person 1's
    # day 0 splits four 2 / 2, at a distance of 0.3 from whole: 0.3 x 2 = 0.6, larger (label
    # 0 and label 1 of that day weigh the same).
    columns = [(0, (1, 0)), (0, (1, 1)), (1, (1, 0)), (1, (0, 0))]
    master = SimpleNamespace(first_column=0, columns=columns)
    values = np.array([0.5, 0.5, 0.3, 0.7])
    pool = Pool(
        person=np.array([0, 0, 1, 1, 1, 1]),
        labels=np.array([[1, 0], [1, 1], [1, 0], [1, 1], [0, 0], [0, 1]], np.int8),
        cost=np.zeros(6),
        column=np.full(6, -1),
    )
    sizes = _SplitSizes(pool, np.ones(6, dtype=bool))
    assert [sizes.smaller(key) for key in [(0, 0, 1), (0, 1, 0), (1, 0, 1)]] == [0, 1, 2]
    fractional = _assign_branches(master, values)  # type: ignore[arg-type]
    assert fractional == [Assign(0, 1, 0, True), Assign(0, 1, 0, False)]
    weighed = _assign_branches(master, values, sizes)  # type: ignore[arg-type]
    assert weighed is not None and (weighed[0].person, weighed[0].day) == (1, 0)
    # either label of that day (their shares 0.3 and 0.7 weigh the same); the side nearer
    # the relaxation first: person 1 off on day 0 (label 0 worked, or label 1 not)
    assert (weighed[0].label == 0) == weighed[0].works
    # With person 1's 1,1 and 0,1 no longer listed, day 0 splits 1 / 1: 0.3 x 1 < 0.5.
    narrowed = _SplitSizes(pool, np.array([True, True, True, False, True, False]))
    assert _assign_branches(master, values, narrowed)[0].person == 0  # type: ignore[arg-type,index]


def test_a_search_stopped_after_its_nodes_leaves_them_to_resume() -> None:
    # FRACTIONAL's root is fractional (1): one node solved, its two children left open, the
    # bound the root's rounded up (1); resumed, the search completes at 2 as above.
    problem, _ = instance(**FRACTIONAL)
    master = build_master(problem, threads=1)
    root = generate(master, time.perf_counter() + 10)
    stopped = branch_and_price(master, time.perf_counter() + 20, root.bound, None, most_nodes=1)
    assert (stopped.complete, stopped.bound, len(stopped.unexplored)) == (False, 1, 2)
    resumed = branch_and_price(
        master, time.perf_counter() + 20, root.bound, None, resume=stopped.unexplored
    )
    assert resumed.complete and resumed.best is not None and resumed.best.objective == 2
