"""A micro event for replanning, built in code, solved once and written as a plan folder.

The event runs 16:00-20:00 in one-hour slots. Post ``gate`` (critical) needs 1 police officer
16-20; post ``kiosk`` (high, next door: 10 m away) needs 1 police officer 16-18. Police
shifts last 2 to 4 hours. With ``police=3`` the solve puts one officer at the gate 16-20, one at
the kiosk 16-18 and leaves one officer free.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from eventplan.planning import solve
from eventplan.planning.output import write_plan
from eventplan.scenario import from_document

DAY = "2025-07-12"


def document(police: int = 3) -> dict[str, Any]:
    return copy.deepcopy(
        {
            "eventplan": 1,
            "event": {
                "id": "micro-replan",
                "name": "Micro replan",
                "timezone": "Asia/Shanghai",
                "attendance": 1000,
                "slot_minutes": 60,
                "phases": [
                    {"id": "ingress", "start": f"{DAY}T16:00", "end": f"{DAY}T18:00"},
                    {"id": "show", "start": f"{DAY}T18:00", "end": f"{DAY}T20:00"},
                ],
            },
            "roles": {"police": {"cost": 10.0, "shift_hours": [2.0, 4.0]}},
            "pools": [{"id": "police", "role": "police", "count": police}],
            "venue": {
                "nodes": [
                    {"id": "gate-node", "kind": "gate", "lat": 40.0, "lon": 111.0},
                    {"id": "kiosk-node", "kind": "gate", "lat": 40.0001, "lon": 111.0},
                ],
                "edges": [{"a": "gate-node", "b": "kiosk-node"}],
            },
            "posts": [
                {
                    "id": "gate",
                    "node": "gate-node",
                    "priority": "critical",
                    "needs": [{"phases": ["ingress", "show"], "roles": ["police"], "min": 1}],
                },
                {
                    "id": "kiosk",
                    "node": "kiosk-node",
                    "priority": "high",
                    "needs": [{"phases": ["ingress"], "roles": ["police"], "min": 1}],
                },
            ],
        }
    )


def solved_folder(folder: Path, police: int = 3) -> Path:
    """The micro event solved (one worker, seed 0) and written to ``folder``."""
    scenario = from_document(document(police), file="micro-replan.yaml")
    plan = solve(scenario, time_limit=30, workers=1, seed=0)
    write_plan(plan, folder)
    return folder


def two_days(police: int = 3) -> dict[str, Any]:
    """The micro event on two days (2025-07-12 and 13), its phases times of day."""
    doc = document(police)
    doc["event"]["days"] = [DAY, "2025-07-13"]
    for phase in doc["event"]["phases"]:
        phase["start"], phase["end"] = phase["start"][-5:], phase["end"][-5:]
    return doc


def solved_document(doc: dict[str, Any], folder: Path) -> Path:
    """A scenario document solved (one worker, seed 0) and written to ``folder``."""
    scenario = from_document(doc, file="micro-replan.yaml")
    write_plan(solve(scenario, time_limit=30, workers=1, seed=0), folder)
    return folder
