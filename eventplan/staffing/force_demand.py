"""What the forces and the command require: units, patrol teams, drone crews, sector leaders,
reserves, and the venue-wide ratios."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from eventplan.scenario import PRIORITIES, Scenario
from eventplan.scenario.model import Unit
from eventplan.staffing.demand import Demand, PilotCounts, Station, TeamCounts
from eventplan.timegrid import TimeGrid

#: Priority of the people drawn by standing forces. Rapid-response units are the first to any
#: incident, so a missing member weighs like an uncovered critical post; patrols and drone
#: crews weigh like high-priority posts.
FORCE_PRIORITY = {"unit": "critical", "patrol": "high", "drone": "high"}
#: Venue-wide ratios are set by the police review of the plan: a shortfall weighs as critical.
RATIO_PRIORITY = "critical"
_EPS = 1e-9


def force_stations(
    scenario: Scenario, grid: TimeGrid, patrol_teams: TeamCounts, drone_pilots: PilotCounts
) -> list[Station]:
    """Stations of the units, patrols and drone crews."""
    stations = [_unit_station(unit, grid) for unit in scenario.units]
    for patrol in scenario.patrols:
        teams = patrol.teams
        if teams == "auto":
            teams = patrol_teams.get(patrol.id)
            if teams is None:
                raise ValueError(f"patrol '{patrol.id}': teams: auto needs the patrol analysis")
        mask = grid.period_mask(patrol.phases)
        stations.append(_crew_station(patrol.id, "patrol", patrol.composition, teams, mask))
    for drone in scenario.drones:
        pilots = drone_pilots.get(drone.id)
        if pilots is None:
            pilots = grid.period_mask(drone.phases) * drone.count
        demand = Demand(
            drone.id,
            (drone.pilot_role,),
            FORCE_PRIORITY["drone"],
            np.asarray(pilots, dtype=np.int64),
            "drone",
            tuple(drone.pilot_tags),
        )
        stations.append(Station(drone.id, "drone", FORCE_PRIORITY["drone"], (demand,)))
    return stations


def _unit_station(unit: Unit, grid: TimeGrid) -> Station:
    mask = grid.period_mask(unit.phases)
    station = _crew_station(unit.id, "unit", unit.composition, unit.count, mask)
    tagged = tuple(
        Demand(
            unit.id,
            tuple(need.roles),
            station.priority,
            mask * need.min * unit.count,
            "unit",
            tuple(need.tags),
        )
        for need in unit.needs_tags
    )
    return Station(
        unit.id,
        "unit",
        station.priority,
        station.demands + tagged,
        standing=unit.standing,
        relief=unit.relief,
    )


def _crew_station(
    station_id: str, kind: str, composition: Mapping[str, int], teams: int, mask: np.ndarray
) -> Station:
    priority = FORCE_PRIORITY[kind]
    demands = tuple(
        Demand(station_id, (role,), priority, mask * per_team * teams, kind)
        for role, per_team in composition.items()
    )
    return Station(station_id, kind, priority, demands)


def leader_stations(scenario: Scenario, grid: TimeGrid, posts: list[Station]) -> list[Station]:
    """One leader station per sector with a leader: one person whenever any post needs one."""
    by_id = {station.id: station for station in posts}
    out = []
    for sector in scenario.sectors:
        leader = sector.leader
        if leader is None:
            continue
        members = [by_id[p] for p in sector.posts if p in by_id]
        active = np.zeros(grid.size, dtype=np.int64)
        for station in members:
            for demand in station.demands:
                active |= (demand.required > 0).astype(np.int64)
        priority = leader.priority or min(
            (s.priority for s in members), key=PRIORITIES.index, default="high"
        )
        demand = Demand(sector.id, (leader.role,), priority, active, "leader", tuple(leader.tags))
        out.append(Station(sector.id, "leader", priority, (demand,)))
    return out


def reserve_stations(scenario: Scenario, grid: TimeGrid) -> list[Station]:
    """One station per reserve: ``min`` people, or ``share`` of the roles' pools, kept free."""
    out = []
    for reserve in scenario.reserves:
        if reserve.min is not None:
            count = reserve.min
        else:
            people = sum(p.count for p in scenario.pools if p.role in reserve.roles)
            count = math.ceil((reserve.share or 0.0) * people - _EPS)
        required = grid.period_mask(reserve.phases) * count
        demand = Demand(reserve.id, tuple(reserve.roles), reserve.priority, required, "reserve")
        out.append(Station(reserve.id, "reserve", reserve.priority, (demand,)))
    return out


def ratio_demands(scenario: Scenario, grid: TimeGrid) -> tuple[Demand, ...]:
    """The venue-wide minimums on duty (``rules.ratios``)."""
    ratios = []
    for i, ratio in enumerate(scenario.rules.ratios):
        phases = ratio.phases or tuple(grid.phase_slots)
        required = grid.period_mask(phases) * math.ceil(
            scenario.event.attendance / ratio.per_attendees - _EPS
        )
        ratios.append(Demand(f"ratio:{i}", tuple(ratio.roles), RATIO_PRIORITY, required, "ratio"))
    return tuple(ratios)
