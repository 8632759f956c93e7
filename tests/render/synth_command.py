"""The rules of command added to the map tests' small concert: a command post, two sectors
(one with a leader), a reserve, a no-handover window, supervision, a briefing, a standing unit
with a leader, and two screening queues (one with a target, one without and overloaded)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from eventplan.scenario.times import expand

#: The screening post without a wait target: one lane of 10 persons a minute for a fifth of
#: the crowd, whose queue and wait grow all through the ingress.
OVERLOADED = "gate-3-screening"


def add_command_rules(document: dict[str, Any], day: str, bad: str) -> dict[str, Any]:
    """``document`` with the rules of command; ``bad`` is appended to free-text names."""
    event = document["event"]
    event["windows"] = [{"id": "show-start", "start": f"{day}T18:30", "end": f"{day}T19:30"}]
    event["arrivals"] = [
        {"start": f"{day}T16:00", "end": f"{day}T17:30", "share": 0.3},
        {"start": f"{day}T17:30", "end": f"{day}T19:00", "share": 0.7},
    ]
    posts = document["posts"]
    posts[0]["screening"] = {
        "lanes": 4,
        "persons_per_lane_per_minute": 8,
        "staff_per_lane": 2,
        "arrival_share": 0.3,
        "roles": ["guard", "volunteer"],
        "max_wait_minutes": 10,
    }
    posts.append(
        {
            "id": OVERLOADED,
            "name": "Gate 3 screening",
            "node": "n03",
            "kind": "screening",
            "priority": "normal",
            "screening": {
                "lanes": 1,
                "persons_per_lane_per_minute": 10,
                "staff_per_lane": 1,
                "arrival_share": 0.2,
                "roles": ["guard"],
            },
        }
    )
    document["command"] = {"name": f"Command post{bad}", "node": "cmd"}
    document["sectors"] = [
        {
            "id": "north",
            "name": f"North sector{bad}",
            "posts": ["gate-0-screening", "gate-1", "gate-1-guide", "gate-2", OVERLOADED],
            "leader": {"role": "police"},
        },
        {"id": "south", "name": "南区", "posts": ["plaza", "stage-front"]},
    ]
    document["reserves"] = [
        {
            "id": "police-reserve",
            "name": f"Police reserve{bad}",
            "roles": ["police"],
            "phases": ["show"],
            "min": 2,
            "node": "cmd",
        }
    ]
    document["rules"] = {
        "no_handover": ["show-start"],
        "supervision": [{"roles": ["auxiliary"], "by": ["police"], "per_supervisor": 2}],
    }
    document["roles"]["police"]["briefing"] = {"minutes": 30, "node": "cmd"}
    document["units"][0].update(standing=True, leader="police")
    return document


def fabricate_command(fab: Any) -> dict[str, Any]:
    """plan.json's command sections for a fabricated plan (see ``render_synth``), adding the
    roster rows of sector leaders, reserves and unit leaders and their coverage rows."""
    s = fab.s
    led: set[str] = set()
    for row in fab.roster:  # the first member of the leader role leads each unit instance
        unit = next((u for u in s.units if row["post"].startswith(f"{u.id}-")), None)
        if unit is not None and unit.leader == row["role"] and row["post"] not in led:
            row["leads"] = row["post"]
            led.add(row["post"])
    sectors = [_sector(fab, sector) for sector in s.sectors]
    reserves = [_reserve(fab, reserve) for reserve in s.reserves]
    no_handover = [
        {"id": w.id, "start": start.isoformat(timespec="minutes"), "end": end.isoformat()[:16]}
        for w in s.event.windows
        if w.id in s.rules.no_handover
        for start, end in expand(w.start, w.end, s.event.days)
    ]
    return {
        "command": None if s.command is None else {"name": s.command.name, "node": s.command.node},
        "sectors": sectors,
        "reserves": reserves,
        "rules": {
            "supervision": [r.model_dump(mode="json") for r in s.rules.supervision],
            "no_handover": no_handover,
        },
        "queues": [_queue(fab, post) for post in s.posts if post.screening is not None],
    }


def _label(fab: Any, role: str) -> str:
    return fab.s.roles[role].label or role


def _stint(fab: Any, role: str, station: str, window: Any, leads: str = "") -> dict[str, str]:
    name = f"{_label(fab, role)} {fab.count + 1:04d}"
    fab.person(role, station, window.start, window.end, name=name, leads=leads)
    row = fab.roster[-1]
    t = window.start
    while t < window.end:
        fab.coverage.append([station, t, t + fab.step, role, 1, 1, 0])
        t += fab.step
    return {"person": row["person"], "name": name, "start": row["start"], "end": row["end"]}


def _sector(fab: Any, sector: Any) -> dict[str, Any]:
    leaders = []
    if sector.leader is not None:
        phases = {
            ph for p in fab.s.posts if p.id in sector.posts for n in p.needs for ph in n.phases
        }
        for window in fab.windows:
            if window.id in phases:
                leaders.append(_stint(fab, sector.leader.role, sector.id, window, sector.id))
    return {
        "id": sector.id,
        "name": sector.name,
        "posts": list(sector.posts),
        "leader_role": sector.leader.role if sector.leader else None,
        "leaders": leaders,
    }


def _reserve(fab: Any, reserve: Any) -> dict[str, Any]:
    members = [
        _stint(fab, reserve.roles[0], reserve.id, window)
        for window in fab.windows
        if window.id in reserve.phases
        for _ in range(reserve.min or 1)
    ]
    return {
        "id": reserve.id,
        "roles": list(reserve.roles),
        "node": reserve.node,
        "members": members,
    }


def _queue(fab: Any, post: Any) -> dict[str, Any]:
    """A fluid queue over the ingress: an even crowd, every lane open in even slots only."""
    screening = post.screening
    ingress = [w for w in fab.windows if w.id == "ingress"]
    minutes = fab.step.total_seconds() / 60
    slots, queue = [], 0.0
    for window in ingress:
        count = int((window.end - window.start) / fab.step)
        rate = fab.s.event.attendance * screening.arrival_share / (count * minutes)
        for k in range(count):
            lanes = screening.lanes if k % 2 == 0 else max(1, screening.lanes // 2)
            served = lanes * screening.persons_per_lane_per_minute
            queue = max(0.0, queue + (rate - served) * minutes)
            slots.append(
                {
                    "start": (window.start + k * fab.step).isoformat(timespec="minutes"),
                    "arrivals_per_minute": round(rate, 3),
                    "lanes_open": lanes,
                    "queue": round(queue, 1),
                    "wait_minutes": round(queue / served, 2),
                }
            )
    worst = max((s["wait_minutes"] for s in slots), default=0.0)
    return {
        "post": post.id,
        "max_wait_minutes": screening.max_wait_minutes,
        "worst_wait_minutes": worst,
        "slots": slots,
    }


def add_briefings(fab: Any) -> None:
    """A briefing row before each stint of a person whose role or pool is briefed."""
    out = []
    for row in fab.roster:
        pool = next((p for p in fab.s.pools if p.id == row["pool"]), None)
        briefing = (pool.briefing if pool else None) or fab.s.roles[row["role"]].briefing
        if briefing is not None:
            start = datetime.fromisoformat(row["start"])
            before = (start - timedelta(minutes=briefing.minutes)).isoformat(timespec="minutes")
            out.append(
                {
                    **row,
                    "unit": "",
                    "post": f"briefing:{briefing.node}",
                    "start": before,
                    "end": row["start"],
                    "leads": "",
                }
            )
        out.append(row)
    fab.roster[:] = out
