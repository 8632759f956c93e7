"""Small scenario documents for the scenario tests, and helpers to load them.

``SMALL_YAML`` is a one-day match that uses every section of the format; tests change one
thing in it and look for the one problem that change makes. ``multi_day()`` is the same
event over two days, with phases given as ``HH:MM``; ``deployable()`` adds every rule of
command (windows, arrival profiles, tags, supervision, no-handover windows, a standing unit
with a leader, briefings, sectors with leaders, reserves).
"""

from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from eventplan.errors import InputError, Problem
from eventplan.scenario import Scenario, from_document, load

SMALL_YAML = """\
eventplan: 1
event:
  id: cup-final
  name: Cup final, Stade Louis II
  kind: match
  timezone: Europe/Monaco
  attendance: 9000
  slot_minutes: 15
  phases:
    - {id: ingress, start: "2025-07-12T16:00", end: "2025-07-12T18:00"}
    - {id: match,   start: "2025-07-12T18:00", end: "2025-07-12T20:00"}
    - {id: egress,  start: "2025-07-12T20:00", end: "2025-07-12T21:00"}
  arrivals:
    - {start: "2025-07-12T16:00", end: "2025-07-12T17:00", share: 0.4}
    - {start: "2025-07-12T17:00", end: "2025-07-12T18:00", share: 0.6}

roles:
  police:    {label: Police officer, cost: 10, shift_hours: [4, 12]}
  auxiliary: {label: Auxiliary police, cost: 5, shift_hours: [4, 12]}
  traffic:   {label: Traffic police, cost: 10, shift_hours: [4, 10]}
  guard:     {label: Security guard, cost: 3, shift_hours: [4, 12]}
  volunteer: {label: Volunteer, cost: 1, shift_hours: [2, 6]}

pools:
  - {id: district-police, role: police, count: 40, unit: District PSB}
  - {id: aux, role: auxiliary, count: 30}
  - {id: traffic, role: traffic, count: 10}
  - {id: guards, role: guard, count: 120,
     available: {start: "2025-07-12T14:00", end: "2025-07-12T22:00"}}
  - {id: volunteers, role: volunteer, count: 80}

rules:
  min_rest_hours: 11
  max_days: 1
  meal_break: {after_hours: 6, minutes: 30}
  ratios:
    - {roles: [police, auxiliary, guard], per_attendees: 100, phases: [ingress, match, egress]}

venue:
  name: Stade Louis II
  nodes:
    - {id: gate-N, kind: gate, name: North gate, lat: 43.7276, lon: 7.4153, width_m: 8}
    - {id: plaza-N, kind: plaza, lat: 43.7281, lon: 7.4153, area_m2: 3000}
    - {id: stand-N, kind: stand, lat: 43.7270, lon: 7.4153}
    - {id: parking, kind: parking, lat: 43.7285, lon: 7.4160}
  edges:
    - {a: plaza-N, b: gate-N, width_m: 10}
    - {a: gate-N, b: stand-N, kind: stairs, width_m: 6, length_m: 40}
    - {a: plaza-N, b: parking, kind: road}
  zones:
    - {id: north-stand, name: North stand, capacity: 9000, nodes: [stand-N], exits: [gate-N],
       polygon: [[43.7272, 7.4148], [43.7272, 7.4158], [43.7268, 7.4158]]}

posts:
  - id: gate-N-screening
    name: North gate screening
    node: gate-N
    kind: screening
    priority: critical
    needs:
      - {phases: [ingress], roles: [police], min: 2}
      - {phases: [match, egress], roles: [police, auxiliary], min: 2}
    screening: {lanes: 6, persons_per_lane_per_minute: 4, staff_per_lane: 2,
                arrival_share: 1.0, roles: [guard]}
  - id: plaza-watch
    node: plaza-N
    priority: high
    needs:
      - {phases: [ingress, egress], roles: [guard, volunteer], min: 4}
  - id: parking-traffic
    node: parking
    needs:
      - {phases: [egress], roles: [traffic], min: 2}
  - id: stand-stewards
    node: stand-N
    priority: low
    needs:
      - phases: [match]
        roles:
          - volunteer
          - guard
        min: 3

units:
  - {id: rapid-response, label: Smallest combat unit, composition: {police: 2, auxiliary: 2},
     count: 2, phases: [ingress, match, egress], standby: auto, respond_within_minutes: 3}

patrols:
  - {id: perimeter, composition: {police: 1, volunteer: 2}, teams: auto, phases: [ingress, egress],
     targets: {kinds: [gate, plaza, parking]}, revisit_minutes: 20, speed_mps: 1.1}

drones:
  - {id: overwatch, count: 1, endurance_minutes: 25, swap_minutes: 5, pilot_role: police,
     phases: [ingress, egress], watch: [plaza-N]}

command: {name: Command post, node: plaza-N}

organisations:
  - {id: district-psb, name: District PSB, kind: police-station}

sectors:
  - {id: north, name: North sector, posts: [gate-N-screening, plaza-watch],
     leader: {role: police}}

reserves:
  - {id: police-reserve, roles: [police], phases: [match], min: 2, node: plaza-N}

objective:
  shortfall_weight: {critical: 1000, high: 100, normal: 10, low: 1}
  cost_weight: 1
replan: {tiers: [critical, changes, shortfall, cost], weights: {moved: 1, hours: 1, called_in: 1}}
response: {walking_speed_mps: 1.3, targets_minutes: [1, 3, 5]}
egress: {flow_per_m_per_min: {walkway: 82, stairs: 66}, boundary_layer_m: 0, target_minutes: 8}
"""

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The five roles of the small document, in the order messages list them.
KNOWN_ROLES = "police, auxiliary, traffic, guard, volunteer"


_SMALL = yaml.safe_load(SMALL_YAML)


def small() -> dict[str, Any]:
    """A fresh copy of the small one-day document."""
    return copy.deepcopy(_SMALL)


def multi_day() -> dict[str, Any]:
    """The small event over two days: phases and arrivals as HH:MM, repeated each day."""
    doc = small()
    event = doc["event"]
    event["days"] = ["2025-07-12", "2025-07-13"]
    event["phases"] = [
        {"id": "ingress", "start": "16:00", "end": "18:00"},
        {"id": "match", "start": "18:00", "end": "20:00"},
        {"id": "egress", "start": "20:00", "end": "24:00"},
    ]
    event["arrivals"] = [
        {"start": "16:00", "end": "17:00", "share": 0.4},
        {"start": "17:00", "end": "18:00", "share": 0.6},
    ]
    doc["rules"]["max_days"] = 2
    doc["pools"][3]["available"] = {"start": "14:00", "end": "24:00"}  # daily window
    doc["pools"][1]["available"] = {"start": "2025-07-12T15:00", "end": "2025-07-13T23:00"}
    return doc


def deployable() -> dict[str, Any]:
    """The small document with the rules of a deployable plan; valid, without warnings."""
    doc = small()
    event = doc["event"]
    event["windows"] = [
        {"id": "ingress-peak", "start": "2025-07-12T17:00", "end": "2025-07-12T18:00"},
        {"id": "kick-off", "start": "2025-07-12T17:45", "end": "2025-07-12T18:15"},
    ]
    event["arrival_profiles"] = {
        "away": [
            {"start": "2025-07-12T16:30", "end": "2025-07-12T17:30", "share": 0.7},
            {"start": "2025-07-12T17:30", "end": "2025-07-12T18:00", "share": 0.3},
        ]
    }
    doc["roles"]["police"]["briefing"] = {"minutes": 30, "node": "plaza-N"}
    doc["pools"].append(
        {
            "id": "guards-f",
            "role": "guard",
            "count": 20,
            "tags": ["female-searcher"],
            "briefing": {"minutes": 15, "node": "gate-N"},
        }
    )
    doc["people"] = [
        {"id": "p1", "name": "Ann", "role": "police", "pool": "district-police",
         "tags": ["first-aid", "drone-licence"]},
        {"id": "p2", "name": "Bo", "role": "police", "pool": "district-police",
         "tags": ["first-aid"]},
    ]  # fmt: skip
    doc["rules"]["supervision"] = [
        {"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 4},
        {"roles": ["volunteer"], "by": ["police"], "scope": "venue", "per_supervisor": 10},
        {"roles": ["guard"], "by": ["police"], "posts": ["plaza-watch"]},
    ]
    doc["rules"]["no_handover"] = ["kick-off"]
    screening = doc["posts"][0]["screening"]
    screening.update(arrival_share=0.8, max_wait_minutes=10)
    screening["tagged"] = {"tags": ["female-searcher"], "per_staff": 4}
    doc["posts"].append(
        {
            "id": "away-screening",
            "node": "gate-N",
            "screening": {
                **copy.deepcopy(screening),
                "arrival_share": 0.2,
                "arrival_profile": "away",
            },
        }
    )
    doc["posts"][1]["needs"].append(
        {"phases": ["ingress-peak"], "roles": ["guard"], "tags": ["female-searcher"], "min": 1}
    )
    doc["units"][0].update(standing=True, leader="police")
    doc["units"][0]["needs_tags"] = [{"roles": ["police"], "tags": ["first-aid"], "min": 1}]
    doc["drones"][0]["pilot_tags"] = ["drone-licence"]
    doc["sectors"][0]["leader"].update(tags=["first-aid"], priority="critical")
    doc["sectors"].append({"id": "south", "posts": ["parking-traffic", "stand-stewards"]})
    doc["reserves"].append(
        {"id": "guard-reserve", "roles": ["guard"], "phases": ["ingress-peak"], "share": 0.05,
         "node": "gate-N"}
    )  # fmt: skip
    doc["objective"].update(minimise="people", people_weight=150)
    doc["egress"].update(walking_speed_mps=1.1, stairs={"riser_mm": 180, "tread_mm": 280})
    return doc


def problems(document: dict[str, Any]) -> list[Problem]:
    """The problems of a document: errors, or the warnings of a valid one.

    The document is also written to a YAML file and loaded from there; the file must give
    the same problems, each on the line of its place in the file (checked here with a walk
    over PyYAML's own nodes), so every rule test checks the line too.
    """
    try:
        found = list(from_document(copy.deepcopy(document), file="s.yaml").warnings)
    except InputError as error:
        found = error.problems
    text = yaml.dump(document, Dumper=_DUMPER, sort_keys=False)
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), "s.yaml", text)
        try:
            in_file = list(load(path).warnings)
        except InputError as error:
            in_file = error.problems
    assert sorted((p.path, p.message) for p in in_file) == sorted(
        (p.path, p.message) for p in found
    )
    for problem in in_file:
        assert problem.line == yaml_line(text, problem.path), (str(problem), text)
    return found


def check(document: dict[str, Any]) -> list[str]:
    """The problems of a document as the CLI prints them (empty when it is valid)."""
    return [str(p) for p in problems(document)]


def errors(document: dict[str, Any]) -> list[Problem]:
    """The error problems of an invalid document (fails the test if it is valid)."""
    found = [p for p in problems(document) if p.severity == "error"]
    assert found, "the document was accepted"
    return found


def one_error(document: dict[str, Any]) -> Problem:
    """The single error of a document with one mistake."""
    found = errors(document)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def yaml_line(text: str, place: str) -> int:
    """The line of a place (``posts[3].needs[0]``) in YAML text, or of the nearest one above."""
    node = yaml.compose(text, Loader=_LOADER)
    line = node.start_mark.line + 1
    for part in re.findall(r"\[(\d+)\]|([^.\[\]]+)", place):
        index, key = part
        if isinstance(node, yaml.SequenceNode) and index and int(index) < len(node.value):
            node = node.value[int(index)]
            line = node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode) and key in [k.value for k, _ in node.value]:
            key_node, node = next((k, v) for k, v in node.value if k.value == key)
            line = key_node.start_mark.line + 1
        else:
            break
    return line


def valid(document: dict[str, Any]) -> Scenario:
    return from_document(copy.deepcopy(document), file="s.yaml")


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def load_problems(path: Path) -> list[str]:
    """The problems of a file as the CLI prints them."""
    try:
        load(path)
    except InputError as error:
        return [str(p) for p in error.problems]
    raise AssertionError(f"{path} was accepted")


def line_of(text: str, needle: str) -> int:
    """The 1-based line where a piece of text first occurs."""
    return text.count("\n", 0, text.index(needle)) + 1
