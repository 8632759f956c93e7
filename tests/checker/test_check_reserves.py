"""Reserves: people of some roles kept free at a node, covered like a need and listed in
plan.json."""

from __future__ import annotations

from typing import Any

from eventplan.checker import check_plan
from tests.checker.drill import DAY, covers, document, messages, post, scenario, stint, write

HOURS = range(16, 20)


def drill(**reserve: Any) -> dict[str, Any]:
    """The gate needs a guard through ingress; two officers stand in reserve 16-20."""
    standby = {
        "id": "standby",
        "roles": ["police"],
        "phases": ["ingress", "show"],
        "min": 2,
        "node": "command-node",
    }
    return document(posts=[post("gate", (["ingress"], ["guard"], 1))], reserves=[standby | reserve])


GUARD = [stint("guards-0001", "gate", 16, 18)]
GATE = covers("gate", range(16, 18), "guard", 1, 1)


def listed(*members: tuple[str, int, int], roles: list[str] | None = None) -> list[dict[str, Any]]:
    return [
        {
            "id": "standby",
            "roles": roles or ["police"],
            "node": "command-node",
            "members": [
                {"person": p, "start": f"{DAY}T{a}:00", "end": f"{DAY}T{b}:00"}
                for p, a, b in members
            ],
        }
    ]


TWO = [stint("police-0001", "standby", 16, 20), stint("police-0002", "standby", 16, 20)]


def test_a_full_reserve_holds(tmp_path):
    coverage = GATE + covers("standby", HOURS, "police", 2, 2)
    folder = write(
        tmp_path,
        GUARD + TWO,
        coverage,
        reserves=listed(("police-0001", 16, 20), ("police-0002", 16, 20)),
    )
    report = check_plan(scenario(drill()), folder)
    assert report.ok, messages(report)


def test_a_reserve_short_of_people_is_a_shortfall_coverage_reports(tmp_path):
    coverage = GATE + covers("standby", HOURS, "police", 2, 1)
    folder = write(tmp_path, GUARD + TWO[:1], coverage, reserves=listed(("police-0001", 16, 20)))
    report = check_plan(scenario(drill()), folder)
    assert report.ok, messages(report)


def test_a_share_of_the_pools_people(tmp_path):
    # share 0.25 of the six guards of all pools: ceil(1.5) = 2 guards in reserve.
    doc = drill(roles=["guard"], share=0.25)
    del doc["reserves"][0]["min"]
    coverage = GATE + covers("standby", HOURS, "guard", 1, 0)
    folder = write(tmp_path, GUARD, coverage, reserves=listed(roles=["guard"]))
    report = check_plan(scenario(doc), folder)
    assert [v.message for v in report.violations][:1] == [
        "guard 2025-07-12T16:00-17:00 (coverage.csv line 4): required is 1, but the scenario "
        "asks for 2 (reserve)"
    ]
    assert len(report.violations) == 8  # required and shortfall in each of the four slots


def test_only_people_of_the_reserve_roles_stand_in_it(tmp_path):
    coverage = GATE + covers("standby", HOURS, "police", 2, 0)
    roster = [*GUARD, stint("guards-0002", "standby", 16, 20)]
    folder = write(tmp_path, roster, coverage, reserves=listed(("guards-0002", 16, 20)))
    assert messages(check_plan(scenario(drill()), folder)) == [
        "[role-fit] guards-0002: stands at reserve 'standby' as guard (line 3), but it only uses "
        "police"
    ]


def test_plan_json_lists_the_reserves_members(tmp_path):
    coverage = GATE + covers("standby", HOURS, "police", 2, 2)
    folder = write(tmp_path, GUARD + TWO, coverage, reserves=listed(("police-0001", 16, 20)))
    assert messages(check_plan(scenario(drill()), folder)) == [
        "[plan] plan.json: reserves 'standby': members differ from roster.csv: 0 stretch(es) "
        "only in plan.json, 1 only in roster.csv; e.g. in roster.csv only: police-0002 "
        "2025-07-12T16:00-20:00"
    ]
    missing = write(tmp_path / "b", GUARD + TWO, coverage)
    assert messages(check_plan(scenario(drill()), missing)) == [
        "[plan] plan.json: has no list of objects under 'reserves'"
    ]


def test_a_reserve_is_not_a_post_for_supervision(tmp_path):
    # Auxiliaries in reserve without an officer break no supervision rule.
    doc = drill(roles=["auxiliary"])
    doc["rules"]["supervision"] = [{"roles": ["auxiliary"], "by": ["police"]}]
    roster = [*GUARD, stint("aux-0001", "standby", 16, 20), stint("aux-0002", "standby", 16, 20)]
    coverage = GATE + covers("standby", HOURS, "auxiliary", 2, 2)
    members = listed(("aux-0001", 16, 20), ("aux-0002", 16, 20), roles=["auxiliary"])
    report = check_plan(scenario(doc), write(tmp_path, roster, coverage, reserves=members))
    assert report.ok, messages(report)
