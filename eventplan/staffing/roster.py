"""From shift counts to named people: who works which shift where.

The model decides how many people of each supply work each template at each station. Here
those counts become people: named ones from the ``people`` file first, then generated ids such
as ``district-police-0007``. Members of units, patrol teams and drone crews are then grouped
into instances (:mod:`eventplan.staffing.crews`). On multi-day events people are chosen day by
day so that rest and ``max_days`` hold exactly; a shift nobody can take under those rules is
left open and shows up as shortfall.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from datetime import datetime, timedelta

import numpy as np

from eventplan.staffing.crews import label_instances
from eventplan.staffing.model import StaffingModel
from eventplan.staffing.shifts import Roster, Shift
from eventplan.staffing.supply import Supply
from eventplan.staffing.templates import Template
from eventplan.timegrid import briefings, minutes

__all__ = ["Roster", "Shift", "build_roster"]


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
    musters = {pool: b.node for pool, b in briefings(scenario).items()}
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
                    supply.tags,
                    (),
                    musters.get(supply.pool, "") if template.brief else "",
                )
            )
        unfilled += [(supply.index, t, stations[station].id) for t, station in left]
    shifts = label_instances(scenario, stations, shifts)
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
    finishers stay free for the early starts that need them most. When people are minimised,
    the rested person with the most days worked so far goes first instead, so that as few
    people as possible are drawn.
    """
    reuse = -1 if model.scenario.objective.minimise == "people" else 1
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
                latest = -minutes(ended) if ended else 0.0
                heapq.heappush(ready, (reuse * days[person], latest, order[person], person))
                w += 1
            if not ready:
                left.append((template, station))
                continue
            person = heapq.heappop(ready)[3]
            days[person] += 1
            last_end[person] = grid.end(template.end - 1)
            placed.append((person, template, station))
    return placed, left
