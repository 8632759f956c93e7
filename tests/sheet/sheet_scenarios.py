"""Small scenarios for the duty-sheet tests, and a plan folder written by hand.

``solved_document`` is an evening event with every part the sheet shows: organisations, a pool
grouped by its ``unit`` text and one by nothing, muster points, a briefing without a muster,
call signs and radio channels, a sector with a leader, a standing unit with a leader and a
muster of its own, a reserve and the command post. Its three volunteers carry hostile names
and stand at a critical post that needs all three, so every one of them is on the roster.

``handmade_folder`` writes a plan folder whose roster is chosen here, so that handovers,
breaks, muster times and leaders have answers known in advance. Its roster.csv is written as
``eventplan solve`` writes one (a byte-order mark, CRLF line ends, text cells neutralised
against formulas), and its plan leaves two needs uncovered (``HANDMADE_SHORTFALLS``).


``changeover_night`` is the long night of ``tests.dst.events`` on the night the clocks go
back, cut so that its only solution changes over at both readings of 02:30 (see there).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from eventplan.io.plan_files import ROSTER_COLUMNS
from eventplan.io.spreadsheet import BYTE_ORDER_MARK, neutralise
from eventplan.scenario import dump, from_document
from tests.dst.events import AUTUMN, long_night

DAY = "2025-07-12"
FORMULA = "=cmd|' /C calc'!A0"
SCRIPT = "<script>alert(1)</script>"
LONG_NAME = "长" * 100 + "x" * 100
#: The volunteers' names: each must reach the workbook as text and the page as inert text.
HOSTILE_NAMES = (FORMULA, SCRIPT, LONG_NAME)


def _nodes() -> list[dict[str, Any]]:
    places = [
        ("cmd", "command", "Command building 指挥楼"),
        ("gA", "gate", "Gate A"),
        ("gB", "gate", "Gate B"),
        ("plaza", "plaza", "Plaza 广场"),
        ("stage", "stage", "Stage"),
    ]
    return [
        {"id": i, "kind": kind, "name": name, "lat": 40.81 + k * 0.0005, "lon": 111.72}
        for k, (i, kind, name) in enumerate(places)
    ]


def solved_document() -> dict[str, Any]:
    """The scenario the real solver plans for the workbook, page and command tests."""
    at = f"{DAY}T"
    return {
        "eventplan": 1,
        "event": {
            "id": "sheet-test",
            "name": "Evening show 夏日晚会 <b>&amp;</b>",
            "kind": "concert",
            "timezone": "Asia/Shanghai",
            "attendance": 3000,
            "slot_minutes": 30,
            "phases": [
                {"id": "ingress", "start": f"{at}16:00", "end": f"{at}19:00"},
                {"id": "show", "start": f"{at}19:00", "end": f"{at}22:00"},
                {"id": "egress", "start": f"{at}22:00", "end": f"{at}23:00"},
            ],
        },
        "roles": {
            "police": {
                "label": "Police officer",
                "cost": 10,
                "shift_hours": [4, 10],
                "briefing": {"minutes": 30, "node": "cmd"},
            },
            "auxiliary": {"cost": 5, "shift_hours": [4, 10]},
            "guard": {"label": "Security guard", "cost": 3, "shift_hours": [4, 10]},
            "volunteer": {"label": "志愿者", "cost": 1, "shift_hours": [2, 6]},
        },
        "organisations": [
            {
                "id": "psb",
                "name": "新城区公安分局",
                "kind": "police-station",
                "commander": "王建国",
                "phone": "0471-6900110",
            },
            {"id": "secure", "name": FORMULA, "kind": "security-company", "commander": "+1 555"},
        ],
        "pools": [
            {
                "id": "police",
                "role": "police",
                "count": 30,
                "organisation": "psb",
                "muster": {"node": "cmd", "minutes_before": 45},
            },
            {
                "id": "aux",
                "role": "auxiliary",
                "count": 10,
                "unit": "District auxiliary brigade",
                "briefing": {"minutes": 30, "node": "plaza"},
            },
            {
                "id": "guards",
                "role": "guard",
                "count": 20,
                "organisation": "secure",
                "muster": {"node": "plaza", "minutes_before": 30},
            },
            {"id": "vols", "role": "volunteer", "count": 3},
        ],
        "people": [
            {"id": f"vol-{k}", "name": name, "role": "volunteer", "pool": "vols"}
            for k, name in enumerate(HOSTILE_NAMES, start=1)
        ],
        "rules": {"meal_break": {"after_hours": 6, "minutes": 30}},
        "venue": {
            "name": "Small hall",
            "nodes": _nodes(),
            "edges": [
                {"a": "cmd", "b": "gA"},
                {"a": "gA", "b": "gB"},
                {"a": "gB", "b": "plaza"},
                {"a": "plaza", "b": "stage"},
            ],
        },
        "posts": [
            {
                "id": "gate-a",
                "name": "Gate A 甲门",
                "node": "gA",
                "priority": "critical",
                "call_sign": "A门",
                "radio_channel": "3",
                "needs": [
                    {"phases": ["ingress", "show"], "roles": ["police"], "min": 1},
                    {"phases": ["ingress", "show", "egress"], "roles": ["guard"], "min": 2},
                ],
            },
            {
                "id": "gate-b",
                "name": "@gate B",
                "node": "gB",
                "priority": "critical",
                "call_sign": "-B",
                "needs": [
                    {"phases": ["ingress"], "roles": ["guard"], "min": 2},
                    {"phases": ["ingress"], "roles": ["auxiliary"], "min": 1},
                ],
            },
            {
                "id": "info",
                "name": SCRIPT,
                "node": "plaza",
                "priority": "critical",
                "needs": [{"phases": ["show"], "roles": ["volunteer"], "min": 3}],
            },
            {
                "id": "stage-front",
                "name": "Stage front",
                "node": "stage",
                "priority": "critical",
                "needs": [{"phases": ["show"], "roles": ["police"], "min": 2}],
            },
        ],
        "units": [
            {
                "id": "rapid",
                "label": "Rapid unit",
                "composition": {"police": 1, "auxiliary": 1},
                "count": 2,
                "phases": ["ingress", "show"],
                "standing": True,
                "leader": "police",
                "call_sign": "快反",
                "radio_channel": "2",
                "muster": {"node": "cmd", "minutes_before": 20},
            },
        ],
        "command": {
            "name": "Command post",
            "node": "cmd",
            "call_sign": "指挥部",
            "radio_channel": "1",
        },
        "sectors": [
            {
                "id": "north",
                "name": "North sector",
                "posts": ["gate-a", "gate-b"],
                "leader": {"role": "police"},
                "call_sign": "北区",
                "radio_channel": "5",
            },
        ],
        "reserves": [
            {
                "id": "res",
                "name": "Police reserve",
                "roles": ["police"],
                "phases": ["show"],
                "min": 2,
                "node": "cmd",
            },
        ],
    }


def handmade_document() -> dict[str, Any]:
    """A tiny scenario for the plan folder written by hand (08:00 to 16:00)."""
    at = f"{DAY}T"
    return {
        "eventplan": 1,
        "event": {
            "id": "handmade",
            "name": "Handmade",
            "timezone": "Asia/Shanghai",
            "attendance": 100,
            "slot_minutes": 30,
            "phases": [
                {"id": "morning", "start": f"{at}08:00", "end": f"{at}12:00"},
                {"id": "afternoon", "start": f"{at}12:00", "end": f"{at}16:00"},
            ],
        },
        "roles": {
            "police": {
                "label": "Police officer",
                "shift_hours": [2, 10],
                "briefing": {"minutes": 30, "node": "cmd"},
            },
            "guard": {"label": "保安", "shift_hours": [2, 10]},
        },
        "organisations": [{"id": "psb", "name": "PSB", "commander": "Chief"}],
        "pools": [
            {
                "id": "cops",
                "role": "police",
                "count": 5,
                "organisation": "psb",
                "muster": {"node": "cmd", "minutes_before": 45},
            },
            {"id": "guards", "role": "guard", "count": 5, "unit": "Guard company"},
        ],
        "rules": {"meal_break": {"after_hours": 4, "minutes": 30}},
        "venue": {"nodes": _nodes()[:2], "edges": [{"a": "cmd", "b": "gA"}]},
        "posts": [
            {
                "id": "gate",
                "name": "Gate",
                "node": "gA",
                "call_sign": "G1",
                "radio_channel": "4",
                "needs": [
                    {"phases": ["morning", "afternoon"], "roles": ["guard"], "min": 1},
                    {"phases": ["morning", "afternoon"], "roles": ["police"], "min": 1},
                ],
            },
        ],
        "sectors": [
            {"id": "s1", "name": "Sector one", "posts": ["gate"], "leader": {"role": "police"}}
        ],
        "command": {"name": "HQ", "node": "cmd", "call_sign": "Base"},
    }


#: The roster of the handmade plan: (person, name, role, pool, post, start, end, leads).
HANDMADE_ROSTER = [
    ("g1", "Guard One", "guard", "guards", "gate", "08:00", "12:00", ""),
    ("g2", "Guard Two", "guard", "guards", "gate", "12:00", "16:00", ""),
    ("c1", "Cop One", "police", "cops", "briefing:cmd", "07:30", "08:00", ""),
    ("c1", "Cop One", "police", "cops", "gate", "08:00", "11:00", ""),
    ("c1", "Cop One", "police", "cops", "gate", "11:30", "16:00", ""),
    ("c2", "Cop Two", "police", "cops", "briefing:cmd", "10:30", "11:00", ""),
    ("c2", "Cop Two", "police", "cops", "gate", "11:00", "11:30", ""),
    ("c3", "Lead A", "police", "cops", "briefing:cmd", "07:30", "08:00", ""),
    ("c3", "Lead A", "police", "cops", "s1", "08:00", "12:00", "s1"),
    ("c4", "Lead B", "police", "cops", "briefing:cmd", "11:30", "12:00", ""),
    ("c4", "Lead B", "police", "cops", "s1", "12:00", "16:00", "s1"),
]


#: The handmade plan's shortfalls, as plan.json stores them: the low one first in the file.
HANDMADE_SHORTFALLS = [
    {
        "post": "gate",
        "role_group": "guard",
        "start": f"{DAY}T15:00",
        "end": f"{DAY}T16:00",
        "missing": 1,
        "priority": "low",
        "cause": "left open by choice: at low priority (weight 1 per person-hour) the shortest "
        "shift that would cover it costs more",
    },
    {
        "post": "gate",
        "role_group": "police",
        "start": f"{DAY}T08:00",
        "end": f"{DAY}T09:00",
        "missing": 2,
        "priority": "critical",
        "cause": "nobody of role police is available then (pools: cops)",
    },
]


def handmade_folder(folder: Path) -> Path:
    """Write the handmade plan folder (scenario.json, plan.json, roster.csv, coverage.csv)."""
    folder.mkdir(parents=True, exist_ok=True)
    dump(from_document(handmade_document()), folder / "scenario.json")
    plan = {
        "eventplan": 1,
        "solver": {"status": "optimal", "gap": 0.0, "objective": 1234.5},
        "phases": [
            {"id": "morning", "start": f"{DAY}T08:00", "end": f"{DAY}T12:00"},
            {"id": "afternoon", "start": f"{DAY}T12:00", "end": f"{DAY}T16:00"},
        ],
        "shortfalls": HANDMADE_SHORTFALLS,
    }
    (folder / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    with (folder / "roster.csv").open("w", encoding="utf-8", newline="") as stream:
        stream.write(BYTE_ORDER_MARK)
        out = csv.writer(stream, lineterminator="\r\n")
        out.writerow(ROSTER_COLUMNS)
        for person, name, role, pool, post, start, end, leads in HANDMADE_ROSTER:
            row = [person, name, role, pool, "", post, f"{DAY}T{start}", f"{DAY}T{end}", leads]
            out.writerow([neutralise(cell) for cell in row])
    with (folder / "coverage.csv").open("w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(
            ["post", "slot_start", "slot_end", "role_group", "required", "assigned", "shortfall"]
        )
        for hour in range(8, 16):
            for half in ("00", "30"):
                start = f"{DAY}T{hour:02d}:{half}"
                end = f"{DAY}T{hour + (half == '30'):02d}:{'00' if half == '30' else '30'}"
                out.writerow(["gate", start, end, "guard", 1, 1, 0])
                out.writerow(["gate", start, end, "police", 1, 1, 0])
    return folder


def changeover_night() -> dict[str, Any]:
    """The long night of 25 to 26 October 2025 in Berlin, when 02:00 to 03:00 happens twice:
    ingress 22:00 to the first 02:30 (+02:00), a show of one real hour to the second 02:30
    (+01:00), egress to 07:00 (+01:00).

    Guards work exactly 4.5 hours and police officers 5.5, with no meal break, so the one
    cheapest plan is forced: the gate's guard for ingress (22:00 to the first 02:30) hands
    over to the only police officer (the first 02:30 to 07:00, 5.5 real hours), and the
    second guard starts at the second 02:30 (to 07:00, 4.5 hours), taking over from nobody.
    The stage, of low priority, gets nobody: its police need is short from the first 02:30,
    its guard need from the second.
    """
    eve, day = AUTUMN
    first, second = f"{day}T02:30+02:00", f"{day}T02:30+01:00"
    return long_night(
        AUTUMN,
        phases=[
            {"id": "ingress", "start": f"{eve}T22:00", "end": first},
            {"id": "show", "start": first, "end": second},
            {"id": "egress", "start": second, "end": f"{day}T07:00"},
        ],
        roles={
            "guard": {"cost": 3.0, "shift_hours": [4.5, 4.5]},
            "police": {"cost": 10.0, "shift_hours": [5.5, 5.5]},
        },
        rules={"min_rest_hours": 11.0},
        pools=[
            {"id": "police", "role": "police", "count": 1},
            {"id": "guards", "role": "guard", "count": 2},
        ],
        posts=[
            {
                "id": "gate-watch",
                "node": "gate",
                "priority": "critical",
                "needs": [
                    {"phases": ["ingress", "egress"], "roles": ["guard"], "min": 1},
                    {"phases": ["show", "egress"], "roles": ["police"], "min": 1},
                ],
            },
            {
                "id": "stage-front",
                "node": "stage",
                "priority": "low",
                "needs": [
                    {"phases": ["egress"], "roles": ["guard"], "min": 1},
                    {"phases": ["show", "egress"], "roles": ["police"], "min": 1},
                ],
            },
        ],
    )
