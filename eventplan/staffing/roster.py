"""From shift counts to named people: who works which shift where.

The model decides how many people of each supply work each template at each station. Here
those counts become people: named ones from the ``people`` file first, then generated ids such
as ``district-police-0007``. Members of a rapid-response unit, a patrol team or a drone crew are
grouped into instances (``rapid-response#3``) so that each instance holds its composition.
On multi-day events people are chosen day by day so that rest and ``max_days`` hold exactly; a
shift nobody can take under those rules is left open and shows up as shortfall.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from eventplan.staffing.demand import Station
from eventplan.staffing.model import StaffingModel
from eventplan.staffing.supply import Supply, Template


@dataclass(frozen=True)
class Shift:
    """One person's shift at one station."""

    person: str
    name: str
    role: str
    pool: str
    station_id: str
    #: unit/team/crew label of each stint (one, or two around a break); empty at posts
    instance: tuple[str, ...]
    supply: int
    template: Template
    start: datetime
    end: datetime

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


@dataclass(frozen=True)
class Roster:
    shifts: tuple[Shift, ...]
    #: shifts the rules left without a person: (supply, template, station id)
    unfilled: tuple[tuple[int, Template, str], ...]


def build_roster(model: StaffingModel, counts: np.ndarray) -> Roster:
    """Named people for every shift counted in ``counts`` (aligned with ``model.columns``)."""
    grid, scenario = model.grid, model.scenario
    stations = model.requirements.stations
    wanted: dict[int, list[tuple[Template, int]]] = defaultdict(list)
    for column, count in zip(model.columns, counts, strict=False):
        for _ in range(round(count)):
            wanted[column.supply].append(
                (model.templates[column.supply][column.template], column.station)
            )
    names = {p.id: p.name for p in scenario.people}
    labels = _role_labels(model)
    shifts: list[Shift] = []
    unfilled: list[tuple[int, Template, str]] = []
    ids = _people_by_supply(model)
    for supply in model.supplies:
        placed, left = _place(supply, wanted.get(supply.index, []), ids[supply.index], model)
        for person, template, station in placed:
            shifts.append(
                Shift(
                    person,
                    names.get(person, _generated_name(labels[supply.role], person)),
                    supply.role,
                    supply.pool,
                    stations[station].id,
                    (),
                    supply.index,
                    template,
                    grid.start(template.start),
                    grid.end(template.end - 1),
                )
            )
        unfilled += [(supply.index, t, stations[station].id) for t, station in left]
    shifts = _label_instances(model, shifts)
    shifts.sort(key=lambda s: (s.start, s.station_id, s.person))
    return Roster(tuple(shifts), tuple(unfilled))


def _role_labels(model: StaffingModel) -> dict[str, str]:
    return {rid: (role.label or rid) for rid, role in model.scenario.roles.items()}


def _generated_name(label: str, person: str) -> str:
    return f"{label} {person.rsplit('-', 1)[-1]}"


def _people_by_supply(model: StaffingModel) -> dict[int, list[str]]:
    """Person ids of every supply: named people first, then generated ids for the rest."""
    out: dict[int, list[str]] = {}
    used: dict[str, set[str]] = defaultdict(set)
    for person in model.scenario.people:
        used[person.pool].add(person.id)
    counters: dict[str, int] = defaultdict(int)
    for supply in model.supplies:
        people = list(supply.people)
        while len(people) < supply.count:
            counters[supply.pool] += 1
            candidate = f"{supply.pool}-{counters[supply.pool]:04d}"
            if candidate not in used[supply.pool]:
                people.append(candidate)
        out[supply.index] = people
    return out


def _place(
    supply: Supply,
    shifts: list[tuple[Template, int]],
    people: list[str],
    model: StaffingModel,
) -> tuple[list[tuple[str, Template, int]], list[tuple[Template, int]]]:
    """Give each shift a person: one shift a day, rested, on at most ``max_days`` days.

    Day by day, shifts are taken in order of start; each goes to the rested person with the
    fewest days worked so far, among them the one who finished latest, so that the earliest
    finishers stay free for the early starts that need them most.
    """
    rules, grid = model.scenario.rules, model.grid
    rest = timedelta(hours=rules.min_rest_hours)
    order = {person: i for i, person in enumerate(people)}
    last_end: dict[str, datetime] = {}
    days: dict[str, int] = defaultdict(int)
    placed: list[tuple[str, Template, int]] = []
    left: list[tuple[Template, int]] = []
    by_day: dict[int, list[tuple[Template, int]]] = defaultdict(list)
    for template, station in shifts:
        by_day[template.day].append((template, station))
    for day in sorted(by_day):
        # people not yet rested, by the time they are: (ready, order, person)
        waiting = sorted(
            (last_end[p] + rest if p in last_end else datetime.min, order[p], p)
            for p in people
            if days[p] < rules.max_days
        )
        ready: list[tuple[int, float, int, str]] = []
        w = 0
        for template, station in sorted(by_day[day], key=lambda s: (s[0].start, s[0].end)):
            start = grid.start(template.start)
            while w < len(waiting) and waiting[w][0] <= start:
                person = waiting[w][2]
                ended = last_end.get(person)
                latest = -ended.timestamp() if ended else 0.0
                heapq.heappush(ready, (days[person], latest, order[person], person))
                w += 1
            if not ready:
                left.append((template, station))
                continue
            person = heapq.heappop(ready)[3]
            days[person] += 1
            last_end[person] = grid.end(template.end - 1)
            placed.append((person, template, station))
    return placed, left


def _label_instances(model: StaffingModel, shifts: list[Shift]) -> list[Shift]:
    """Split the members of units, patrols and drone crews into instances that hold together."""
    stations = {s.id: s for s in model.requirements.stations}
    out: list[Shift] = []
    groups: dict[str, list[Shift]] = defaultdict(list)
    for shift in shifts:
        if stations[shift.station_id].kind == "post":
            out.append(shift)
        else:
            groups[shift.station_id].append(shift)
    for station_id, members in groups.items():
        out.extend(_fill_instances(model, stations[station_id], members))
    return out


def _fill_instances(model: StaffingModel, station: Station, members: list[Shift]) -> list[Shift]:
    """Give every stint a lane of one instance, so that each instance holds its composition.

    An instance of composition {police: 2} has two police lanes. Stints (a meal break splits
    a shift in two) are taken in order of start and put in the lowest free lane, the person's
    own lane first: interval partitioning, which fills every lane whenever the station is fully
    covered. A person may thus hand over to a relief in their own instance during a break and
    come back to a lane of another instance when theirs was taken.
    """
    capacity = _instance_capacity(model, station)
    lanes: dict[str, list[int]] = defaultdict(list)  # role -> instance of each lane
    for k, composition in enumerate(capacity):
        for role, n in composition.items():
            lanes[role] += [k] * n
    free_at = {role: [0] * len(ks) for role, ks in lanes.items()}
    stints = sorted(
        ((a, b, i) for i, shift in enumerate(members) for a, b in shift.template.pieces()),
        key=lambda item: (item[0], item[1], members[item[2]].person),
    )
    own: dict[int, int] = {}
    labels: dict[int, list[str]] = defaultdict(list)
    for a, b, i in stints:
        role = members[i].role
        free = free_at.get(role, [])
        lane = own.get(i)
        if lane is None or free[lane] > a:
            open_lanes = [k for k, t in enumerate(free) if t <= a]
            lane = (
                open_lanes[0]
                if open_lanes
                else (min(range(len(free)), key=free.__getitem__) if free else None)
            )
        if lane is None:  # no lane of that role: label the first instance
            labels[i].append(f"{station.id}#1")
            continue
        free[lane] = max(free[lane], b)
        own[i] = lane
        labels[i].append(f"{station.id}#{lanes[role][lane] + 1}")
    return [_relabel(shift, tuple(labels[i])) for i, shift in enumerate(members)]


def _instance_capacity(model: StaffingModel, station: Station) -> list[dict[str, int]]:
    scenario = model.scenario
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


def _relabel(shift: Shift, instance: tuple[str, ...]) -> Shift:
    return dataclasses.replace(shift, instance=instance)
