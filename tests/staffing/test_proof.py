"""A proof of optimality from the search holds for every shift, not only the priced ones.

The search prices shifts from the LP's duals and proves over those within the gap; the exact
reference here is the MIP over every candidate shift (``all_columns``), solved by SCIP alone.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from eventplan.scenario import Scenario
from eventplan.staffing.build import build_model
from eventplan.staffing.mip import MipTask, solve_mip
from eventplan.staffing.report import SolveStatus
from eventplan.staffing.requirements import requirements
from eventplan.staffing.search import SearchSettings, solve_model
from eventplan.timegrid import build_grid
from tests.staffing.test_property import scenarios
from tests.staffing.test_property_rules import ruled


def assert_the_proof_holds(s: Scenario) -> None:
    grid = build_grid(s)
    need = requirements(s, grid)
    priced = build_model(s, grid, need, all_columns=False)
    _counts, report = solve_model(priced, SearchSettings(time_limit=20, seed=0, workers=1))
    full = build_model(s, grid, need, all_columns=True)
    exact = solve_mip(MipTask(full.linear, 60, seed=0, workers=1), backends=("SCIP",))
    if report.status is not SolveStatus.OPTIMAL or exact is None or exact.status != "optimal":
        return
    tolerance = 1e-5 * max(1.0, abs(exact.objective))
    assert abs(report.objective - exact.objective) <= tolerance
    assert report.bound <= exact.objective + tolerance


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_proven_optimum_is_the_optimum_over_every_shift(s):
    assert_the_proof_holds(s)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ruled())
def test_a_proven_optimum_under_the_rules_of_command_is_the_optimum_over_every_shift(s):
    assert_the_proof_holds(s)
