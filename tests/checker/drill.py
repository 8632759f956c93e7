"""A small drill for the command rules, and compact plans for it written by hand.

The drill runs 16:00-20:00 on 2025-07-12 in one-hour slots (phases ``ingress`` 16-18 and
``show`` 18-20). Police cost 10 an hour, auxiliary police 4, guards 3; every shift lasts 1 to
8 hours; pools of six (``police-0001``..., ``aux-0001``..., ``guards-0001``...). The venue has a
gate, a plaza and a command post. Tests add the posts and rules they are about.

Roster entries are ``(person, post, start, end)`` with optional ``unit`` and ``leads``; the role
and pool follow from the person id (a named person's pool is given with ``pool=``). Times are
hours (``16``) or ``"HH:MM"``. Coverage entries are ``(post, hour, group, required,
assigned)``; the shortfall follows.
"""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

from eventplan.io.plan_files import COVERAGE_COLUMNS, ROSTER_COLUMNS
from eventplan.scenario import Scenario, from_document
from eventplan.scenario.model import Scenario as ScenarioModel

DAY = "2025-07-12"
POOLS = {"police": "police", "aux": "auxiliary", "guards": "guard"}
COSTS = {"police": 10.0, "auxiliary": 4.0, "guard": 3.0}

DOCUMENT: dict[str, Any] = {
    "eventplan": 1,
    "event": {
        "id": "drill",
        "name": "Drill",
        "timezone": "Asia/Shanghai",
        "attendance": 1000,
        "slot_minutes": 60,
        "phases": [
            {"id": "ingress", "start": f"{DAY}T16:00", "end": f"{DAY}T18:00"},
            {"id": "show", "start": f"{DAY}T18:00", "end": f"{DAY}T20:00"},
        ],
    },
    "roles": {role: {"cost": cost, "shift_hours": [1.0, 8.0]} for role, cost in COSTS.items()},
    "pools": [{"id": pool, "role": role, "count": 6} for pool, role in POOLS.items()],
    "rules": {"min_rest_hours": 11.0},
    "venue": {
        "nodes": [
            {"id": "gate-node", "kind": "gate", "lat": 40.0, "lon": 111.0},
            {"id": "plaza-node", "kind": "plaza", "lat": 40.001, "lon": 111.0},
            {"id": "command-node", "kind": "command", "lat": 40.002, "lon": 111.0},
        ],
        "edges": [
            {"a": "gate-node", "b": "plaza-node"},
            {"a": "plaza-node", "b": "command-node"},
        ],
    },
    "posts": [],
}


def document(**sections: Any) -> dict[str, Any]:
    """A fresh copy of the drill's document with some top-level sections set."""
    found = copy.deepcopy(DOCUMENT)
    found.update(copy.deepcopy(sections))
    return found


def post(post_id: str, *needs: tuple[list[str], list[str], int], **extra: Any) -> dict[str, Any]:
    """A post at the gate node with needs given as ``(phases, roles, min)``."""
    return {
        "id": post_id,
        "node": "gate-node",
        "needs": [{"phases": p, "roles": r, "min": m} for p, r, m in needs],
        **extra,
    }


def scenario(doc: dict[str, Any]) -> Scenario:
    """The scenario of a document, validated as a loaded file is."""
    return from_document(doc)


def fields_only(doc: dict[str, Any]) -> Scenario:
    """The scenario of a document whose phase lists name event windows.

    Only the fields are validated: the references to windows are right by construction here,
    and their validation belongs to the scenario loader.
    """
    return ScenarioModel.model_validate(doc)


def at(when: int | str, day: str = DAY) -> str:
    """An ISO time on the drill day from an hour or ``"HH:MM"``."""
    return f"{day}T{when:02d}:00" if isinstance(when, int) else f"{day}T{when}"


def minutes(when: int | str) -> int:
    if isinstance(when, int):
        return when * 60
    hours, mins = when.split(":")
    return int(hours) * 60 + int(mins)


def stint(
    person: str,
    post_id: str,
    start: int | str,
    end: int | str,
    unit: str = "",
    leads: str = "",
    pool: str | None = None,
    role: str | None = None,
) -> dict[str, str]:
    """One roster record (``pool`` and ``role`` for people outside the three drill pools)."""
    pool = pool or person.rsplit("-", 1)[0]
    return {
        "person": person,
        "name": f"Name of {person}",
        "role": role or POOLS[pool],
        "pool": pool,
        "unit": unit,
        "post": post_id,
        "start": at(start),
        "end": at(end),
        "leads": leads,
    }


def cover(post_id: str, hour: int, group: str, required: int, assigned: int) -> dict[str, Any]:
    """One coverage record; the shortfall follows from the figures."""
    return {
        "post": post_id,
        "slot_start": at(hour),
        "slot_end": at(hour + 1),
        "role_group": group,
        "required": required,
        "assigned": assigned,
        "shortfall": max(0, required - assigned),
    }


def covers(
    post_id: str, hours: range, group: str, required: int, assigned: int
) -> list[dict[str, Any]]:
    """The same coverage figures in every hour of a range."""
    return [cover(post_id, h, group, required, assigned) for h in hours]


def one_shift_cost(roster: list[dict[str, str]], costs: dict[str, float] = COSTS) -> float:
    """Pay of a roster in which everyone works one shift: role cost x (last end - first start).

    Bookkeeping for the tests about other rules; the cost rule has its own hand-made cases.
    """
    spans: dict[str, tuple[str, int, int]] = {}
    for row in roster:
        start, end = (minutes(row[k].split("T")[1]) for k in ("start", "end"))
        role, first, last = spans.get(row["person"], (row["role"], start, end))
        spans[row["person"]] = (role, min(first, start), max(last, end))
    return sum(costs[role] * (last - first) / 60 for role, first, last in spans.values())


def write(
    folder: Path,
    roster: list[dict[str, str]],
    coverage: list[dict[str, Any]],
    cost: float | None = None,
    **sections: Any,
) -> Path:
    """Write a drill plan folder; ``sections`` add plan.json keys."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows, columns in (
        ("roster.csv", roster, ROSTER_COLUMNS),
        ("coverage.csv", coverage, COVERAGE_COLUMNS),
    ):
        with (folder / name).open("w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    cost = one_shift_cost(roster) if cost is None else cost
    plan = {
        "eventplan": 1,
        "scenario": {"id": "drill", "name": "Drill", "file": "drill.yaml"},
        "kpis": {"cost": cost},
        "assignments": roster,
        **sections,
    }
    (folder / "plan.json").write_text(json.dumps(plan, indent=1), encoding="utf-8")
    return folder


def messages(report: Any) -> list[str]:
    """Every violation as ``[rule] subject: message``."""
    return [str(v) for v in report.violations]
