"""Sector leaders: a leader on duty whenever a post of the sector needs someone, their rows
marked as leading the sector, their coverage rows true, and plan.json listing them."""

from __future__ import annotations

import json
from typing import Any

from eventplan.checker import check_plan
from tests.checker.drill import covers, document, messages, post, scenario, stint, write

COMMAND = {"name": "Command post", "node": "command-node"}
EARLY, LATE = range(16, 18), range(18, 20)


def drill(tags: list[str] | None = None) -> dict[str, Any]:
    """North sector: gate and plaza need a guard each through ingress (16-18) only; the stage,
    in no sector, needs one through the show. So north asks a leader 16-18 and not after."""
    leader: dict[str, Any] = {"role": "police"} | ({"tags": tags} if tags else {})
    doc = document(
        posts=[
            post("gate", (["ingress"], ["guard"], 1)),
            post("plaza", (["ingress"], ["guard"], 1)),
            post("stage", (["show"], ["guard"], 1)),
        ],
        command=COMMAND,
        sectors=[{"id": "north", "name": "North", "posts": ["gate", "plaza"], "leader": leader}],
    )
    if tags:
        doc["people"] = [{"id": "li-wei", "role": "police", "pool": "police", "tags": tags}]
    return doc


def guards() -> list[dict[str, str]]:
    return [
        stint("guards-0001", "gate", 16, 18),
        stint("guards-0002", "plaza", 16, 18),
        stint("guards-0003", "stage", 18, 20),
    ]


def guard_coverage() -> list[dict[str, Any]]:
    return [
        *covers("gate", EARLY, "guard", 1, 1),
        *covers("plaza", EARLY, "guard", 1, 1),
        *covers("stage", LATE, "guard", 1, 1),
    ]


def sectors(*leaders: tuple[str, int, int]) -> list[dict[str, Any]]:
    return [
        {
            "id": "north",
            "name": "North",
            "posts": ["gate", "plaza"],
            "leader_role": "police",
            "leaders": [
                {
                    "person": p,
                    "name": f"Name of {p}",
                    "start": f"2025-07-12T{a}:00",
                    "end": f"2025-07-12T{b}:00",
                }
                for p, a, b in leaders
            ],
        }
    ]


def plan(tmp_path, leader_rows, north, listed=None, **sections):  # type: ignore[no-untyped-def]
    """A plan with the guards, the given leader rows and north's coverage rows."""
    listed = sectors(("police-0001", 16, 18)) if listed is None else listed
    return write(
        tmp_path,
        guards() + leader_rows,
        guard_coverage() + north,
        sectors=listed,
        **({"command": COMMAND} | sections),
    )


LEADER = [stint("police-0001", "north", 16, 18, leads="north")]
LED = covers("north", EARLY, "police", 1, 1)


def test_a_leader_whenever_a_post_of_the_sector_needs_someone_holds(tmp_path):
    report = check_plan(scenario(drill()), plan(tmp_path, LEADER, LED))
    assert report.ok, messages(report)


def test_a_leader_row_must_say_it_leads_the_sector(tmp_path):
    rows = [stint("police-0001", "north", 16, 18)]
    assert messages(check_plan(scenario(drill()), plan(tmp_path, rows, LED))) == [
        "[files] roster.csv: line 5: leads column is '', but a sector leader's row leads 'north'"
    ]


def test_no_leader_is_a_shortfall_coverage_must_report(tmp_path):
    # Reported honestly (1 required, 0 assigned), a missing leader is a shortfall, not an error.
    report = check_plan(
        scenario(drill()),
        plan(tmp_path / "a", [], covers("north", EARLY, "police", 1, 0), sectors()),
    )
    assert report.ok, messages(report)
    hidden = check_plan(scenario(drill()), plan(tmp_path / "b", [], LED, sectors()))
    assert [v.message for v in hidden.violations if "roster.csv has" in v.message] == [
        "police 2025-07-12T16:00-17:00 (coverage.csv line 8): assigned is 1, but roster.csv has "
        "0 there",
        "police 2025-07-12T17:00-18:00 (coverage.csv line 9): assigned is 1, but roster.csv has "
        "0 there",
    ]


def test_the_leader_rows_are_asked_only_where_the_posts_need_someone(tmp_path):
    missing = check_plan(scenario(drill()), plan(tmp_path / "a", LEADER, []))
    assert messages(missing) == [
        "[coverage] north: coverage.csv lacks 2 row(s) for police (sector leader): "
        "2025-07-12T16:00-18:00"
    ]
    extra = LED + covers("north", range(18, 19), "police", 1, 0)
    report = check_plan(scenario(drill()), plan(tmp_path / "b", LEADER, extra))
    assert messages(report) == [
        "[coverage] north: police 2025-07-12T18:00-19:00 (coverage.csv line 10): the scenario "
        "asks for no such row (no need of this post, role group and slot)"
    ]


def test_the_leader_must_be_of_the_leader_role(tmp_path):
    rows = [stint("guards-0004", "north", 16, 18, leads="north")]
    report = check_plan(
        scenario(drill()),
        plan(
            tmp_path,
            rows,
            covers("north", EARLY, "police", 1, 0),
            sectors(("guards-0004", 16, 18)),
        ),
    )
    assert messages(report) == [
        "[role-fit] guards-0004: stands at sector 'north' as guard (line 5), but it only uses "
        "police"
    ]


def test_the_leader_must_carry_the_leader_tags(tmp_path):
    # li-wei carries 'commander'; police-0001 does not, and counts for nothing at north.
    doc = drill(tags=["commander"])
    rows = [stint("li-wei", "north", 16, 18, leads="north", pool="police", role="police")]
    led = covers("north", EARLY, "police[commander]", 1, 1)
    listed = sectors(("li-wei", 16, 18))
    assert check_plan(scenario(doc), plan(tmp_path / "a", rows, led, listed)).ok
    report = check_plan(
        scenario(doc),
        plan(tmp_path / "b", LEADER, covers("north", EARLY, "police[commander]", 1, 0)),
    )
    assert messages(report) == [
        "[tags] police-0001: leads sector 'north' 2025-07-12T16:00-18:00 (line 5) without the "
        "tag(s) commander"
    ]


def test_plan_json_lists_the_leaders_of_the_roster(tmp_path):
    # Two rows of one leader, 16-17 and 17-18, are one stretch, listed in one entry.
    rows = [
        stint("police-0001", "north", 16, 17, leads="north"),
        stint("police-0001", "north", 17, 18, leads="north"),
    ]
    assert check_plan(scenario(drill()), plan(tmp_path / "a", rows, LED)).ok
    other = sectors(("police-0002", 16, 18))
    report = check_plan(scenario(drill()), plan(tmp_path / "b", LEADER, LED, other))
    assert messages(report) == [
        "[plan] plan.json: sectors 'north': leaders differ from roster.csv: 1 stretch(es) only "
        "in plan.json, 1 only in roster.csv; e.g. in plan.json only: police-0002 "
        "2025-07-12T16:00-18:00"
    ]


def test_plan_json_lists_every_sector_and_the_command_post(tmp_path):
    missing = plan(tmp_path / "a", LEADER, LED, [], command={"name": "HQ", "node": "gate-node"})
    assert messages(check_plan(scenario(drill()), missing)) == [
        "[plan] plan.json: command is at 'gate-node', not at the scenario's node 'command-node'",
        "[plan] plan.json: sectors lists [], but the scenario has ['north'] (each once)",
    ]


def test_plan_json_assignments_carry_the_leads_column(tmp_path):
    folder = plan(tmp_path, LEADER, LED)
    path = folder / "plan.json"
    document = json.loads(path.read_text())
    for entry in document["assignments"]:
        entry.pop("leads")
    path.write_text(json.dumps(document))
    assert messages(check_plan(scenario(drill()), folder)) == [
        "[plan] plan.json: assignments differ from roster.csv: 1 record(s) only in plan.json, "
        "1 only in roster.csv; e.g. in plan.json only: police-0001 at 'north' "
        "2025-07-12T16:00-18:00"
    ]
