"""A proof of optimality from the search holds for every shift, not only the priced ones.

The search prices shifts from the LP's duals and proves over those within the gap; the exact
reference here is the MIP over every candidate shift (``all_columns``) without the cuts of
``presence`` and the supervisor rows, solved by SCIP alone.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

import eventplan.staffing.search as search
from eventplan.generate import generate
from eventplan.generate.spec import Spec
from eventplan.scenario import Scenario
from eventplan.staffing.build import build_model
from eventplan.staffing.mip import MipTask, solve_mip
from eventplan.staffing.report import SolveStatus
from eventplan.staffing.requirements import requirements
from eventplan.staffing.search import SearchSettings, needed_shifts, solve_model
from eventplan.timegrid import build_grid
from tests.staffing.test_property import scenarios
from tests.staffing.test_property_rules import ruled


def assert_the_proof_holds(s: Scenario) -> bool:
    """Whether both searches proved an optimum (and then that they agree)."""
    grid = build_grid(s)
    need = requirements(s, grid)
    priced = build_model(s, grid, need, all_columns=False)
    _counts, report = solve_model(priced, SearchSettings(time_limit=20, seed=0, workers=1))
    # the reference has none of the rows that only tighten the LP: they must cut no plan off
    full = build_model(s, grid, need, all_columns=True, cuts=False)
    exact = solve_mip(MipTask(full.linear, 60, seed=0, workers=1), backends=("SCIP",))
    if report.status is not SolveStatus.OPTIMAL or exact is None or exact.status != "optimal":
        return False
    tolerance = 1e-5 * max(1.0, abs(exact.objective))
    assert abs(report.objective - exact.objective) <= tolerance
    assert report.bound <= exact.objective + tolerance
    return True


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_proven_optimum_is_the_optimum_over_every_shift(s):
    assert_the_proof_holds(s)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ruled())
def test_a_proven_optimum_under_the_rules_of_command_is_the_optimum_over_every_shift(s):
    assert_the_proof_holds(s)


def test_the_proof_holds_when_the_blocks_leave_shifts_out(monkeypatch):
    # A generated 32-staff day at 15-minute slots: its standing units make the LP weak, the
    # station blocks raise the bound by about 320, and the exact MIP is offered some 1,300
    # of the 3,600 shifts within the gap. Its optimum must still be the optimum over all.
    left_out: list[int] = []

    def counted(priced, gap, gains):
        kept = needed_shifts(priced, gap, gains)
        left_out.append(len(priced) - len(kept))
        return kept

    monkeypatch.setattr(search, "needed_shifts", counted)
    spec = Spec(staff=32, posts=3, seed=1, slot_minutes=15, hours=16, shortage=0.0)
    assert assert_the_proof_holds(generate(spec))
    assert left_out and left_out[-1] > 0
