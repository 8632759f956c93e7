"""A tiny concert and a hand-written plan for it that holds, for the checker's tests.

The concert runs 16:00-21:00 in one-hour slots: ingress 16-18, show 18-20, egress 20-21.

- gate: one police officer through ingress and show; screening by guards. Arrivals are 25% in
  16-17 and 75% in 17-18, so at 16:00 1000 x 0.6 x 0.25 / 60 = 2.5 persons a minute need
  ceil(2.5 / 2) = 2 lanes (2 guards), at 17:00 7.5 a minute would need 4 lanes but the gate
  has 3 (3 guards): 90 are still queueing at 18:00, which takes one more lane-hour (1 guard
  at 18:00, left short in the plan).
- stage: one police officer or guard through the show.
- rapid (unit, 1 police) through the show; perimeter (patrol, 1 guard) and overwatch (drone,
  police pilot) through egress.
- ratio 0: ceil(1000 / 500) = 2 police or guards on duty anywhere through the show.
- meal break after 4 h, 30 minutes rounded up to one hour-long slot.

The plan: police-0001 works 15-18 and 19-20 at the gate (5 h with a one-hour break),
police-0003 covers the gate 18-20, police-0002 is the unit 18-20 then flies 20-21, guards-0001
screens 16-18 then stands at the stage 18-20, guards-0002 screens 16-18, guards-0003 17-18 and
then the stage 18-19, guards-0004 the stage 19-20 then patrols 20-21.

Cost: police 10 x (5 + 3 + 2) + guards 3 x (4 + 2 + 2 + 2) = 130.
"""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from eventplan.io.plan_files import COVERAGE_COLUMNS, ROSTER_COLUMNS
from eventplan.scenario import Scenario, from_document

DAY = "2025-07-12"

DOCUMENT: dict[str, Any] = {
    "eventplan": 1,
    "event": {
        "id": "tiny-concert",
        "name": "Tiny concert",
        "timezone": "Asia/Shanghai",
        "attendance": 1000,
        "slot_minutes": 60,
        "phases": [
            {"id": "ingress", "start": f"{DAY}T16:00", "end": f"{DAY}T18:00"},
            {"id": "show", "start": f"{DAY}T18:00", "end": f"{DAY}T20:00"},
            {"id": "egress", "start": f"{DAY}T20:00", "end": f"{DAY}T21:00"},
        ],
        "arrivals": [
            {"start": f"{DAY}T16:00", "end": f"{DAY}T17:00", "share": 0.25},
            {"start": f"{DAY}T17:00", "end": f"{DAY}T18:00", "share": 0.75},
        ],
    },
    "roles": {
        "police": {"cost": 10.0, "shift_hours": [2.0, 6.0]},
        "guard": {"cost": 3.0, "shift_hours": [2.0, 6.0]},
    },
    "pools": [
        {
            "id": "police",
            "role": "police",
            "count": 4,
            "available": {"start": f"{DAY}T15:00", "end": f"{DAY}T22:00"},
        },
        {"id": "guards", "role": "guard", "count": 6},
    ],
    "rules": {
        "min_rest_hours": 11.0,
        "max_days": 1,
        "meal_break": {"after_hours": 4.0, "minutes": 30},
        "ratios": [{"roles": ["police", "guard"], "per_attendees": 500.0, "phases": ["show"]}],
    },
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
            "needs": [{"phases": ["ingress", "show"], "roles": ["police"], "min": 1}],
            "screening": {
                "lanes": 3,
                "persons_per_lane_per_minute": 2.0,
                "staff_per_lane": 1,
                "arrival_share": 0.6,
                "roles": ["guard"],
            },
        },
        {
            "id": "stage",
            "node": "stage-node",
            "needs": [{"phases": ["show"], "roles": ["police", "guard"], "min": 1}],
        },
    ],
    "units": [{"id": "rapid", "composition": {"police": 1}, "count": 1, "phases": ["show"]}],
    "patrols": [
        {
            "id": "perimeter",
            "composition": {"guard": 1},
            "teams": 1,
            "phases": ["egress"],
            "targets": {"kinds": ["gate"]},
            "revisit_minutes": 30.0,
        }
    ],
    "drones": [
        {
            "id": "overwatch",
            "count": 1,
            "endurance_minutes": 25.0,
            "pilot_role": "police",
            "phases": ["egress"],
            "watch": ["gate-node"],
        }
    ],
}

# person, role, pool, unit, post, start hour, end hour
ROSTER: list[tuple[str, str, str, str, str, int, int]] = [
    ("police-0001", "police", "police", "", "gate", 15, 18),
    ("police-0001", "police", "police", "", "gate", 19, 20),
    ("police-0002", "police", "police", "rapid#1", "rapid", 18, 20),
    ("police-0002", "police", "police", "", "overwatch", 20, 21),
    ("police-0003", "police", "police", "", "gate", 18, 20),
    ("guards-0001", "guard", "guards", "", "gate", 16, 18),
    ("guards-0001", "guard", "guards", "", "stage", 18, 20),
    ("guards-0002", "guard", "guards", "", "gate", 16, 18),
    ("guards-0003", "guard", "guards", "", "gate", 17, 18),
    ("guards-0003", "guard", "guards", "", "stage", 18, 19),
    ("guards-0004", "guard", "guards", "", "stage", 19, 20),
    ("guards-0004", "guard", "guards", "perimeter#1", "perimeter", 20, 21),
]

# post, hour, role group, required, assigned
COVERAGE: list[tuple[str, int, str, int, int]] = [
    ("gate", 16, "police", 1, 1),
    ("gate", 17, "police", 1, 1),
    ("gate", 18, "police", 1, 1),
    ("gate", 19, "police", 1, 2),
    ("gate", 16, "guard", 2, 2),
    ("gate", 17, "guard", 3, 3),
    ("stage", 18, "police+guard", 1, 2),
    ("stage", 19, "police+guard", 1, 2),
    ("rapid", 18, "police", 1, 1),
    ("rapid", 19, "police", 1, 1),
    ("perimeter", 20, "guard", 1, 1),
    ("overwatch", 20, "police", 1, 1),
    ("ratio:0", 18, "police+guard", 2, 4),
    ("ratio:0", 19, "police+guard", 2, 5),
    ("gate", 18, "guard", 1, 0),  # the queue left at 18:00 (see above)
]

COST = 130.0


def at(hour: int, day: str = DAY) -> str:
    """An ISO local time on the concert day (hour 24 is the next midnight)."""
    if hour >= 24:
        return f"{day[:-2]}{int(day[-2:]) + 1:02d}T{hour - 24:02d}:00"
    return f"{day}T{hour:02d}:00"


def roster_rows(entries: list[tuple[str, str, str, str, str, int, int]]) -> list[dict[str, str]]:
    """Roster records from compact entries (the name is made up from the id)."""
    return [
        {
            "person": person,
            "name": f"Name of {person}",
            "role": role,
            "pool": pool,
            "unit": unit,
            "post": post,
            "start": at(start),
            "end": at(end),
        }
        for person, role, pool, unit, post, start, end in entries
    ]


def coverage_rows(entries: list[tuple[str, int, str, int, int]]) -> list[dict[str, Any]]:
    """Coverage records from compact entries; the shortfall follows from the figures."""
    return [
        {
            "post": post,
            "slot_start": at(hour),
            "slot_end": at(hour + 1),
            "role_group": group,
            "required": required,
            "assigned": assigned,
            "shortfall": max(0, required - assigned),
        }
        for post, hour, group, required, assigned in entries
    ]


def write_csv(path: Path, rows: list[dict[str, Any]], columns: Sequence[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def write_plan(
    folder: Path,
    roster: list[dict[str, str]],
    coverage: list[dict[str, Any]],
    cost: float,
    scenario_id: str = "tiny-concert",
    **sections: Any,
) -> Path:
    """Write a plan folder as the solver would; ``sections`` add or replace plan.json keys."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "roster.csv", roster, ROSTER_COLUMNS)
    write_csv(folder / "coverage.csv", coverage, COVERAGE_COLUMNS)
    plan = {
        "eventplan": 1,
        "scenario": {"id": scenario_id, "name": "Tiny concert", "file": "tiny.yaml"},
        "solver": {
            "status": "optimal",
            "objective": cost,
            "bound": cost,
            "gap": 0.0,
            "seconds": 0.1,
            "seed": 0,
        },
        "kpis": {"cost": cost},
        "assignments": roster,
        "shortfalls": [],
        **sections,
    }
    (folder / "plan.json").write_text(json.dumps(plan, indent=1), encoding="utf-8")
    return folder


@pytest.fixture
def document() -> dict[str, Any]:
    """A fresh copy of the tiny concert's document, free to change."""
    return copy.deepcopy(DOCUMENT)


@pytest.fixture
def scenario() -> Scenario:
    return from_document(copy.deepcopy(DOCUMENT))


PlanWriter = Callable[..., Path]


@pytest.fixture
def make_plan(tmp_path: Path) -> PlanWriter:
    """Write the valid plan, or a variant of it, into a fresh folder and return the folder.

    Keyword arguments: ``roster`` and ``coverage`` replace the compact entries, ``cost`` the
    cost, and any other key a plan.json section.
    """
    count = 0

    def make(
        roster: list[tuple[str, str, str, str, str, int, int]] | None = None,
        coverage: list[tuple[str, int, str, int, int]] | None = None,
        cost: float = COST,
        **sections: Any,
    ) -> Path:
        nonlocal count
        count += 1
        return write_plan(
            tmp_path / f"plan{count}",
            roster_rows(ROSTER if roster is None else roster),
            coverage_rows(COVERAGE if coverage is None else coverage),
            cost,
            **sections,
        )

    return make


@pytest.fixture
def roster() -> list[tuple[str, str, str, str, str, int, int]]:
    """The valid plan's roster as compact entries, free to change."""
    return list(ROSTER)


@pytest.fixture
def coverage() -> list[tuple[str, int, str, int, int]]:
    """The valid plan's coverage as compact entries, free to change."""
    return list(COVERAGE)


@pytest.fixture
def cost() -> float:
    """The valid plan's cost."""
    return COST


@pytest.fixture
def plan_writer() -> Callable[..., Path]:
    """:func:`write_plan`, for tests that write a plan of another scenario."""
    return write_plan
