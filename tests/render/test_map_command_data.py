"""The map's data block for the rules of command: the command post, sectors and their leaders,
reserves, unit leaders, screening queues, no-handover windows and supervision; briefings on
duty nowhere; older or malformed plans drawing nothing of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventplan.render.layers import DATA_VERSION
from eventplan.render.queues import DEFAULT_WAIT_LIMIT_MINUTES
from tests.render import render_synth as synth
from tests.render.synth_command import OVERLOADED
from tests.render.test_map_data import DAY, build, slots


@pytest.fixture(scope="module")
def scenario():
    return synth.scenario_from(synth.small_document())


def at(hhmm: str) -> str:
    return f"{DAY}T{hhmm}"


def row(person: str, post: str, start: str, end: str, **extra: str) -> dict[str, str]:
    """A roster row of a police officer (``name`` = the person id in capitals)."""
    return {
        "person": person,
        "name": person.upper(),
        "role": "police",
        "post": post,
        "start": at(start),
        "end": at(end),
        **extra,
    }


def phase_index(data: dict, phase: str) -> int:
    return [p["id"] for p in data["phases"]].index(phase)


def post_index(scenario, post: str) -> int:
    return [p.id for p in scenario.posts].index(post)


def test_data_block_version() -> None:
    assert DATA_VERSION == 3


def test_sector_leader_on_duty_by_phase(scenario) -> None:
    # The north sector's leader: A 16:00-19:00 (ingress), B 19:00-23:00 (show and egress).
    roster = [
        row("a", "north", "16:00", "19:00", leads="north"),
        row("b", "north", "19:00", "23:00", leads="north"),
    ]
    data = build(scenario, roster=roster)
    north, south = data["sectors"]
    assert (north["id"], north["role"], south["role"]) == ("north", "police", None)
    assert north["posts"] == [
        post_index(scenario, p)
        for p in ("gate-0-screening", "gate-1", "gate-1-guide", "gate-2", OVERLOADED)
    ]
    who = {
        w: [(data["people"][s[0]][0], s[1], s[2]) for s in stints]
        for w, stints in north["lead"].items()
    }
    assert who == {
        phase_index(data, "ingress"): [("A", "16:00", "19:00")],
        phase_index(data, "show"): [("B", "19:00", "23:00")],
        phase_index(data, "egress"): [("B", "19:00", "23:00")],
    }
    hidden = build(scenario, roster=roster, redact=True)
    assert hidden["sectors"][0]["lead"][phase_index(data, "show")] == [["police", "19:00", "23:00"]]
    assert '"A"' not in json.dumps(hidden) and hidden["people"] == []


def test_sector_leaders_from_plan_json_without_a_roster(scenario) -> None:
    plan = {
        "sectors": [
            {
                "id": "north",
                "name": "North",
                "leader_role": "police",
                "leaders": [
                    {"person": "p7", "name": "Li Wei", "start": at("16:00"), "end": at("23:00")}
                ],
            }
        ]
    }
    data = build(scenario, plan=plan)
    (stint,) = data["sectors"][0]["lead"][phase_index(data, "show")]
    assert data["people"][stint[0]] == ["Li Wei", "police"] and stint[1:] == ["16:00", "23:00"]


def test_sector_without_leader_on_duty_is_flagged_by_coverage(scenario) -> None:
    # The leader's station is covered in ingress, not at all in show: codes 1 and 3.
    coverage = slots("north", "police", 1, 1, 16, 19) + slots("north", "police", 1, 0, 19, 22)
    data = build(scenario, coverage=coverage)
    status = data["sectors"][0]["status"]
    assert status[phase_index(data, "ingress")] == "1"
    assert status[phase_index(data, "show")] == "3"
    assert status[phase_index(data, "setup")] == "0"


def test_unit_instance_leaders(scenario) -> None:
    roster = [
        row("c", "rapid", "16:00", "23:00", unit="rapid#1", leads="rapid#1"),
        row("d", "rapid", "16:00", "23:00", unit="rapid#1"),
    ]
    plan = {"standby": [{"unit": "rapid", "index": 1, "node": "n11"}]}
    data = build(scenario, plan=plan, roster=roster)
    (unit,) = data["standby"]
    show = phase_index(data, "show")
    assert [data["people"][i][0] for i in unit["crew"][show]] == ["C", "D"]
    assert [data["people"][i][0] for i in unit["leads"][show]] == ["C"]
    assert build(scenario, plan=plan, roster=roster, redact=True)["standby"][0]["leads"][show] == {
        "police": 1
    }


def test_command_post_and_reserve_at_their_node(scenario) -> None:
    # Both stand at node 'cmd' (index 16): drawn 5 m apart on a ring around it.
    roster = [
        row("e", "police-reserve", "19:00", "22:00"),
        row("f", "police-reserve", "19:00", "22:00"),
    ]
    coverage = slots("police-reserve", "police", 2, 1, 19, 22)
    data = build(scenario, roster=roster, coverage=coverage)
    command, (reserve,) = data["command"], data["reserves"]
    assert command["name"] == "Command post" and command["node"] == 16
    assert (reserve["id"], reserve["name"], reserve["node"], reserve["min"]) == (
        "police-reserve",
        "Police reserve",
        16,
        2,
    )
    assert command["ll"] != reserve["ll"]
    show = phase_index(data, "show")
    assert reserve["on"] == [show]  # the reserve's phases: show only
    assert [data["people"][i][0] for i in reserve["crew"][show]] == ["E", "F"]
    assert reserve["status"][show] == "2"  # one of two: partly


def test_briefings_are_on_duty_nowhere(scenario) -> None:
    # G is briefed 15:30-16:00 (in setup) at the command post and works gate-1 16:00-20:00:
    # in setup G stands nowhere, and no station called 'briefing:cmd' exists.
    roster = [row("g", "briefing:cmd", "15:30", "16:00"), row("g", "gate-1", "16:00", "20:00")]
    data = build(scenario, roster=roster)
    setup = phase_index(data, "setup")
    assert data["staff"][setup] == {}
    gate = post_index(scenario, "gate-1")
    assert [data["people"][i][0] for i in data["staff"][phase_index(data, "ingress")][gate]] == [
        "G"
    ]
    assert "briefing:" not in json.dumps(data)


def queue_plan(post: str, target: float | None, waits: list[float | None]) -> dict:
    """plan.json queues of one post: half-hour slots from 16:00, given the wait of each."""
    return {
        "queues": [
            {
                "post": post,
                "max_wait_minutes": target,
                "worst_wait_minutes": None,
                "slots": [
                    {
                        "start": at(f"{16 + k // 2:02d}:{30 * (k % 2):02d}"),
                        "arrivals_per_minute": 20.0,
                        "lanes_open": 0 if wait is None else 2,
                        "queue": 0.0 if wait == 0 else 150.0,
                        "wait_minutes": wait,
                    }
                    for k, wait in enumerate(waits)
                ],
            }
        ]
    }


def test_queue_over_its_target_by_phase(scenario) -> None:
    # Target 10 min; slots 16:00 .. 20:30. Ingress (16-19) peaks at 12 min: over; show (19-22)
    # at 8 min: within.
    plan = queue_plan("gate-0-screening", 10, [0, 4, 12, 6, 0, 0, 8, 3, 0, 0])
    data = build(scenario, plan=plan)
    (queue,) = data["queues"]
    ingress, show = phase_index(data, "ingress"), phase_index(data, "show")
    assert queue["post"] == post_index(scenario, "gate-0-screening")
    assert (queue["max"], queue["limit"], queue["worst"]) == (10.0, 10.0, 12.0)
    assert queue["over"] == [ingress]
    assert [r[0] for r in queue["by"][ingress]] == [
        "16:00",
        "16:30",
        "17:00",
        "17:30",
        "18:00",
        "18:30",
    ]
    assert queue["by"][show][0] == ["19:00", 20.0, 2, 150, 8.0]


def test_queue_without_target_is_flagged_above_the_default(scenario) -> None:
    # No target: flagged above 15 minutes, so 14 min is fine and 16 min is not; an unbounded
    # wait (null: a queue and no lane open) is always over.
    assert DEFAULT_WAIT_LIMIT_MINUTES == 15
    data = build(scenario, plan=queue_plan(OVERLOADED, None, [14, 14, 14, 14, 14, 14, 16]))
    (queue,) = data["queues"]
    assert (queue["max"], queue["limit"]) == (None, 15.0)
    assert queue["over"] == [phase_index(data, "show")]
    data = build(scenario, plan=queue_plan(OVERLOADED, None, [0, None]))
    assert data["queues"][0]["worst"] is None
    assert data["queues"][0]["over"] == [phase_index(data, "ingress")]
    assert data["queues"][0]["by"][phase_index(data, "ingress")][1][4] is None


def test_rules_with_times_and_days() -> None:
    scenario = synth.scenario_from(synth.multiday_document())
    plan = {
        "rules": {
            "no_handover": [
                {"id": "show-start", "start": "2025-08-21T18:30", "end": "2025-08-21T19:30"},
                {"id": "show-start", "start": "2025-08-20T18:30", "end": "2025-08-20T19:30"},
                {"id": "broken", "start": "tomorrow"},
            ],
            "supervision": [
                {"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 4},
                {"roles": ["guard"], "by": ["police"], "scope": "venue"},
            ],
        }
    }
    rules = build(scenario, plan=plan)["rules"]
    assert rules["noHandover"] == [
        ["show-start", "18:30", "19:30", "2025-08-20"],
        ["show-start", "18:30", "19:30", "2025-08-21"],
    ]
    assert rules["supervision"] == [
        [["auxiliary"], ["police"], 4.0, "post", []],
        [["guard"], ["police"], None, "venue", []],
    ]


def test_older_plan_draws_no_command_rules(scenario) -> None:
    # No command sections in plan.json and no leads column: the scenario's command post and
    # sectors still show, without leaders; nothing else appears.
    data = build(scenario, plan={}, roster=[row("h", "gate-1", "16:00", "20:00")])
    assert [s["lead"] for s in data["sectors"]] == [{}, {}]
    assert data["reserves"][0]["crew"] == {}
    assert data["queues"] == []
    assert data["rules"] == {"noHandover": [], "supervision": []}
    plain = synth.scenario_from(synth.small_document(command=False))
    data = build(plain, plan={})
    assert (data["command"], data["sectors"], data["reserves"]) == (None, [], [])


@pytest.mark.parametrize(
    "plan",
    [
        {"command": "cmd", "sectors": "x", "reserves": 3, "rules": 5, "queues": {"a": 1}},
        {
            "command": {"node": "nowhere"},
            "sectors": [1, {"id": "ghost", "leaders": [{"start": "x"}, "y"]}],
            "reserves": [{"id": "ghost", "node": "nowhere"}],
            "rules": {"no_handover": "x", "supervision": [None, {"roles": 7}]},
            "queues": [1, {"post": "nowhere"}, {"post": "gate-1", "slots": [{"start": None}]}],
        },
    ],
)
def test_malformed_sections_draw_nothing(scenario, plan: dict) -> None:
    data = build(scenario, plan=plan)
    assert data["command"]["node"] == 16  # the scenario's command post
    assert [s["id"] for s in data["sectors"]][:2] == ["north", "south"]
    assert all(s["lead"] == {} for s in data["sectors"])
    assert [r["id"] for r in data["reserves"]] == ["police-reserve"]
    queues = [q for q in data["queues"] if q["by"]]
    assert queues == []
    assert data["rules"]["noHandover"] == []


def test_solved_plan_carries_every_command_section(plans: dict[str, Path]) -> None:
    from eventplan.render.bundle import load_bundle
    from eventplan.render.i18n import texts
    from eventplan.render.layers import map_data

    folder = plans["mini"]
    data = map_data(load_bundle(folder), redact=False, text=texts("en"))
    plan = json.loads((folder / "plan.json").read_text("utf-8"))
    assert data["command"]["node"] == 16
    leaders = {s["name"] for s in plan["sectors"][0]["leaders"]}
    shown = {
        data["people"][s[0]][0] for stints in data["sectors"][0]["lead"].values() for s in stints
    }
    assert leaders and shown == leaders
    members = {m["name"] for m in plan["reserves"][0]["members"]}
    crew = {data["people"][i][0] for c in data["reserves"][0]["crew"].values() for i in c}
    assert members and crew == members
    assert [q["post"] for q in data["queues"]] == [0, post_index_of(data, OVERLOADED)]
    assert data["rules"]["noHandover"] == [["show-start", "18:30", "19:30", ""]]
    assert any(unit["leads"] for unit in data["standby"])
    briefed = {
        line.split(",")[0]
        for line in (folder / "roster.csv").read_text("utf-8").splitlines()
        if ",briefing:" in line
    }
    assert briefed  # the police are briefed: the map shows them only where they work
    assert "briefing:" not in json.dumps(data, ensure_ascii=False)


def post_index_of(data: dict, post_id: str) -> int:
    return next(p["i"] for p in data["posts"] if p["id"] == post_id)
