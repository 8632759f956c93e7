"""Cross-document rules, one test each: references, duplicates, time rules, the venue graph.

Each test makes one mistake in the small document (or its multi-day variant) and expects one
error naming the place, or, for the supply rules, a warning on a file that stays valid.
"""

from __future__ import annotations

import pytest

from .documents import (
    KNOWN_ROLES,
    check,
    deployable,
    errors,
    multi_day,
    one_error,
    small,
    valid,
)

NODES = "gate-N, plaza-N, stand-N, parking"
PHASES = "ingress, match, egress"


def test_the_example_message_of_the_design():
    doc = small()
    doc["posts"][3]["needs"][0]["roles"][1] = "gaurd"
    assert check(doc) == [
        f"s.yaml: posts[3].needs[0].roles[1]: unknown role 'gaurd' (known: {KNOWN_ROLES})"
    ]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["pools"][2].update(role="trafic"), "pools[2].role"),
        (
            lambda d: d["posts"][0]["screening"].update(roles=["guard", "gard"]),
            "posts[0].screening.roles[1]",
        ),
        (lambda d: d["rules"]["ratios"][0]["roles"].append("polce"), "rules.ratios[0].roles[3]"),
        (lambda d: d["units"][0]["composition"].update(swat=1), "units[0].composition.swat"),
        (lambda d: d["patrols"][0]["composition"].update(dog=1), "patrols[0].composition.dog"),
        (lambda d: d["drones"][0].update(pilot_role="pilot"), "drones[0].pilot_role"),
    ],
)
def test_unknown_role(change, path):
    doc = small()
    change(doc)
    problem = one_error(doc)
    assert problem.path == path
    assert (
        problem.message.startswith("unknown role '")
        and f"(known: {KNOWN_ROLES})" in problem.message
    )


@pytest.mark.parametrize(
    ("change", "path", "name"),
    [
        (lambda d: d["posts"][2].update(node="car-park"), "posts[2].node", "car-park"),
        (lambda d: d["venue"]["edges"][2].update(b="parkng"), "venue.edges[2].b", "parkng"),
        (
            lambda d: d["venue"]["zones"][0]["nodes"].append("stand-S"),
            "venue.zones[0].nodes[1]",
            "stand-S",
        ),
        (
            lambda d: d["venue"]["zones"][0].update(exits=["gate-S"]),
            "venue.zones[0].exits[0]",
            "gate-S",
        ),
        (lambda d: d["units"][0].update(standby="hq"), "units[0].standby", "hq"),
        (lambda d: d["units"][0].update(standby=["gate-N", "hq"]), "units[0].standby[1]", "hq"),
        (
            lambda d: d["patrols"][0]["targets"].update(nodes=["gate-S"]),
            "patrols[0].targets.nodes[0]",
            "gate-S",
        ),
        (lambda d: d["drones"][0].update(watch=["plaza-S"]), "drones[0].watch[0]", "plaza-S"),
    ],
)
def test_unknown_node(change, path, name):
    doc = small()
    change(doc)
    problem = one_error(doc)
    assert (problem.path, problem.message) == (path, f"unknown node '{name}' (known: {NODES})")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            lambda d: d["posts"][1]["needs"][0]["phases"].append("egres"),
            "posts[1].needs[0].phases[2]",
        ),
        (
            lambda d: d["rules"]["ratios"][0]["phases"].insert(0, "show"),
            "rules.ratios[0].phases[0]",
        ),
        (lambda d: d["units"][0]["phases"].append("setup"), "units[0].phases[3]"),
        (lambda d: d["patrols"][0].update(phases=["night"]), "patrols[0].phases[0]"),
        (lambda d: d["drones"][0]["phases"].append("show"), "drones[0].phases[2]"),
    ],
)
def test_unknown_phase(change, path):
    doc = small()
    change(doc)
    problem = one_error(doc)
    assert problem.path == path and problem.message.endswith(f"(known: {PHASES})")


def test_unknown_pool_of_a_person():
    doc = small()
    doc["people"] = [{"id": "p1", "name": "Ann", "role": "police", "pool": "police"}]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "people[0].pool",
        "unknown pool 'police' (known: district-police, aux, traffic, guards, volunteers)",
    )


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            lambda d: d["event"]["phases"].append(
                {"id": "match", "start": "2025-07-12T21:00", "end": "2025-07-12T22:00"}
            ),
            "event.phases[3].id",
            "duplicate phase id 'match' (first at phases[1])",
        ),
        (
            lambda d: d["pools"][4].update(id="aux"),
            "pools[4].id",
            "duplicate pool id 'aux' (first at pools[1])",
        ),
        (
            lambda d: d["venue"]["nodes"].append({**d["venue"]["nodes"][2], "lat": 43.7}),
            "venue.nodes[4].id",
            "duplicate node id 'stand-N' (first at nodes[2])",
        ),
        (
            lambda d: d["posts"][2].update(id="plaza-watch"),
            "posts[2].id",
            "duplicate post id 'plaza-watch' (first at posts[1])",
        ),
        (
            lambda d: d["venue"]["zones"].append(d["venue"]["zones"][0]),
            "venue.zones[1].id",
            "duplicate zone id 'north-stand' (first at zones[0])",
        ),
        (
            lambda d: d["patrols"][0].update(id="rapid-response"),
            "patrols[0].id",
            "id 'rapid-response' is already used by a unit",
        ),
        (
            lambda d: d["drones"][0].update(id="plaza-watch"),
            "drones[0].id",
            "id 'plaza-watch' is already used by a post",
        ),
    ],
)
def test_duplicate_ids(change, path, message):
    doc = small()
    change(doc)
    problem = one_error(doc)
    assert (problem.path, problem.message) == (path, message)


def test_duplicate_person_ids():
    doc = small()
    person = {"id": "p1", "name": "Ann", "role": "police", "pool": "district-police"}
    doc["people"] = [person, {**person, "name": "Bob"}]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "people[1].id",
        "duplicate person id 'p1' (first at people[0])",
    )


def test_phases_that_overlap():
    doc = small()
    doc["event"]["phases"][1]["start"] = "2025-07-12T17:30"
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.phases[1]",
        "phase 'match' overlaps phase 'ingress'",
    )


def test_phases_that_overlap_on_every_day_are_reported_once():
    doc = multi_day()
    doc["event"]["phases"][2]["start"] = "19:00"
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.phases[2]",
        "phase 'egress' overlaps phase 'match'",
    )


@pytest.mark.parametrize("end", ["2025-07-12T17:00", "2025-07-12T18:00"])
def test_a_phase_that_ends_before_or_when_it_starts(end):
    doc = small()
    doc["event"]["phases"][1]["end"] = end
    problem = one_error(doc)
    assert problem.path == "event.phases[1].end"
    assert problem.message == f"ends at {end}, not after its start 2025-07-12T18:00"


def test_an_arrival_window_that_ends_before_it_starts():
    doc = small()
    doc["event"]["arrivals"][0]["end"] = "2025-07-12T15:00"
    assert one_error(doc).path == "event.arrivals[0].end"


def test_multi_day_is_valid_with_24_00_daily_windows_and_date_time_availability():
    scenario = valid(multi_day())
    assert scenario.event.days is not None and len(scenario.event.days) == 2
    assert str(scenario.event.phases[2].end) == "23:59:59.999999"  # 24:00, the end of the day


def test_multi_day_phase_must_fit_in_a_day():
    doc = multi_day()
    doc["event"]["phases"][2]["end"] = "01:00"
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.phases[2].end",
        "ends at 01:00, not after its start 20:00: "
        "on multi-day events a window must fit in one day",
    )


def test_multi_day_times_are_times_of_day():
    doc = multi_day()
    doc["event"]["phases"][0]["start"] = "2025-07-12T16:00"
    problem = one_error(doc)
    assert problem.path == "event.phases[0].start"
    assert (
        problem.message == "with event.days, give times of day as HH:MM (they repeat on every day)"
    )


def test_single_day_times_are_date_times():
    doc = small()
    doc["event"]["arrivals"][1]["end"] = "18:00"
    problem = one_error(doc)
    assert problem.path == "event.arrivals[1].end"
    assert problem.message.endswith("times of day (HH:MM) need event.days")


def test_a_day_window_cannot_start_at_24_00():
    doc = multi_day()
    doc["pools"][3]["available"] = {"start": "24:00", "end": "24:00"}
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "pools[3].available.start",
        "a day's window cannot start at 24:00",
    )


def test_availability_mixing_date_times_and_times_of_day():
    doc = multi_day()
    doc["pools"][3]["available"] = {"start": "14:00", "end": "2025-07-13T22:00"}
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "pools[3].available",
        "give start and end both as date-times or both as HH:MM",
    )


def test_a_day_listed_twice():
    doc = multi_day()
    doc["event"]["days"].append("2025-07-12")
    problem = one_error(doc)
    assert (problem.path, problem.message) == ("event.days[2]", "day 2025-07-12 is listed twice")


def test_empty_days():
    doc = multi_day()
    doc["event"]["days"] = []
    assert one_error(doc).message == "give at least one day"


@pytest.mark.parametrize(
    ("change", "path", "shown"),
    [
        (
            lambda d: d["event"]["phases"][2].update(end="2025-07-12T21:10"),
            "event.phases[2].end",
            "2025-07-12T21:10",
        ),
        (
            lambda d: d["event"]["arrivals"][0].update(end="2025-07-12T16:50"),
            "event.arrivals[0].end",
            "2025-07-12T16:50",
        ),
        (
            lambda d: d["pools"][3]["available"].update(start="2025-07-12T14:05"),
            "pools[3].available.start",
            "2025-07-12T14:05",
        ),
        (
            lambda d: d["event"]["phases"][1].update(start="2025-07-12T18:00:30"),
            "event.phases[1].start",
            "2025-07-12T18:00:30",
        ),
    ],
)
def test_times_off_the_slot_grid(change, path, shown):
    doc = small()
    change(doc)
    problem = one_error(doc)
    assert (problem.path, problem.message) == (path, f"{shown} is not on the 15-minute slot grid")


def test_daily_times_off_the_slot_grid():
    doc = multi_day()
    doc["event"]["phases"][0]["start"] = "16:20"
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.phases[0].start",
        "16:20 is not on the 15-minute slot grid",
    )


def test_slot_minutes_must_divide_60():
    doc = small()
    doc["event"]["slot_minutes"] = 25
    problem = one_error(doc)  # and no grid errors on top: they would only repeat this one
    assert (problem.path, problem.message) == (
        "event.slot_minutes",
        "25 does not divide 60 (use 5, 10, 15, 20, 30 or 60)",
    )


def test_arrival_shares_must_sum_to_1():
    doc = small()
    doc["event"]["arrivals"][1]["share"] = 0.5
    problem = one_error(doc)
    assert (problem.path, problem.message) == ("event.arrivals", "shares sum to 0.9, not 1")


def test_arrival_shares_may_carry_rounding():
    doc = small()
    doc["event"]["arrivals"] = [
        {
            "start": f"2025-07-12T{16 + i // 4}:{15 * (i % 4):02d}",
            "end": f"2025-07-12T{16 + (i + 1) // 4}:{15 * ((i + 1) % 4):02d}",
            "share": 0.1,
        }
        for i in range(10)
    ]
    valid(doc)


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ([8, 4], "shortest shift 8 h is longer than the longest 4 h"),
        ([4, 25], "a shift of 25 h is longer than a day (at most 24)"),
        ([0.1, 0.2], "longest shift 0.2 h is shorter than one slot"),
    ],
)
def test_shift_hours(hours, message):
    doc = small()
    doc["roles"]["traffic"]["shift_hours"] = hours
    problem = one_error(doc)
    assert (problem.path, problem.message) == ("roles.traffic.shift_hours", message)


@pytest.mark.parametrize(
    "name", ["Mars/Olympus", "Europe/monaco", "../../etc/passwd", "Europe/\x00"]
)
def test_unknown_timezone(name):
    doc = small()
    doc["event"]["timezone"] = name
    problem = one_error(doc)
    assert problem.path == "event.timezone"
    assert problem.message == f"unknown timezone {name!r} (use an IANA name like Asia/Shanghai)"


def test_venue_graph_in_pieces_names_the_cut_off_nodes():
    doc = small()
    del doc["venue"]["edges"][2]  # plaza-N - parking
    doc["venue"]["nodes"].append({"id": "metro", "kind": "transit", "lat": 43.73, "lon": 7.42})
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "venue.edges",
        "the venue graph is in 3 pieces: "
        "node(s) metro, parking cannot be reached from the main part",
    )


def test_edge_from_a_node_to_itself():
    doc = small()
    doc["venue"]["edges"].append({"a": "gate-N", "b": "gate-N"})
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "venue.edges[3]",
        "edge joins node 'gate-N' to itself",
    )


def test_two_edges_between_the_same_nodes_are_two_passages():
    doc = small()
    doc["venue"]["edges"].append({"a": "gate-N", "b": "plaza-N", "kind": "ramp"})
    assert check(doc) == []


def test_a_need_no_pool_can_supply_is_a_warning_and_the_file_stays_valid():
    doc = small()
    doc["roles"]["medic"] = {"cost": 4, "shift_hours": [4, 8]}
    doc["posts"][2]["needs"].append({"phases": ["match"], "roles": ["medic"], "min": 1})
    assert check(doc) == [
        "s.yaml: posts[2].needs[1].roles: warning: no pool supplies medic: "
        "this need will always be short"
    ]


def test_a_need_outside_every_pool_availability_is_a_warning():
    doc = small()
    doc["pools"][3]["available"] = {"start": "2025-07-12T14:00", "end": "2025-07-12T18:00"}
    doc["posts"][1]["needs"].append({"phases": ["egress"], "roles": ["guard"], "min": 1})
    assert check(doc) == [
        "s.yaml: posts[1].needs[1].roles: warning: no pool of guard is available during egress: "
        "this need will always be short"
    ]


def test_a_pool_available_for_less_than_one_shift_is_a_warning():
    doc = small()
    doc["pools"][2]["available"] = {"start": "2025-07-12T19:00", "end": "2025-07-12T22:00"}
    assert check(doc) == [
        "s.yaml: pools[2].available: warning: available for 3 h at a time, less than the "
        "shortest traffic shift (4 h): nobody of this pool can work",
        "s.yaml: posts[2].needs[0].roles: warning: no pool supplies traffic: "
        "this need will always be short",
    ]


def test_a_daily_pool_window_covers_a_daily_need():
    doc = multi_day()
    doc["posts"][1]["needs"].append({"phases": ["egress"], "roles": ["guard"], "min": 1})
    assert check(doc) == []


def test_a_force_no_pool_can_supply_is_a_warning():
    doc = small()
    del doc["pools"][1]  # no auxiliaries at all; police still serve "police or auxiliary"
    assert check(doc) == [
        "s.yaml: units[0].composition.auxiliary: warning: no pool supplies role 'auxiliary'"
    ]


def test_a_ratio_the_pools_cannot_meet_is_a_warning():
    doc = small()
    doc["rules"]["ratios"][0]["per_attendees"] = 20  # 450 needed, 190 in the pools
    assert check(doc) == [
        "s.yaml: rules.ratios[0]: warning: asks for 450 on duty but the pools of "
        "police+auxiliary+guard hold only 190"
    ]


def test_standby_nodes_one_or_one_per_unit():
    doc = small()
    doc["units"][0]["standby"] = ["gate-N", "plaza-N", "parking"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "units[0].standby",
        "give one standby node, or one per unit (2), not 3",
    )
    doc["units"][0]["standby"] = ["gate-N", "plaza-N"]
    valid(doc)


def test_a_patrol_without_target_nodes():
    doc = small()
    doc["patrols"][0]["targets"] = {"kinds": ["transit"]}
    assert [str(p) for p in errors(doc)] == [
        "s.yaml: patrols[0].targets: the patrol has no target node"
    ]


def test_screening_needs_an_arrival_profile():
    doc = small()
    del doc["event"]["arrivals"]
    doc["event"]["phases"][0]["id"] = "gates-open"
    for post in doc["posts"]:
        for need in post["needs"]:
            need["phases"] = [p if p != "ingress" else "gates-open" for p in need["phases"]]
    for item in (doc["rules"]["ratios"][0], doc["units"][0], doc["patrols"][0], doc["drones"][0]):
        item["phases"] = [p if p != "ingress" else "gates-open" for p in item["phases"]]
    problem = one_error(doc)
    assert problem.path == "posts[0].screening"
    assert problem.message.startswith("screening needs an arrival profile")


def test_a_post_needs_needs_or_screening():
    doc = small()
    doc["posts"][1]["needs"] = []
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "posts[1]",
        "post 'plaza-watch' has neither needs nor a screening block",
    )


def test_people_of_a_pool_beyond_its_count():
    doc = small()
    doc["people"] = [
        {"id": f"t{i}", "name": "", "role": "traffic", "pool": "traffic"} for i in range(11)
    ]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "pools[2].count",
        "the people file lists 11 people of pool 'traffic', more than its count 10",
    )


def test_a_person_whose_role_is_not_the_pool_role():
    doc = small()
    doc["people"] = [{"id": "p1", "name": "Ann", "role": "guard", "pool": "aux"}]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "people[0].role",
        "role 'guard' differs from pool 'aux' role 'auxiliary'",
    )


def test_person_availability():
    doc = small()
    person = {"id": "p1", "name": "Ann", "role": "police", "pool": "district-police"}
    doc["people"] = [
        {**person, "available_from": "2025-07-12T20:00", "available_to": "2025-07-12T16:00"}
    ]
    assert [(p.path, p.message) for p in errors(doc)] == [
        ("people[0].available_to", "not after available_from")
    ]
    doc["people"] = [{**person, "available_from": "16:00"}]
    assert [p.path for p in errors(doc)] == ["people[0].available_from"]


def test_other_warnings():
    doc = small()
    doc["objective"]["shortfall_weight"]["low"] = 0
    doc["drones"][0]["swap_minutes"] = 300
    doc["posts"][1]["screening"] = {**doc["posts"][0]["screening"], "arrival_share": 0.5}
    doc["patrols"][0]["targets"]["kinds"].append("medical")
    assert check(doc) == [
        "s.yaml: posts: warning: screening arrival_share values add up to 1.5, "
        "more than the whole crowd",
        "s.yaml: patrols[0].targets.kinds[3]: warning: no venue node is of kind 'medical'",
        "s.yaml: drones[0].swap_minutes: warning: swap time dwarfs the flight time",
        "s.yaml: objective.shortfall_weight: warning: a zero weight lets that need go uncovered "
        "whenever covering it costs anything",
    ]


def test_stairs_speed_comes_from_a_factor_or_the_stair_geometry():
    doc = deployable()  # gives stairs: {riser_mm: 180, tread_mm: 280}
    doc["egress"]["stair_speed_factor"] = 0.6
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "egress.stairs",
        "give stair_speed_factor or stairs (from which the factor follows), not both",
    )
    del doc["egress"]["stairs"]
    assert check(doc) == []
