"""Rule ``briefing``: every shift of a briefed person opens with its briefing; the briefing
counts toward the shift (length, availability, pay) but never toward coverage."""

from __future__ import annotations

from typing import Any

from eventplan.checker import check_plan
from tests.checker.drill import DAY, covers, document, messages, post, scenario, stint, write

HOURS = range(16, 20)
BRIEFING = "briefing:command-node"


def drill() -> dict[str, Any]:
    """The gate needs an officer and a guard 16-20; police are briefed for 30 minutes at the
    command post (guards are not), which on the one-hour slots of this drill takes the whole
    hour before the shift; they are available from 15:00."""
    doc = document(posts=[post("gate", (["ingress", "show"], ["police", "guard"], 2))])
    doc["roles"]["police"]["briefing"] = {"minutes": 30, "node": "command-node"}
    doc["pools"][0]["available"] = {"start": f"{DAY}T15:00", "end": f"{DAY}T21:00"}
    return doc


GATE = covers("gate", HOURS, "police+guard", 2, 2)
GUARD = stint("guards-0001", "gate", 16, 20)


def officer(*rows: dict[str, str]) -> list[dict[str, str]]:
    """The officer's rows, then the guard's."""
    return [*rows, GUARD]


BRIEFED = officer(stint("police-0001", BRIEFING, 15, 16), stint("police-0001", "gate", 16, 20))
# The officer's shift runs 15:00-20:00: 5 h x 10; the guard's 4 h x 3.
COST = 50.0 + 12.0


def test_a_briefed_shift_holds_and_its_briefing_is_paid(tmp_path):
    # The 30-minute briefing rounds up to the one-hour slot: 15:00-16:00, paid.
    report = check_plan(scenario(drill()), write(tmp_path / "a", BRIEFED, GATE, cost=COST))
    assert report.ok, messages(report)
    unpaid = check_plan(scenario(drill()), write(tmp_path / "b", BRIEFED, GATE, cost=COST - 10))
    assert messages(unpaid) == [
        "[cost] plan.json: kpis.cost is 52, but role cost x paid hours of the roster's shifts is 62"
    ]


def test_a_shift_without_its_briefing(tmp_path):
    roster = officer(stint("police-0001", "gate", 16, 20))
    assert messages(check_plan(scenario(drill()), write(tmp_path, roster, GATE))) == [
        "[briefing] police-0001: shift 2025-07-12T16:00-20:00: does not start with the "
        "30-minute briefing at command-node"
    ]


def test_a_briefing_at_another_node(tmp_path):
    roster = officer(
        stint("police-0001", "briefing:gate-node", 15, 16),
        stint("police-0001", "gate", 16, 20),
    )
    assert messages(check_plan(scenario(drill()), write(tmp_path, roster, GATE, cost=COST))) == [
        "[briefing] police-0001: shift 2025-07-12T15:00-20:00: is briefed at gate-node (line 2), "
        "not at command-node"
    ]


def test_a_briefing_of_the_wrong_length(tmp_path):
    # Half an hour's briefing 15:30-16:00, not the whole slot: the shift is 4.5 h, paid 45.
    roster = officer(
        stint("police-0001", BRIEFING, "15:30", 16), stint("police-0001", "gate", 16, 20)
    )
    report = check_plan(scenario(drill()), write(tmp_path, roster, GATE, cost=45.0 + 12.0))
    assert messages(report) == [
        "[briefing] police-0001: shift 2025-07-12T15:30-20:00: is briefed "
        "2025-07-12T15:30-16:00 (30 min, line 2), not for 60 min"
    ]


def test_a_briefing_must_lead_straight_into_the_first_stint(tmp_path):
    # Briefed 14:30-15:30, at the gate from 16:00: the shift is 5.5 h with a half-hour hole.
    doc = drill()
    doc["pools"][0]["available"] = {"start": f"{DAY}T14:00", "end": f"{DAY}T21:00"}
    roster = officer(
        stint("police-0001", BRIEFING, "14:30", "15:30"), stint("police-0001", "gate", 16, 20)
    )
    report = check_plan(scenario(doc), write(tmp_path, roster, GATE, cost=55.0 + 12.0))
    assert messages(report) == [
        "[briefing] police-0001: shift 2025-07-12T14:30-20:00: the briefing (line 2) does not "
        "lead straight into a stint"
    ]


def test_nobody_unbriefed_attends_a_briefing(tmp_path):
    doc = drill()
    doc["pools"][2]["available"] = {"start": f"{DAY}T15:00", "end": f"{DAY}T21:00"}
    roster = [
        *BRIEFED[:2],
        stint("guards-0001", BRIEFING, 15, 16),
        GUARD,
    ]
    report = check_plan(scenario(doc), write(tmp_path, roster, GATE, cost=COST + 3.0))
    assert messages(report) == [
        "[briefing] guards-0001: shift 2025-07-12T15:00-20:00: has a briefing at command-node "
        "(line 4), but neither the person's pool nor their role is briefed"
    ]


def test_a_pools_briefing_replaces_its_roles(tmp_path):
    # The police pool is briefed for an hour at the gate, not as police are elsewhere.
    doc = drill()
    doc["pools"][0]["briefing"] = {"minutes": 60, "node": "gate-node"}
    roster = officer(
        stint("police-0001", "briefing:gate-node", 15, 16), stint("police-0001", "gate", 16, 20)
    )
    report = check_plan(scenario(doc), write(tmp_path / "a", roster, GATE, cost=50.0 + 12.0))
    assert report.ok, messages(report)
    report = check_plan(scenario(doc), write(tmp_path / "b", BRIEFED, GATE, cost=COST))
    assert messages(report) == [
        "[briefing] police-0001: shift 2025-07-12T15:00-20:00: is briefed at command-node "
        "(line 2), not at gate-node"
    ]


def test_the_briefing_counts_toward_the_shift_length_and_availability(tmp_path):
    doc = drill()
    doc["roles"]["police"]["shift_hours"] = [1.0, 4.0]
    doc["pools"][0]["available"] = {"start": f"{DAY}T16:00", "end": f"{DAY}T21:00"}
    report = check_plan(scenario(doc), write(tmp_path, BRIEFED, GATE, cost=COST))
    assert messages(report) == [
        "[shift-length] police-0001: shift 2025-07-12T15:00-20:00 lasts 5 h, longer than the "
        "4 h a police shift may last",
        "[availability] police-0001: shift 2025-07-12T15:00-20:00 is not inside the "
        "availability of pool 'police' (2025-07-12T16:00-21:00)",
    ]


def test_the_briefing_never_counts_as_coverage(tmp_path):
    # One officer on duty anywhere is asked for 15-20. Briefed 15-16, the officer is on duty
    # only from 16:00: the 15:00 slot is short.
    doc = drill()
    doc["event"]["phases"][0]["start"] = f"{DAY}T15:00"
    doc["posts"][0]["needs"][0]["phases"] = ["show"]
    doc["rules"]["ratios"] = [{"roles": ["police"], "per_attendees": 1000.0}]
    doc["pools"][0]["briefing"] = {"minutes": 60, "node": "command-node"}
    roster = officer(stint("police-0001", BRIEFING, 15, 16), stint("police-0001", "gate", 16, 20))
    coverage = [
        *covers("gate", range(18, 20), "police+guard", 2, 2),
        *covers("ratio:0", range(15, 16), "police", 1, 0),
        *covers("ratio:0", range(16, 20), "police", 1, 1),
    ]
    report = check_plan(scenario(doc), write(tmp_path, roster, coverage, cost=50.0 + 12.0))
    assert report.ok, messages(report)
