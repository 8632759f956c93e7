"""Field-level rules of the model: required fields, types, ranges, unknown keys, defaults.

Each test changes one thing in the small document and expects exactly one error, at the place
changed. Rules that look across the document are in test_checks.py.
"""

from __future__ import annotations

import math

import pydantic
import pytest

from eventplan.errors import InputError
from eventplan.scenario import Scenario, from_document, replace
from eventplan.scenario.findings import format_path

from .documents import errors, multi_day, one_error, small, valid


def changed(path: tuple, value: object) -> dict:
    """The small document with the value at ``path`` replaced (or deleted when ``...``)."""
    doc = small()
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    if value is ...:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


def error_at(path: tuple, value: object) -> str:
    """The one error of the changed document, as ``path: message``."""
    problem = one_error(changed(path, value))
    return f"{problem.path}: {problem.message}"


def test_the_small_document_is_valid_and_uses_every_section():
    scenario = valid(small())
    unset = [name for name in Scenario.model_fields if name not in scenario.model_fields_set]
    assert unset == ["people"]  # people come from a CSV file, tested in test_people.py


@pytest.mark.parametrize(
    "path",
    [
        ("eventplan",),
        ("event",),
        ("roles",),
        ("pools",),
        ("venue",),
        ("posts",),
        ("event", "timezone"),
        ("event", "attendance"),
        ("event", "phases"),
        ("roles", "police", "shift_hours"),
        ("pools", 2, "count"),
        ("venue", "nodes"),
        ("venue", "nodes", 1, "lat"),
        ("venue", "edges", 0, "b"),
        ("posts", 1, "node"),
        ("posts", 0, "needs", 1, "min"),
        ("units", 0, "composition"),
        ("drones", 0, "pilot_role"),
    ],
)
def test_a_missing_required_field_is_named(path):
    assert error_at(path, ...) == f"{format_path(path)}: required but missing"


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        (("event",), "atendance", "event.atendance: unknown key 'atendance' (did you mean"),
        (("roles", "police"), "cots", "roles.police.cots: unknown key 'cots' (did you mean 'cost'"),
        (("posts", 0, "needs", 1), "mn", "posts[0].needs[1].mn: unknown key 'mn' (did you mean"),
        (("pools", 3, "available"), "stop", "pools[3].available.stop: unknown key 'stop' (allowed"),
        (("patrols", 0, "targets"), "zones", "patrols[0].targets.zones: unknown key 'zones'"),
        ((), "remarks", "remarks: unknown key 'remarks' (allowed: eventplan, event, roles"),
    ],
)
def test_unknown_keys_are_errors_with_a_hint(path, key, expected):
    assert error_at((*path, key), 1).startswith(expected)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("event", "attendance"), "9000", "expected a whole number, got '9000'"),
        (("pools", 0, "count"), 2.5, "expected a whole number, got 2.5"),
        (("venue", "nodes", 0, "lat"), "43.7", "expected a number, got '43.7'"),
        (("event", "name"), 5, "expected text, got 5"),
        (("event", "phases"), {"id": "x"}, "expected a list, got a mapping"),
        (("roles",), ["police"], "expected a mapping, got a list"),
        (("rules", "meal_break"), 30, "expected a mapping, got 30"),
        (("roles", "police", "shift_hours"), [4, 8, 12], "give at most 2 item(s), not 3"),
        (("event", "kind"), "rave", "expected 'concert', 'match', 'expo', 'festival' or 'other'"),
    ],
)
def test_wrongly_typed_fields_are_named(path, value, expected):
    assert error_at(path, value).startswith(f"{format_path(path)}: {expected}")


@pytest.mark.parametrize(
    "path",
    [
        ("pools", 0, "count"),
        ("event", "attendance"),
        ("event", "slot_minutes"),
        ("venue", "nodes", 0, "lat"),
        ("roles", "police", "cost"),
        ("posts", 0, "needs", 0, "min"),
    ],
)
def test_true_and_false_are_not_numbers(path):
    assert "got True" in error_at(path, True)


@pytest.mark.parametrize("value", [2, "1", True, 1.0])
def test_only_format_1_is_read(value):
    assert error_at(("eventplan",), value) == (
        f"eventplan: this is format 1 of the scenario file: write 'eventplan: 1', not {value!r}"
    )


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused(value):
    assert error_at(("roles", "guard", "cost"), value).startswith(
        "roles.guard.cost: expected a finite number"
    )


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("pools", 0, "count"), 0, "must be greater than 0, got 0"),
        (("pools", 0, "count"), -5, "must be greater than 0, got -5"),
        (("event", "attendance"), 0, "must be greater than 0"),
        (("posts", 0, "needs", 0, "min"), 0, "must be greater than 0"),
        (("venue", "zones", 0, "capacity"), 0, "must be greater than 0"),
        (("venue", "nodes", 0, "width_m"), 0, "must be at least 0.1"),
        (("venue", "nodes", 1, "area_m2"), -1.0, "must be greater than 0"),
        (("venue", "edges", 0, "width_m"), -3, "must be at least 0.1"),
        (("venue", "edges", 1, "length_m"), 0, "must be greater than 0"),
        (("posts", 0, "screening", "lanes"), 0, "must be greater than 0"),
        (("posts", 0, "screening", "persons_per_lane_per_minute"), 0, "must be at least 0.1"),
        (("units", 0, "count"), 0, "must be greater than 0"),
        (("units", 0, "composition", "police"), 0, "must be greater than 0"),
        (("patrols", 0, "revisit_minutes"), 0, "must be at least 1"),
        (("drones", 0, "count"), -1, "must be greater than 0"),
        (("roles", "police", "cost"), -1, "must be at least 0, got -1"),
        (("rules", "min_rest_hours"), -1, "must be at least 0"),
        (("rules", "ratios", 0, "per_attendees"), 0, "must be at least 1"),
        (("event", "slot_minutes"), 0, "must be greater than 0"),
        (("event", "slot_minutes"), 120, "must be at most 60, got 120"),
        (("event", "arrivals", 0, "share"), 0, "must be greater than 0"),
        (("posts", 0, "screening", "arrival_share"), 1.5, "must be at most 1, got 1.5"),
        (("response", "walking_speed_mps"), 0, "must be at least 0.1"),
        (("egress", "boundary_layer_m"), -0.5, "must be at least 0"),
    ],
)
def test_counts_widths_and_capacities_must_be_positive(path, value, expected):
    assert error_at(path, value).startswith(f"{format_path(path)}: {expected}")


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("venue", "nodes", 0, "lat"), 90.5, "venue.nodes[0].lat: must be at most 90, got 90.5"),
        (("venue", "nodes", 0, "lat"), -91, "venue.nodes[0].lat: must be at least -90"),
        (("venue", "nodes", 2, "lon"), 180.01, "venue.nodes[2].lon: must be at most 180"),
        (("venue", "nodes", 2, "lon"), -200, "venue.nodes[2].lon: must be at least -180"),
        (("venue", "zones", 0, "polygon", 1, 0), 95.0, "venue.zones[0].polygon[1][0]: must be at"),
    ],
)
def test_latitude_and_longitude_must_be_on_the_globe(path, value, expected):
    assert error_at(path, value).startswith(expected)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("venue", "nodes", 0, "kind"), "tower"),
        (("venue", "edges", 0, "kind"), "escalator"),
        (("posts", 0, "priority"), "urgent"),
        (("patrols", 0, "targets", "kinds", 0), "shop"),
    ],
)
def test_enumerations_name_their_values(path, value):
    assert f"got '{value}'" in error_at(path, value)


def test_priority_and_edge_kind_keys_are_enumerations_too():
    assert error_at(("objective", "shortfall_weight", "urgent"), 5).startswith(
        "objective.shortfall_weight.urgent: expected 'critical', 'high', 'normal' or 'low'"
    )
    assert error_at(("egress", "flow_per_m_per_min", "lift"), 5).startswith(
        "egress.flow_per_m_per_min.lift: expected 'walkway', 'stairs', 'ramp' or 'road'"
    )


@pytest.mark.parametrize("value", ["north gate", "", "-gate", "gate/1", "x" * 129])
def test_ids_are_short_words(value):
    assert error_at(("posts", 1, "id"), value).startswith("posts[1].id: ")


def test_a_field_of_several_forms_gets_one_message():
    assert error_at(("units", 0, "standby"), 5) == (
        "units[0].standby: expected 'auto' or an id or a list, got 5"
    )
    assert error_at(("patrols", 0, "teams"), "many") == (
        "patrols[0].teams: expected 'auto' or a whole number, got 'many'"
    )
    # A value of the right kind that fails inside gets the inner message only.
    assert error_at(("patrols", 0, "teams"), 0) == "patrols[0].teams: must be greater than 0, got 0"
    assert error_at(("units", 0, "standby"), ["gate-N", 7]) == (
        "units[0].standby[1]: expected text, got 7"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-07-12", "'2025-07-12' is a date; give a date and time"),
        ("4 pm", "'4 pm' is not a local ISO-8601 date-time"),
        # an offset only on a time that happens twice (checked against the zone)
        ("2025-07-12T18:00+02:00", "without a UTC offset"),
        (1600, "expected a time as text"),
    ],
)
def test_times_must_be_local_times(value, expected):
    assert expected in error_at(("event", "phases", 1, "start"), value)


def test_every_bad_day_is_named():
    doc = multi_day()
    doc["event"]["days"] = ["2025-07-12", "13 July", "2025-02-30"]
    problems = [f"{p.path}: {p.message}" for p in errors(doc)]
    assert problems == [
        "event.days[1]: '13 July' is not a date (YYYY-MM-DD)",
        "event.days[2]: '2025-02-30' is not a date (YYYY-MM-DD)",
    ]


def test_long_text_is_refused():
    assert error_at(("event", "name"), "x" * 501) == (
        "event.name: is too long (at most 500 characters)"
    )


def test_defaults_fill_what_the_file_leaves_out():
    doc = small()
    for key in ("rules", "units", "patrols", "drones", "objective", "response", "egress"):
        del doc[key]
    del doc["venue"]["nodes"][3]["kind"]
    del doc["venue"]["edges"][0]["width_m"]
    scenario = valid(doc)
    assert scenario.objective.weight("critical") == 1000
    assert scenario.objective.cost_weight == 1
    assert scenario.response.targets_minutes == (1, 3, 5)
    assert scenario.response.walking_speed_mps == 1.3
    assert scenario.egress.flow("stairs") == 66 and scenario.egress.flow("ramp") == 82
    assert scenario.egress.target_minutes == 8
    assert scenario.rules.min_rest_hours == 11 and scenario.rules.max_days == 5
    assert scenario.rules.meal_break is None and scenario.rules.ratios == ()
    assert scenario.venue.nodes[3].kind == "junction"
    assert scenario.venue.edges[2].kind == "road" and scenario.venue.edges[0].kind == "walkway"
    assert scenario.pools[1].available is None  # the whole horizon


def test_a_scenario_is_immutable():
    scenario = valid(small())
    with pytest.raises(pydantic.ValidationError):
        scenario.event = scenario.event  # type: ignore[misc]


def test_equal_content_is_equal_wherever_it_came_from():
    a = from_document(small(), file="a.yaml")
    b = from_document(small(), file="b.json")
    assert a == b and a.source != b.source
    assert a != valid(multi_day())


def test_replace_returns_a_validated_copy():
    scenario = valid(small())
    bigger = replace(scenario, event=scenario.event.model_copy(update={"attendance": 12000}))
    assert bigger.event.attendance == 12000 and scenario.event.attendance == 9000
    fewer = replace(scenario, pools=[{**p.model_dump(), "count": 1} for p in scenario.pools])
    assert [p.count for p in fewer.pools] == [1] * 5
    assert fewer.warnings  # the ratio can no longer be met: checked like a loaded file


def test_replace_raises_input_error_on_an_invalid_change():
    scenario = valid(small())
    with pytest.raises(InputError) as caught:
        # (the sectors name the posts replaced: they go too)
        replace(scenario, posts=[{"id": "p", "node": "nowhere", "needs": []}], sectors=[])
    assert [str(p) for p in caught.value.problems] == [
        "s.yaml: posts[0]: post 'p' has neither needs nor a screening block",
        "s.yaml: posts[0].node: unknown node 'nowhere' (known: gate-N, plaza-N, stand-N, parking)",
    ]
    with pytest.raises(InputError, match="unknown key 'venu'"):
        replace(scenario, venu={})
