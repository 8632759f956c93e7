"""The greedy plan a spreadsheet planner would make.

Posts are taken by priority (critical first; within a priority, in file order). For every slot
of every need that is still short, the cheapest available person whose role fits is put on a
shift that starts at that slot and lasts the role's minimum length (started earlier when the
day or the person's availability ends too soon); that person then also covers the following
slots. A person works one shift a day, rested, on at most ``max_days`` days. Venue-wide ratios
are checked once the critical posts are staffed (they are a critical rule) and topped up at
the busiest station that takes those roles.
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import datetime, timedelta

import numpy as np

from benchmarks.evaluate import Counts
from benchmarks.problem import Problem
from eventplan.scenario import PRIORITIES
from eventplan.staffing.demand import Demand
from eventplan.staffing.templates import Template


class _People:
    """Who of each supply is free when: one shift a day, rest, ``max_days``."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        rules = problem.scenario.rules
        self.rest = timedelta(hours=rules.min_rest_hours)
        self.max_days = rules.max_days
        self.days = [np.zeros(s.count, np.int64) for s in problem.supplies]
        self.block_used = [defaultdict(lambda: np.zeros(0, bool)) for _ in problem.supplies]
        self.last_end: list[list[datetime | None]] = [[None] * s.count for s in problem.supplies]

    def take(self, s: int, template: Template) -> bool:
        """Give a free person of supply ``s`` this shift, if one is free."""
        supply = self.problem.supplies[s]
        used = self.block_used[s][template.day]
        if not len(used):
            used = self.block_used[s][template.day] = np.zeros(supply.count, bool)
        start = self.problem.grid.start(template.start)
        for person in range(supply.count):
            ended = self.last_end[s][person]
            if used[person] or self.days[s][person] >= self.max_days:
                continue
            if ended is not None and start < ended + self.rest:
                continue
            used[person] = True
            self.days[s][person] += 1
            self.last_end[s][person] = self.problem.grid.end(template.end - 1)
            return True
        return False


_CACHE: dict[tuple[int, int, int], list[Template]] = {}


def _shortest_from(problem: Problem, s: int, slot: int) -> list[Template]:
    """The supply's templates working ``slot``, shortest first, latest start first."""
    key = (id(problem), s, slot)
    if key not in _CACHE:
        fits = [t for t in problem.templates[s] if t.works(slot)]
        _CACHE[key] = sorted(fits, key=lambda t: (t.length, -t.start, t.break_start))
    return _CACHE[key]


def plan(problem: Problem) -> Counts:
    """The greedy shift counts."""
    size = problem.grid.size
    people = _People(problem)
    duty: dict[tuple[int, str], np.ndarray] = defaultdict(lambda: np.zeros(size, np.int64))
    counts: Counts = defaultdict(int)
    roles = problem.scenario.roles
    by_role: dict[str, list[int]] = defaultdict(list)
    for s, supply in enumerate(problem.supplies):
        by_role[supply.role].append(s)
    cheapest = sorted(roles, key=lambda r: (roles[r].cost, r))
    order = sorted(
        range(len(problem.stations)),
        key=lambda i: (PRIORITIES.index(problem.stations[i].priority), i),
    )

    def place(demand: Demand, st: int, have) -> None:
        for slot in np.flatnonzero(demand.required):
            while have(slot) < demand.required[slot]:
                if not _staff_one(
                    problem, people, counts, duty, demand, st, slot, cheapest, by_role
                ):
                    break

    def ratios() -> None:
        for demand in problem.requirements.ratios:
            target = _busiest(problem, demand)
            if target is not None:
                place(
                    demand,
                    target,
                    lambda slot, d=demand: sum(
                        int(on[slot]) for (_st, r), on in duty.items() if r in d.roles
                    ),
                )

    checked = False
    for st in order:
        if not checked and problem.stations[st].priority != "critical":
            ratios()  # the ratio is a critical rule: checked once the critical posts are set
            checked = True
        for demand in problem.stations[st].demands:
            place(
                demand,
                st,
                lambda slot, d=demand, st=st: sum(
                    int(duty[(st, r)][slot]) for r in d.roles if (st, r) in duty
                ),
            )
    if not checked:
        ratios()
    return dict(counts)


def _staff_one(problem, people, counts, duty, demand, st, slot, cheapest, by_role) -> bool:
    """Put the cheapest free person who fits on a minimum-length shift covering ``slot``."""
    for role in cheapest:
        if role not in demand.roles:
            continue
        for s in by_role.get(role, ()):
            for template in _shortest_from(problem, s, slot)[:8]:
                if people.take(s, template):
                    counts[(s, template, st)] += 1
                    duty[(st, role)][template.working()] += 1
                    return True
    return False


def _busiest(problem: Problem, demand: Demand) -> int | None:
    """The station with the most required people of the ratio's roles."""
    best, most = None, -1
    for st, station in enumerate(problem.stations):
        if not set(demand.roles) & station.roles:
            continue
        need = sum(
            int(d.required.sum()) for d in station.demands if set(d.roles) & set(demand.roles)
        )
        if need > most:
            best, most = st, need
    return best


def run(problem: Problem, time_limit: float, seed: int = 0) -> dict:
    started = time.perf_counter()
    counts = plan(problem)
    return {"status": "done", "counts": counts, "seconds": time.perf_counter() - started}
