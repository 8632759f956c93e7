"""Rules of command, one test each: supervision, no-handover windows, units, sectors,
reserves, briefings, the nodes they name and the ids of stations.

Each test makes one mistake in the deployable document (the small match with every rule of
command) and expects one error naming the place, or a warning on a file that stays valid.
"""

from __future__ import annotations

import pytest

from .documents import KNOWN_ROLES, check, deployable, multi_day, one_error, small

NODES = "gate-N, plaza-N, stand-N, parking"
POSTS = "gate-N-screening, plaza-watch, parking-traffic, stand-stewards, away-screening"


@pytest.mark.parametrize(
    ("key", "path"),
    [("roles", "rules.supervision[0].roles[0]"), ("by", "rules.supervision[0].by[0]")],
)
def test_a_supervision_rule_naming_an_unknown_role(key, path):
    doc = deployable()
    doc["rules"]["supervision"][0][key] = ["auxilary"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        path,
        f"unknown role 'auxilary' (known: {KNOWN_ROLES})",
    )


def test_a_role_cannot_supervise_itself():
    doc = deployable()
    doc["rules"]["supervision"][0]["by"] = ["traffic", "auxiliary"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "rules.supervision[0].by[1]",
        "role 'auxiliary' is in both roles and by: a role cannot supervise itself",
    )


def test_supervision_at_an_unknown_post():
    doc = deployable()
    doc["rules"]["supervision"][2]["posts"].append("plaza-wach")
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "rules.supervision[2].posts[1]",
        f"unknown post 'plaza-wach' (known: {POSTS})",
    )


def test_posts_go_with_scope_post_only():
    doc = deployable()
    doc["rules"]["supervision"][2]["scope"] = "venue"
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "rules.supervision[2].posts",
        "posts go with scope 'post' only: a venue-wide rule counts every post",
    )


def test_supervision_posts_may_not_be_empty():
    doc = deployable()
    doc["rules"]["supervision"][2]["posts"] = []
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "rules.supervision[2].posts",
        "give at least one post, or leave posts out for all",
    )


def test_supervision_without_per_supervisor_is_valid():
    doc = deployable()
    del doc["rules"]["supervision"][0]["per_supervisor"]
    assert check(doc) == []


def test_no_handover_names_windows_not_phases():
    doc = deployable()
    doc["rules"]["no_handover"] = ["kick-off", "match"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "rules.no_handover[1]",
        "'match' is a phase: no_handover takes ids of event.windows (add a window with the "
        "times wanted)",
    )


def test_no_handover_names_known_windows():
    doc = deployable()
    doc["rules"]["no_handover"] = ["kickoff"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "rules.no_handover[0]",
        "unknown window 'kickoff' (known: ingress-peak, kick-off)",
    )
    doc = small()
    doc["rules"]["no_handover"] = ["kick-off"]
    assert one_error(doc).message == "unknown window 'kick-off': event.windows names no window"


def test_a_no_handover_window_outside_the_event():
    # The match ends at 21:00, so a window from 22:00 to 22:30 never touches the plan.
    doc = deployable()
    doc["event"]["windows"][1].update(start="2025-07-12T22:00", end="2025-07-12T22:30")
    problem = one_error(doc)
    assert problem.path == "event.windows[1]"
    assert problem.message.startswith("window 'kick-off' (2025-07-12T22:00 to 2025-07-12T22:30)")
    assert "lies outside the event" in problem.message


def test_a_unit_leader_is_a_role_of_its_composition():
    doc = deployable()
    doc["units"][0]["leader"] = "traffic"
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "units[0].leader",
        "leader role 'traffic' is not in the composition (police, auxiliary)",
    )


def test_relief_goes_with_a_standing_unit():
    doc = deployable()
    doc["units"][0].update(standing=False, relief=True)
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "units[0].relief",
        "relief goes with a standing unit (add standing: true)",
    )


def test_a_standing_unit_longer_than_any_shift():
    # The unit stands from 16:00 to 21:00: 5 h, and a police officer's shift also holds the
    # 30-minute briefing, 5.5 h; the longest police shift is 4 h, the longest auxiliary
    # shift 12 h, so only police cannot stay the whole span.
    doc = deployable()
    doc["roles"]["police"]["shift_hours"] = [2, 4]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "units[0].standing",
        "standing unit 'rapid-response' keeps one crew from 2025-07-12T16:00 to "
        "2025-07-12T21:00 (5 h plus a 30-minute briefing), longer than the longest police "
        "shift (4 h): add 'relief: true' so that whole crews relieve one another",
    )
    doc["units"][0]["relief"] = True
    assert check(doc) == []


@pytest.mark.parametrize(
    ("longest", "valid"),
    [(5.5, True), (5.25, False)],  # 5 h span + 30 min briefing = 5.5 h
)
def test_the_briefing_counts_toward_a_standing_crew_shift(longest, valid):
    doc = deployable()
    doc["roles"]["police"]["shift_hours"] = [2, longest]
    assert (check(doc) == []) is valid


def test_a_standing_span_runs_over_the_gaps_between_its_phases():
    # ingress (16-18) and egress (20-21): the crew stays from 16:00 to 21:00, 5 h.
    doc = deployable()
    doc["units"][0]["phases"] = ["ingress", "egress"]
    doc["roles"]["auxiliary"]["shift_hours"] = [2, 4.75]
    assert one_error(doc).message.startswith(
        "standing unit 'rapid-response' keeps one crew from 2025-07-12T16:00 to "
        "2025-07-12T21:00 (5 h), longer than the longest auxiliary shift (4.75 h)"
    )


def test_a_standing_unit_of_a_multi_day_event_is_measured_per_day():
    doc = multi_day()  # 16:00 to 24:00 each day: 8 h
    doc["units"][0]["standing"] = True
    doc["roles"]["auxiliary"]["shift_hours"] = [4, 6]
    problem = one_error(doc)
    assert problem.message.startswith(
        "standing unit 'rapid-response' keeps one crew from 16:00 to 24:00 (8 h), longer "
        "than the longest auxiliary shift (6 h)"
    )


def test_a_pool_briefing_replaces_the_role_briefing_for_a_standing_crew():
    # Police of district-police brief for 30 minutes; a second pool briefs for 15: its
    # people can stand 5 h + 15 min = 5.25 h.
    doc = deployable()
    doc["roles"]["police"]["shift_hours"] = [2, 5.25]
    doc["pools"].append(
        {"id": "city-police", "role": "police", "count": 10,
         "briefing": {"minutes": 15, "node": "plaza-N"}}
    )  # fmt: skip
    assert check(doc) == []


def test_a_tagged_need_of_a_unit_names_roles_of_its_composition():
    doc = deployable()
    doc["units"][0]["needs_tags"][0]["roles"] = ["police", "traffic"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "units[0].needs_tags[0].roles[1]",
        "role 'traffic' is not in the composition (police, auxiliary)",
    )


def test_a_tagged_need_of_a_unit_asks_for_no_more_than_the_unit_holds():
    doc = deployable()
    doc["units"][0]["needs_tags"][0]["min"] = 3  # two police in a unit
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "units[0].needs_tags[0].min",
        "3 tagged people of police in one unit, more than the 2 it holds",
    )


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["command"].update(node="hq"), "command.node"),
        (lambda d: d["reserves"][0].update(node="hq"), "reserves[0].node"),
        (
            lambda d: d["roles"]["police"]["briefing"].update(node="hq"),
            "roles.police.briefing.node",
        ),
        (lambda d: d["pools"][5]["briefing"].update(node="hq"), "pools[5].briefing.node"),
    ],
)
def test_nodes_of_command(change, path):
    doc = deployable()
    change(doc)
    problem = one_error(doc)
    assert (problem.path, problem.message) == (path, f"unknown node 'hq' (known: {NODES})")


def test_a_sector_names_known_posts():
    doc = deployable()
    doc["sectors"][1]["posts"][0] = "parking"
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "sectors[1].posts[0]",
        f"unknown post 'parking' (known: {POSTS})",
    )


def test_a_post_in_two_sectors():
    doc = deployable()
    doc["sectors"][1]["posts"].append("plaza-watch")
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "sectors[1].posts[2]",
        "post 'plaza-watch' is already in sector 'north': a post is in one sector",
    )
    doc = deployable()
    doc["sectors"][1]["posts"].append("stand-stewards")
    assert one_error(doc).message == (
        "post 'stand-stewards' is already in this sector: a post is in one sector"
    )


def test_a_sector_leader_of_an_unknown_role():
    doc = deployable()
    doc["sectors"][0]["leader"] = {"role": "polise"}
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "sectors[0].leader.role",
        f"unknown role 'polise' (known: {KNOWN_ROLES})",
    )


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            lambda d: d["sectors"][1].update(id="north"),
            "sectors[1].id",
            "id 'north' is already used by a sector",
        ),
        (
            lambda d: d["sectors"][1].update(id="plaza-watch"),
            "sectors[1].id",
            "id 'plaza-watch' is already used by a post",
        ),
        (
            lambda d: d["reserves"][1].update(id="rapid-response"),
            "reserves[1].id",
            "id 'rapid-response' is already used by a unit",
        ),
        (
            lambda d: d["reserves"][1].update(id="south"),
            "reserves[1].id",
            "id 'south' is already used by a sector",
        ),
        (
            lambda d: d["posts"][4].update(id="briefing:gate-N"),
            "posts[4].id",
            "ids starting with 'briefing:' are kept for the briefing rows of the roster",
        ),
        (
            lambda d: d["reserves"][0].update(id="briefing:plaza-N"),
            "reserves[0].id",
            "ids starting with 'briefing:' are kept for the briefing rows of the roster",
        ),
    ],
)
def test_station_ids(change, path, message):
    doc = deployable()
    change(doc)
    problem = one_error(doc)
    assert (problem.path, problem.message) == (path, message)


def test_a_reserve_gives_min_or_share():
    doc = deployable()
    del doc["reserves"][1]["share"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "reserves[1]",
        "give min (people) or share (of the pools of its roles)",
    )
    doc["reserves"][1].update(min=2, share=0.1)
    problem = one_error(doc)
    assert (problem.path, problem.message) == ("reserves[1].share", "give min or share, not both")


def test_a_reserve_of_an_unknown_role():
    doc = deployable()
    doc["reserves"][1]["roles"] = ["guard", "gaurd"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "reserves[1].roles[1]",
        f"unknown role 'gaurd' (known: {KNOWN_ROLES})",
    )


def test_roles_no_pool_supplies_are_warnings_for_sector_leaders_and_reserves():
    doc = deployable()
    doc["roles"]["medic"] = {"cost": 4, "shift_hours": [4, 8]}
    doc["sectors"][1]["leader"] = {"role": "medic"}
    doc["reserves"][1]["roles"] = ["medic"]
    assert check(doc) == [
        "s.yaml: sectors[1].leader.role: warning: no pool supplies role 'medic'",
        "s.yaml: reserves[1].roles: warning: no pool supplies medic",
    ]


def test_a_briefing_that_fills_the_shortest_shift_is_a_warning():
    # volunteers' shortest shift is 2 h: a 120-minute briefing leaves no time on duty.
    doc = deployable()
    doc["roles"]["volunteer"]["briefing"] = {"minutes": 120, "node": "plaza-N"}
    doc["pools"][3]["briefing"] = {"minutes": 240, "node": "gate-N"}  # guards: 4 h
    assert check(doc) == [
        "s.yaml: roles.volunteer.briefing.minutes: warning: a 120-minute briefing fills the "
        "shortest volunteer shift (2 h) or more: such a shift leaves no time on duty",
        "s.yaml: pools[3].briefing.minutes: warning: a 240-minute briefing fills the "
        "shortest guard shift (4 h) or more: such a shift leaves no time on duty",
    ]
    doc["roles"]["volunteer"]["briefing"]["minutes"] = 105
    doc["pools"][3]["briefing"]["minutes"] = 225
    assert check(doc) == []
