"""The map's data block: coverage colours, people, forces, reach and reading plan folders."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from eventplan.errors import InputError
from eventplan.render.bundle import as_bundle, load_bundle
from eventplan.render.forces import bottleneck, spec_for
from eventplan.render.i18n import texts
from eventplan.render.layers import map_data
from eventplan.render.phases import PhaseWindow, phase_windows
from eventplan.render.reach import edge_bands, walking_minutes
from tests.render import render_synth as synth

DAY = "2025-07-12"


@pytest.fixture(scope="module")
def scenario():
    return synth.scenario_from(synth.small_document())


def slots(post: str, group: str, required: int, assigned: int, start: int, end: int) -> list:
    """Half-hour coverage rows from ``start`` to ``end`` o'clock."""
    rows = []
    for half in range(start * 2, end * 2):
        a = f"{DAY}T{half // 2:02d}:{30 * (half % 2):02d}"
        b = f"{DAY}T{(half + 1) // 2:02d}:{30 * ((half + 1) % 2):02d}"
        rows.append(
            {
                "post": post,
                "slot_start": a,
                "slot_end": b,
                "role_group": group,
                "required": required,
                "assigned": assigned,
            }
        )
    return rows


def build(scenario, plan=None, roster=(), coverage=(), redact=False) -> dict:
    bundle = as_bundle(
        {
            "plan": plan or {},
            "scenario": scenario,
            "roster": list(roster),
            "coverage": list(coverage),
        }
    )
    return map_data(bundle, redact=redact, text=texts("en"))


def test_post_colour_follows_coverage_in_each_phase(scenario) -> None:
    coverage = (
        slots("gate-1", "police+auxiliary", 2, 2, 16, 19)
        + slots("gate-2", "guard", 3, 1, 16, 19)
        + slots("gate-0-screening", "police", 2, 0, 16, 19)
        + slots("gate-0-screening", "guard+volunteer", 4, 4, 19, 22)
        + slots("stage-front", "police", 4, 4, 19, 20)
        + slots("stage-front", "police", 4, 2, 20, 22)
    )
    data = build(scenario, coverage=coverage)
    ids = [p["id"] for p in data["posts"]]
    phases = [p["id"] for p in data["phases"]]
    ingress, show = data["status"][phases.index("ingress")], data["status"][phases.index("show")]
    assert ingress[ids.index("gate-1")] == "1"  # every slot staffed: green
    assert ingress[ids.index("gate-2")] == "2"  # some: amber
    assert ingress[ids.index("gate-0-screening")] == "3"  # none: red
    assert ingress[ids.index("plaza")] == "0"  # no need: grey
    assert show[ids.index("gate-0-screening")] == "1"
    assert show[ids.index("stage-front")] == "2"
    cover = data["cover"][phases.index("show")][ids.index("stage-front")]
    assert cover == [["police", 4, 2, 4.0]]  # peak need, fewest on duty, missing person-hours


def test_people_are_listed_by_phase_and_redacted_to_counts(scenario) -> None:
    roster = [
        {
            "person": "p1",
            "name": "王伟",
            "role": "police",
            "post": "gate-1",
            "start": f"{DAY}T16:00",
            "end": f"{DAY}T20:00",
        },
        {
            "person": "p2",
            "name": "Li Na",
            "role": "auxiliary",
            "post": "gate-1",
            "start": f"{DAY}T22:00",
            "end": f"{DAY}T23:00",
        },
    ]
    data = build(scenario, roster=roster)
    phases = [p["id"] for p in data["phases"]]
    post = [p["id"] for p in data["posts"]].index("gate-1")
    named = {
        w: [data["people"][i][0] for i in data["staff"][w].get(post, [])]
        for w in range(len(phases))
    }
    assert named[phases.index("ingress")] == ["王伟"]
    assert named[phases.index("show")] == ["王伟"]
    assert named[phases.index("egress")] == ["Li Na"]
    assert named[phases.index("setup")] == []
    hidden = build(scenario, roster=roster, redact=True)
    assert hidden["people"] == []
    assert hidden["staff"][phases.index("show")][post] == {"police": 1}
    assert "王伟" not in json.dumps(hidden, ensure_ascii=False)


def test_forces_follow_the_solver_layout(scenario) -> None:
    plan = {
        "patrols": [
            {
                "id": "perimeter",
                "team": 1,
                "nodes": ["n00", "n01", "n02", "n00"],
                "loop_minutes": 5.5,
                "max_revisit_minutes": 5.5,
            },
            {"id": "perimeter", "team": 2, "nodes": ["n30", "n30"]},
        ],
        "standby": [{"unit": "rapid", "index": 1, "node": "n11"}],
        "egress": [
            {
                "zone": "stand-a",
                "persons": 7200,
                "minutes": 9.5,
                "bottleneck": "n01|n11",
                "bottlenecks": [
                    {
                        "edge": ["n11", "n01"],
                        "kind": "stairs",
                        "width_m": 5,
                        "persons_per_minute": 330,
                    }
                ],
            }
        ],
        "drones": [{"id": "overwatch", "sorties": [{}, {}, {}]}],
    }
    roster = [
        {
            "person": "a",
            "name": "A",
            "role": "police",
            "unit": "perimeter#1",
            "post": "perimeter",
            "start": f"{DAY}T16:00",
            "end": f"{DAY}T23:00",
        },
        {
            "person": "b",
            "name": "B",
            "role": "police",
            "unit": "perimeter#2",
            "post": "perimeter",
            "start": f"{DAY}T16:00",
            "end": f"{DAY}T23:00",
        },
        {
            "person": "c",
            "name": "C",
            "role": "police",
            "unit": "rapid#1",
            "post": "rapid",
            "start": f"{DAY}T16:00",
            "end": f"{DAY}T23:00",
        },
    ]
    data = build(scenario, plan=plan, roster=roster)
    phases = [p["id"] for p in data["phases"]]
    ingress = phases.index("ingress")
    first, second = data["patrols"]
    assert first["walk"][0] == first["walk"][-1] and len(first["walk"]) == 4
    assert first["on"] == [phases.index("ingress"), phases.index("egress")]
    assert [data["people"][i][0] for i in first["crew"][ingress]] == ["A"]
    assert [data["people"][i][0] for i in second["crew"][ingress]] == ["B"]
    (unit,) = data["standby"]
    assert unit["on"] == [1, 2, 3] and [data["people"][i][0] for i in unit["crew"][1]] == ["C"]
    (egress,) = data["egress"]
    assert egress["met"] is False  # 9.5 minutes against the default 8-minute target
    assert egress["neck"]["kind"] == "stairs" and egress["neck"]["flow"] == 330
    assert data["drones"][0]["sorties"] == 3
    assert data["reach"]["of"][phases.index("setup")] == -1
    assert data["reach"]["of"][ingress] == 0


def test_missing_sections_draw_nothing(scenario) -> None:
    data = build(scenario, plan={"patrols": None, "egress": "?", "standby": [{"node": "nowhere"}]})
    assert data["patrols"] == [] and data["egress"] == [] and data["standby"] == []
    assert data["kpis"] == {} and data["reach"]["sets"] == []
    assert len(data["posts"]) == len(scenario.posts)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("n01|n11", {"edge": [1, 5]}),
        ("n01->n11", {"edge": [1, 5]}),
        ("n01-n11", {"edge": [1, 5]}),
        (["n01", "n11"], {"edge": [1, 5]}),
        ({"a": "n01", "b": "n11"}, {"edge": [1, 5]}),
        ("n01", {"node": 1}),
        ("somewhere", {}),
        (None, {}),
    ],
)
def test_bottleneck_forms(value, expected: dict) -> None:
    index = {"n00": 0, "n01": 1, "n10": 4, "n11": 5}
    found = bottleneck(value, index)
    found.pop("text")
    assert found == expected


def test_items_belong_to_their_spec() -> None:
    specs = {"perimeter": "P", "perimeter-inner": "I"}
    assert spec_for("perimeter", specs) == "P"
    assert spec_for("perimeter#2", specs) == "P"
    assert spec_for("perimeter-inner-3", specs) == "I"
    assert spec_for("perimeterx", specs) is None


def test_reach_bands_walk_the_graph() -> None:
    # a -1 min- b -2 min- c -5 min- d ; thresholds 1, 3, 5 minutes from a
    graph = [[(1, 1.0)], [(0, 1.0), (2, 2.0)], [(1, 2.0), (3, 5.0)], [(2, 5.0)]]
    assert walking_minutes(graph, [0], 5) == {0: 0.0, 1: 1.0, 2: 3.0}
    assert edge_bands(graph, [(0, 1), (1, 2), (2, 3)], [0], [1, 3, 5]) == [0, 1, -1]


def test_phase_windows_of_a_multiday_event() -> None:
    scenario = synth.scenario_from(synth.multiday_document())
    windows = phase_windows(scenario, {})
    assert len(windows) == 8
    # local times with their UTC offset (Asia/Shanghai), which compare in real time
    shanghai = timezone(timedelta(hours=8))
    assert windows[0] == PhaseWindow(
        "setup",
        datetime(2025, 8, 20, 14, tzinfo=shanghai),
        datetime(2025, 8, 20, 16, tzinfo=shanghai),
    )
    assert windows[-1].day == "2025-08-21"
    data = build(scenario)
    assert [p["day"] for p in data["phases"]] == ["2025-08-20"] * 4 + ["2025-08-21"] * 4


def test_bundle_from_data_frames(scenario) -> None:
    coverage = pd.DataFrame(slots("gate-1", "police", 2, 1, 16, 17))
    roster = pd.DataFrame(
        [
            {
                "person": "p",
                "name": None,
                "role": "police",
                "pool": "psb",
                "unit": float("nan"),
                "post": "gate-1",
                "start": pd.Timestamp(f"{DAY}T16:00"),
                "end": f"{DAY}T17:00",
            }
        ]
    )
    bundle = as_bundle({"plan": {}, "scenario": scenario, "roster": roster, "coverage": coverage})
    assert bundle.coverage[0].shortfall == 1 and bundle.roster[0].name == ""
    assert bundle.roster[0].unit == ""


def test_plan_folder_problems_are_input_errors(tmp_path: Path, scenario) -> None:
    with pytest.raises(InputError, match="not a plan folder"):
        load_bundle(tmp_path / "missing")
    with pytest.raises(InputError, match=r"no plan\.json"):
        load_bundle(tmp_path)
    (tmp_path / "plan.json").write_text("{oops", "utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        load_bundle(tmp_path)
    (tmp_path / "plan.json").write_text("{}", "utf-8")
    with pytest.raises(InputError, match="scenario"):
        load_bundle(tmp_path)
    folder = synth.write_plan(scenario, tmp_path / "plan")
    text = (folder / "coverage.csv").read_text("utf-8").splitlines()
    text[1] = text[1].rsplit(",", 3)[0] + ",two,1,1"
    (folder / "coverage.csv").write_text("\n".join(text), "utf-8")
    with pytest.raises(InputError, match=r"coverage\.csv:2: required: expected a number"):
        load_bundle(folder)
    with pytest.raises(InputError):
        as_bundle({"plan": {}})
