"""Tags: a tagged need counts only people carrying every tag (their own and their pool's);
drone pilots carry ``pilot_tags``; a screening block's tagged share."""

from __future__ import annotations

from typing import Any

from eventplan.checker import check_plan
from eventplan.checker.clock import parse
from eventplan.checker.demand import Demand, required_staff
from tests.checker.drill import DAY, covers, document, messages, post, scenario, stint, write

HOURS = range(16, 20)
ALL = ["ingress", "show"]
TAGGED = "guard[female-searcher]"


def drill() -> dict[str, Any]:
    """The gate needs a guard and, of guards, one female searcher 16-20; pool ``guards-f``
    carries the tag; li-na, of the plain guards pool, carries it herself."""
    doc = document(posts=[post("gate", (ALL, ["guard"], 1), (ALL, ["guard"], 1))])
    doc["posts"][0]["needs"][1]["tags"] = ["female-searcher"]
    doc["pools"].append(
        {"id": "guards-f", "role": "guard", "count": 2, "tags": ["female-searcher"]}
    )
    doc["people"] = [
        {"id": "li-na", "role": "guard", "pool": "guards", "tags": ["female-searcher"]}
    ]
    return doc


def gate(tagged: int) -> list[dict[str, Any]]:
    return covers("gate", HOURS, "guard", 1, 1) + covers("gate", HOURS, TAGGED, 1, tagged)


def test_a_tagged_person_counts_toward_both_needs(tmp_path):
    # One searcher of the tagged pool meets the plain need and the tagged one.
    roster = [stint("guards-f-0001", "gate", 16, 20, pool="guards-f", role="guard")]
    report = check_plan(scenario(drill()), write(tmp_path, roster, gate(1)))
    assert report.ok, messages(report)


def test_a_persons_own_tags_count(tmp_path):
    roster = [stint("li-na", "gate", 16, 20, pool="guards", role="guard")]
    report = check_plan(scenario(drill()), write(tmp_path, roster, gate(1)))
    assert report.ok, messages(report)


def test_a_person_without_the_tag_does_not_count_toward_the_tagged_need(tmp_path):
    roster = [stint("guards-0001", "gate", 16, 20)]
    honest = check_plan(scenario(drill()), write(tmp_path / "a", roster, gate(0)))
    assert honest.ok, messages(honest)
    claimed = check_plan(scenario(drill()), write(tmp_path / "b", roster, gate(1)))
    assert messages(claimed)[:2] == [
        "[coverage] gate: guard[female-searcher] 2025-07-12T16:00-17:00 (coverage.csv line 6): "
        "assigned is 1, but roster.csv has 0 there",
        "[coverage] gate: guard[female-searcher] 2025-07-12T16:00-17:00 (coverage.csv line 6): "
        "shortfall is 0, but 1 required and 0 assigned leave 1",
    ]
    assert len(claimed.violations) == 8


def drone_drill() -> dict[str, Any]:
    """A drone over the gate 18-20 flown by one licensed officer; li-wei holds the licence."""
    doc = document(
        posts=[post("gate", (["ingress"], ["guard"], 1))],
        drones=[
            {
                "id": "eye",
                "count": 1,
                "endurance_minutes": 25.0,
                "pilot_role": "police",
                "pilot_tags": ["drone-licence"],
                "phases": ["show"],
                "watch": ["gate-node"],
            }
        ],
    )
    doc["people"] = [
        {"id": "li-wei", "role": "police", "pool": "police", "tags": ["drone-licence"]}
    ]
    return doc


def test_a_drone_is_flown_by_a_pilot_with_the_pilot_tags(tmp_path):
    guard = [stint("guards-0001", "gate", 16, 18)]
    coverage = covers("gate", range(16, 18), "guard", 1, 1)
    licensed = [*guard, stint("li-wei", "eye", 18, 20, pool="police", role="police")]
    flown = coverage + covers("eye", range(18, 20), "police[drone-licence]", 1, 1)
    report = check_plan(scenario(drone_drill()), write(tmp_path / "a", licensed, flown))
    assert report.ok, messages(report)
    unlicensed = [*guard, stint("police-0001", "eye", 18, 20)]
    short = coverage + covers("eye", range(18, 20), "police[drone-licence]", 1, 0)
    report = check_plan(scenario(drone_drill()), write(tmp_path / "b", unlicensed, short))
    assert messages(report) == [
        "[tags] police-0001: flies drone 'eye' 2025-07-12T18:00-20:00 (line 3) without the "
        "tag(s) drone-licence"
    ]


def test_a_screening_blocks_tagged_share(tmp_path):
    # 1000 x 0.6 arrive evenly over ingress (16-18): 5 a minute need ceil(5 / 2) = 3 lanes of
    # one guard, of whom ceil(3 / 2) = 2 carry the tag.
    doc = drill()
    doc["posts"][0]["needs"] = [{"phases": ["show"], "roles": ["police"], "min": 1}]
    doc["posts"][0]["screening"] = {
        "lanes": 4,
        "persons_per_lane_per_minute": 2.0,
        "staff_per_lane": 1,
        "arrival_share": 0.6,
        "roles": ["guard"],
        "tagged": {"tags": ["female-searcher"], "per_staff": 2},
    }
    table = required_staff(scenario(doc), {}, {})
    at16 = parse(f"{DAY}T16:00")
    assert table[("gate", at16, "guard")] == Demand(3, True, "screening")
    assert table[("gate", at16, TAGGED)] == Demand(2, True, "screening")
    assert ("gate", at16 + 120, TAGGED) not in table  # no arrivals after 18:00
