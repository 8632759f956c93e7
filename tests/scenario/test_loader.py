"""Loading files: FILE:LINE: path: message, every problem at once, the people file.

The rules themselves are tested on documents in test_model.py and test_checks.py; here the
file around them: that the line is right, that nothing hides another problem.
"""

from __future__ import annotations

import json

import pytest

from eventplan.errors import InputError
from eventplan.scenario import from_document, load

from .documents import (
    KNOWN_ROLES,
    SMALL_YAML,
    line_of,
    load_problems,
    multi_day,
    small,
    write,
)


def test_the_small_files_load(tmp_path):
    scenario = load(write(tmp_path, "cup.yaml", SMALL_YAML))
    assert scenario.source == str(tmp_path / "cup.yaml")
    assert scenario.warnings == ()
    assert load(write(tmp_path, "cup.json", json.dumps(small()))) == scenario
    assert load(write(tmp_path, "days.json", json.dumps(multi_day()))).event.days


def test_the_example_message_names_file_line_and_place(tmp_path):
    text = SMALL_YAML.replace("          - guard\n", "          - gaurd\n")
    path = write(tmp_path, "concert.yaml", text)
    assert load_problems(path) == [
        f"{path}:{line_of(text, 'gaurd')}: posts[3].needs[0].roles[1]: "
        f"unknown role 'gaurd' (known: {KNOWN_ROLES})"
    ]


@pytest.mark.parametrize(
    ("old", "new", "marker", "place", "message"),
    [
        (
            "  slot_minutes: 15\n",
            "  slot_minutes: 15\n  atendance: 9\n",
            "atendance",
            "event.atendance",
            "unknown key 'atendance' (did you mean 'attendance'?)",
        ),
        ("count: 120,", "count: 0,", "count: 0", "pools[3].count", "must be greater than 0"),
        (
            'end: "2025-07-12T22:00"',
            'end: "2025-07-12T22:05"',
            "22:05",
            "pools[3].available.end",
            "2025-07-12T22:05 is not on the 15-minute slot grid",
        ),
        ("lat: 43.7270", "lat: 143.7270", "143.7270", "venue.nodes[2].lat", "must be at most 90"),
        ("    node: parking", "    node: car-park", "car-park", "posts[2].node", "unknown node"),
        (
            "timezone: Europe/Monaco",
            "timezone: Europe/Monako",
            "Monako",
            "event.timezone",
            "unknown timezone",
        ),
    ],
)
def test_each_problem_names_its_line(tmp_path, old, new, marker, place, message):
    assert old in SMALL_YAML
    text = SMALL_YAML.replace(old, new)
    path = write(tmp_path, "s.yaml", text)
    [problem] = load_problems(path)
    assert problem.startswith(f"{path}:{line_of(text, marker)}: {place}: {message}")


def test_a_missing_field_names_the_line_of_its_mapping(tmp_path):
    text = SMALL_YAML.replace("  timezone: Europe/Monaco\n", "")
    path = write(tmp_path, "s.yaml", text)
    assert load_problems(path) == [f"{path}:2: event.timezone: required but missing"]


def test_every_problem_is_reported_at_once_in_file_order(tmp_path):
    text = (
        SMALL_YAML.replace("kind: match", "kind: football")
        .replace("roles: [traffic]", "roles: [trafic]")
        .replace("count: 10}", "count: -10}")
        .replace("    node: parking", "    node: car-park")
        .replace("pilot_role: police", "pilot_role: pilot")
    )
    with pytest.raises(InputError) as caught:
        load(write(tmp_path, "s.yaml", text))
    assert [(p.line, p.path) for p in caught.value.problems] == [
        (line_of(text, "football"), "event.kind"),
        (line_of(text, "count: -10"), "pools[2].count"),
        (line_of(text, "car-park"), "posts[2].node"),
        (line_of(text, "trafic"), "posts[2].needs[0].roles[0]"),
        (line_of(text, "pilot_role: pilot"), "drones[0].pilot_role"),
    ]


def test_from_document_names_a_default_file():
    doc = small()
    doc["posts"][2]["node"] = "car-park"
    with pytest.raises(InputError) as caught:
        from_document(doc)
    assert str(caught.value).startswith("<scenario>: posts[2].node: unknown node 'car-park'")


def test_from_document_explains_a_people_file_name():
    doc = small()
    doc["people"] = "people.csv"
    with pytest.raises(InputError, match=r"'people\.csv' names a people file"):
        from_document(doc)


def test_warnings_stay_on_a_valid_scenario(tmp_path):
    text = SMALL_YAML.replace("per_attendees: 100", "per_attendees: 10")
    scenario = load(write(tmp_path, "s.yaml", text))
    [warning] = scenario.warnings
    assert warning.severity == "warning"
    assert str(warning).startswith(f"{tmp_path / 's.yaml'}:{line_of(text, 'per_attendees')}: ")


PEOPLE = "id,name,role,pool,available_from,available_to\n"


def test_people_file_is_found_next_to_the_scenario(tmp_path, monkeypatch):
    folder = tmp_path / "event"
    folder.mkdir()
    rows = "p1,Ann Lee,police,district-police,,\n"
    rows += "p2,Bo,guard,guards,2025-07-12T14:00,2025-07-12T20:00\n"
    write(folder, "people.csv", PEOPLE + rows)
    write(folder, "s.yaml", SMALL_YAML + "people: people.csv\n")
    monkeypatch.chdir(tmp_path)
    scenario = load("event/s.yaml")
    assert [(p.id, p.name, p.pool) for p in scenario.people] == [
        ("p1", "Ann Lee", "district-police"),
        ("p2", "Bo", "guards"),
    ]
    assert scenario.people[0].available_from is None
    assert str(scenario.people[1].available_to) == "2025-07-12 20:00:00"


def test_people_problems_name_the_csv_line_and_column(tmp_path):
    csv = write(
        tmp_path,
        "people.csv",
        PEOPLE + "p1,Ann,police,district-police,,2025-07-12T20:10\np2,Bo,gaurd,guards,,\n"
        "p3,Cy,guard,guardz,,\np 4,Di,guard,guards,,\n",
    )
    path = write(tmp_path, "s.yaml", SMALL_YAML + "people: people.csv\n")
    assert load_problems(path) == [
        f"{csv}:2: available_to: 2025-07-12T20:10 is not on the 15-minute slot grid",
        f"{csv}:3: role: unknown role 'gaurd' (known: {KNOWN_ROLES})",
        f"{csv}:4: pool: unknown pool 'guardz' (known: district-police, aux, traffic, guards, "
        "volunteers)",
        f"{csv}:5: id: 'p 4' is not a valid id: use letters, digits and '_', '-', '.', ':', '+',"
        " starting with a letter, digit or '_'",
    ]


def test_a_missing_people_file(tmp_path):
    path = write(tmp_path, "s.yaml", SMALL_YAML + "people: staff/people.csv\n")
    assert load_problems(path) == [
        f"{tmp_path / 'staff' / 'people.csv'}: no such file (a people file is found relative "
        "to the scenario file)"
    ]
