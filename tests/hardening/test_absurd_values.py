"""``solve`` on values that passed validation but are physically absurd (#18).

Each such value used to pass validation and end the solve in a traceback (an integer
overflow in the routing solver, a ZeroDivisionError after an egress LP whose status nobody
checked, a timestamp out of range). Now validation refuses it, naming the place and the
bound (docs/scenario.md, "Physical bounds"), and the egress LP's status is checked.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from ortools.linear_solver import pywraplp

from eventplan import cli
from eventplan.errors import InputError
from eventplan.scenario import from_document
from eventplan.venue.egress import plan_egress
from eventplan.venue.graph import VenueGraph
from tests.checker.conftest import DOCUMENT
from tests.venue.micro import make_scenario, node


def _set(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    document = copy.deepcopy(DOCUMENT)
    place = document
    for part in path[:-1]:
        place = place.setdefault(part, {}) if isinstance(part, str) else place[part]
    place[path[-1]] = value
    return document


CASES = [
    (("patrols", 0, "speed_mps"), 1e-20, "patrols[0].speed_mps: must be at least 0.1"),
    (("patrols", 0, "revisit_minutes"), 1e300, "patrols[0].revisit_minutes: must be at most 1440"),
    (("drones", 0, "endurance_minutes"), 1e-9, "drones[0].endurance_minutes: must be at least 1"),
    (("drones", 0, "count"), 10_000_000, "drones[0].count: must be at most 1000"),
    (("drones", 0, "swap_minutes"), 1e12, "drones[0].swap_minutes: must be at most 1440"),
    (
        ("rules", "ratios", 0, "per_attendees"),
        1e-300,
        "rules.ratios[0].per_attendees: must be at least 1",
    ),
    (("venue", "edges", 0, "width_m"), 1e8, "venue.edges[0].width_m: must be at most 1000"),
    (
        ("egress", "flow_per_m_per_min", "walkway"),
        1e12,
        "egress.flow_per_m_per_min.walkway: must be at most 200",
    ),
    (("rules", "min_rest_hours"), 1e300, "rules.min_rest_hours: must be at most 168"),
    (("roles", "police", "cost"), 1e300, "roles.police.cost: must be at most 1000000"),
    (
        ("objective", "shortfall_weight", "critical"),
        1e300,
        "objective.shortfall_weight.critical: must be at most 1000000000",
    ),
    (("patrols", 0, "teams"), 10_000_000, "patrols[0].teams"),
    (("units", 0, "count"), 10_000_000, "units[0].count: must be at most 10000"),
]


@pytest.mark.parametrize(
    ("path", "value", "message"), CASES, ids=[c[2].split(":")[0] for c in CASES]
)
def test_solve_on_values_that_pass_validation(tmp_path, capsys, path, value, message):
    scenario = tmp_path / "absurd.json"
    scenario.write_text(json.dumps(_set(path, value)), encoding="utf-8")
    code = cli.main(["solve", str(scenario), "-o", str(tmp_path / "out"), "--no-map"])
    err = capsys.readouterr().err
    assert code == 2 and f"{scenario}: {message}" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("patrols", 0, "speed_mps"), 40.0),
        (("patrols", 0, "revisit_minutes"), 1440.0),
        (("drones", 0, "endurance_minutes"), 1.0),
        (("rules", "ratios", 0, "per_attendees"), 1.0),
        (("venue", "edges", 0, "width_m"), 1000.0),
        (("egress", "flow_per_m_per_min", "walkway"), 200.0),
    ],
)
def test_the_bounds_themselves_are_valid(path, value):
    from_document(_set(path, value))


def test_the_egress_lp_status_is_checked(monkeypatch):
    # An egress LP that ends without an optimum (numbers GLOP cannot handle) used to be read
    # as all-zero flows and end in a ZeroDivisionError.
    s = make_scenario(
        [node("stand", "stand"), node("gate", "gate", dlat=0.001, width_m=2.0)],
        [{"a": "stand", "b": "gate", "width_m": 10.0}],
        zones=[{"id": "z", "capacity": 1000, "nodes": ["stand"], "exits": ["gate"]}],
    )
    monkeypatch.setattr(pywraplp.Solver, "Solve", lambda self: pywraplp.Solver.ABNORMAL)
    with pytest.raises(InputError, match="egress: the egress flow LP ended with status"):
        plan_egress(s, VenueGraph.from_scenario(s))


def test_osm_widths_outside_the_bounds_are_estimated(tmp_path: Path):
    from eventplan.osm.tags import edge_width, parse_width

    assert parse_width("0.05") is None and parse_width("5000") is None
    assert parse_width("999") == 999.0 and parse_width("0.1") == 0.1
    assert edge_width({"highway": "footway", "width": "1e9"}) == edge_width({"highway": "footway"})


def test_a_drone_rotation_beyond_what_a_solve_can_plan_is_refused():
    # 1,000 drones at once on one-minute flights over the whole 5-hour concert: about
    # 1,000 x (300 + 3) sorties, more than the 200,000 a drone entry may fly.
    document = _set(("drones", 0, "count"), 1000)
    document["drones"][0].update(endurance_minutes=1.0, phases=["ingress", "show", "egress"])
    with pytest.raises(InputError, match=r"drones\[0\]: the rotation would fly about 303,000"):
        from_document(document)


def test_a_large_fleet_of_short_flights_is_planned_in_seconds():
    # 200 drones on one-minute flights, turned round in a day, over five hours: 60,000
    # sorties on 60,000 airframes. Finding a free airframe by scanning them all took hours.
    import time

    from eventplan.venue.drones import plan_drone

    document = _set(("drones", 0, "count"), 200)
    document["drones"][0].update(
        endurance_minutes=1.0, swap_minutes=1440.0, phases=["ingress", "show", "egress"]
    )
    scenario = from_document(document)
    started = time.perf_counter()
    plan = plan_drone(scenario.drones[0], scenario)
    assert time.perf_counter() - started < 30
    assert len(plan.sorties) == plan.airframes_needed == 200 * 300
