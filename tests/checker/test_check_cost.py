"""Rule ``cost``: role cost x paid hours (whole shifts, breaks included) equals kpis.cost."""

from __future__ import annotations

from eventplan.checker import check_plan


def test_cost_must_equal_paid_hours_times_role_cost(scenario, make_plan, cost):
    report = check_plan(scenario, make_plan(cost=cost + 1))
    assert [str(v) for v in report.violations] == [
        "[cost] plan.json: kpis.cost is 131, but role cost x paid hours of the roster's shifts "
        "is 130"
    ]


def test_cost_within_a_relative_millionth_passes(scenario, make_plan, cost):
    assert check_plan(scenario, make_plan(cost=cost * (1 + 1e-7))).ok
    assert not check_plan(scenario, make_plan(cost=cost * (1 + 1e-5))).ok


def test_the_break_is_paid(scenario, make_plan, roster, cost):
    # police-0001 works 15-18 and 19-20: paid 5 h, not 4 h.
    assert roster[:2] == [
        ("police-0001", "police", "police", "", "gate", 15, 18),
        ("police-0001", "police", "police", "", "gate", 19, 20),
    ]
    assert not check_plan(scenario, make_plan(cost=cost - 10)).ok
