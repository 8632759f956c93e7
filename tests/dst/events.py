"""Events across a change of the clocks in Europe/Berlin, and real time read from plan files.

In 2025 Berlin's clocks spring forward on 30 March (02:00 becomes 03:00: local times from
02:00 to 03:00 do not exist) and fall back on 26 October (03:00 becomes 02:00 again: local
times from 02:00 to 03:00 happen twice, first at +02:00, then at +01:00).

The long night runs 22:00 to 07:00 local time: 8 real hours in spring, 10 in autumn. The real
time of a plan's local times is worked out here with :mod:`zoneinfo` alone, not with any code
of eventplan, so that the tests check the plans against the clock on the wall.
"""

from __future__ import annotations

import copy
import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from eventplan.errors import InputError
from eventplan.scenario import Scenario, from_document

BERLIN = ZoneInfo("Europe/Berlin")
SPRING = ("2025-03-29", "2025-03-30")  # the night the clocks spring forward
AUTUMN = ("2025-10-25", "2025-10-26")  # the night they fall back
SUMMER = ("2025-07-12", "2025-07-13")  # no change

ROLE_HOURS = {"police": (4.0, 8.0), "guard": (3.0, 6.0)}
ROLE_COST = {"police": 10.0, "guard": 3.0}
MIN_REST_HOURS = 11.0


def long_night(night: tuple[str, str] = SPRING, **changes: Any) -> dict[str, Any]:
    """The long night of music: a gate, a stage and a plaza, police and guards.

    Keyword arguments replace keys of ``event`` (``phases``, ``days``, ...) or whole sections.
    """
    eve, day = night
    doc: dict[str, Any] = {
        "eventplan": 1,
        "event": {
            "id": "long-night",
            "name": "Long night of music",
            "kind": "festival",
            "timezone": "Europe/Berlin",
            "attendance": 4000,
            "slot_minutes": 15,
            "phases": [
                {"id": "ingress", "start": f"{eve}T22:00", "end": f"{day}T00:00"},
                {"id": "show", "start": f"{day}T00:00", "end": f"{day}T05:00"},
                {"id": "egress", "start": f"{day}T05:00", "end": f"{day}T07:00"},
            ],
        },
        "roles": {
            role: {"cost": ROLE_COST[role], "shift_hours": list(hours)}
            for role, hours in ROLE_HOURS.items()
        },
        "pools": [
            {"id": "police", "role": "police", "count": 30},
            {"id": "guards", "role": "guard", "count": 40},
        ],
        "rules": {
            "min_rest_hours": MIN_REST_HOURS,
            "meal_break": {"after_hours": 5.0, "minutes": 30},
        },
        "venue": {
            "nodes": [
                {"id": "gate", "kind": "gate", "lat": 52.5200, "lon": 13.4050},
                {"id": "stage", "kind": "stage", "lat": 52.5210, "lon": 13.4050},
                {"id": "plaza", "kind": "plaza", "lat": 52.5205, "lon": 13.4060},
            ],
            "edges": [{"a": "gate", "b": "plaza"}, {"a": "plaza", "b": "stage"}],
        },
        "posts": [
            {
                "id": "gate-watch",
                "node": "gate",
                "priority": "critical",
                "needs": [
                    {"phases": ["ingress", "show", "egress"], "roles": ["guard"], "min": 2},
                    {"phases": ["ingress", "show"], "roles": ["police"], "min": 1},
                ],
            },
            {
                "id": "stage-front",
                "node": "stage",
                "priority": "high",
                "needs": [{"phases": ["show"], "roles": ["police"], "min": 2}],
            },
            {
                "id": "plaza-exit",
                "node": "plaza",
                "needs": [{"phases": ["egress"], "roles": ["guard"], "min": 3}],
            },
        ],
    }
    for key, value in changes.items():
        if key in doc:
            doc[key] = copy.deepcopy(value)
        else:
            doc["event"][key] = copy.deepcopy(value)
    return doc


def scenario(night: tuple[str, str] = SPRING, **changes: Any) -> Scenario:
    return from_document(long_night(night, **changes))


def refusals(document: dict[str, Any]) -> list[str]:
    """Every error of a document the loader refuses, as ``path: message``."""
    try:
        from_document(document)
    except InputError as error:
        return [f"{p.path}: {p.message}" for p in error.problems if p.severity == "error"]
    raise AssertionError("the document was accepted")


def real(text: str) -> datetime:
    """The real instant (UTC) of a local Berlin time as a plan file writes it."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BERLIN)
    return moment.astimezone(UTC)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def real_shifts(roster: Iterable[Mapping[str, str]]) -> list[tuple[str, str, float]]:
    """(person, role, real hours) of every shift: a person's stints in time order, joined
    while the gap between them is shorter than the rest between shifts."""
    stints: dict[tuple[str, str], list[tuple[datetime, datetime]]] = defaultdict(list)
    for row in roster:
        stints[(row["person"], row["role"])].append((real(row["start"]), real(row["end"])))
    shifts = []
    rest = timedelta(hours=MIN_REST_HOURS)
    for (person, role), own in stints.items():
        own.sort()
        first, last = own[0]
        for start, end in own[1:]:
            if start - last >= rest:
                shifts.append((person, role, (last - first).total_seconds() / 3600))
                first = start
            last = max(last, end)
        shifts.append((person, role, (last - first).total_seconds() / 3600))
    return shifts
