"""The flow program for HiGHS: the same optima as the CP-SAT models on micro cases."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from eventplan.rostering.mip import build_mip, solve_mip
from eventplan.rostering.model import build
from eventplan.rostering.verify import verify
from tests.rostering.micro import LOOSE, instance

# A rest on day 0 (a day off) may be short, but the run of work after it may not: A must
# work days 1 and 2 to cover day 1 (1 over on day 2), so 1, not 0.
REST_THEN_SHORT_RUN = {
    "days": 4,
    "staff": ["A,D=99,99999,0,99,2,1,99"],
    "covers": ["0,D,0,10,1", "1,D,1,10,1", "2,D,0,10,1", "3,D,0,10,1"],
    "days_off": ["A,0"],
}

CASES = {
    "rest then short run": (REST_THEN_SHORT_RUN, 1),
    # Day 0 needs 2, only A exists (100 short); B must work day 1, its only free day (1 over).
    "cover": (
        {
            "days": 2,
            "staff": [LOOSE, "B,D=99,99999,480,99,1,1,99"],
            "covers": ["0,D,2,100,1", "1,D,0,100,1"],
            "days_off": ["B,0"],
        },
        101,
    ),
    # Days 0 and 2 need one (10 under), day 1 none; one day off is too short: 1 over, 1.
    "days off in a row": (
        {
            "days": 3,
            "staff": ["A,D=99,99999,0,99,1,2,99"],
            "covers": ["0,D,1,10,1", "1,D,0,10,1", "2,D,1,10,1"],
        },
        1,
    ),
    # Both Saturdays need one (10 under); one weekend at most: 10.
    "weekends": (
        {"days": 14, "staff": ["A,D=99,99999,0,99,1,1,1"], "covers": ["5,D,1,10,1", "12,D,1,10,1"]},
        10,
    ),
    # A asks for D on day 0 (3) when nobody is needed (1 over): working costs 1.
    "on request": ({"days": 1, "covers": ["0,D,0,100,1"], "on": ["A,0,D,3"]}, 1),
    # L on day 0 and E on day 1 are needed (10 under each); E may not follow L: 10.
    "succession": (
        {
            "days": 2,
            "shifts": ["E,480,", "L,480,E"],
            "staff": ["A,E=9|L=9,99999,0,99,1,1,99"],
            "covers": ["0,L,1,10,1", "1,E,1,10,1"],
        },
        10,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_flow_program_optimum(name: str) -> None:
    sections, expected = CASES[name]
    problem, written = instance(**sections)
    answer = solve_mip(build_mip(problem), seconds=10, threads=1)
    assert answer.optimal and (answer.objective, answer.bound) == (expected, expected)
    assert answer.roster is not None
    verdict = verify(written, answer.roster)
    assert verdict.feasible, verdict.violations
    assert verdict.objective == expected


def test_automaton_forbids_a_short_run_after_a_rest_from_day_0() -> None:
    # The CP-SAT automaton model agrees with the flow program on the case above: 1.
    problem, _ = instance(**REST_THEN_SHORT_RUN)
    roster = build(problem, "automaton")
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(roster.model) == cp_model.OPTIMAL
    assert round(solver.objective_value) == 1


def test_a_start_roster_is_kept_when_no_time_is_left_to_improve_it() -> None:
    # The start works A on day 1 and 2 of the case above (objective 1): HiGHS takes it as its
    # first solution, so a roster comes back even from a very short run.
    problem, written = instance(**REST_THEN_SHORT_RUN)
    start = {"A": (None, "D", "D", None)}
    answer = solve_mip(build_mip(problem), seconds=5, threads=1, start=start)
    assert answer.objective == 1
    assert answer.roster is not None and verify(written, answer.roster).objective == 1


def test_a_program_without_a_roster_is_proven_infeasible() -> None:
    # A must work 960 minutes (two shifts) in two days but at most one day in a row: no
    # roster exists, though each limit alone can be met.
    problem, _ = instance(days=2, staff=["A,D=99,99999,960,1,1,1,99"])
    answer = solve_mip(build_mip(problem), seconds=10, threads=1)
    assert answer.infeasible and answer.roster is None and answer.objective is None
