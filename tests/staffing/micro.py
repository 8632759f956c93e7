"""Tiny scenarios for the staffing tests, built in code (one constraint family each)."""

from __future__ import annotations

import copy
from typing import Any

from eventplan.scenario import Scenario, from_document

DAY = "2025-07-12"


def at(hhmm: str, day: str = DAY) -> str:
    return f"{day}T{hhmm}"


def document(**sections: Any) -> dict[str, Any]:
    """A valid one-post, one-pool document; keyword sections replace or extend it."""
    doc: dict[str, Any] = {
        "eventplan": 1,
        "event": {
            "id": "micro",
            "name": "Micro",
            "timezone": "Europe/Paris",
            "attendance": 1000,
            "slot_minutes": 15,
            "phases": [{"id": "main", "start": at("08:00"), "end": at("16:00")}],
        },
        "roles": {"police": {"cost": 1, "shift_hours": [4, 8]}},
        "pools": [{"id": "p", "role": "police", "count": 10}],
        "venue": {"nodes": [{"id": "g", "kind": "gate", "lat": 43.7, "lon": 7.4}]},
        "posts": [
            {
                "id": "post",
                "node": "g",
                "priority": "critical",
                "needs": [{"phases": ["main"], "roles": ["police"], "min": 1}],
            }
        ],
    }
    for key, value in sections.items():
        if key in (
            "phases",
            "arrivals",
            "days",
            "attendance",
            "slot_minutes",
            "windows",
            "arrival_profiles",
        ):
            doc["event"][key] = value
        else:
            doc[key] = copy.deepcopy(value)
    return doc


def scenario(**sections: Any) -> Scenario:
    return from_document(document(**sections))
