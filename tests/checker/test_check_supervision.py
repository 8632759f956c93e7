"""Rule ``supervision``: supervised roles stand at a post only with enough supervisors."""

from __future__ import annotations

from typing import Any

from eventplan.checker import check_plan
from tests.checker.drill import cover, covers, document, messages, post, scenario, stint, write

ALL = ["ingress", "show"]
HOURS = range(16, 20)


def drill(*rules: dict[str, Any], plaza: bool = False) -> dict[str, Any]:
    """The gate needs one police officer and three auxiliaries 16-20 (the plaza two
    auxiliaries, when asked for)."""
    posts = [post("gate", (ALL, ["police"], 1), (ALL, ["auxiliary"], 3))]
    if plaza:
        posts.append(post("plaza", (ALL, ["auxiliary"], 2)))
    return document(posts=posts, rules={"supervision": list(rules)})


def gate_roster(police_hours: tuple[int, int] = (16, 20)) -> list[dict[str, str]]:
    return [
        stint("police-0001", "gate", *police_hours),
        *(stint(f"aux-000{k}", "gate", 16, 20) for k in (1, 2, 3)),
    ]


def gate_coverage(police: dict[int, int] | None = None) -> list[dict[str, Any]]:
    police = police or {}
    return [
        *(cover("gate", h, "police", 1, police.get(h, 1)) for h in HOURS),
        *covers("gate", HOURS, "auxiliary", 3, 3),
    ]


def test_three_auxiliaries_with_one_officer_at_four_per_officer_hold(tmp_path):
    rule = {"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 4}
    report = check_plan(scenario(drill(rule)), write(tmp_path, gate_roster(), gate_coverage()))
    assert report.ok, messages(report)


def test_three_auxiliaries_with_one_officer_at_two_per_officer_break_the_rule(tmp_path):
    # 3 > 2 x 1 in every slot 16-20: one violation for the run of slots with these counts.
    rule = {"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 2}
    report = check_plan(scenario(drill(rule)), write(tmp_path, gate_roster(), gate_coverage()))
    assert messages(report) == [
        "[supervision] gate: 3 auxiliary with 1 police at gate 2025-07-12T16:00-20:00: more "
        "than 2 per police (at most 2)"
    ]


def test_without_a_ratio_one_officer_suffices(tmp_path):
    rule = {"roles": ["auxiliary"], "by": ["police"]}
    report = check_plan(scenario(drill(rule)), write(tmp_path, gate_roster(), gate_coverage()))
    assert report.ok, messages(report)


def test_without_a_ratio_auxiliaries_alone_break_the_rule(tmp_path):
    # The officer leaves at 18:00 (coverage.csv reports the gap); three auxiliaries stay.
    rule = {"roles": ["auxiliary"], "by": ["police"]}
    folder = write(tmp_path, gate_roster((16, 18)), gate_coverage({18: 0, 19: 0}))
    assert messages(check_plan(scenario(drill(rule)), folder)) == [
        "[supervision] gate: 3 auxiliary without a police at gate 2025-07-12T18:00-20:00"
    ]


def test_an_officer_on_break_supervises_nobody(tmp_path):
    # police-0001 works 16-17 and 18-20: one shift with a break 17-18 that leaves them alone.
    rule = {"roles": ["auxiliary"], "by": ["police"]}
    roster = gate_roster()
    roster[0:1] = [stint("police-0001", "gate", 16, 17), stint("police-0001", "gate", 18, 20)]
    folder = write(tmp_path, roster, gate_coverage({17: 0}))
    assert messages(check_plan(scenario(drill(rule)), folder)) == [
        "[supervision] gate: 3 auxiliary without a police at gate 2025-07-12T17:00-18:00"
    ]


def test_an_officer_at_a_briefing_supervises_nobody(tmp_path):
    # Police are briefed for an hour at the command post before their shift: 16-17, then the
    # gate 17-20. The auxiliaries stand alone 16-17. Police pay 10 x 4 h, auxiliaries 4 x 3 x 4.
    doc = drill({"roles": ["auxiliary"], "by": ["police"]})
    doc["roles"]["police"]["briefing"] = {"minutes": 60, "node": "command-node"}
    roster = gate_roster()
    roster[0:1] = [
        stint("police-0001", "briefing:command-node", 16, 17),
        stint("police-0001", "gate", 17, 20),
    ]
    folder = write(tmp_path, roster, gate_coverage({16: 0}), cost=40.0 + 48.0)
    assert messages(check_plan(scenario(doc), folder)) == [
        "[supervision] gate: 3 auxiliary without a police at gate 2025-07-12T16:00-17:00"
    ]


def plaza_plan(tmp_path) -> Any:  # type: ignore[no-untyped-def]
    """The gate as before; two more auxiliaries at the plaza with no officer."""
    roster = gate_roster() + [stint(f"aux-000{k}", "plaza", 16, 20) for k in (4, 5)]
    return write(tmp_path, roster, gate_coverage() + covers("plaza", HOURS, "auxiliary", 2, 2))


def test_per_post_every_post_is_judged_alone(tmp_path):
    rule = {"roles": ["auxiliary"], "by": ["police"]}
    report = check_plan(scenario(drill(rule, plaza=True)), plaza_plan(tmp_path))
    assert messages(report) == [
        "[supervision] plaza: 2 auxiliary without a police at plaza 2025-07-12T16:00-20:00"
    ]


def test_only_the_listed_posts_are_judged(tmp_path):
    rule = {"roles": ["auxiliary"], "by": ["police"], "posts": ["gate"]}
    report = check_plan(scenario(drill(rule, plaza=True)), plaza_plan(tmp_path))
    assert report.ok, messages(report)


def test_venue_scope_sums_over_the_posts(tmp_path):
    # 3 + 2 = 5 auxiliaries and 1 officer over the venue: 5 auxiliaries hold at 5 per
    # officer, and break the rule at 4 per officer.
    five = {"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 5, "scope": "venue"}
    assert check_plan(scenario(drill(five, plaza=True)), plaza_plan(tmp_path / "a")).ok
    four = five | {"per_supervisor": 4}
    report = check_plan(scenario(drill(four, plaza=True)), plaza_plan(tmp_path / "b"))
    assert messages(report) == [
        "[supervision] venue: 5 auxiliary with 1 police over the venue 2025-07-12T16:00-20:00: "
        "more than 4 per police (at most 4)"
    ]


def test_runs_with_different_counts_are_reported_apart(tmp_path):
    # A fourth auxiliary joins 18-20 (coverage asks three; more may stand): 3 with 1 officer
    # 16-18, 4 with 1 officer 18-20, both over 2 per officer.
    rule = {"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 2}
    roster = [*gate_roster(), stint("aux-0004", "gate", 18, 20)]
    coverage = [
        *(cover("gate", h, "police", 1, 1) for h in HOURS),
        *(cover("gate", h, "auxiliary", 3, 3 if h < 18 else 4) for h in HOURS),
    ]
    report = check_plan(scenario(drill(rule)), write(tmp_path, roster, coverage))
    assert messages(report) == [
        "[supervision] gate: 3 auxiliary with 1 police at gate 2025-07-12T16:00-18:00: more "
        "than 2 per police (at most 2)",
        "[supervision] gate: 4 auxiliary with 1 police at gate 2025-07-12T18:00-20:00: more "
        "than 2 per police (at most 2)",
    ]


def test_roles_are_named_by_their_labels(tmp_path):
    doc = drill({"roles": ["auxiliary"], "by": ["police"]})
    doc["roles"]["auxiliary"]["label"] = "auxiliary police"
    doc["roles"]["police"]["label"] = "police officer"
    folder = write(tmp_path, gate_roster((16, 18)), gate_coverage({18: 0, 19: 0}))
    assert messages(check_plan(scenario(doc), folder)) == [
        "[supervision] gate: 3 auxiliary police without a police officer at gate "
        "2025-07-12T18:00-20:00"
    ]
