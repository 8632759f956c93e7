"""Roles, pools, standing units, patrols, drones and the staffing ratio of a generated event.

The "4+N" forces that secure a large event: police, auxiliary police, traffic police, security
guards and volunteers. Police and traffic police are costly and scarce; guards and volunteers
are many and cheap but do fewer jobs. Pools differ in availability (reserves and the second
guard shift arrive later, volunteers only for the crowd hours), so supplies are not all alike.
"""

from __future__ import annotations

import math

from eventplan.generate.posts import CROWD, PEAKS
from eventplan.generate.timeline import Timeline

ROLES: dict[str, dict] = {
    "police": {"label": "Police officer", "cost": 10.0, "shift_hours": [4.0, 12.0]},
    "auxiliary": {"label": "Auxiliary police", "cost": 5.0, "shift_hours": [4.0, 12.0]},
    "traffic": {"label": "Traffic police", "cost": 10.0, "shift_hours": [4.0, 10.0]},
    "guard": {"label": "Security guard", "cost": 3.0, "shift_hours": [4.0, 12.0]},
    "volunteer": {"label": "Volunteer", "cost": 1.0, "shift_hours": [2.0, 6.0]},
}
#: How a need open to several roles is expected to be filled, for sizing the pools: cheap
#: roles take most of it, but not all (volunteers work short shifts, police are few).
GROUP_SPLIT: dict[tuple[str, ...], dict[str, float]] = {
    ("police", "auxiliary"): {"police": 0.1, "auxiliary": 0.9},
    ("auxiliary", "police"): {"police": 0.1, "auxiliary": 0.9},
    ("guard", "volunteer"): {"guard": 0.5, "volunteer": 0.5},
    ("volunteer", "guard"): {"guard": 0.5, "volunteer": 0.5},
}
#: Pools of each role: (id, share of the role's people, unit, hours before the ingress they
#: arrive, or None for the whole span). Second pools exist only for larger events.
POOLS: dict[str, tuple[tuple[str, float, str, float | None], ...]] = {
    "police": (
        ("district-police", 0.7, "District PSB", None),
        ("city-police-reserve", 0.3, "City PSB reserve", 2.0),
    ),
    "auxiliary": (("auxiliary-police", 1.0, "District PSB", None),),
    "traffic": (("traffic-police", 1.0, "Traffic brigade", 2.0),),
    "guard": (
        ("guards-a", 0.6, "Security company A", None),
        ("guards-b", 0.4, "Security company B", 4.0),
    ),
    "volunteer": (("volunteers", 1.0, "Volunteer association", 1.5),),
}
SECOND_POOL_FROM_STAFF = 2000


def roles(shift_hours: tuple[float, float] | None = None) -> dict[str, dict]:
    """The roles, every one but the volunteers with ``shift_hours`` when given."""
    out = {r: dict(v) for r, v in ROLES.items()}
    if shift_hours is not None:
        for role, entry in out.items():
            if role != "volunteer":
                entry["shift_hours"] = [float(shift_hours[0]), float(shift_hours[1])]
    return out


def role_split(roles: tuple[str, ...]) -> dict[str, float]:
    """Expected shares of a role group's need taken by each role."""
    if len(roles) == 1:
        return {roles[0]: 1.0}
    return GROUP_SPLIT.get(roles, {r: 1 / len(roles) for r in roles})


def pools(counts: dict[str, int], staff: int, timeline: Timeline) -> list[dict]:
    """Pools holding ``counts[role]`` people of each role (the counts add up to ``staff``)."""
    ingress = timeline.phase("ingress")[0]
    out = []
    for role, entries in POOLS.items():
        chosen = entries if staff >= SECOND_POOL_FROM_STAFF else entries[:1]
        total = counts[role]
        shares = [share for _id, share, _u, _h in chosen]
        parts = _split(total, shares)
        for (pool_id, _share, unit, before), count in zip(chosen, parts, strict=True):
            if count <= 0:
                continue
            pool = {"id": pool_id, "role": role, "count": count, "unit": unit}
            if before is not None:
                start = max(timeline.start, timeline.on_grid(ingress - round(before * 60)))
                pool["available"] = {
                    "start": timeline.when(start),
                    "end": timeline.when(timeline.end),
                }
            out.append(pool)
    return out


def _split(total: int, shares: list[float]) -> list[int]:
    parts = [math.floor(total * s / sum(shares)) for s in shares]
    parts[0] += total - sum(parts)
    return parts


def role_counts(weights: dict[str, float], staff: int) -> dict[str, int]:
    """People per role in proportion to ``weights``, each role at least one, total ``staff``."""
    total = sum(weights.values())
    raw = {r: staff * weights.get(r, 0.0) / total for r in ROLES}
    counts = {r: max(1, math.floor(v)) for r, v in raw.items()}
    order = sorted(ROLES, key=lambda r: (counts[r] - raw[r], r))
    i = 0
    while sum(counts.values()) < staff:
        counts[order[i % len(order)]] += 1
        i += 1
    while sum(counts.values()) > staff:
        role = max(ROLES, key=lambda r: (counts[r], r))
        counts[role] -= 1
    return counts


def units(attendance: int, staff: int, gates: int) -> list[dict]:
    """The smallest combat unit (police) and the smallest emergency unit (venue guards)."""
    combat = max(1, min(40, round(attendance / 10000), staff // 150))
    emergency = max(1, min(30, gates // 3, staff // 200))
    return [
        {
            "id": "combat-unit",
            "label": "Smallest combat unit",
            "composition": {"police": 2, "auxiliary": 2},
            "count": combat,
            "phases": list(CROWD),
            "standby": "auto",
            "respond_within_minutes": 3.0,
        },
        {
            "id": "emergency-unit",
            "label": "Smallest emergency unit",
            "composition": {"guard": 3, "volunteer": 1},
            "count": emergency,
            "phases": list(CROWD),
            "standby": "auto",
            "respond_within_minutes": 1.0,
        },
    ]


def patrols(staff: int, gates: int) -> list[dict]:
    """Foot patrols of the perimeter and the transit approaches (fixed team counts)."""
    teams = max(1, min(20, gates // 4, staff // 250))
    return [
        {
            "id": "perimeter-patrol",
            "composition": {"police": 1, "auxiliary": 1},
            "teams": teams,
            "phases": list(PEAKS),
            "targets": {"kinds": ["gate", "plaza"]},
            "revisit_minutes": 20.0,
            "speed_mps": 1.1,
        },
        {
            "id": "approach-patrol",
            "composition": {"auxiliary": 1, "volunteer": 2},
            "teams": max(1, teams // 2),
            "phases": list(PEAKS),
            "targets": {"kinds": ["parking", "transit"]},
            "revisit_minutes": 30.0,
            "speed_mps": 1.2,
        },
    ]


def drones(attendance: int, plazas: list[str]) -> list[dict]:
    """Overwatch drones for crowds of 20,000 and more."""
    if attendance < 20000:
        return []
    return [
        {
            "id": "overwatch",
            "count": 2 if attendance < 80000 else 3,
            "endurance_minutes": 25.0,
            "swap_minutes": 5.0,
            "pilot_role": "police",
            "phases": list(PEAKS),
            "watch": plazas[:2],
        }
    ]
