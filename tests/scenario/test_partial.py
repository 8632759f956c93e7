"""Cross-checks that still run when some items of a document are structurally wrong.

The helper also loads each document from a YAML file and checks every problem's line, so
the paths mapped back past the items set aside are checked against the file as well.
"""

from __future__ import annotations

from .documents import KNOWN_ROLES, deployable, problems, small


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


def test_references_to_windows_and_posts_set_aside_are_not_unknown():
    # The window kick-off has a broken end and is set aside: the no-handover rule naming it
    # is not wrong, while the unknown post gate-S of the south sector is reported.
    doc = deployable()
    doc["event"]["windows"][1]["end"] = "soon"
    doc["sectors"][1]["posts"].append("gate-S")
    found = [f"{p.path}: {p.message}" for p in problems(doc)]
    assert found == [
        "event.windows[1].end: 'soon' is not a local ISO-8601 date-time (YYYY-MM-DDTHH:MM) or "
        "HH:MM",
        "sectors[1].posts[2]: unknown post 'gate-S' (known: gate-N-screening, plaza-watch, "
        "parking-traffic, stand-stewards, away-screening)",
    ]
    # A post whose id is itself broken could be meant as any id: no reference to a post is
    # reported as unknown then (plaza-watch, named by a sector and a supervision rule, nor
    # gate-S).
    doc["posts"][1]["id"] = "plaza watch"
    found = [f"{p.path}: {p.message}" for p in problems(doc)]
    assert found[1:] == [
        "posts[1].id: 'plaza watch' is not a valid id: use letters, digits and '_', '-', '.', "
        "':', '+', starting with a letter, digit or '_'",
    ]
