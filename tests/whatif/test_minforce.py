"""Smallest force on micro-scenarios whose answers are derived by hand."""

from __future__ import annotations

from eventplan import whatif
from eventplan.scenario import from_document, replace
from eventplan.whatif import SolveOptions
from eventplan.whatif.minforce import smallest_count


def _answer(table):
    return table[table["answer"]].iloc[0]


def test_one_pool(micro) -> None:
    # The gate needs 2 police at every hour 16-20 and a police shift lasts 2 to 4 hours: two
    # officers working 16-20 cover it, one cannot (she covers at most 1 of the 2 places).
    table = whatif.min_force(micro(police=9), "police")
    answer = _answer(table)
    assert answer["count:police"] == 2 and answer["lower_bound"] == 2
    assert answer["coverage_critical"] == 1.0 and answer["covers_critical"]
    below = table[~table["answer"]].iloc[0]
    assert below["count:police"] == 1 and below["uncovered_h_critical"] == 4.0
    assert not below["covers_critical"]


def test_short_shifts_need_more_people(micro) -> None:
    # With shifts of exactly 2 hours nobody covers 16-20 alone: two officers 16-18 and two
    # more 18-20, four in all; with three, one of the four 2-hour places stays open.
    table = whatif.min_force(micro(police=9, police_hours=(2.0, 2.0)), "police")
    assert _answer(table)["count:police"] == 4
    below = table[~table["answer"]].iloc[0]
    assert below["count:police"] == 3 and below["uncovered_h_critical"] == 2.0


def test_count_above_the_base_is_found(micro) -> None:
    # Only one officer in the scenario, but the answer (2) lies above it.
    assert _answer(whatif.min_force(micro(police=1), "police"))["count:police"] == 2


def _two_pools(micro_doc, late_first: bool):
    document = micro_doc()
    early = {"id": "police-a", "role": "police", "count": 10}
    late = {
        "id": "police-b",
        "role": "police",
        "count": 10,
        "available": {"start": "2025-07-12T18:00", "end": "2025-07-12T22:00"},
    }
    pools = [late, early] if late_first else [early, late]
    document["pools"] = [*pools, document["pools"][1]]
    return from_document(document)


def test_two_pools_keep_their_mix(micro_doc) -> None:
    # police-b (half of the police) only comes at 18:00, so the 2 places at 16-18 need two of
    # police-a, who can then stay until 20:00. Kept half and half (ties to the pool listed
    # first), 2 police are 1 + 1 (one place open at 16-18) and 3 are 2 + 1: covered.
    table = whatif.min_force(_two_pools(micro_doc, late_first=False), "police")
    answer = _answer(table)
    assert (answer["count:police"], answer["pools"]) == (3, "police-a=2 police-b=1")
    assert answer["lower_bound"] == 3


def test_rounding_of_the_mix_is_confirmed_by_solving(micro_doc) -> None:
    # Same, the late pool listed first: 3 split as police-b=2 police-a=1, which leaves a place
    # open at 16-18. The optimisation proves 3 is a lower bound (1.5 may round either way);
    # solving at 3 shows the real split fails, so the answer steps up to 4 (2 + 2).
    table = whatif.min_force(_two_pools(micro_doc, late_first=True), "police")
    answer = _answer(table)
    assert answer["count:police"] == 4 and answer["lower_bound"] == 3
    assert table[~table["answer"]].iloc[0]["count:police"] == 3


def test_need_no_count_can_cover(micro) -> None:
    # Make the stage critical with a single guard: 1 guard of 2 is missing through the 2-hour
    # show whatever the police count (police cannot stand for guards there): 2 person-hours.
    # The smallest police count that covers everything else critical is still 2.
    document_scenario = micro(guards=1)
    posts = [p.model_dump(mode="json", exclude_none=True) for p in document_scenario.posts]
    posts[1]["priority"] = "critical"
    scenario = replace(document_scenario, posts=posts)
    found = smallest_count(scenario, "police", SolveOptions())
    assert (found.count, found.uncoverable_h) == (2, 2.0)
    answer = _answer(whatif.min_force(scenario, "police"))
    assert answer["count:police"] == 2 and answer["uncovered_h_critical"] == 2.0
