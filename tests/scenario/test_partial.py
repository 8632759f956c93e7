"""Cross-checks that still run when some items of a document are structurally wrong.

The helper also loads each document from a YAML file and checks every problem's line, so
the paths mapped back past the items set aside are checked against the file as well.
"""

from __future__ import annotations

from .documents import KNOWN_ROLES, problems, small


def test_cross_checks_run_on_the_parts_that_are_valid():
    # pools[1] and posts[0].needs[0] are structurally wrong and are set aside; the unknown
    # role of pools[3] and the unknown phase of posts[0].needs[1] are still found, at the
    # places they have in the file (not shifted by what was set aside).
    doc = small()
    doc["pools"][1]["count"] = "thirty"
    doc["pools"][3]["role"] = "gard"
    doc["posts"][0]["needs"][0]["min"] = 0
    doc["posts"][0]["needs"][1]["phases"] = ["match", "egres"]
    doc["roles"]["volunteer"]["shift_hours"] = [2]
    found = {f"{p.path}: {p.message}" for p in problems(doc)}
    assert found == {
        "pools[1].count: expected a whole number, got 'thirty'",
        "posts[0].needs[0].min: must be greater than 0, got 0",
        "roles.volunteer.shift_hours[1]: required but missing",
        f"pools[3].role: unknown role 'gard' (known: {KNOWN_ROLES.replace(', volunteer', '')})",
        "posts[0].needs[1].phases[1]: unknown phase 'egres' (known: ingress, match, egress)",
    }


def test_items_set_aside_do_not_make_false_problems():
    # The phase 'match' is invalid; the needs, forces and ratios that name it are not wrong,
    # nor is the venue broken when one of its nodes is invalid.
    doc = small()
    doc["event"]["phases"][1]["end"] = "8 pm"
    doc["venue"]["nodes"][3]["lon"] = 700
    found = [f"{p.path}: {p.message}" for p in problems(doc)]
    assert found == [
        "event.phases[1].end: '8 pm' is not a local ISO-8601 date-time (YYYY-MM-DDTHH:MM) or HH:MM",
        "venue.nodes[3].lon: must be at most 180, got 700",
    ]


def test_cross_checks_wait_when_a_required_part_is_broken():
    doc = small()
    del doc["event"]["timezone"]
    doc["posts"][2]["node"] = "car-park"
    assert [f"{p.path}: {p.message}" for p in problems(doc)] == [
        "event.timezone: required but missing"
    ]
