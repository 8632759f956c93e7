"""Moving and standing forces on the map: patrol loops, standby points with their reach (and
the leader of each unit instance), drone watch areas, and the egress results of each zone.

Each item lists the phase windows it is active in (its scenario spec's phases, and the phases
its named windows overlap); an item the scenario does not know is shown in every window.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from eventplan.render.bundle import PlanBundle
from eventplan.render.crews import Crews
from eventplan.render.phases import PhaseWindow, period_indices
from eventplan.render.reach import Adjacency, edge_bands
from eventplan.render.values import entries, number

Spec = TypeVar("Spec")


def spec_for(item_id: str, specs: Mapping[str, Spec]) -> Spec | None:
    """The scenario spec an output item belongs to: same id, or the longest id it extends
    (``perimeter-2`` belongs to ``perimeter``)."""
    if item_id in specs:
        return specs[item_id]
    best = ""
    for spec_id in specs:
        if (
            item_id.startswith(spec_id)
            and len(spec_id) > len(best)
            and not item_id[len(spec_id)].isalnum()
        ):
            best = spec_id
    return specs[best] if best else None


def _crew_by_window(
    crews: Crews, rows: list[Any], active: list[int], windows: list[PhaseWindow]
) -> dict[int, Any]:
    return {w: crews.during(rows, windows[w]) for w in active if rows}


def _leaders_by_window(
    crews: Crews, rows: list[Any], active: list[int], windows: list[PhaseWindow]
) -> dict[int, Any]:
    found = {w: crews.leaders(rows, windows[w]) for w in active}
    return {w: who for w, who in found.items() if who}


def patrol_data(
    bundle: PlanBundle, windows: list[PhaseWindow], node_index: Mapping[str, int], crews: Crews
) -> list[dict[str, Any]]:
    """Patrol loops as closed walks of node indices."""
    specs = {p.id: p for p in bundle.scenario.patrols}
    out: list[dict[str, Any]] = []
    for entry in entries(bundle.plan.get("patrols")):
        walk = [node_index[str(n)] for n in entry.get("nodes") or () if str(n) in node_index]
        if len(walk) < 2:
            continue
        if walk[0] != walk[-1]:
            walk.append(walk[0])
        pid = str(entry.get("id", ""))
        spec = spec_for(pid, specs)
        active = period_indices(bundle.scenario, windows, spec.phases if spec else None)
        rows = crews.crew(pid, entry.get("team"))
        out.append(
            {
                "id": pid,
                "team": _scalar(entry.get("team")),
                "walk": walk,
                "on": active,
                "loop": number(entry.get("loop_minutes")),
                "revisit": number(entry.get("max_revisit_minutes")),
                "crew": _crew_by_window(crews, rows, active, windows),
            }
        )
    return out


def standby_data(
    bundle: PlanBundle, windows: list[PhaseWindow], node_index: Mapping[str, int], crews: Crews
) -> list[dict[str, Any]]:
    """Standby points of the units."""
    specs = {u.id: u for u in bundle.scenario.units}
    out: list[dict[str, Any]] = []
    for entry in entries(bundle.plan.get("standby")):
        node = str(entry.get("node", ""))
        if node not in node_index:
            continue
        unit = str(entry.get("unit", ""))
        spec = spec_for(unit, specs)
        active = period_indices(bundle.scenario, windows, spec.phases if spec else None)
        rows = crews.crew(unit, entry.get("index"))
        out.append(
            {
                "unit": unit,
                "label": (spec.label or "") if spec else "",
                "index": _scalar(entry.get("index")),
                "node": node_index[node],
                "on": active,
                "within": spec.respond_within_minutes if spec else None,
                "crew": _crew_by_window(crews, rows, active, windows),
                "leads": _leaders_by_window(crews, rows, active, windows),
            }
        )
    return out


def reach_data(
    bundle: PlanBundle,
    windows: list[PhaseWindow],
    standby: Sequence[Mapping[str, Any]],
    graph: Adjacency,
    edges: Sequence[tuple[int, int]],
    node_index: Mapping[str, int],
) -> dict[str, Any]:
    """Reach bands of every edge from the standby points active in each window.

    Windows with the same standby points share one band list (``sets`` and ``of``).
    """
    thresholds = [float(t) for t in bundle.scenario.response.targets_minutes]
    sets: list[list[int]] = []
    seen: dict[frozenset[int], int] = {}
    of: list[int] = []
    for w in range(len(windows)):
        sources = frozenset(s["node"] for s in standby if w in s["on"])
        if not sources:
            of.append(-1)
            continue
        if sources not in seen:
            seen[sources] = len(sets)
            sets.append(edge_bands(graph, edges, sources, thresholds))
        of.append(seen[sources])
    return {
        "minutes": thresholds,
        "speed": bundle.scenario.response.walking_speed_mps,
        "sets": sets,
        "of": of,
        "share": _reach_share(bundle.plan.get("response")),
        "unreached": _unreached(bundle.plan.get("response"), node_index),
    }


def drone_data(
    bundle: PlanBundle, windows: list[PhaseWindow], node_index: Mapping[str, int], crews: Crews
) -> list[dict[str, Any]]:
    """Drone watch areas from the scenario, with sortie counts from the plan when given."""
    plan_drones = bundle.plan.get("drones")
    out: list[dict[str, Any]] = []
    for drone in bundle.scenario.drones:
        active = period_indices(bundle.scenario, windows, drone.phases)
        rows = crews.crew(drone.id)
        out.append(
            {
                "id": drone.id,
                "count": drone.count,
                "endurance": drone.endurance_minutes,
                "watch": [node_index[n] for n in drone.watch if n in node_index],
                "on": active,
                "sorties": _sorties(plan_drones, drone.id),
                "crew": _crew_by_window(crews, rows, active, windows),
            }
        )
    return out


def egress_data(bundle: PlanBundle, node_index: Mapping[str, int]) -> list[dict[str, Any]]:
    """Egress time and bottleneck of each zone the plan reports."""
    zones = {z.id: i for i, z in enumerate(bundle.scenario.venue.zones)}
    target = bundle.scenario.egress.target_minutes
    out: list[dict[str, Any]] = []
    for entry in entries(bundle.plan.get("egress")):
        zone = str(entry.get("zone", ""))
        minutes = number(entry.get("minutes"))
        met = entry.get("target_met")
        if not isinstance(met, bool):
            met = minutes is not None and minutes <= target
        out.append(
            {
                "zone": zones.get(zone, -1),
                "zid": zone,
                "persons": number(entry.get("persons")),
                "minutes": minutes,
                "target": target,
                "met": met,
                "walk": number(entry.get("walk_minutes")),
                "queue": number(entry.get("queue_minutes")),
                "neck": bottleneck(entry.get("bottleneck"), node_index),
            }
        )
        neck = out[-1]["neck"]
        neck.update(_neck_detail(entry.get("bottlenecks"), neck.get("edge"), node_index))
    return out


def _neck_detail(
    details: Any, edge: list[int] | None, node_index: Mapping[str, int]
) -> dict[str, Any]:
    """Kind, width and flow of the bottleneck edge, when the plan lists them."""
    if not edge or not isinstance(details, list | tuple):
        return {}
    for item in details:
        if not isinstance(item, Mapping) or not isinstance(item.get("edge"), list | tuple):
            continue
        ends = sorted(node_index.get(str(n), -1) for n in item["edge"])
        if ends == sorted(edge):
            return {
                "kind": str(item.get("kind", "")),
                "width": number(item.get("width_m")),
                "flow": number(item.get("persons_per_minute")),
            }
    return {}


def bottleneck(value: Any, node_index: Mapping[str, int]) -> dict[str, Any]:
    """Where a bottleneck is: ``{"node": i}`` or ``{"edge": [i, j]}``, plus its text.

    Accepts a node id, an edge as ``{a, b}`` or ``[a, b]``, or an edge written as text
    (``a|b``, ``a->b``, ``a--b`` or ``a-b`` where both sides are node ids).
    """
    out: dict[str, Any] = {"text": _label(value)}
    if isinstance(value, Mapping):
        value = (
            [value.get("a"), value.get("b")]
            if "a" in value
            else value.get("node", value.get("edge"))
        )
    if isinstance(value, list | tuple) and len(value) == 2:
        a, b = (str(v) for v in value)
        if a in node_index and b in node_index:
            out["edge"] = [node_index[a], node_index[b]]
        return out
    if not isinstance(value, str):
        return out
    if value in node_index:
        out["node"] = node_index[value]
        return out
    for sep in ("|", "->", "--", "—", " - ", "~", "/", ",", "-"):
        parts = value.split(sep)
        for cut in range(1, len(parts)):
            a, b = sep.join(parts[:cut]).strip(), sep.join(parts[cut:]).strip()
            if a in node_index and b in node_index:
                out["edge"] = [node_index[a], node_index[b]]
                return out
    return out


def _label(value: Any) -> str:
    if isinstance(value, Mapping):
        return " – ".join(str(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " – ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _reach_share(response: Any) -> dict[str, float]:
    if not isinstance(response, Mapping) or not isinstance(response.get("reach"), Mapping):
        return {}
    out: dict[str, float] = {}
    for minutes, share in response["reach"].items():
        value = number(share)
        if value is not None:
            out[str(minutes)] = value
    return out


def _unreached(response: Any, node_index: Mapping[str, int]) -> dict[str, list[int]]:
    if not isinstance(response, Mapping) or not isinstance(response.get("unreached"), Mapping):
        return {}
    out: dict[str, list[int]] = {}
    for minutes, nodes in response["unreached"].items():
        if isinstance(nodes, list | tuple):
            out[str(minutes)] = [node_index[str(n)] for n in nodes if str(n) in node_index]
    return out


def _sorties(plan_drones: Any, drone_id: str) -> int | None:
    """Number of sorties of one drone group: the plan lists ``[{id, sorties: [...]}]``
    (or maps ids to ``{sorties: [...]}``)."""
    groups: list[Mapping[str, Any]] = entries(plan_drones)
    if isinstance(plan_drones, Mapping):
        groups = [{"id": k, **v} for k, v in plan_drones.items() if isinstance(v, Mapping)]
    for entry in groups:
        if str(entry.get("id")) == drone_id and isinstance(entry.get("sorties"), list | tuple):
            return len(entry["sorties"])
    return None


def _scalar(value: Any) -> str | int | float | None:
    return value if isinstance(value, str | int | float) or value is None else str(value)
