"""Members of units, patrol teams and drone crews grouped into instances, and the leaders.

Each instance of a unit (``rapid-response#3``) holds its composition: every stint takes a lane
of one instance. A unit with a ``leader`` role names, in every instance, the member in the
first lane of that role its leader; a sector's leader leads the sector. Members carrying the
tags a unit asks of each instance are spread over the instances first.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable

from eventplan.scenario import Scenario
from eventplan.staffing.demand import Station
from eventplan.staffing.shifts import Shift


def label_instances(
    scenario: Scenario, stations: tuple[Station, ...], shifts: list[Shift]
) -> list[Shift]:
    """Instances and leaders for every shift at a unit, patrol, drone crew or sector."""
    by_id = {s.id: s for s in stations}
    out: list[Shift] = []
    groups: dict[str, list[Shift]] = defaultdict(list)
    for shift in shifts:
        kind = by_id[shift.station_id].kind
        if kind == "leader":
            leads = tuple(shift.station_id for _ in shift.template.pieces())
            out.append(dataclasses.replace(shift, leads=leads))
        elif kind in ("post", "reserve"):
            out.append(shift)
        else:
            groups[shift.station_id].append(shift)
    for station_id, members in groups.items():
        out.extend(_fill_instances(scenario, by_id[station_id], members))
    return out


def _fill_instances(scenario: Scenario, station: Station, members: list[Shift]) -> list[Shift]:
    """Give every stint a lane of one instance, so that each instance holds its composition.

    An instance of composition {police: 2} has two police lanes. Stints (a meal break splits
    a shift in two) are taken in order of start and put in the lowest free lane, the person's
    own lane first: interval partitioning, which fills every lane whenever the station is fully
    covered. A person may thus hand over to a relief in their own instance during a break and
    come back to a lane of another instance when theirs was taken.
    """
    capacity = _instance_capacity(scenario, station)
    spread = _tagged(scenario, station)
    lanes = _lanes(capacity, by_position=spread is not None)
    leader = _leader_role(scenario, station)
    free_at = {role: [0] * len(ks) for role, ks in lanes.items()}
    stints = sorted(
        ((a, b, i) for i, shift in enumerate(members) for a, b in shift.template.pieces()),
        key=lambda item: (
            item[0],
            item[1],
            _rank(members[item[2]], spread),
            members[item[2]].person,
        ),
    )
    own: dict[int, int] = {}
    labels: dict[int, list[str]] = defaultdict(list)
    leads: dict[int, list[str]] = defaultdict(list)
    for a, b, i in stints:
        role = members[i].role
        free = free_at.get(role, [])
        lane = own.get(i)
        if lane is None or free[lane] > a:
            lane = _open_lane(free, a)
        if lane is None:  # no lane of that role: label the first instance
            labels[i].append(f"{station.id}#1")
            leads[i].append("")
            continue
        free[lane] = max(free[lane], b)
        own[i] = lane
        instance = f"{station.id}#{lanes[role][lane] + 1}"
        labels[i].append(instance)
        first_of_role = lanes[role].index(lanes[role][lane]) == lane
        leads[i].append(instance if role == leader and first_of_role else "")
    return [
        dataclasses.replace(shift, instance=tuple(labels[i]), leads=tuple(leads[i]))
        for i, shift in enumerate(members)
    ]


def _open_lane(free: list[int], at: int) -> int | None:
    open_lanes = [k for k, t in enumerate(free) if t <= at]
    if open_lanes:
        return open_lanes[0]
    return min(range(len(free)), key=free.__getitem__) if free else None


def _lanes(capacity: list[dict[str, int]], by_position: bool) -> dict[str, list[int]]:
    """role -> the instance of each lane: instance by instance, or (to spread people evenly
    over the instances) first lane of every instance, then second lanes, and so on."""
    lanes: dict[str, list[int]] = defaultdict(list)
    if not by_position:
        for k, composition in enumerate(capacity):
            for role, n in composition.items():
                lanes[role] += [k] * n
        return lanes
    roles = dict.fromkeys(r for c in capacity for r in c)
    for role in roles:
        deepest = max(c.get(role, 0) for c in capacity)
        for position in range(deepest):
            lanes[role] += [k for k, c in enumerate(capacity) if c.get(role, 0) > position]
    return lanes


def _rank(shift: Shift, spread: Callable[[Shift], bool] | None) -> int:
    """Members carrying the tags an instance needs take lanes first (0), the rest after."""
    return 0 if spread is not None and spread(shift) else 1


def _tagged(scenario: Scenario, station: Station) -> Callable[[Shift], bool] | None:
    """Whether a member carries the tags a unit asks of each instance (None: it asks none)."""
    unit = next((u for u in scenario.units if u.id == station.id), None)
    if unit is None or not unit.needs_tags:
        return None
    needs = [(set(n.roles), set(n.tags)) for n in unit.needs_tags]
    return lambda shift: any(shift.role in roles and tags <= shift.tags for roles, tags in needs)


def _leader_role(scenario: Scenario, station: Station) -> str | None:
    unit = next((u for u in scenario.units if u.id == station.id), None)
    return unit.leader if unit is not None else None


def _instance_capacity(scenario: Scenario, station: Station) -> list[dict[str, int]]:
    if station.kind == "unit":
        unit = next(u for u in scenario.units if u.id == station.id)
        return [dict(unit.composition) for _ in range(unit.count)]
    if station.kind == "patrol":
        patrol = next(p for p in scenario.patrols if p.id == station.id)
        teams = max(
            [int(d.required.max()) // patrol.composition[d.roles[0]] for d in station.demands] + [1]
        )
        return [dict(patrol.composition) for _ in range(teams)]
    pilots = int(max(int(d.required.max()) for d in station.demands)) if station.demands else 1
    role = station.demands[0].roles[0] if station.demands else ""
    return [{role: 1} for _ in range(max(1, pilots))]
