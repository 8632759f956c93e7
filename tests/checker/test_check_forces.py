"""Rules ``unit`` and ``patrol``: units and patrol teams deployed whole through their phases."""

from __future__ import annotations

from eventplan.checker import check_plan
from eventplan.scenario import from_document


def messages(report, rule: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [v.message for v in report.violations if v.rule == rule]


def test_a_unit_missing_a_member_for_a_slot(scenario, make_plan, roster, coverage):
    # The plan claims the unit complete at 19:00 (no shortfall), but nobody is there.
    roster[2] = ("police-0002", "police", "police", "rapid#1", "rapid", 18, 19)
    coverage[13] = ("ratio:0", 19, "police+guard", 2, 4)
    report = check_plan(scenario, make_plan(roster=roster, coverage=coverage))
    assert "unit" in {v.rule for v in report.violations}
    assert messages(report, "unit") == [
        "rapid#1 has 0 of 1 police at 2025-07-12T19:00-20:00; a unit is deployed whole "
        "through its phases"
    ]


def test_a_unit_member_missing_and_reported_short_is_not_a_violation(
    scenario, make_plan, roster, coverage
):
    # A pool that runs dry leaves the unit incomplete; coverage.csv says so, and that holds.
    roster[2] = ("police-0002", "police", "police", "rapid#1", "rapid", 18, 19)
    coverage[9] = ("rapid", 19, "police", 1, 0)
    coverage[13] = ("ratio:0", 19, "police+guard", 2, 4)
    report = check_plan(scenario, make_plan(roster=roster, coverage=coverage))
    assert not messages(report, "unit")


def test_a_unit_not_deployed_at_all_is_a_shortfall_not_a_violation(
    scenario, make_plan, roster, coverage, cost
):
    roster[2:4] = [("police-0002", "police", "police", "", "overwatch", 19, 21)]
    coverage[8:10] = [("rapid", 18, "police", 1, 0), ("rapid", 19, "police", 1, 0)]
    coverage[12] = ("ratio:0", 18, "police+guard", 2, 3)
    report = check_plan(scenario, make_plan(roster=roster, coverage=coverage, cost=cost - 10))
    assert report.ok, [str(v) for v in report.violations]


def test_a_patrol_team_short_of_its_composition(document, make_plan, coverage):
    # The team needs two guards; one walks and coverage.csv hides the gap.
    document["patrols"][0]["composition"] = {"guard": 2}
    coverage[10] = ("perimeter", 20, "guard", 2, 2)
    report = check_plan(from_document(document), make_plan(coverage=coverage))
    assert "patrol" in {v.rule for v in report.violations}
    assert messages(report, "patrol") == [
        "perimeter#1 has 1 of 2 guard at 2025-07-12T20:00-21:00; a patrol is deployed whole "
        "through its phases"
    ]


def test_auto_patrol_teams_are_those_the_plan_lists(document, make_plan, coverage):
    document["patrols"][0]["teams"] = "auto"
    scenario = from_document(document)
    one = [{"id": "perimeter", "team": 1, "nodes": ["gate-node"]}]
    assert check_plan(scenario, make_plan(patrols=one)).ok
    two = [*one, {"id": "perimeter", "team": "perimeter#2", "nodes": ["gate-node"]}]
    report = check_plan(scenario, make_plan(patrols=two))
    assert [str(v) for v in report.violations] == [
        "[coverage] perimeter: guard 2025-07-12T20:00-21:00 (coverage.csv line 12): required "
        "is 1, but the scenario asks for 2 (patrol)",
        "[coverage] perimeter: guard 2025-07-12T20:00-21:00 (coverage.csv line 12): shortfall "
        "is 0, but 2 required and 1 assigned leave 1",
    ]


def test_a_roster_team_the_plan_does_not_list(document, make_plan, roster, cost):
    document["patrols"][0]["teams"] = "auto"
    roster[11] = ("guards-0004", "guard", "guards", "perimeter#2", "perimeter", 20, 21)
    one = [{"id": "perimeter", "team": 1, "nodes": ["gate-node"]}]
    report = check_plan(from_document(document), make_plan(roster=roster, patrols=one))
    assert messages(report, "patrol") == [
        "team perimeter#2 has members in roster.csv but plan.json lists no such patrol team"
    ]
