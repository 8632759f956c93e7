"""The benchmark's own instances: the smallest solvable one to its optimum, the broken one."""

from __future__ import annotations

from pathlib import Path

from eventplan.rostering.instance import load
from eventplan.rostering.model import build
from eventplan.rostering.solve import solve
from eventplan.rostering.verify import verify

DATA = Path(__file__).parents[1] / "data" / "rostering"


def test_instance2_solves_to_its_published_optimum() -> None:
    # Published optimum 828 (Curtois and Qu 2014): 8 people short x 100, requests 28.
    path = DATA / "Instance2.txt"
    result = solve(load(path), time_limit=60, workers=2, seed=0)
    assert (result.status, result.objective, result.bound) == ("optimal", 828, 828)
    verdict = verify(path.read_text(), result.roster)
    assert verdict.feasible and verdict.objective == 828


def test_instance1_as_given_is_infeasible_and_says_why() -> None:
    # Employee C may work D at most 3 times (1,440 minutes) but must work 3,360 minutes.
    instance = load(DATA / "Instance1.txt")
    result = solve(instance, time_limit=5)
    assert result.status == "infeasible"
    assert any(r.startswith("employee C: at most 1440 minutes") for r in result.reasons)


def test_instance1_model_is_infeasible_without_the_precheck() -> None:
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 10
    solver.parameters.num_workers = 1
    assert solver.solve(build(load(DATA / "Instance1.txt")).model) == cp_model.INFEASIBLE
