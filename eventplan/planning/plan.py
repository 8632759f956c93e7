"""The Plan: one result from which every output is derived (plan.json, CSVs, map, summary)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from eventplan.io.plan_files import ROSTER_COLUMNS
from eventplan.planning.document import plan_document
from eventplan.planning.kpis import Kpis, compute_kpis, paid_cost
from eventplan.planning.tables import coverage_rows
from eventplan.scenario import Scenario
from eventplan.staffing.coverage import ShortfallRun
from eventplan.staffing.report import SolveReport
from eventplan.staffing.roster import Roster
from eventplan.staffing.run import StaffingResult
from eventplan.timegrid import TimeGrid
from eventplan.venue.analysis import VenueAnalysis


@dataclass(frozen=True)
class Plan:
    """A solved deployment: its staffing, coverage and shortfalls, and the venue analyses.

    Derived figures (:attr:`kpis`, :attr:`document`, the CSV tables) are computed once, on
    first use.
    """

    scenario: Scenario
    grid: TimeGrid
    staffing: StaffingResult
    venue: VenueAnalysis | None = None

    @property
    def report(self) -> SolveReport:
        return self.staffing.report

    @property
    def roster(self) -> Roster:
        return self.staffing.roster

    @property
    def coverage(self) -> pd.DataFrame:
        """One row per demand and slot (coverage.csv's columns, ``priority`` and ``slot``)."""
        return self.staffing.coverage

    @property
    def shortfalls(self) -> tuple[ShortfallRun, ...]:
        return self.staffing.shortfalls

    @cached_property
    def cost(self) -> float:
        """Role cost times paid hours over the whole roster."""
        return paid_cost(self.scenario, self.roster.shifts)

    @cached_property
    def kpis(self) -> Kpis:
        return compute_kpis(
            self.scenario,
            self.grid.slot_hours,
            self.coverage,
            self.roster.shifts,
            len(self.roster.unfilled),
        )

    @cached_property
    def document(self) -> dict[str, Any]:
        """plan.json."""
        return plan_document(
            self.scenario,
            self.grid,
            self.report,
            self.kpis,
            self.roster,
            self.shortfalls,
            self.venue,
        )

    def roster_rows(self) -> pd.DataFrame:
        """roster.csv: one row per person and stint; a break splits a shift into two rows
        (plan.json's rows, made once for both)."""
        return pd.DataFrame(self.document["assignments"], columns=list(ROSTER_COLUMNS))

    def coverage_rows(self) -> pd.DataFrame:
        """coverage.csv."""
        return coverage_rows(self.coverage, self.grid)

    def uncovered_critical(self) -> bool:
        return self.kpis.uncovered_person_hours["critical"] > 0
