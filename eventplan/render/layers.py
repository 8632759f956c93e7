"""The map's data block: every layer's content as one compact JSON-able mapping.

The page script draws from this block (one marker per post per phase window, built when the
window is first shown), which keeps a plan of thousands of posts small and quick to open.
Nodes, edges and zones are referred to by their index in the scenario's venue lists, posts
(in sectors and queues) by their index in the scenario's posts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventplan.i18n import language, role_label
from eventplan.render.bundle import PlanBundle
from eventplan.render.command import command_data
from eventplan.render.crews import Crews
from eventplan.render.forces import (
    drone_data,
    egress_data,
    patrol_data,
    reach_data,
    standby_data,
)
from eventplan.render.ground import ground_data
from eventplan.render.phases import PhaseWindow, phase_windows
from eventplan.render.posts import post_data
from eventplan.render.queues import DEFAULT_WAIT_LIMIT_MINUTES, queue_data
from eventplan.render.reach import adjacency
from eventplan.render.sectors import add_sector_shapes
from eventplan.scenario.model import EDGE_KINDS, NODE_KINDS
from eventplan.venue.geo import rounded

#: Bump when the layout of the data block changes (tests and tools may read it).
DATA_VERSION = 3


def map_data(bundle: PlanBundle, *, redact: bool, text: Mapping[str, str]) -> dict[str, Any]:
    """Everything the page script needs to draw the map."""
    scenario = bundle.scenario
    lang = language(text.get("html_lang", "en"))  # role names in the map's language
    venue, venue_posts = scenario.venue, scenario.posts
    node_index = {n.id: i for i, n in enumerate(venue.nodes)}
    windows = phase_windows(scenario, bundle.plan)
    edges = [
        (node_index[e.a], node_index[e.b])
        for e in venue.edges
        if e.a in node_index and e.b in node_index
    ]
    crews = Crews(bundle.roster, redact)
    standby = standby_data(bundle, windows, node_index, crews)
    data: dict[str, Any] = {
        "version": DATA_VERSION,
        "redact": redact,
        "text": dict(text),
        "roles": {rid: role_label(rid, role.label, lang) for rid, role in scenario.roles.items()},
        "phases": _phases(windows),
        "nodeKinds": list(NODE_KINDS),
        "edgeKinds": list(EDGE_KINDS),
        "nodes": [
            [rounded(n.lat), rounded(n.lon), NODE_KINDS.index(n.kind), n.name or "", n.id]
            for n in venue.nodes
        ],
        "edges": [
            [node_index[e.a], node_index[e.b], EDGE_KINDS.index(e.kind)]
            for e in venue.edges
            if e.a in node_index and e.b in node_index
        ],
        "zones": [_zone(z, node_index) for z in venue.zones],
        "ground": ground_data(scenario),
        **post_data(bundle, windows, node_index, crews),
        "patrols": patrol_data(bundle, windows, node_index, crews),
        "standby": standby,
        "reach": reach_data(
            bundle, windows, standby, adjacency(scenario, node_index), edges, node_index
        ),
        "drones": drone_data(bundle, windows, node_index, crews),
        "egress": egress_data(bundle, node_index),
        **command_data(bundle, windows, node_index, crews),
        "queues": queue_data(bundle, windows, {p.id: i for i, p in enumerate(venue_posts)}),
        "queueLimit": DEFAULT_WAIT_LIMIT_MINUTES,
        "replanVersion": _replan_version(bundle.plan),
        "kpis": _kpis(bundle.plan.get("kpis")),
    }
    data["people"] = crews.people  # filled while the sections above were built
    add_sector_shapes(data["sectors"], data["posts"])
    return data


def _replan_version(plan: Any) -> int:
    """The version of a replanned plan (0 for a plan made by a solve)."""
    section = plan.get("replan") if isinstance(plan, dict) else None
    version = section.get("version") if isinstance(section, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else 0


def _phases(windows: list[PhaseWindow]) -> list[dict[str, Any]]:
    many_days = len({w.day for w in windows}) > 1
    return [
        {
            "id": w.id,
            "day": w.day if many_days else "",
            "from": f"{w.start:%H:%M}",
            "to": f"{w.end:%H:%M}",
        }
        for w in windows
    ]


def _zone(zone: Any, node_index: Mapping[str, int]) -> dict[str, Any]:
    return {
        "id": zone.id,
        "name": zone.name or "",
        "cap": zone.capacity,
        "poly": [[rounded(a), rounded(b)] for a, b in zone.polygon or ()],
        "nodes": [node_index[n] for n in zone.nodes if n in node_index],
        "exits": [node_index[n] for n in zone.exits if n in node_index],
    }


def _kpis(kpis: Any) -> dict[str, Any]:
    """The plan's headline figures, kept to what the map shows."""
    if not isinstance(kpis, Mapping):
        return {}
    out: dict[str, Any] = {}
    for key in ("coverage", "uncovered_person_hours"):
        value = kpis.get(key)
        if isinstance(value, Mapping):
            out[key] = {str(k): v for k, v in value.items() if isinstance(v, int | float)}
    cost = kpis.get("cost")
    if isinstance(cost, int | float):
        out["cost"] = cost
    staff = kpis.get("staff_used")
    if isinstance(staff, Mapping):
        by_role = staff.get("role", staff.get("by_role"))
        if isinstance(by_role, Mapping):
            out["staff"] = {str(k): v for k, v in by_role.items() if isinstance(v, int | float)}
        elif all(isinstance(v, int | float) for v in staff.values()):
            out["staff"] = {str(k): v for k, v in staff.items()}
    return out
