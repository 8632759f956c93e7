"""A plan folder's venue analyses read back: the patrol loops and standby points it stored,
not searched again."""

from __future__ import annotations

import copy
import json

import pytest

from eventplan.generate import Spec, generate
from eventplan.planning import solve
from eventplan.planning.output import write_plan
from eventplan.replan import read_parent
from eventplan.replan.stored import stored_orders, stored_response, stored_venue
from eventplan.scenario import load


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    scenario = generate(Spec(staff=80, posts=6, seed=3, hours=10, slot_minutes=30))
    out = tmp_path_factory.mktemp("stored") / "plan"
    write_plan(solve(scenario, time_limit=20, workers=1, seed=0), out)
    return out


def test_the_folder_reads_back_with_the_analyses_it_stored(folder):
    document = json.loads((folder / "plan.json").read_text())
    venue = read_parent(folder).plan.venue.to_json()
    for section in ("patrols", "standby", "response", "egress", "drones"):
        assert venue[section] == document[section], section


def test_stored_loops_that_do_not_fit_the_patrol_are_searched_again(folder):
    # A stored loop naming a target the patrol does not have is not walked: the patrol keeps
    # the loops found when reading (the same targets, each on one loop).
    document = json.loads((folder / "plan.json").read_text())
    scenario = load(folder / "scenario.json")
    bad = copy.deepcopy(document)
    bad["patrols"][0]["targets"] = ["nowhere", *bad["patrols"][0]["targets"][1:]]
    patrol = bad["patrols"][0]["id"]
    assert stored_orders(bad)[patrol][0][0] == "nowhere"
    venue = stored_venue(scenario, bad)
    plan = next(p for p in venue.patrols if p.patrol_id == patrol)
    walked = sorted(t for loop in plan.loops for t in loop.targets)
    assert "nowhere" not in walked
    assert walked == sorted(
        t for r in document["patrols"] if r["id"] == patrol for t in r["targets"]
    )


def test_a_response_section_that_does_not_read_is_worked_out_again(folder):
    scenario = load(folder / "scenario.json")
    document = json.loads((folder / "plan.json").read_text())
    found = stored_venue(scenario, {}).response
    assert stored_response({"standby": [{"unit": 1}]}, found, set()) is found
    moved = copy.deepcopy(document)
    moved["standby"][0]["node"] = "nowhere"
    nodes = {n.id for n in scenario.venue.nodes}
    assert stored_response(moved, found, nodes) is found
    assert stored_response(document, found, nodes).to_json()["standby"] == document["standby"]
