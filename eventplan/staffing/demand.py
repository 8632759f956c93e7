"""What must be covered: required people per station, role group and slot.

A *station* is anywhere people are placed for a stretch of time: a post, a rapid-response
unit, a patrol team or a drone crew. Each station carries one or more
:class:`Demand` rows; a person placed at a station counts toward every demand of that station
that lists their role. Venue-wide ratios are demands on no station: everyone of their roles on
duty anywhere counts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from eventplan.scenario import Scenario
from eventplan.scenario.times import expand
from eventplan.timegrid import TimeGrid

#: Priority of the people drawn by standing forces. Rapid-response units are the first to any
#: incident, so a missing member weighs like an uncovered critical post; patrols and drone
#: crews weigh like high-priority posts.
FORCE_PRIORITY = {"unit": "critical", "patrol": "high", "drone": "high"}
#: Venue-wide ratios are set by the police review of the plan: a shortfall weighs as critical.
RATIO_PRIORITY = "critical"
_EPS = 1e-9


@dataclass(frozen=True)
class Demand:
    """Required people of a role group at a station (or venue-wide), per slot."""

    station_id: str
    roles: tuple[str, ...]
    priority: str
    required: np.ndarray = field(repr=False)
    #: where the demand comes from, for explanations ("need", "screening", "ratio", ...)
    source: str = "need"

    @property
    def group(self) -> str:
        """Role group label as written in coverage.csv (role ids joined by '+')."""
        return "+".join(self.roles)


@dataclass(frozen=True)
class Station:
    """A place (post, unit, patrol, drone crew) people are deployed to for whole shifts."""

    id: str
    kind: str  # "post" | "unit" | "patrol" | "drone"
    priority: str
    demands: tuple[Demand, ...]

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r for d in self.demands for r in d.roles)


@dataclass(frozen=True)
class Requirements:
    stations: tuple[Station, ...]
    ratios: tuple[Demand, ...]

    def all_demands(self) -> list[Demand]:
        return [d for s in self.stations for d in s.demands] + list(self.ratios)


#: patrol id -> number of teams; drone id -> pilots per slot
TeamCounts = Mapping[str, int]
PilotCounts = Mapping[str, np.ndarray]


def requirements(
    scenario: Scenario,
    grid: TimeGrid,
    patrol_teams: TeamCounts | None = None,
    drone_pilots: PilotCounts | None = None,
) -> Requirements:
    """All demands of a scenario on its time grid.

    Parameters
    ----------
    patrol_teams
        Team count of each patrol with ``teams: auto`` (from the patrol analysis).
    drone_pilots
        Pilots needed per slot for each drone entry (from the drone rotation); without it a
        drone entry needs ``count`` pilots throughout its phases.
    """
    stations = [_post_station(scenario, grid, post) for post in scenario.posts]
    phase_mask = _phase_masks(grid)
    for unit in scenario.units:
        mask = _union(phase_mask, unit.phases, grid.size)
        stations.append(_force_station(unit.id, "unit", unit.composition, unit.count, mask))
    for patrol in scenario.patrols:
        teams = patrol.teams
        if teams == "auto":
            teams = (patrol_teams or {}).get(patrol.id)
            if teams is None:
                raise ValueError(f"patrol '{patrol.id}': teams: auto needs the patrol analysis")
        mask = _union(phase_mask, patrol.phases, grid.size)
        stations.append(_force_station(patrol.id, "patrol", patrol.composition, teams, mask))
    for drone in scenario.drones:
        pilots = (drone_pilots or {}).get(drone.id)
        if pilots is None:
            pilots = _union(phase_mask, drone.phases, grid.size) * drone.count
        demand = Demand(
            drone.id,
            (drone.pilot_role,),
            FORCE_PRIORITY["drone"],
            np.asarray(pilots, dtype=np.int64),
            "drone",
        )
        stations.append(Station(drone.id, "drone", FORCE_PRIORITY["drone"], (demand,)))
    ratios = []
    for i, ratio in enumerate(scenario.rules.ratios):
        phases = ratio.phases or tuple(phase_mask)
        required = _union(phase_mask, phases, grid.size) * math.ceil(
            scenario.event.attendance / ratio.per_attendees - _EPS
        )
        ratios.append(Demand(f"ratio:{i}", tuple(ratio.roles), RATIO_PRIORITY, required, "ratio"))
    return Requirements(tuple(stations), tuple(ratios))


def _phase_masks(grid: TimeGrid) -> dict[str, np.ndarray]:
    masks = {}
    for phase_id, slots in grid.phase_slots.items():
        mask = np.zeros(grid.size, dtype=np.int64)
        mask[list(slots)] = 1
        masks[phase_id] = mask
    return masks


def _union(masks: dict[str, np.ndarray], phases: tuple[str, ...], size: int) -> np.ndarray:
    out = np.zeros(size, dtype=np.int64)
    for phase in phases:
        out |= masks[phase]
    return out


def _force_station(
    station_id: str, kind: str, composition: Mapping[str, int], teams: int, mask: np.ndarray
) -> Station:
    priority = FORCE_PRIORITY[kind]
    demands = tuple(
        Demand(station_id, (role,), priority, mask * per_team * teams, kind)
        for role, per_team in composition.items()
    )
    return Station(station_id, kind, priority, demands)


def _post_station(scenario: Scenario, grid: TimeGrid, post) -> Station:
    by_group: dict[tuple[str, ...], np.ndarray] = {}
    sources: dict[tuple[str, ...], str] = {}
    masks = _phase_masks(grid)
    for need in post.needs:
        required = _union(masks, need.phases, grid.size) * need.min
        group = tuple(need.roles)
        by_group[group] = np.maximum(by_group.get(group, 0), required)
        sources.setdefault(group, "need")
    if post.screening is not None:
        group = tuple(post.screening.roles)
        staff = screening_staff(scenario, grid, post.screening)
        by_group[group] = np.maximum(by_group.get(group, 0), staff)
        sources[group] = "screening" if group not in sources else sources[group] + "+screening"
    demands = tuple(
        Demand(post.id, group, post.priority, np.asarray(req, dtype=np.int64), sources[group])
        for group, req in by_group.items()
    )
    return Station(post.id, "post", post.priority, demands)


def arrivals_per_minute(scenario: Scenario, grid: TimeGrid) -> np.ndarray:
    """Average arrivals per minute of the whole crowd in every slot.

    Each arrival window's share of the attendance is spread evenly over its minutes. Without
    an arrival profile the crowd arrives evenly over the ``ingress`` phase. On multi-day events
    the profile repeats every day and ``attendance`` counts each day's visitors.
    """
    event = scenario.event
    if event.arrivals:
        windows = [(w, a.share) for a in event.arrivals for w in expand(a.start, a.end, event.days)]
    else:
        windows = [(w, 1.0) for w in grid.phase_windows.get("ingress", ())]
    rate = np.zeros(grid.size)
    for (start, end), share in windows:
        minutes = (end - start).total_seconds() / 60
        per_minute = event.attendance * share / minutes
        # Validation keeps every window on the slot grid, so slots are wholly in or out.
        for i in grid.slots_in(start, end):
            rate[i] += per_minute
    return rate


def screening_staff(scenario: Scenario, grid: TimeGrid, screening) -> np.ndarray:
    """Screening staff per slot: min(lanes, ceil(arrivals / lane rate)) x staff per lane."""
    rate = arrivals_per_minute(scenario, grid) * screening.arrival_share
    lanes = np.ceil(rate / screening.persons_per_lane_per_minute - _EPS).clip(min=0)
    lanes = np.minimum(lanes, screening.lanes)
    return (lanes * screening.staff_per_lane).astype(np.int64)
