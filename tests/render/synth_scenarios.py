"""Generated scenario documents for the map tests and the map benchmark.

A small concert with every section the map draws (optionally with hostile names), the same
event over two days, and a large grid venue with thousands of posts for the scale benchmark.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.render.synth_command import add_command_rules

ROOT = Path(__file__).resolve().parents[2]
#: The scenarios that ship with eventplan.
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))
HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT_BREAK = "</script><script>alert(2)</script>"


def small_document(hostile: bool = False, command: bool = True) -> dict[str, Any]:
    """A small single-day concert with every section the map draws.

    With ``hostile``, every free-text name (event, venue, nodes, zones, posts, role labels,
    unit label, command post, sector, reserve) carries markup that must stay inert text on the
    map. ``command`` adds the rules of command (see :mod:`tests.render.synth_command`).
    """
    bad = HOSTILE if hostile else ""
    day = "2025-07-12"
    lat0, lon0 = 40.8180, 111.7268
    nodes = []
    grid = {}
    for r in range(4):
        for c in range(4):
            node_id = f"n{r}{c}"
            grid[(r, c)] = node_id
            kind = "gate" if r == 0 else "plaza" if (r, c) == (3, 0) else "junction"
            nodes.append(
                {
                    "id": node_id,
                    "kind": kind,
                    "name": f"Node {r}{c}{bad}",
                    "lat": lat0 + r * 0.0008,
                    "lon": lon0 + c * 0.001,
                }
            )
    nodes.append(
        {
            "id": "cmd",
            "kind": "command",
            "name": f"Command{SCRIPT_BREAK if hostile else ''}",
            "lat": lat0 - 0.0006,
            "lon": lon0 + 0.0015,
        }
    )
    edges = []
    for (r, c), node_id in grid.items():
        if c < 3:
            edges.append({"a": node_id, "b": grid[(r, c + 1)], "width_m": 8})
        if r < 3:
            kind = "stairs" if c == 1 else "walkway"
            edges.append({"a": node_id, "b": grid[(r + 1, c)], "kind": kind, "width_m": 5})
    edges.append({"a": "cmd", "b": "n01", "kind": "road", "width_m": 10})
    zones = [
        {
            "id": "stand-a",
            "name": f"Stand A{bad}",
            "capacity": 9000,
            "nodes": ["n11", "n12"],
            "exits": ["n01", "n02"],
            "polygon": [
                [lat0 + 0.0005, lon0 + 0.0005],
                [lat0 + 0.0005, lon0 + 0.0025],
                [lat0 + 0.0019, lon0 + 0.0025],
                [lat0 + 0.0019, lon0 + 0.0005],
            ],
        },
        {
            "id": "stand-b",
            "name": "看台 B",
            "capacity": 6000,
            "nodes": ["n21", "n31"],
            "exits": ["n30"],
        },
    ]
    posts = [
        {
            "id": "gate-0-screening",
            "name": f"Gate 0 screening{bad}",
            "node": "n00",
            "kind": "screening",
            "priority": "critical",
            "needs": [
                {"phases": ["ingress"], "roles": ["police"], "min": 2},
                {"phases": ["ingress", "show"], "roles": ["guard", "volunteer"], "min": 4},
            ],
        },
        {
            "id": "gate-1",
            "name": "北门 1号岗",
            "node": "n01",
            "kind": "gate",
            "priority": "high",
            "needs": [
                {"phases": ["ingress", "egress"], "roles": ["police", "auxiliary"], "min": 2}
            ],
        },
        {
            "id": "gate-1-guide",
            "name": "Gate 1 guide",
            "node": "n01",
            "kind": "guide",
            "priority": "normal",
            "needs": [{"phases": ["egress"], "roles": ["volunteer"], "min": 3}],
        },
        {
            "id": "gate-2",
            "name": "Gate 2",
            "node": "n02",
            "priority": "high",
            "needs": [{"phases": ["ingress", "show", "egress"], "roles": ["guard"], "min": 3}],
        },
        {
            "id": "plaza",
            "name": "Plaza watch",
            "node": "n30",
            "priority": "normal",
            "needs": [{"phases": ["show"], "roles": ["volunteer"], "min": 2}],
        },
        {
            "id": "stage-front",
            "name": "Stage front",
            "node": "n22",
            "priority": "critical",
            "needs": [{"phases": ["show"], "roles": ["police"], "min": 4}],
        },
        {
            "id": "setup-check",
            "name": "Setup check",
            "node": "n33",
            "priority": "low",
            "needs": [{"phases": ["setup"], "roles": ["guard"], "min": 1}],
        },
    ]
    document = {
        "eventplan": 1,
        "event": {
            "id": "mini-concert",
            "name": f"Mini concert 夏日音乐会{bad}",
            "kind": "concert",
            "timezone": "Asia/Shanghai",
            "attendance": 12000,
            "slot_minutes": 30,
            "phases": [
                {"id": "setup", "start": f"{day}T14:00", "end": f"{day}T16:00"},
                {"id": "ingress", "start": f"{day}T16:00", "end": f"{day}T19:00"},
                {"id": "show", "start": f"{day}T19:00", "end": f"{day}T22:00"},
                {"id": "egress", "start": f"{day}T22:00", "end": f"{day}T23:00"},
            ],
        },
        "roles": {
            "police": {"label": f"Police officer{bad}", "cost": 10, "shift_hours": [4, 12]},
            "auxiliary": {"label": "辅警", "cost": 5, "shift_hours": [4, 12]},
            "guard": {"label": "Security guard", "cost": 3, "shift_hours": [4, 12]},
            "volunteer": {"label": "Volunteer", "cost": 1, "shift_hours": [2, 6]},
        },
        "pools": [
            {"id": "psb", "role": "police", "count": 60},
            {"id": "aux", "role": "auxiliary", "count": 40},
            {"id": "guards", "role": "guard", "count": 80},
            {"id": "vols", "role": "volunteer", "count": 80},
        ],
        "venue": {"name": f"Small Arena{bad}", "nodes": nodes, "edges": edges, "zones": zones},
        "posts": posts,
        "units": [
            {
                "id": "rapid",
                "label": f"Smallest combat unit{bad}",
                "composition": {"police": 2, "auxiliary": 1},
                "count": 2,
                "phases": ["ingress", "show", "egress"],
            }
        ],
        "patrols": [
            {
                "id": "perimeter",
                "composition": {"police": 1, "volunteer": 1},
                "teams": 2,
                "phases": ["ingress", "egress"],
                "targets": {"kinds": ["gate", "plaza"]},
                "revisit_minutes": 20,
            }
        ],
        "drones": [
            {
                "id": "overwatch",
                "count": 1,
                "endurance_minutes": 25,
                "swap_minutes": 5,
                "pilot_role": "police",
                "phases": ["ingress", "egress"],
                "watch": ["n30", "n02"],
            }
        ],
    }
    return add_command_rules(document, day, bad) if command else document


def grid_document(posts: int = 2000, patrols: int = 50, side: int = 48, seed: int = 1) -> dict:
    """A large generated event: a ``side`` x ``side`` grid venue, ``posts`` posts and
    ``patrols`` patrol teams, for the map's scale benchmark."""
    rng = random.Random(seed)
    lat0, lon0, step = 22.5300, 114.0500, 0.00035
    kinds = ["junction"] * 6 + ["gate", "plaza", "parking", "transit"]
    nodes = [
        {
            "id": f"g{r}-{c}",
            "kind": rng.choice(kinds),
            "name": f"点位 {r}-{c}",
            "lat": lat0 + r * step,
            "lon": lon0 + c * step,
        }
        for r in range(side)
        for c in range(side)
    ]
    edges = []
    for r in range(side):
        for c in range(side):
            if c + 1 < side:
                edges.append({"a": f"g{r}-{c}", "b": f"g{r}-{c + 1}"})
            if r + 1 < side:
                edges.append(
                    {
                        "a": f"g{r}-{c}",
                        "b": f"g{r + 1}-{c}",
                        "kind": "stairs" if rng.random() < 0.05 else "walkway",
                    }
                )
    zones = []
    block = side // 4
    for zr in range(4):
        for zc in range(4):
            r0, c0 = zr * block, zc * block
            corner = [
                (r0, c0),
                (r0, c0 + block - 1),
                (r0 + block - 1, c0 + block - 1),
                (r0 + block - 1, c0),
            ]
            zones.append(
                {
                    "id": f"z{zr}{zc}",
                    "name": f"Zone {zr}{zc}",
                    "capacity": 5000,
                    "nodes": [f"g{r0 + 1}-{c0 + 1}"],
                    "exits": [f"g{r0}-{c0}"],
                    "polygon": [[lat0 + r * step, lon0 + c * step] for r, c in corner],
                }
            )
    phase_ids = ["setup", "ingress", "show", "egress"]
    post_list = []
    for i in range(posts):
        r, c = rng.randrange(side), rng.randrange(side)
        phases = rng.sample(phase_ids[1:], rng.randint(1, 3))
        post_list.append(
            {
                "id": f"post-{i}",
                "name": f"Post {i} 岗位",
                "node": f"g{r}-{c}",
                "priority": rng.choice(["critical", "high", "normal", "normal", "low"]),
                "needs": [
                    {
                        "phases": phases,
                        "roles": [rng.choice(["police", "guard", "volunteer"])],
                        "min": rng.randint(1, 3),
                    }
                ],
            }
        )
    day = "2025-09-20"
    return {
        "eventplan": 1,
        "event": {
            "id": "scale-test",
            "name": "Scale test event",
            "kind": "festival",
            "timezone": "Asia/Shanghai",
            "attendance": 100000,
            "slot_minutes": 30,
            "phases": [
                {"id": "setup", "start": f"{day}T12:00", "end": f"{day}T15:00"},
                {"id": "ingress", "start": f"{day}T15:00", "end": f"{day}T18:00"},
                {"id": "show", "start": f"{day}T18:00", "end": f"{day}T22:00"},
                {"id": "egress", "start": f"{day}T22:00", "end": f"{day}T23:30"},
            ],
        },
        "roles": {
            "police": {"label": "Police", "shift_hours": [4, 12]},
            "guard": {"label": "Guard", "shift_hours": [4, 12]},
            "volunteer": {"label": "Volunteer", "shift_hours": [2, 8]},
        },
        "pools": [
            {"id": "police", "role": "police", "count": 5000},
            {"id": "guard", "role": "guard", "count": 5000},
            {"id": "vol", "role": "volunteer", "count": 5000},
        ],
        "venue": {"name": "Grid park", "nodes": nodes, "edges": edges, "zones": zones},
        "posts": post_list,
        "units": [
            {
                "id": "rapid",
                "composition": {"police": 3},
                "count": 20,
                "phases": ["ingress", "show", "egress"],
            }
        ],
        "patrols": [
            {
                "id": "loop",
                "composition": {"police": 1, "volunteer": 1},
                "teams": patrols,
                "phases": ["ingress", "show", "egress"],
                "targets": {"kinds": ["gate", "plaza"]},
                "revisit_minutes": 30,
            }
        ],
        "drones": [
            {
                "id": "eye",
                "count": 3,
                "endurance_minutes": 30,
                "pilot_role": "police",
                "phases": ["ingress", "egress"],
                "watch": ["g5-5", "g20-30", "g40-10"],
            }
        ],
    }


def multiday_document() -> dict[str, Any]:
    """The small event held on two days, its phases given as times of day."""
    document = small_document()
    event = document["event"]
    event["id"] = "mini-festival"
    event["name"] = "Two-day mini festival"
    event["days"] = ["2025-08-20", "2025-08-21"]
    for span in [*event["phases"], *event.get("windows", ()), *event.get("arrivals", ())]:
        span["start"] = span["start"][-5:]
        span["end"] = span["end"][-5:]
    document.setdefault("rules", {})["min_rest_hours"] = 8
    return document
