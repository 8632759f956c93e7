"""No-show robustness: people who do not turn up, and what the plan keeps without them.

Each trial draws, for every member of every pool independently, whether they stay away with
probability ``rate``. The rostered people who stay away leave their shifts empty; coverage is
then recounted from the remaining roster (the same count as coverage.csv). With ``replan`` the
scenario is solved again with the pools less everyone who stayed away, rostered or not; named
people who were rostered and stayed away leave the people list (other named people stay).

Trials are seeded from ``(seed, variant index, rate index, trial)`` so a trial gives the same
draw on any worker and in any order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from eventplan.errors import InputError
from eventplan.planning import Plan
from eventplan.scenario import PRIORITIES, Scenario, from_document
from eventplan.staffing.coverage import coverage_table
from eventplan.whatif.warm import Base


@dataclass(frozen=True)
class NoShowSettings:
    """Rates to try, trials per rate, the seed, and whether to solve again without them."""

    rates: tuple[float, ...]
    trials: int
    seed: int = 0
    replan: bool = False

    def __post_init__(self) -> None:
        if not self.rates or any(not 0 <= r <= 1 for r in self.rates):
            raise InputError("--no-show: give rates between 0 and 1")
        if self.trials < 1:
            raise InputError("--trials: give 1 or more")


def coverage_by_priority(coverage: pd.DataFrame, slot_hours: float) -> dict[str, float]:
    """``coverage_<p>`` (share) and ``uncovered_h_<p>`` of a coverage table."""
    out: dict[str, float] = {}
    required = coverage.groupby("priority")["required"].sum() if len(coverage) else {}
    short = coverage.groupby("priority")["shortfall"].sum() if len(coverage) else {}
    for p in PRIORITIES:
        req = float(required.get(p, 0)) if len(coverage) else 0.0
        unc = float(short.get(p, 0)) if len(coverage) else 0.0
        out[f"coverage_{p}"] = round(1 - unc / req, 6) if req else 1.0
        out[f"uncovered_h_{p}"] = round(unc * slot_hours, 4)
    return out


def draw(plan: Plan, rate: float, rng: np.random.Generator) -> tuple[set[str], Counter[str]]:
    """Rostered people who stay away, and how many stay away per pool (rostered or not)."""
    rostered: dict[str, str] = {}
    for shift in plan.roster.shifts:
        rostered.setdefault(shift.person, shift.pool)
    people = sorted(rostered)
    gone = {p for p, u in zip(people, rng.random(len(people)), strict=True) if u < rate}
    away: Counter[str] = Counter(rostered[p] for p in gone)
    on_roster = Counter(rostered.values())
    for pool in plan.scenario.pools:
        reserve = max(0, pool.count - on_roster[pool.id])
        away[pool.id] += int(rng.binomial(reserve, rate)) if reserve else 0
    return gone, away


def without(scenario: Scenario, gone: set[str], away: Counter[str]) -> Scenario:
    """The scenario less the people who stayed away (pools of nobody are left out)."""
    document = scenario.to_document()
    people = [p for p in document.get("people", []) if p["id"] not in gone]
    named = Counter(p["pool"] for p in people)
    pools = []
    for pool in document["pools"]:
        count = max(pool["count"] - away[pool["id"]], named[pool["id"]])
        if count > 0:
            pools.append({**pool, "count": count})
    if not pools:
        raise InputError("every pool would be empty")
    document["pools"], document["people"] = pools, people
    if not people:
        document.pop("people")
    return from_document(document, file=scenario.source or "<scenario>")


def trials(base: Base, plan: Plan, index: int, settings: NoShowSettings) -> list[dict[str, Any]]:
    """One row per rate and trial: who stayed away and the coverage kept (and replanned)."""
    need = plan.staffing.model.requirements
    rows = []
    for r, rate in enumerate(settings.rates):
        for trial in range(settings.trials):
            rng = np.random.default_rng([settings.seed, index, r, trial])
            gone, away = draw(plan, rate, rng)
            kept = [s for s in plan.roster.shifts if s.person not in gone]
            row: dict[str, Any] = {
                "no_show_rate": rate,
                "trial": trial,
                "absent_rostered": len(gone),
                "absent_total": sum(away.values()),
            }
            covered = coverage_by_priority(
                coverage_table(need, plan.grid, kept), plan.grid.slot_hours
            )
            row.update({f"kept_{k}": v for k, v in covered.items()})
            if settings.replan:
                again = base.plan(without(plan.scenario, gone, away))
                redone = coverage_by_priority(again.coverage, again.grid.slot_hours)
                row.update({f"replan_{k}": v for k, v in redone.items()})
                row["replan_cost"] = round(again.cost, 6)
                row["replan_status"] = again.report.status.value
            rows.append(row)
    return rows


def summarise(rows: list[dict[str, Any]], replan: bool) -> list[dict[str, Any]]:
    """Per rate: mean and worst trial of the coverage kept (and replanned) by priority."""
    frame = pd.DataFrame(rows)
    out = []
    for rate, group in frame.groupby("no_show_rate", sort=False):
        row: dict[str, Any] = {
            "no_show_rate": rate,
            "trials": len(group),
            "absent_mean": round(float(group["absent_total"].mean()), 4),
        }
        stages = ["kept", "replan"] if replan else ["kept"]
        for stage in stages:
            for p in PRIORITIES:
                shares = group[f"{stage}_coverage_{p}"]
                hours = group[f"{stage}_uncovered_h_{p}"]
                row[f"{stage}_coverage_{p}_mean"] = round(float(shares.mean()), 6)
                row[f"{stage}_coverage_{p}_min"] = round(float(shares.min()), 6)
                row[f"{stage}_uncovered_h_{p}_mean"] = round(float(hours.mean()), 4)
        if replan:
            row["replan_cost_mean"] = round(float(group["replan_cost"].mean()), 6)
        out.append(row)
    return out
