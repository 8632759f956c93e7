"""Micro-scenarios for the what-if tests, built in code (fixtures ``micro`` and ``micro_doc``).

The event runs 16:00-22:00 in one-hour slots: ingress 16-18, show 18-20, egress 20-22. No meal
breaks, no ratios; one shift a person.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from eventplan.scenario import Scenario, from_document

DAY = "2025-07-12"


def document(
    police: int = 6,
    guards: int = 6,
    police_hours: tuple[float, float] = (2.0, 4.0),
) -> dict[str, Any]:
    """A small concert.

    - gate (critical): 2 police through ingress and show (16-20);
    - stage (high): 2 guards through the show (18-20);
    - exit (normal): 1 police or guard through egress (20-22).
    """
    return copy.deepcopy(
        {
            "eventplan": 1,
            "event": {
                "id": "micro-concert",
                "name": "Micro concert",
                "timezone": "Asia/Shanghai",
                "attendance": 1000,
                "slot_minutes": 60,
                "phases": [
                    {"id": "ingress", "start": f"{DAY}T16:00", "end": f"{DAY}T18:00"},
                    {"id": "show", "start": f"{DAY}T18:00", "end": f"{DAY}T20:00"},
                    {"id": "egress", "start": f"{DAY}T20:00", "end": f"{DAY}T22:00"},
                ],
            },
            "roles": {
                "police": {"cost": 10.0, "shift_hours": list(police_hours)},
                "guard": {"cost": 3.0, "shift_hours": [2.0, 6.0]},
            },
            "pools": [
                {"id": "police", "role": "police", "count": police},
                {"id": "guards", "role": "guard", "count": guards},
            ],
            "venue": {
                "nodes": [
                    {"id": "gate-node", "kind": "gate", "lat": 40.0, "lon": 111.0},
                    {"id": "stage-node", "kind": "stage", "lat": 40.001, "lon": 111.0},
                ],
                "edges": [{"a": "gate-node", "b": "stage-node"}],
            },
            "posts": [
                {
                    "id": "gate",
                    "node": "gate-node",
                    "priority": "critical",
                    "needs": [{"phases": ["ingress", "show"], "roles": ["police"], "min": 2}],
                },
                {
                    "id": "stage",
                    "node": "stage-node",
                    "priority": "high",
                    "needs": [{"phases": ["show"], "roles": ["guard"], "min": 2}],
                },
                {
                    "id": "exit",
                    "node": "gate-node",
                    "priority": "normal",
                    "needs": [{"phases": ["egress"], "roles": ["police", "guard"], "min": 1}],
                },
            ],
        }
    )


def scenario(**kwargs: Any) -> Scenario:
    return from_document(document(**kwargs), file="micro.yaml")


@pytest.fixture
def micro() -> Any:
    """Build the micro concert: ``micro(police=4, guards=2)``."""
    return scenario


@pytest.fixture
def micro_doc() -> Any:
    """Build the micro concert's document, to change it before validating."""
    return document
