"""The command on the map: the command post, sectors with their leaders on duty, reserves at
their nodes, and the rules the plan was made under (no-handover windows, supervision).

Sector membership, names and nodes come from the scenario; leaders and reserve members from
the roster, or without one from plan.json's ``sectors`` and ``reserves``; how well each sector
lead and reserve is covered (the same status codes as posts) from ``coverage.csv``. A plan
made before these sections existed draws none of them.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventplan.render.bundle import PlanBundle, RosterRow
from eventplan.render.crews import Crews
from eventplan.render.phases import PhaseWindow, WindowIndex, clock, parse_time, period_indices
from eventplan.render.posts import status_code
from eventplan.render.values import entries, number, section, texts
from eventplan.scenario.realtime import EventClock
from eventplan.venue.geo import offset, ring, rounded

#: How far the command post and reserve icons stand outside the posts at their node, in metres.
ICON_CLEARANCE_M = 8.0


@dataclass
class _Station:
    """A sector lead or a reserve as the map knows it, from the scenario and the plan."""

    id: str
    name: str
    roles: list[str]
    node: str = ""
    periods: tuple[str, ...] | None = None
    posts: list[str] = field(default_factory=list)
    plan: Mapping[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def command_data(
    bundle: PlanBundle,
    windows: list[PhaseWindow],
    node_index: Mapping[str, int],
    crews: Crews,
) -> dict[str, Any]:
    """The ``command``, ``sectors``, ``reserves`` and ``rules`` data blocks."""
    sectors, reserves = _sector_stations(bundle), _reserve_stations(bundle)
    post_index = {p.id: i for i, p in enumerate(bundle.scenario.posts)}
    codes = _status(bundle, windows, [s.id for s in sectors + reserves])
    command = _command(bundle, node_index)
    reserve_out = [
        _reserve(bundle, r, windows, crews, codes) for r in reserves if r.node in node_index
    ]
    _place(bundle, node_index, command, reserve_out)
    return {
        "command": command,
        "sectors": [_sector(bundle, s, windows, crews, codes, post_index) for s in sectors],
        "reserves": reserve_out,
        "rules": rules_data(bundle.plan, bundle.clock),
    }


def _command(bundle: PlanBundle, node_index: Mapping[str, int]) -> dict[str, Any] | None:
    """The command post of the plan, else of the scenario, at a node the venue has."""
    spec = bundle.scenario.command
    entry = section(bundle.plan.get("command"))
    nodes = [str(entry.get("node") or ""), spec.node if spec else ""]
    node = next((n for n in nodes if n in node_index), None)
    if node is None:
        return None
    name = entry.get("name") or (spec.name if spec else None) or ""
    return {
        "name": str(name),
        "node": node_index[node],
        "call": (spec.call_sign if spec else None) or "",
        "channel": (spec.radio_channel if spec else None) or "",
    }


def _sector_stations(bundle: PlanBundle) -> list[_Station]:
    """The scenario's sectors, then any the plan lists that the scenario does not know."""
    planned = {str(e.get("id")): e for e in entries(bundle.plan.get("sectors"))}
    out = [
        _Station(
            id=s.id,
            name=s.name or "",
            roles=[s.leader.role] if s.leader else texts(planned.get(s.id, {}).get("leader_role")),
            posts=list(s.posts),
            plan=planned.get(s.id, {}),
            extra={"call": s.call_sign or "", "channel": s.radio_channel or ""},
        )
        for s in bundle.scenario.sectors
    ]
    known = {s.id for s in out}
    out += [
        _Station(
            id=sid,
            name=str(e.get("name") or ""),
            roles=texts(e.get("leader_role")),
            posts=texts(e.get("posts")),
            plan=e,
        )
        for sid, e in planned.items()
        if sid not in known
    ]
    return out


def _reserve_stations(bundle: PlanBundle) -> list[_Station]:
    """The scenario's reserves, then any the plan lists that the scenario does not know."""
    planned = {str(e.get("id")): e for e in entries(bundle.plan.get("reserves"))}
    out = [
        _Station(
            id=r.id,
            name=r.name or "",
            roles=list(r.roles),
            node=r.node,
            periods=tuple(r.phases),
            plan=planned.get(r.id, {}),
            extra={"min": r.min, "share": r.share},
        )
        for r in bundle.scenario.reserves
    ]
    known = {r.id for r in out}
    out += [
        _Station(
            id=rid,
            name=str(e.get("name") or ""),
            roles=texts(e.get("roles")),
            node=str(e.get("node") or ""),
            plan=e,
            extra={"min": None, "share": None},
        )
        for rid, e in planned.items()
        if rid not in known
    ]
    return out


def _rows(crews: Crews, station: _Station, key: str, times: EventClock) -> list[RosterRow]:
    """The station's roster rows, or (without a roster) the stints plan.json lists."""
    found = crews.by_post.get(station.id)
    stints = entries(station.plan.get(key))
    if found or not stints:
        return found or []
    roles = {row.person: row.role for rows in crews.by_post.values() for row in rows}
    rows = []
    for stint in stints:
        start, end = parse_time(stint.get("start"), times), parse_time(stint.get("end"), times)
        person = str(stint.get("person") or "")
        if start is None or end is None or not person:
            continue
        role = roles.get(person) or (station.roles[0] if station.roles else "")
        name = str(stint.get("name") or person)
        leads = station.id if key == "leaders" else ""
        rows.append(RosterRow(person, name, role, "", "", station.id, start, end, leads))
    return rows


def _sector(
    bundle: PlanBundle,
    sector: _Station,
    windows: list[PhaseWindow],
    crews: Crews,
    codes: Mapping[str, str],
    post_index: Mapping[str, int],
) -> dict[str, Any]:
    rows = _rows(crews, sector, "leaders", bundle.clock)
    lead = {w: crews.stints(rows, window) for w, window in enumerate(windows)}
    return {
        "id": sector.id,
        "name": sector.name,
        "role": sector.roles[0] if sector.roles else None,
        "posts": [post_index[p] for p in sector.posts if p in post_index],
        "lead": {w: stints for w, stints in lead.items() if stints},
        "status": codes.get(sector.id, "0" * len(windows)),
        "call": sector.extra.get("call", ""),
        "channel": sector.extra.get("channel", ""),
    }


def _reserve(
    bundle: PlanBundle,
    reserve: _Station,
    windows: list[PhaseWindow],
    crews: Crews,
    codes: Mapping[str, str],
) -> dict[str, Any]:
    rows = _rows(crews, reserve, "members", bundle.clock)
    crew = {w: crews.during(rows, window) for w, window in enumerate(windows)}
    crew = {w: who for w, who in crew.items() if who}
    status = codes.get(reserve.id, "0" * len(windows))
    active = set(period_indices(bundle.scenario, windows, reserve.periods or ()))
    active |= set(crew) | {w for w, code in enumerate(status) if code != "0"}
    return {
        "id": reserve.id,
        "name": reserve.name,
        "roles": reserve.roles,
        "node": reserve.node,
        "on": sorted(active),
        "crew": crew,
        "status": status,
        "min": reserve.extra.get("min"),
        "share": number(reserve.extra.get("share")),
    }


def _place(
    bundle: PlanBundle,
    node_index: Mapping[str, int],
    command: dict[str, Any] | None,
    reserves: list[dict[str, Any]],
) -> None:
    """Where the command post and the reserves are drawn: at their node, spread on a circle
    when several share one, outside the ring of the node's posts (see
    :func:`eventplan.render.posts.post_data`) so that no icon stands on a post. Sets ``ll`` and
    turns reserve nodes into indices."""
    at_node: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if command is not None:
        at_node[command["node"]].append(command)
    for reserve in reserves:
        reserve["node"] = node_index[reserve["node"]]
        at_node[reserve["node"]].append(reserve)
    posts = Counter(p.node for p in bundle.scenario.posts)
    nodes = bundle.scenario.venue.nodes
    for i, items in at_node.items():
        node, count = nodes[i], posts[nodes[i].id]
        if not count:
            spots = ring(node.lat, node.lon, len(items))
        else:  # beyond the posts' ring, starting south where theirs starts north
            radius = (max(5.0, 1.2 * count) if count > 1 else 0.0) + ICON_CLEARANCE_M
            spots = [
                offset(node.lat, node.lon, radius * math.cos(angle), radius * math.sin(angle))
                for angle in (math.pi + 2 * math.pi * k / len(items) for k in range(len(items)))
            ]
        for item, (lat, lon) in zip(items, spots, strict=True):
            item["ll"] = [rounded(lat), rounded(lon)]


def _status(bundle: PlanBundle, windows: list[PhaseWindow], ids: Sequence[str]) -> dict[str, str]:
    """Status codes per window of the given stations, from their coverage rows."""
    wanted = set(ids)
    finder = WindowIndex(windows)
    required: Counter[tuple[str, int]] = Counter()
    short: Counter[tuple[str, int]] = Counter()
    for row in bundle.coverage:
        if row.post not in wanted:
            continue
        for w in finder.overlapping(row.start, row.end):
            required[(row.post, w)] += row.required
            short[(row.post, w)] += min(row.shortfall, row.required)
    return {
        station: "".join(
            str(status_code(required[(station, w)], short[(station, w)]))
            for w in range(len(windows))
        )
        for station in wanted
        if any((station, w) in required for w in range(len(windows)))
    }


def rules_data(plan: Mapping[str, Any], times: EventClock) -> dict[str, Any]:
    """The plan's no-handover windows (``[id, from, to, day]``, the day only when they fall
    on several) and supervision rules (``[roles, by, per_supervisor, scope, posts]``)."""
    rules = section(plan.get("rules"))
    spans = []
    for entry in entries(rules.get("no_handover")):
        start, end = parse_time(entry.get("start"), times), parse_time(entry.get("end"), times)
        if start is not None and end is not None:
            spans.append((start, end, str(entry.get("id") or "")))
    spans.sort()
    many_days = len({start.date() for start, _, _ in spans}) > 1
    return {
        "noHandover": [
            [wid, clock(start), clock(end), start.date().isoformat() if many_days else ""]
            for start, end, wid in spans
        ],
        "supervision": [
            [
                texts(rule.get("roles")),
                texts(rule.get("by")),
                number(rule.get("per_supervisor")),
                str(rule.get("scope") or "post"),
                texts(rule.get("posts")),
            ]
            for rule in entries(rules.get("supervision"))
        ],
    }
