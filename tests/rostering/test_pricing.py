"""The pricing's dynamic programme: the cheapest legal schedule under given prices."""

from __future__ import annotations

import numpy as np

from eventplan.rostering.pricing import Pricer
from tests.rostering.micro import instance

# One week from Monday. A works exactly 3 shifts (1,440 minutes), no weekend, at most 2 days
# in a row. Working day d is paid -(d + 1) on weekdays and -100 on Saturday and Sunday.
# Without the run limit Wed-Thu-Fri (-3 - 4 - 5 = -12) would be cheapest; with it the best
# is Tue, Thu, Fri: -2 - 4 - 5 = -11 (Mon, Thu, Fri: -10; Wed, Thu + Mon or Tue: -8 or -9).
WEEK = {"days": 7, "staff": ["A,D=99,1440,1440,2,1,1,0"]}
PRICES = [-1.0, -2.0, -3.0, -4.0, -5.0, -100.0, -100.0]


def _prices(per_day: list[float]) -> np.ndarray:
    return np.array([[0.0, price] for price in per_day])


def test_every_rule_of_the_contract_holds_in_the_cheapest_schedule() -> None:
    problem, _ = instance(**WEEK)
    best = Pricer(problem, problem.employees[0]).cheapest(_prices(PRICES))
    assert [(p.schedule, p.cost) for p in best] == [((0, 1, 0, 1, 1, 0, 0), -11.0)]


def test_each_end_state_gives_its_own_cheapest_schedule() -> None:
    # With two or three shifts allowed (960 to 1,440 minutes) the schedules end in two states
    # (both rest through the weekend, one with 2 shifts, one with 3): Tue, Thu, Fri (-11),
    # then Thu, Fri (-9); a third is asked for, but no third end state exists.
    problem, _ = instance(days=7, staff=["A,D=99,1440,960,2,1,1,0"])
    found = Pricer(problem, problem.employees[0]).cheapest(_prices(PRICES), count=3)
    assert [(p.schedule, p.cost) for p in found] == [
        ((0, 1, 0, 1, 1, 0, 0), -11.0),
        ((0, 0, 0, 1, 1, 0, 0), -9.0),
    ]


def test_requests_are_part_of_the_cost() -> None:
    # A may work any number of days; the shift pays +1 a day, but A asks for it on Wednesday
    # (weight 5, paid when not worked) and not on Friday (weight 3). Working only Wednesday:
    # 1 instead of the 5 paid for staying off.
    problem, _ = instance(
        days=7, staff=["A,D=99,99999,0,99,1,1,99"], on=["A,2,D,5"], off=["A,4,D,3"]
    )
    best = Pricer(problem, problem.employees[0]).cheapest(_prices([1.0] * 7))
    assert [(p.schedule, p.cost) for p in best] == [((0, 0, 1, 0, 0, 0, 0), 1.0)]


def test_a_contract_without_any_schedule_prices_nothing() -> None:
    # 960 minutes (two shifts) in two days, but at most one day in a row: no schedule.
    problem, _ = instance(days=2, staff=["A,D=99,99999,960,1,1,1,99"])
    assert Pricer(problem, problem.employees[0]).cheapest(_prices([0.0, 0.0])) == []


def test_a_pricer_priced_again_answers_as_a_fresh_one() -> None:
    # The forward pass reuses its arrays: after the week's prices, prices that pay only the
    # weekend (-100 each day, the rest +1) must not see the first call's values. A may work
    # no weekend: the weekdays cost +1 each, 3 shifts at least, runs of at most 2: Mon, Tue,
    # Thu (or any 3 weekdays not 3 in a row) cost 3.
    problem, _ = instance(**WEEK)
    pricer = Pricer(problem, problem.employees[0])
    pricer.cheapest(_prices(PRICES))
    weekend = [1.0] * 5 + [-100.0] * 2
    again = pricer.cheapest(_prices(weekend))
    fresh = Pricer(problem, problem.employees[0]).cheapest(_prices(weekend))
    assert [p.cost for p in again] == [p.cost for p in fresh] == [3.0]
    assert again[0].schedule == fresh[0].schedule
