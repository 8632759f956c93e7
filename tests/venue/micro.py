"""Hand-built venues for the venue tests: nodes near a fixed point, a minimal scenario."""

from __future__ import annotations

from typing import Any

from eventplan.scenario import Scenario, from_document

LAT, LON = 43.7300, 7.4200


def node(
    node_id: str, kind: str = "junction", dlat: float = 0.0, dlon: float = 0.0, **extra: Any
) -> dict[str, Any]:
    """A node near a fixed point (offsets in degrees)."""
    return {"id": node_id, "kind": kind, "lat": LAT + dlat, "lon": LON + dlon, **extra}


def make_scenario(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]] | None = None,
    *,
    zones: list[dict[str, Any]] | None = None,
    attendance: int = 100_000,
    phases: list[dict[str, Any]] | None = None,
    days: list[str] | None = None,
    **sections: Any,
) -> Scenario:
    """A minimal valid scenario around a venue (one role, one pool, one post)."""
    document = {
        "eventplan": 1,
        "event": {
            "id": "micro",
            "name": "Micro venue",
            "timezone": "Europe/Monaco",
            "attendance": attendance,
            "slot_minutes": 15,
            "phases": phases
            or [{"id": "show", "start": "2025-07-12T19:00", "end": "2025-07-12T20:00"}],
            **({"days": days} if days else {}),
        },
        "roles": {"police": {"shift_hours": [1, 12]}},
        "pools": [{"id": "police", "role": "police", "count": 100}],
        "venue": {"nodes": nodes, "edges": edges or [], "zones": zones or []},
        "posts": [
            {
                "id": "post",
                "node": nodes[0]["id"],
                "priority": "normal",
                "needs": [{"phases": ["show"], "roles": ["police"], "min": 1}],
            }
        ],
        **sections,
    }
    return from_document(document)
