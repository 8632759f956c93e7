"""The venue analyses of a plan folder, read back rather than searched again.

Two venue analyses end in a timed search whose result plan.json keeps: the patrol loops are
polished by local search (about a second on the bundled concert), and the standby points of
small venues are improved by CP-SAT (up to 5 s). The analyses are run without either search;
then each patrol walks the loops the folder stored (each team's targets in walking order)
and the response plan is the one stored (standby points, reach, method). What staffing reads
(the number of patrol teams, the drone rotation) never depends on those searches. A patrol
whose stored loops do not fit the scenario (another count of teams, a target it does not
have), or a response section that does not read, keeps what was found here.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

from eventplan.planning.stages import analyse_venue
from eventplan.scenario import Scenario
from eventplan.venue.analysis import VenueAnalysis
from eventplan.venue.patrol.plan import PatrolPlan, patrol_targets, with_stored_loops
from eventplan.venue.response.plan import Reach, ResponsePlan, Standby, UnitReach


def stored_venue(scenario: Scenario, document: dict[str, Any]) -> VenueAnalysis:
    """The venue analyses of ``scenario``, patrol loops as plan.json ``document`` has them."""
    venue = analyse_venue(scenario, patrol_time_limit_s=0, exact_time_limit_s=0)
    orders = stored_orders(document)
    patrols = tuple(_stored(p, orders.get(p.patrol_id), scenario, venue) for p in venue.patrols)
    response = stored_response(document, venue.response, set(venue.graph.index))
    return dataclasses.replace(venue, patrols=patrols, response=response)


def stored_orders(document: dict[str, Any]) -> dict[str, list[list[str]]]:
    """Each patrol's loops in plan.json: the targets of each team, by team number."""
    rows = document.get("patrols") if isinstance(document, dict) else None
    teams: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        patrol, team, targets = row.get("id"), row.get("team"), row.get("targets")
        if isinstance(patrol, str) and isinstance(team, int) and isinstance(targets, list):
            teams[patrol].append((team, [str(t) for t in targets]))
    return {patrol: [order for _team, order in sorted(loops)] for patrol, loops in teams.items()}


def _stored(
    plan: PatrolPlan, orders: list[list[str]] | None, scenario: Scenario, venue: VenueAnalysis
) -> PatrolPlan:
    if orders is None or len(orders) != len(plan.loops):
        return plan
    patrol = next(p for p in scenario.patrols if p.id == plan.patrol_id)
    targets = set(patrol_targets(patrol, scenario))
    visited = [t for order in orders for t in order]
    if not all(orders) or sorted(visited) != sorted(targets):
        return plan
    return with_stored_loops(plan, orders, scenario, venue.graph)


def stored_response(document: dict[str, Any], found: ResponsePlan, nodes: set[str]) -> ResponsePlan:
    """The response plan plan.json holds, or ``found`` when it does not read, names other
    units than ``found`` places, or a node not in the venue (``nodes``)."""
    try:
        standby = tuple(
            Standby(str(r["unit"]), int(r["index"]), str(r["node"]), bool(r["chosen"]))
            for r in document["standby"]
        )
        section = document["response"]
        reach = tuple(
            Reach(
                float(label),
                float(share),
                float(section["node_share"][label]),
                tuple(section["unreached"][label]),
            )
            for label, share in section["reach"].items()
        )
        units = tuple(
            UnitReach(
                str(u["unit"]),
                Reach(
                    float(u["within_minutes"]),
                    float(u["weight_share"]),
                    float(u["node_share"]),
                    tuple(u["unreached"]),
                ),
            )
            for u in section["units"]
        )
        objective, method = float(section["objective"]), str(section["method"])
        optimal = bool(section["optimal"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return found
    same = [(s.unit, s.index) for s in standby] == [(s.unit, s.index) for s in found.standby]
    if not same or not all(s.node in nodes for s in standby):
        return found
    return ResponsePlan(standby, reach, units, objective, method, optimal, found.speed_mps)
