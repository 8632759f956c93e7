"""The MIP race (SCIP against HiGHS), its stopping, and the Lagrangian bound of pricing."""

from __future__ import annotations

import math
import threading
import time

import numpy as np
import pytest

from eventplan.staffing.backends import LiveLP, Solution
from eventplan.staffing.build import build_model
from eventplan.staffing.colgen import column_generation
from eventplan.staffing.evaluate import complete_solution
from eventplan.staffing.mip import MipTask, best_of, solve_mip
from eventplan.staffing.model import StaffingModel
from eventplan.staffing.pricing import dual_bound, floor_bound, price, sign_feasible
from eventplan.staffing.requirements import requirements
from eventplan.timegrid import build_grid
from tests.staffing.micro import scenario

BREAKS = {
    "roles": {"police": {"cost": 1, "shift_hours": [7, 8]}},
    "rules": {"meal_break": {"after_hours": 6, "minutes": 30}},
}


def full_model(**sections) -> StaffingModel:
    """Every candidate shift as a column, so the MIP alone is exact."""
    s = scenario(**sections)
    grid = build_grid(s)
    return build_model(s, grid, requirements(s, grid), all_columns=True)


def priced_model(**sections) -> StaffingModel:
    s = scenario(**sections)
    grid = build_grid(s)
    return build_model(s, grid, requirements(s, grid), all_columns=False)


@pytest.mark.parametrize("backends", [("SCIP",), ("HIGHS",), ("SCIP", "HIGHS")])
def test_each_backend_finds_the_hand_derived_optimum(backends):
    # The meal-break micro event: two 7 h shifts (08-15, 09-16) cover each other's breaks,
    # cost 14 plus the stability term of two shifts (0.01 each).
    model = full_model(**BREAKS)
    result = solve_mip(MipTask(model.linear, 30.0, workers=len(backends)), backends=backends)
    assert result is not None and result.status == "optimal"
    assert result.backend in backends
    assert result.objective == pytest.approx(14.02)


def test_a_start_plan_is_accepted_and_never_made_worse():
    model = full_model(**BREAKS)
    counts = np.zeros(len(model.columns))
    counts[0] = 1  # one shift: its break and the rest of the day stay uncovered
    start = complete_solution(model, counts)
    start_value = float(np.dot(model.linear.var_obj, start))
    for backends in (("SCIP",), ("HIGHS",)):
        result = solve_mip(MipTask(model.linear, 30.0, workers=1, start=start), backends=backends)
        assert result is not None and result.objective <= start_value + 1e-6
        assert result.objective == pytest.approx(14.02)


def test_fixed_variables_hold():
    model = full_model(**BREAKS)
    first = model.column_var[0]
    result = solve_mip(MipTask(model.linear, 30.0, workers=2, fixed={first: 2.0}))
    assert result is not None and result.status == "optimal"
    assert result.values[first] == pytest.approx(2.0)


def test_an_interrupt_set_beforehand_stops_both_backends_at_once():
    model = full_model(**BREAKS)
    stop = threading.Event()
    stop.set()
    started = time.perf_counter()
    result = solve_mip(MipTask(model.linear, 60.0, workers=2), interrupt=stop)
    # Far below the 60 s limit: neither backend was left to run to it.
    assert time.perf_counter() - started < 30
    assert result is None or result.status in ("optimal", "feasible")


def solution(status: str, objective: float, bound: float, backend: str) -> Solution:
    return Solution(status, np.zeros(1), objective, bound, 1.0, backend)


def test_best_of_prefers_a_proof_then_the_best_plan_with_the_best_bound():
    proof = solution("optimal", 10.0, 10.0, "SCIP")
    assert best_of([solution("feasible", 9.0, 8.0, "HIGHS"), proof]) is proof
    merged = best_of(
        [solution("feasible", 12.0, 8.0, "SCIP"), solution("feasible", 11.0, 7.0, "HIGHS")]
    )
    assert merged is not None
    assert (merged.objective, merged.bound, merged.backend) == (11.0, 8.0, "HIGHS")


def test_best_of_reports_infeasible_only_without_any_plan():
    infeasible = Solution("infeasible", np.zeros(1), math.nan, math.nan, 1.0, "SCIP")
    assert best_of([infeasible]) is infeasible
    assert best_of([infeasible, solution("feasible", 5.0, 1.0, "HIGHS")]).status == "feasible"
    assert best_of([Solution("unknown", np.zeros(1), math.nan, math.nan, 1.0, "HIGHS")]) is None


def test_dual_bound_is_the_lp_optimum_once_pricing_converges():
    model = priced_model(**BREAKS)
    relaxation = column_generation(model, None, math.inf, None)
    assert relaxation.converged
    least: dict[tuple[int, int], float] = {}
    assert price(model, relaxation.lp.duals(), least=least) == []
    bound = dual_bound(model, relaxation.lp.duals(), least)
    assert bound == pytest.approx(relaxation.lp.objective_value(), abs=1e-6)


def test_dual_bound_never_exceeds_the_lp_optimum_from_any_round():
    # Stop column generation after each number of rounds: every bound is valid (no more than
    # the converged LP optimum), and the restricted LP itself is not (it starts above it).
    final = column_generation(priced_model(**BREAKS), None, math.inf, None)
    optimum = final.lp.objective_value()
    for rounds in range(final.rounds + 1):
        model = priced_model(**BREAKS)
        lp = LiveLP(model.linear)
        for _ in range(rounds):
            lp.solve()
            for _reduced, column in price(model, lp.duals()):
                model.add_column(column)
            lp.sync()
        lp.solve()
        least: dict[tuple[int, int], float] = {}
        price(model, lp.duals(), least=least)
        assert dual_bound(model, lp.duals(), least) <= optimum + 1e-6
    first = LiveLP(priced_model(**BREAKS).linear)
    first.solve()
    assert first.objective_value() > optimum


def test_column_generation_stops_at_its_deadline_with_a_valid_bound():
    model = priced_model(**BREAKS)
    relaxation = column_generation(model, None, time.perf_counter(), None)
    assert not relaxation.converged and relaxation.rounds == 0
    optimum = column_generation(priced_model(**BREAKS), None, math.inf, None).bound
    assert relaxation.bound <= optimum + 1e-6


def test_a_bound_from_early_duals_is_never_negative():
    # Duals far from the LP's (here each row's at 1,000 times its own) give a Lagrangian bound
    # far below zero; no plan costs less than nothing, so the floor (0 here: every cost is
    # positive) is the better of the two, and column generation stopped at once reports it.
    model = priced_model(**BREAKS)
    lp = LiveLP(model.linear)
    lp.solve()
    least: dict[tuple[int, int], float] = {}
    wild = sign_feasible(model, 1000.0 * lp.duals())
    price(model, wild, least=least)
    assert dual_bound(model, wild, least) < 0
    assert floor_bound(model) == 0.0
    stopped = column_generation(priced_model(**BREAKS), None, time.perf_counter(), None)
    assert stopped.bound >= 0.0
