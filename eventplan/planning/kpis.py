"""The headline figures of a plan: coverage and uncovered hours by priority, cost, staff used."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from eventplan.scenario import PRIORITIES, Scenario
from eventplan.staffing.roster import Shift


@dataclass(frozen=True)
class Kpis:
    """Figures by priority (every priority present), cost and the people used."""

    #: share of the required person-hours covered (1.0 when nothing is required)
    coverage: dict[str, float]
    uncovered_person_hours: dict[str, float]
    required_person_hours: dict[str, float]
    cost: float
    staff_total: int
    staff_by_role: dict[str, int]
    staff_by_pool: dict[str, int]
    paid_hours_by_role: dict[str, float]
    shifts: int
    unfilled_shifts: int

    def to_json(self) -> dict[str, Any]:
        """plan.json's ``kpis`` section."""
        return {
            "coverage": dict(self.coverage),
            "uncovered_person_hours": dict(self.uncovered_person_hours),
            "required_person_hours": dict(self.required_person_hours),
            "cost": self.cost,
            "staff_used": {
                "total": self.staff_total,
                "by_role": dict(self.staff_by_role),
                "by_pool": dict(self.staff_by_pool),
            },
            "paid_hours_by_role": dict(self.paid_hours_by_role),
            "shifts": self.shifts,
            "unfilled_shifts": self.unfilled_shifts,
        }


def paid_cost(scenario: Scenario, shifts: Iterable[Shift]) -> float:
    """Role cost times paid hours (each shift's whole length, breaks included)."""
    roles = scenario.roles
    return sum(roles[s.role].cost * s.hours for s in shifts)


def compute_kpis(
    scenario: Scenario,
    slot_hours: float,
    coverage: pd.DataFrame,
    shifts: tuple[Shift, ...],
    unfilled: int,
) -> Kpis:
    """The figures of a roster and its coverage table."""
    required = coverage.groupby("priority")["required"].sum() * slot_hours if len(coverage) else {}
    short = coverage.groupby("priority")["shortfall"].sum() * slot_hours if len(coverage) else {}
    share, uncovered, needed = {}, {}, {}
    for priority in PRIORITIES:
        req = float(required.get(priority, 0.0)) if len(coverage) else 0.0
        unc = float(short.get(priority, 0.0)) if len(coverage) else 0.0
        needed[priority] = round(req, 4)
        uncovered[priority] = round(unc, 4)
        share[priority] = round(1.0 - unc / req, 6) if req else 1.0
    by_role: dict[str, set[str]] = defaultdict(set)
    by_pool: dict[str, set[str]] = defaultdict(set)
    person_hours: dict[str, float] = defaultdict(float)
    for s in shifts:
        by_role[s.role].add(s.person)
        by_pool[s.pool].add(s.person)
        person_hours[s.role] += s.hours
    return Kpis(
        coverage=share,
        uncovered_person_hours=uncovered,
        required_person_hours=needed,
        cost=round(paid_cost(scenario, shifts), 6),
        staff_total=len({s.person for s in shifts}),
        staff_by_role={r: len(p) for r, p in sorted(by_role.items())},
        staff_by_pool={p: len(v) for p, v in sorted(by_pool.items())},
        paid_hours_by_role={r: round(h, 4) for r, h in sorted(person_hours.items())},
        shifts=len(shifts),
        unfilled_shifts=unfilled,
    )
