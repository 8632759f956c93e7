"""One micro instance per rule of the benchmark, its optimum derived by hand in a comment.

Each roster is also re-checked by the independent verifier, which must agree on the objective.
"""

from __future__ import annotations

from eventplan.rostering.solve import solve
from eventplan.rostering.verify import verify
from tests.rostering.micro import LOOSE, instance


def optimum(**sections: object) -> int:
    problem, written = instance(**sections)
    result = solve(problem, time_limit=10, workers=1, seed=0)
    assert result.status == "optimal"
    verdict = verify(written, result.roster)
    assert verdict.feasible, verdict.violations
    assert verdict.objective == result.objective
    return result.objective


def test_cover_under_and_over() -> None:
    # Day 0 needs 2, only A exists: 1 short x 100. Day 1 needs 0 but B must work 480 min
    # (MinTotalMinutes) and day 1 is B's only free day: 1 over x 1. A works day 0 (0 over
    # there), so 100 + 1.
    staff = [LOOSE, "B,D=99,99999,480,99,1,1,99"]
    covers = ["0,D,2,100,1", "1,D,0,100,1"]
    assert optimum(days=2, staff=staff, covers=covers, days_off=["B,0"]) == 101


def test_shift_on_request() -> None:
    # A asks for D on day 0 (weight 3) but nobody is needed (1 per person over): working
    # costs 1, not working 3, so 1.
    assert optimum(days=1, covers=["0,D,0,100,1"], on=["A,0,D,3"]) == 1


def test_shift_off_request() -> None:
    # A must work 480 minutes on one of two days; off requests weigh 4 on day 0, 1 on day 1:
    # working day 1 costs 1.
    staff = ["A,D=99,99999,480,99,1,1,99"]
    assert optimum(days=2, staff=staff, off=["A,0,D,4", "A,1,D,1"]) == 1


def test_days_off_are_kept() -> None:
    # A asks for day 0 (weight 10) but day 0 is a day off: the request is unmet, 10.
    assert optimum(days=1, on=["A,0,D,10"], days_off=["A,0"]) == 10


def test_max_total_minutes() -> None:
    # Three days need one each (100 under); A may work 960 minutes, two shifts: 100.
    staff = ["A,D=99,960,0,99,1,1,99"]
    covers = [f"{d},D,1,100,1" for d in range(3)]
    assert optimum(days=3, staff=staff, covers=covers) == 100


def test_min_total_minutes() -> None:
    # Nobody is needed (1 per person over) but A must work 1440 minutes: three shifts, 3.
    staff = ["A,D=99,99999,1440,99,1,1,99"]
    covers = [f"{d},D,0,100,1" for d in range(3)]
    assert optimum(days=3, staff=staff, covers=covers) == 3


def test_max_shifts_per_type() -> None:
    # E is needed on both days (100 under each) but A may work E once: 100.
    shifts = ["E,480,", "L,480,"]
    staff = ["A,E=1|L=9,99999,0,99,1,1,99"]
    covers = ["0,E,1,100,1", "1,E,1,100,1"]
    assert optimum(days=2, shifts=shifts, staff=staff, covers=covers) == 100


def test_max_consecutive_shifts() -> None:
    # Three days need one each; A works at most two in a row: one day short, 100.
    staff = ["A,D=99,99999,0,2,1,1,99"]
    covers = [f"{d},D,1,100,1" for d in range(3)]
    assert optimum(days=3, staff=staff, covers=covers) == 100


def test_min_consecutive_shifts_inside_the_horizon() -> None:
    # Day 1 needs one (10 under); a lone shift on day 1 is a run of 1 < 2 between days off,
    # so A also works day 0 or 2 (1 over): 1.
    staff = ["A,D=99,99999,0,99,2,1,99"]
    covers = ["0,D,0,10,1", "1,D,1,10,1", "2,D,0,10,1"]
    assert optimum(days=3, staff=staff, covers=covers) == 1


def test_min_consecutive_shifts_at_the_edge() -> None:
    # Day 0 needs one; a run touching the horizon's start may be short (work may have gone on
    # before day 0): A works day 0 alone, 0.
    staff = ["A,D=99,99999,0,99,3,1,99"]
    covers = ["0,D,1,10,1", "1,D,0,10,1", "2,D,0,10,1"]
    assert optimum(days=3, staff=staff, covers=covers) == 0


def test_min_consecutive_days_off() -> None:
    # Days 0 and 2 need one (10 under), day 1 none (1 over). One day off between two shifts
    # is too short (2 needed): A works all three days, 1 over on day 1: 1.
    staff = ["A,D=99,99999,0,99,1,2,99"]
    covers = ["0,D,1,10,1", "1,D,0,10,1", "2,D,1,10,1"]
    assert optimum(days=3, staff=staff, covers=covers) == 1


def test_max_weekends() -> None:
    # Both Saturdays (days 5 and 12) need one (10 under); A works one weekend at most: 10.
    staff = ["A,D=99,99999,0,99,1,1,1"]
    assert optimum(days=14, staff=staff, covers=["5,D,1,10,1", "12,D,1,10,1"]) == 10


def test_forbidden_succession() -> None:
    # L on day 0 and E on day 1 are needed (10 under each); E may not follow L: 10.
    shifts = ["E,480,", "L,480,E"]
    covers = ["0,L,1,10,1", "1,E,1,10,1"]
    assert (
        optimum(days=2, shifts=shifts, staff=["A,E=9|L=9,99999,0,99,1,1,99"], covers=covers) == 10
    )
