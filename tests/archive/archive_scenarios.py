"""A small evening event whose plan is known by hand, for the archive's tests.

``evening_document`` (Saturday 2025-07-12, Asia/Shanghai, 30-minute slots; ingress 18:00-20:00,
show 20:00-23:00) has one person per pool, so the solver has one plan:

- ``gate`` (critical) needs a police officer from 18:00 to 23:00: Officer Li (``li``, pool
  ``police`` of organisation ``psb``) works 18:00-23:00, 5 hours, one of them after 22:00;
- ``stage`` (high) needs two guards in the show, 20:00-23:00: the one guard, Wang (``wang``,
  pool ``guards`` of ``secure``), works 20:00-23:00, 3 hours; the second guard is missing:
  1 guard x 3 hours = 3 person-hours short at ``stage``.

``night_document`` is the same force on Sunday night 2025-07-13 from 21:00 to 02:00, only the
gate: Li works 5 hours, 4 of them between 22:00 and 06:00 (a night); Wang is not needed.
"""

from __future__ import annotations

from typing import Any

EVENING = "archive-evening"
NIGHT = "archive-night"


def _force() -> dict[str, Any]:
    return {
        "roles": {
            "police": {"cost": 10, "shift_hours": [3, 6]},
            "guard": {"cost": 3, "shift_hours": [3, 3]},
        },
        "organisations": [
            {"id": "psb", "name": "新城区公安分局", "kind": "police-station"},
            {"id": "secure", "name": "=Secure Ltd", "kind": "security-company"},
        ],
        "pools": [
            {"id": "police", "role": "police", "count": 1, "organisation": "psb"},
            {"id": "guards", "role": "guard", "count": 1, "organisation": "secure"},
        ],
        "people": [
            {"id": "li", "name": "Officer Li 李", "role": "police", "pool": "police"},
            {"id": "wang", "name": "Wang 王", "role": "guard", "pool": "guards"},
        ],
        "venue": {
            "nodes": [
                {"id": "g", "kind": "gate", "lat": 40.81, "lon": 111.72},
                {"id": "s", "kind": "stage", "lat": 40.811, "lon": 111.72},
            ],
            "edges": [{"a": "g", "b": "s"}],
        },
    }


def evening_document() -> dict[str, Any]:
    """The Saturday evening event (see the module)."""
    at = "2025-07-12T"
    return {
        "eventplan": 1,
        "event": {
            "id": EVENING,
            "name": "Evening show",
            "kind": "concert",
            "timezone": "Asia/Shanghai",
            "attendance": 2000,
            "slot_minutes": 30,
            "phases": [
                {"id": "ingress", "start": f"{at}18:00", "end": f"{at}20:00"},
                {"id": "show", "start": f"{at}20:00", "end": f"{at}23:00"},
            ],
        },
        **_force(),
        "posts": [
            {
                "id": "gate",
                "node": "g",
                "priority": "critical",
                "needs": [{"phases": ["ingress", "show"], "roles": ["police"], "min": 1}],
            },
            {
                "id": "stage",
                "node": "s",
                "priority": "high",
                "needs": [{"phases": ["show"], "roles": ["guard"], "min": 2}],
            },
        ],
    }


def night_document() -> dict[str, Any]:
    """The Sunday night event (see the module)."""
    return {
        "eventplan": 1,
        "event": {
            "id": NIGHT,
            "name": "Night market",
            "kind": "other",
            "timezone": "Asia/Shanghai",
            "attendance": 500,
            "slot_minutes": 30,
            "phases": [
                {"id": "open", "start": "2025-07-13T21:00", "end": "2025-07-14T02:00"},
            ],
        },
        **_force(),
        "posts": [
            {
                "id": "gate",
                "node": "g",
                "priority": "critical",
                "needs": [{"phases": ["open"], "roles": ["police"], "min": 1}],
            },
        ],
    }
