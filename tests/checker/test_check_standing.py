"""Rules ``standing`` and ``unit-leader``, and a unit's tagged needs (rule ``unit``)."""

from __future__ import annotations

from typing import Any

from eventplan.checker import check_plan
from tests.checker.drill import DAY, covers, document, messages, post, scenario, stint, write

HOURS = range(16, 20)
R = "rapid#1"


def drill(**unit: Any) -> dict[str, Any]:
    """One rapid-response unit of an officer and an auxiliary 16-20, standing, led by the
    officer (4 h: within the 8 h a shift may last). The gate needs a guard 16-18."""
    rapid = {
        "id": "rapid",
        "composition": {"police": 1, "auxiliary": 1},
        "phases": ["ingress", "show"],
        "standing": True,
        "leader": "police",
    }
    return document(posts=[post("gate", (["ingress"], ["guard"], 1))], units=[rapid | unit])


def plan(folder, roster, coverage):  # type: ignore[no-untyped-def]
    """A plan of the unit's rows and coverage, with the gate's guard after them."""
    guard = [stint("guards-0001", "gate", 16, 18)]
    return write(folder, roster + guard, coverage + covers("gate", range(16, 18), "guard", 1, 1))


def crew_coverage(police: int = 1, auxiliary: int = 1) -> list[dict[str, Any]]:
    return covers("rapid", HOURS, "police", 1, police) + covers(
        "rapid", HOURS, "auxiliary", 1, auxiliary
    )


ONE_CREW = [
    stint("police-0001", "rapid", 16, 20, unit=R, leads=R),
    stint("aux-0001", "rapid", 16, 20, unit=R),
]


def test_one_crew_through_the_span_holds(tmp_path):
    report = check_plan(scenario(drill()), plan(tmp_path, ONE_CREW, crew_coverage()))
    assert report.ok, messages(report)


def test_without_relief_a_member_may_not_be_replaced(tmp_path):
    roster = [
        ONE_CREW[0],
        stint("aux-0001", "rapid", 16, 18, unit=R),
        stint("aux-0002", "rapid", 18, 20, unit=R),
    ]
    assert messages(check_plan(scenario(drill()), plan(tmp_path, roster, crew_coverage()))) == [
        "[standing] rapid: rapid#1 at 2025-07-12T18:00 (aux-0001 leave; aux-0002 join) changes "
        "members; a standing unit keeps one crew 2025-07-12T16:00-20:00, breaks included"
    ]


def test_without_relief_a_member_takes_no_break(tmp_path):
    # The auxiliary steps away 17-18 (coverage reports the gap): the crew changes twice.
    roster = [
        ONE_CREW[0],
        stint("aux-0001", "rapid", 16, 17, unit=R),
        stint("aux-0001", "rapid", 18, 20, unit=R),
    ]
    coverage = covers("rapid", HOURS, "police", 1, 1) + [
        row | {"assigned": 0, "shortfall": 1} if row["slot_start"].endswith("17:00") else row
        for row in covers("rapid", HOURS, "auxiliary", 1, 1)
    ]
    report = check_plan(scenario(drill()), plan(tmp_path, roster, coverage))
    assert [v.message[:40] for v in report.violations] == [
        "rapid#1 at 2025-07-12T17:00 (aux-0001 le",
        "rapid#1 at 2025-07-12T18:00 (aux-0001 jo",
    ]
    assert {v.rule for v in report.violations} == {"standing"}


TWO_CREWS = [
    stint("police-0001", "rapid", 16, 18, unit=R, leads=R),
    stint("aux-0001", "rapid", 16, 18, unit=R),
    stint("police-0002", "rapid", 18, 20, unit=R, leads=R),
    stint("aux-0002", "rapid", 18, 20, unit=R),
]


def test_with_relief_whole_crews_may_relieve_one_another(tmp_path):
    report = check_plan(scenario(drill(relief=True)), plan(tmp_path, TWO_CREWS, crew_coverage()))
    assert report.ok, messages(report)


def test_with_relief_a_crew_is_not_relieved_in_part(tmp_path):
    roster = [ONE_CREW[0], TWO_CREWS[1], TWO_CREWS[3]]
    report = check_plan(scenario(drill(relief=True)), plan(tmp_path, roster, crew_coverage()))
    assert messages(report) == [
        "[standing] rapid: rapid#1 at 2025-07-12T18:00 (aux-0001 leave; aux-0002 join) "
        "relieves only part of its crew (police-0001 stay); crews relieve one another whole"
    ]


def test_with_relief_crews_change_only_outside_no_handover_windows(tmp_path):
    doc = drill(relief=True)
    doc["event"]["windows"] = [{"id": "peak", "start": f"{DAY}T18:00", "end": f"{DAY}T19:00"}]
    doc["rules"]["no_handover"] = ["peak"]
    report = check_plan(scenario(doc), plan(tmp_path, TWO_CREWS, crew_coverage()))
    assert [(v.rule, v.subject) for v in report.violations] == [
        ("no-handover", "police-0001"),
        ("no-handover", "aux-0001"),
        ("no-handover", "police-0002"),
        ("no-handover", "aux-0002"),
    ]  # the gate's guard leaves at 18:00 too, but the gate closes then: no handover


def test_every_crew_names_one_leader_of_the_leader_role(tmp_path):
    unnamed = [stint("police-0001", "rapid", 16, 20, unit=R), ONE_CREW[1]]
    report = check_plan(scenario(drill()), plan(tmp_path / "a", unnamed, crew_coverage()))
    assert messages(report) == [
        "[unit-leader] rapid: rapid#1 names none of its police its leader at 2025-07-12T16:00-20:00"
    ]
    wrong = [
        stint("police-0001", "rapid", 16, 20, unit=R),
        stint("aux-0001", "rapid", 16, 20, unit=R, leads=R),
    ]
    report = check_plan(scenario(drill()), plan(tmp_path / "b", wrong, crew_coverage()))
    assert messages(report) == [
        "[unit-leader] rapid: aux-0001 (auxiliary) leads rapid#1 (line 3), but only a police "
        "leads it",
        "[unit-leader] rapid: rapid#1 names none of its police its leader at "
        "2025-07-12T16:00-20:00",
    ]


def test_a_crew_with_two_leaders(tmp_path):
    doc = drill(composition={"police": 2})
    roster = [
        stint("police-0001", "rapid", 16, 20, unit=R, leads=R),
        stint("police-0002", "rapid", 16, 20, unit=R, leads=R),
    ]
    coverage = covers("rapid", HOURS, "police", 2, 2)
    assert messages(check_plan(scenario(doc), plan(tmp_path, roster, coverage))) == [
        "[unit-leader] rapid: rapid#1 has 2 leaders at 2025-07-12T16:00-20:00"
    ]


def test_nobody_leads_a_unit_without_a_leader(tmp_path):
    doc = drill(standing=False, leader=None)
    del doc["units"][0]["leader"]
    report = check_plan(scenario(doc), plan(tmp_path, ONE_CREW, crew_coverage()))
    assert messages(report) == [
        "[unit-leader] rapid: police-0001 (police) leads rapid#1 (line 2), but the unit has no "
        "leader"
    ]


def test_a_leads_cell_names_the_persons_own_instance(tmp_path):
    doc = drill(count=2)
    roster = [stint("police-0001", "rapid", 16, 20, unit=R, leads="rapid#2"), ONE_CREW[1]]
    coverage = covers("rapid", HOURS, "police", 2, 1) + covers("rapid", HOURS, "auxiliary", 2, 1)
    report = check_plan(scenario(doc), plan(tmp_path, roster, coverage))
    assert messages(report)[0] == (
        "[files] roster.csv: line 2: leads column is 'rapid#2', but a unit member leads nothing "
        "or their own instance 'rapid#1'"
    )


def tagged_drill() -> dict[str, Any]:
    """The unit also needs an officer with first aid; the medics pool carries that tag."""
    doc = drill(needs_tags=[{"roles": ["police"], "tags": ["first-aid"], "min": 1}])
    doc["pools"].append({"id": "medics", "role": "police", "count": 2, "tags": ["first-aid"]})
    return doc


def test_a_units_tagged_need_is_met_by_a_member_with_the_tag(tmp_path):
    roster = [
        stint("medics-0001", "rapid", 16, 20, unit=R, leads=R, role="police"),
        ONE_CREW[1],
    ]
    coverage = crew_coverage() + covers("rapid", HOURS, "police[first-aid]", 1, 1)
    report = check_plan(scenario(tagged_drill()), plan(tmp_path, roster, coverage))
    assert report.ok, messages(report)


def test_a_units_tagged_need_unmet_must_be_reported_short(tmp_path):
    # police-0001 carries no tag: honest coverage (0 assigned, short 1) holds; a claim of one
    # tagged member is false, and the instance is not whole.
    honest = crew_coverage() + covers("rapid", HOURS, "police[first-aid]", 1, 0)
    assert check_plan(scenario(tagged_drill()), plan(tmp_path / "a", ONE_CREW, honest)).ok
    false = crew_coverage() + covers("rapid", HOURS, "police[first-aid]", 1, 1)
    report = check_plan(scenario(tagged_drill()), plan(tmp_path / "b", ONE_CREW, false))
    assert messages(report)[0] == (
        "[unit] rapid: rapid#1 has 0 of 1 police[first-aid] at 2025-07-12T16:00-20:00; a unit "
        "is deployed whole through its phases"
    )
    assert [v.rule for v in report.violations] == ["unit"] + ["coverage"] * 8
