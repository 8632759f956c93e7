"""One evaluator for every method: shift counts in, exact objective and shortfalls out.

Each method hands over how many people of each supply work each template at each station
(``counts[(supply, template, station)]``, templates as :class:`Template` objects). Coverage,
shortfalls and cost are recomputed here from scratch, the same way for every column of the
tables, and the supply rules (one shift a day, ``max_days``, rest between days) are checked.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np

from benchmarks.problem import Problem
from eventplan.scenario import PRIORITIES
from eventplan.staffing.templates import Template

Counts = dict[tuple[int, Template, int], int]


@dataclass(frozen=True)
class Evaluation:
    """What a plan is worth under the scenario's objective."""

    objective: float
    shortfall_penalty: float
    cost: float
    shifts: int
    uncovered_hours: dict[str, float]
    violations: tuple[str, ...] = field(default=())

    @property
    def feasible(self) -> bool:
        return not self.violations

    @property
    def uncovered_total(self) -> float:
        return sum(self.uncovered_hours.values())

    def to_json(self) -> dict:
        return {
            "objective": self.objective,
            "shortfall_penalty": self.shortfall_penalty,
            "cost": self.cost,
            "shifts": self.shifts,
            "uncovered_hours": self.uncovered_hours,
            "violations": list(self.violations),
        }


def evaluate(problem: Problem, counts: Counts) -> Evaluation:
    """Objective (priority-weighted shortfall + cost + tie-break) of the shift counts."""
    size = problem.grid.size
    duty: dict[tuple[int, str], np.ndarray] = defaultdict(lambda: np.zeros(size, np.int64))
    cost = 0.0
    shifts = 0
    for (s, template, st), n in counts.items():
        if n <= 0:
            continue
        role = problem.supplies[s].role
        duty[(st, role)][template.working()] += n
        cost += n * problem.cost(s, template)
        shifts += n
    by_role: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(size, np.int64))
    for (_st, role), on in duty.items():
        by_role[role] += on
    penalty = 0.0
    uncovered = dict.fromkeys(PRIORITIES, 0.0)
    for st, station in enumerate(problem.stations):
        for demand in station.demands:
            have = sum(
                (duty[(st, r)] for r in demand.roles if (st, r) in duty), np.zeros(size, np.int64)
            )
            penalty += _short(problem, demand, have, uncovered)
    for demand in problem.requirements.ratios:
        have = sum((by_role[r] for r in demand.roles if r in by_role), np.zeros(size, np.int64))
        penalty += _short(problem, demand, have, uncovered)
    return Evaluation(
        penalty + cost, penalty, cost, shifts, uncovered, tuple(check_supply(problem, counts))
    )


def _short(problem: Problem, demand, have: np.ndarray, uncovered: dict) -> float:
    short = np.maximum(0, demand.required - have)
    missing = float(short.sum())
    uncovered[demand.priority] += missing * problem.grid.slot_hours
    return missing * problem.weight(demand)


def check_supply(problem: Problem, counts: Counts) -> list[str]:
    """Broken supply rules: more shifts than people on a day, ``max_days``, rest between days.

    Rest is checked as in any two-day assignment: people ending late on day b and starting
    early on day b+1 must be different people, so for every day-b end time e, the shifts
    ending at or after e plus the next-day shifts starting before e + rest must not exceed
    the supply (Hall's condition; the pairs nest, so it is also sufficient).
    """
    grid, rules = problem.grid, problem.scenario.rules
    per_block: dict[tuple[int, int], list[tuple[Template, int]]] = defaultdict(list)
    for (s, template, _st), n in counts.items():
        if n > 0:
            per_block[(s, template.day)].append((template, n))
    problems = []
    rest = timedelta(hours=rules.min_rest_hours)
    for supply in problem.supplies:
        used = {
            b: sum(n for _t, n in per_block.get((supply.index, b), ()))
            for b in range(len(grid.days))
        }
        for b, n in used.items():
            if n > supply.count:
                problems.append(f"{supply.pool}: {n} shifts on day {b + 1}, {supply.count} people")
        if sum(used.values()) > supply.count * rules.max_days:
            problems.append(f"{supply.pool}: more than max_days shifts per person")
        for b in range(len(grid.days) - 1):
            today = per_block.get((supply.index, b), [])
            tomorrow = per_block.get((supply.index, b + 1), [])
            for end in sorted({grid.end(t.end - 1) for t, _ in today}):
                late = sum(n for t, n in today if grid.end(t.end - 1) >= end)
                early = sum(n for t, n in tomorrow if grid.start(t.start) < end + rest)
                if early and late + early > supply.count:
                    problems.append(f"{supply.pool}: rest rule broken after day {b + 1}")
                    break
    return problems


def gap(objective: float, bound: float) -> float:
    """Relative gap of an objective to a lower bound (0 when they meet)."""
    if not (math.isfinite(objective) and math.isfinite(bound)):
        return math.inf
    return max(0.0, objective - bound) / max(1e-9, abs(objective))
