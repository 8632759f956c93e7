"""The Plan: one result from which every output is derived (plan.json, CSVs, map, summary)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from eventplan.plan_files import ROSTER_COLUMNS
from eventplan.scenario import PRIORITIES, Scenario
from eventplan.scenario.times import expand
from eventplan.timegrid import TimeGrid

if TYPE_CHECKING:  # the staffing package builds plans; plans only describe its types
    from eventplan.staffing.roster import Roster
    from eventplan.staffing.search import SolveReport

PLAN_FORMAT = 1


@dataclass(frozen=True)
class Plan:
    """A solved deployment with its coverage, shortfalls and venue analyses."""

    scenario: Scenario
    grid: TimeGrid
    report: SolveReport
    roster: Roster
    coverage: pd.DataFrame
    shortfalls: list[dict[str, Any]]
    #: plan.json sections of the venue analyses (patrols, standby, response, egress, drones)
    analyses: dict[str, Any] = field(default_factory=dict)
    #: GeoJSON FeatureCollection of routes, standby points, reach areas
    geojson: dict[str, Any] = field(default_factory=dict)

    def roster_rows(self) -> pd.DataFrame:
        """roster.csv: one row per person and stint; a break splits a shift into two rows."""
        rows = []
        for shift in self.roster.shifts:
            t = shift.template
            for k, (a, b) in enumerate(t.pieces()):
                label = shift.instance[k] if k < len(shift.instance) else ""
                rows.append(
                    (
                        shift.person,
                        shift.name,
                        shift.role,
                        shift.pool,
                        label,
                        shift.station,
                        _iso(self.grid.start(a)),
                        _iso(self.grid.end(b - 1)),
                    )
                )
        return pd.DataFrame(rows, columns=list(ROSTER_COLUMNS))

    def coverage_rows(self) -> pd.DataFrame:
        """coverage.csv."""
        table = self.coverage[
            ["post", "slot_start", "slot_end", "role_group", "required", "assigned", "shortfall"]
        ].copy()
        for column in ("slot_start", "slot_end"):
            table[column] = pd.to_datetime(table[column]).dt.strftime("%Y-%m-%dT%H:%M")
        return table

    @property
    def cost(self) -> float:
        roles = self.scenario.roles
        return sum(roles[s.role].cost * s.hours for s in self.roster.shifts)

    def kpis(self) -> dict[str, Any]:
        hours = self.grid.slot_hours
        cov = self.coverage
        required = cov.groupby("priority")["required"].sum() * hours if len(cov) else {}
        short = cov.groupby("priority")["shortfall"].sum() * hours if len(cov) else {}
        share, uncovered, needed = {}, {}, {}
        for priority in PRIORITIES:
            req = float(required.get(priority, 0.0)) if len(cov) else 0.0
            unc = float(short.get(priority, 0.0)) if len(cov) else 0.0
            needed[priority] = round(req, 4)
            uncovered[priority] = round(unc, 4)
            share[priority] = round(1.0 - unc / req, 6) if req else 1.0
        by_role: dict[str, set[str]] = defaultdict(set)
        by_pool: dict[str, set[str]] = defaultdict(set)
        person_hours: dict[str, float] = defaultdict(float)
        for s in self.roster.shifts:
            by_role[s.role].add(s.person)
            by_pool[s.pool].add(s.person)
            person_hours[s.role] += s.hours
        return {
            "coverage": share,
            "uncovered_person_hours": uncovered,
            "required_person_hours": needed,
            "cost": round(self.cost, 6),
            "staff_used": {
                "total": len({s.person for s in self.roster.shifts}),
                "by_role": {r: len(p) for r, p in sorted(by_role.items())},
                "by_pool": {p: len(v) for p, v in sorted(by_pool.items())},
            },
            "paid_hours_by_role": {r: round(h, 4) for r, h in sorted(person_hours.items())},
            "shifts": len(self.roster.shifts),
            "unfilled_shifts": len(self.roster.unfilled),
        }

    def uncovered_critical(self) -> bool:
        return self.kpis()["uncovered_person_hours"]["critical"] > 0

    def to_json(self) -> dict[str, Any]:
        """plan.json (DESIGN section 7)."""
        r = self.report
        scenario = self.scenario
        event = scenario.event
        phases = [
            {"id": p.id, "start": _iso(a), "end": _iso(b)}
            for p in event.phases
            for a, b in expand(p.start, p.end, event.days)
        ]
        phases.sort(key=lambda p: p["start"])
        return {
            "eventplan": PLAN_FORMAT,
            "scenario": {"id": event.id, "name": event.name, "file": scenario.source},
            "solver": {
                "status": r.status,
                "objective": _num(r.objective),
                "bound": _num(r.bound),
                "gap": _num(r.gap),
                "seconds": round(r.seconds, 3),
                "seed": r.seed,
                "workers": r.workers,
                "method": r.method,
            },
            "kpis": self.kpis(),
            "phases": phases,
            "slot_minutes": event.slot_minutes,
            "assignments": self.roster_rows().to_dict(orient="records"),
            "shortfalls": [
                {
                    "post": s["post"],
                    "role_group": s["role_group"],
                    "start": _iso(s["start"]),
                    "end": _iso(s["end"]),
                    "missing": s["missing"],
                    "priority": s["priority"],
                    "cause": s["cause"],
                }
                for s in self.shortfalls
            ],
            "patrols": self.analyses.get("patrols", []),
            "standby": self.analyses.get("standby", []),
            "response": self.analyses.get("response", {}),
            "egress": self.analyses.get("egress", []),
            "drones": self.analyses.get("drones", {}),
        }


def _iso(moment: Any) -> str:
    return pd.Timestamp(moment).strftime("%Y-%m-%dT%H:%M")


def _num(value: float) -> float | None:
    return round(value, 6) if math.isfinite(value) else None
