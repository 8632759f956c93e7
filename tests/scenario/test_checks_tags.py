"""Tags (skills): who carries them, where they are asked for, the people CSV, the supply.

In the deployable document the pool guards-f carries female-searcher; the named police
officers p1 (first-aid, drone-licence) and p2 (first-aid) carry their own tags.
"""

from __future__ import annotations

import pytest

from eventplan.scenario import load

from .documents import SMALL_YAML, check, deployable, load_problems, one_error, small, valid, write


def test_a_tag_nobody_has():
    doc = deployable()
    doc["posts"][1]["needs"][1]["tags"] = ["first-aider"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "posts[1].needs[1].tags[0]",
        "no one of role(s) guard carries tag 'first-aider' (no pool or named person has it)",
    )


def test_a_tag_only_other_roles_carry():
    doc = deployable()
    doc["posts"][1]["needs"][1]["tags"] = ["first-aid"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "posts[1].needs[1].tags[0]",
        "no one of role(s) guard carries tag 'first-aid' (only police do)",
    )
    doc["posts"][1]["needs"][1]["roles"] = ["guard", "police"]
    assert check(doc) == []


@pytest.mark.parametrize(
    ("change", "path", "roles"),
    [
        (
            lambda d: d["posts"][0]["screening"]["tagged"].update(tags=["k9"]),
            "posts[0].screening.tagged.tags[0]",
            "guard",
        ),
        (lambda d: d["drones"][0].update(pilot_tags=["k9"]), "drones[0].pilot_tags[0]", "police"),
        (
            lambda d: d["units"][0]["needs_tags"][0].update(tags=["first-aid", "k9"]),
            "units[0].needs_tags[0].tags[1]",
            "police",
        ),
        (
            lambda d: d["sectors"][0]["leader"].update(tags=["k9"]),
            "sectors[0].leader.tags[0]",
            "police",
        ),
    ],
)
def test_every_place_that_asks_for_tags(change, path, roles):
    doc = deployable()
    change(doc)
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        path,
        f"no one of role(s) {roles} carries tag 'k9' (no pool or named person has it)",
    )


def test_the_tags_of_a_need_are_carried_by_one_person():
    # first-aid is carried by p1 and p2, drone-licence by p1 only: both together by p1.
    doc = deployable()
    doc["drones"][0]["pilot_tags"] = ["first-aid", "drone-licence"]
    assert check(doc) == []
    doc["people"][0]["tags"] = ["drone-licence"]  # now no one carries both
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "drones[0].pilot_tags",
        "no one of role(s) police carries all of the tags first-aid, drone-licence",
    )


def test_a_named_person_carries_the_tags_of_the_pool_too():
    doc = deployable()
    doc["people"].append(
        {"id": "g1", "name": "Cy", "role": "guard", "pool": "guards-f", "tags": ["k9"]}
    )
    doc["posts"][1]["needs"][1]["tags"] = ["female-searcher", "k9"]
    assert check(doc) == []


def test_the_pool_of_a_tag_may_be_available_too_late_for_a_need():
    # Only guards-f carries female-searcher; available until 18:00 it cannot serve the egress
    # (20:00-21:00), though the untagged guards could: a warning, the file stays valid.
    doc = deployable()
    doc["pools"][5]["available"] = {"start": "2025-07-12T14:00", "end": "2025-07-12T18:00"}
    doc["posts"][1]["needs"][1]["phases"] = ["egress"]
    assert check(doc) == [
        "s.yaml: posts[1].needs[1].roles: warning: no pool of guard carrying female-searcher is "
        "available during egress: this need will always be short"
    ]


def test_a_tagged_need_only_pools_without_the_tag_could_fill():
    # guards-f is available for 2 h, less than a guard's shortest shift (4 h): nobody of it
    # can work, and the untagged guards do not count toward the tagged need.
    doc = deployable()
    doc["pools"][5]["available"] = {"start": "2025-07-12T16:00", "end": "2025-07-12T18:00"}
    assert check(doc) == [
        "s.yaml: pools[5].available: warning: available for 2 h at a time, less than the "
        "shortest guard shift (4 h): nobody of this pool can work",
        "s.yaml: posts[1].needs[1].roles: warning: no pool supplies guard carrying "
        "female-searcher: this need will always be short",
    ]


PEOPLE = "id,name,role,pool,tags\n"


def test_tags_from_the_people_csv(tmp_path):
    # Tags are separated by ';', trimmed, and empty pieces or cells are no tags.
    rows = "p1,Ann,police,district-police, first-aid ; drone-licence;\n"
    rows += "p2,Bo,police,district-police,\n"
    write(tmp_path, "people.csv", PEOPLE + rows)
    text = SMALL_YAML.replace("pilot_role: police,", "pilot_role: police, pilot_tags: [first-aid],")
    scenario = load(write(tmp_path, "s.yaml", text + "people: people.csv\n"))
    assert [p.tags for p in scenario.people] == [("first-aid", "drone-licence"), ()]


def test_a_bad_tag_in_the_people_csv_names_the_line_and_column(tmp_path):
    csv = write(tmp_path, "people.csv", PEOPLE + "p1,Ann,police,district-police,first aid;k9\n")
    path = write(tmp_path, "s.yaml", SMALL_YAML + "people: people.csv\n")
    assert load_problems(path) == [
        f"{csv}:2: tags: 'first aid' is not a valid id: use letters, digits and '_', '-', '.', "
        "':', '+', starting with a letter, digit or '_'"
    ]


def test_tags_of_people_given_inline():
    doc = small()
    doc["people"] = [
        {"id": "p1", "name": "Ann", "role": "police", "pool": "district-police", "tags": ["k9"]}
    ]
    doc["drones"][0]["pilot_tags"] = ["k9"]
    assert valid(doc).people[0].tags == ("k9",)
