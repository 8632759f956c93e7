"""The priced dive: people fixed one at a time, each fixing priced again."""

from __future__ import annotations

import time
from types import SimpleNamespace

import numpy as np

from eventplan.rostering.branching import Assign, apply
from eventplan.rostering.colgen import _held_only, build_master, generate
from eventplan.rostering.dive import dive, fixed_next
from eventplan.rostering.verify import verify
from tests.rostering.micro import LOOSE, instance

# Three days, one shift a day needing one person (100 short, 1 over). A asks for day 0 off
# (weight 3), B for day 1 off (weight 3). B on day 0, A on day 1 and either on day 2 meets
# every cover and every request: 0. Nothing cheaper exists (every term is at least 0).
SWAP = {
    "days": 3,
    "staff": [LOOSE, "B" + LOOSE[1:]],
    "covers": ["0,D,1,100,1", "1,D,1,100,1", "2,D,1,100,1"],
    "off": ["A,0,D,3", "B,1,D,3"],
}


def test_the_dive_ends_in_the_optimum_when_the_relaxation_leads_there() -> None:
    problem, written = instance(**SWAP)
    master = build_master(problem, threads=1)
    generate(master, time.perf_counter() + 10)
    chosen = dive(master, time.perf_counter() + 10)
    assert chosen.objective == 0
    assert verify(written, chosen.roster).objective == 0
    # the master is given back as at the root: nothing forbidden
    assert all(not forbidden.any() for forbidden in master.forbidden)


def test_past_its_deadline_the_dive_still_ends_in_a_roster() -> None:
    problem, written = instance(**SWAP)
    master = build_master(problem, threads=1)
    generate(master, time.perf_counter() + 10)
    chosen = dive(master, deadline=0.0)
    assert verify(written, chosen.roster).objective == chosen.objective


def test_each_step_fixes_the_largest_share_and_every_whole_one() -> None:
    # Person 0 has columns of shares 0.7 and 0.3, person 1 one of 1.0, person 2 0.5 and 0.5.
    # The largest share is person 1's whole one, and no other share is whole: person 1 alone.
    columns = [(0, (1,)), (0, (0,)), (1, (1,)), (2, (0,)), (2, (1,))]
    master = SimpleNamespace(first_column=2, columns=columns)
    values = np.array([0.0, 0.0, 0.7, 0.3, 1.0, 0.5, 0.5])
    chosen = fixed_next(master, values, fixed=set())  # type: ignore[arg-type]
    assert chosen == [(1, (1,))]
    # With person 1 fixed already, the largest share is person 0's 0.7.
    assert fixed_next(master, values, fixed={1}) == [(0, (1,))]  # type: ignore[arg-type]


def test_a_person_fixed_to_a_held_schedule_is_priced_without_the_dynamic_program() -> None:
    problem, _ = instance(**SWAP)
    master = build_master(problem, threads=1)
    generate(master, time.perf_counter() + 10)
    schedule = next(s for p, s in master.columns if p == 0)
    apply(master, [Assign(0, d, label, True) for d, label in enumerate(schedule)])
    zero = np.zeros((3, 2))
    (priced,) = _held_only(master, 0, zero)
    # at zero prices the cost is A's request: 3 if the schedule works day 0, else 0
    assert priced.schedule == schedule and priced.cost == 3 * schedule[0]
    apply(master, [Assign(0, 0, 1, False)])  # one day decided only: the pricing is needed
    assert _held_only(master, 0, zero) == []
