"""Column generation: its bound on a case where the flow program's relaxation is weak."""

from __future__ import annotations

import time

import pytest

from eventplan.rostering.colgen import NoSchedule, build_master, choose_columns, generate
from eventplan.rostering.mip import build_mip, to_highs
from eventplan.rostering.solve import solve
from eventplan.rostering.verify import verify
from tests.rostering.micro import instance

# Three days; A works exactly one shift, and a run of work of one day is allowed only at an
# edge of the horizon (MinConsecutiveShifts 2). Day 1 needs one person (10 per person
# short), days 0 and 2 nobody (1 per person over). A can work day 0 or day 2 only: 10 + 1
# = 11. The flow program's relaxation mixes Mon-Tue with a day off everywhere, half each:
# 5 short + 0.5 over = 5.5.
EDGE_ONLY = {
    "days": 3,
    "staff": ["A,D=99,480,480,99,2,1,99"],
    "covers": ["0,D,0,10,1", "1,D,1,10,1", "2,D,0,10,1"],
}


def test_the_bound_is_the_optimum_where_the_flow_relaxation_is_half_of_it() -> None:
    problem, written = instance(**EDGE_ONLY)
    master = build_master(problem, threads=1)
    relaxation = generate(master, time.perf_counter() + 10)
    assert relaxation.converged and round(relaxation.bound, 6) == 11
    chosen = choose_columns(master, seconds=10)
    assert chosen is not None and chosen.objective == 11
    assert verify(written, chosen.roster).objective == 11
    flow = to_highs(build_mip(problem), threads=1)
    flow.setOptionValue("solve_relaxation", True)
    flow.run()
    assert round(flow.getInfo().objective_function_value, 6) == 5.5


def test_solve_proves_the_optimum_with_the_column_bound() -> None:
    problem, written = instance(**EDGE_ONLY)
    result = solve(problem, time_limit=10, workers=1)
    assert (result.status, result.objective, result.bound) == ("optimal", 11, 11)
    assert verify(written, result.roster).objective == 11


def test_a_person_without_any_schedule_makes_the_instance_infeasible() -> None:
    # 960 minutes in two days, at most one day in a row: each limit alone can be met, not both.
    problem, _ = instance(days=2, staff=["A,D=99,99999,960,1,1,1,99"])
    with pytest.raises(NoSchedule, match="employee A"):
        generate(build_master(problem), time.perf_counter() + 10)
    result = solve(problem, time_limit=10, workers=1)
    assert result.status == "infeasible" and result.reasons
