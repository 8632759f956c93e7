"""Listing every schedule near the cheapest, and branching over the list."""

from __future__ import annotations

import itertools
import time

import numpy as np

from eventplan.rostering.branching import branch_and_price
from eventplan.rostering.colgen import Chosen, build_master, generate
from eventplan.rostering.pool import allowed, enumerate_pool, near_cheapest
from eventplan.rostering.pricing import Pricer
from eventplan.rostering.verify import verify
from tests.rostering.micro import instance
from tests.rostering.test_branching import FRACTIONAL

# Four days, one shift of 480 minutes. A works 480 to 1,440 minutes (1 to 3 shifts), at most
# 2 in a row. Of the 16 sequences, 0000 has too few minutes and 1110, 0111, 1111 a run of 3:
# 12 legal schedules.
FOUR_DAYS = {"days": 4, "staff": ["A,D=99,1440,480,2,1,1,99"]}


def _prices(per_day: list[float]) -> np.ndarray:
    return np.array([[0.0, price] for price in per_day])


def test_a_wide_margin_lists_every_legal_schedule_once() -> None:
    problem, written = instance(**FOUR_DAYS)
    pricer = Pricer(problem, problem.employees[0])
    listed = near_cheapest(pricer, _prices([0.0] * 4), 1e9, 1000, time.perf_counter() + 10)
    assert listed is not None
    rows = [tuple(int(x) for x in row) for row in listed]
    assert len(rows) == len(set(rows)) == 12
    legal = {  # the independent verifier's verdict on each of the 16 sequences
        days
        for days in itertools.product((0, 1), repeat=4)
        if not verify(written, {"A": ["D" if d else None for d in days]}).violations
    }
    assert set(rows) == legal


def test_the_margin_keeps_the_schedules_near_the_cheapest() -> None:
    # Each shift costs 1: the cheapest schedules work one day (4 of them, cost 1); a margin of
    # 1 adds the 6 two-day schedules (none has a run of 3), a margin under 1 adds nothing.
    problem, _ = instance(**FOUR_DAYS)
    pricer = Pricer(problem, problem.employees[0])
    deadline = time.perf_counter() + 10
    one_day = near_cheapest(pricer, _prices([1.0] * 4), 0.5, 1000, deadline)
    two_days = near_cheapest(pricer, _prices([1.0] * 4), 1.0, 1000, deadline)
    assert one_day is not None and sorted(one_day.sum(axis=1)) == [1] * 4
    assert two_days is not None and sorted(two_days.sum(axis=1)) == [1] * 4 + [2] * 6


def test_too_many_schedules_list_nothing() -> None:
    problem, _ = instance(**FOUR_DAYS)
    pricer = Pricer(problem, problem.employees[0])
    assert near_cheapest(pricer, _prices([0.0] * 4), 1e9, 11, time.perf_counter() + 10) is None


def test_a_decision_keeps_the_schedules_that_agree() -> None:
    problem, _ = instance(**FOUR_DAYS)
    master = build_master(problem, threads=1)
    root = generate(master, time.perf_counter() + 10)
    pool = enumerate_pool(master, root, 10**6, 1000, time.perf_counter() + 10)
    assert pool is not None and len(pool) == 12
    # Working day 1 (x1yz): 0100, 0101, 0110, 1100, 1101 (0111, 1110, 1111 have a run of 3):
    # 5. Not working it (x0yz): 0001, 0010, 0011, 1000, 1001, 1010, 1011 (not 0000): 7.
    works = allowed(pool, [(0, 1, 1, True)])
    assert int(works.sum()) == 5 and bool((pool.labels[works, 1] == 1).all())
    assert int(allowed(pool, [(0, 1, 1, False)]).sum()) == 7


def tree_over_list(in_hand: int):
    """The tree over the list of the FRACTIONAL case (root bound 1) with a roster costing
    ``in_hand`` known: the instance file and the search."""
    problem, written = instance(**FRACTIONAL)
    master = build_master(problem, threads=1)
    root = generate(master, time.perf_counter() + 10)
    pool = enumerate_pool(master, root, in_hand, 10_000, time.perf_counter() + 10)
    assert pool is not None
    chosen = Chosen(in_hand, {})
    return written, branch_and_price(master, time.perf_counter() + 20, root.bound, chosen, pool)


def test_branching_over_the_list_finds_and_proves_the_optimum() -> None:
    # The case of test_branching: root bound 1, optimum 2. With a roster of 3 in hand the
    # margin is 3 - 1 - 1 = 1: the list holds every schedule of a roster of 2 or less.
    written, searched = tree_over_list(3)
    assert searched.complete and searched.best is not None
    assert (searched.best.objective, searched.bound) == (2, 2)
    assert verify(written, searched.best.roster).objective == 2


def test_a_list_for_a_proven_roster_is_empty_and_the_tree_closes_at_once() -> None:
    # With the optimum 2 in hand the margin is 2 - 1 - 1 = 0: only each person's cheapest
    # schedules are listed, they make no roster of 1, and the tree ends complete with the
    # bound 2 and no better roster.
    _written, searched = tree_over_list(2)
    assert searched.complete and searched.best is None and searched.bound == 2
