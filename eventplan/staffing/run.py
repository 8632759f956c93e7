"""The staffing stage: model, search, named roster, coverage and the causes of shortfalls.

:func:`staff` is what planning calls for every solve (and what-if for every variant); it takes
the demands already worked out and returns a :class:`StaffingResult`, never a plan.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from eventplan.scenario import Scenario
from eventplan.staffing.build import build_model
from eventplan.staffing.coverage import ShortfallRun, coverage_table, shortfall_runs
from eventplan.staffing.demand import Requirements
from eventplan.staffing.diagnose import explainer
from eventplan.staffing.model import StaffingModel
from eventplan.staffing.report import SolveReport, SolveStatus
from eventplan.staffing.roster import Roster, build_roster
from eventplan.staffing.search import Progress, SearchSettings, solve_model
from eventplan.staffing.seeds import ShiftKey, add_seeded_columns
from eventplan.timegrid import TimeGrid


@dataclass(frozen=True)
class StaffingResult:
    """Who works where and when, what it covers, and what the search proved."""

    model: StaffingModel
    #: people on each column of the model (aligned with ``model.columns``)
    counts: np.ndarray
    report: SolveReport
    roster: Roster
    #: one row per demand and slot (coverage.csv's columns, plus ``priority`` and ``slot``)
    coverage: pd.DataFrame
    shortfalls: tuple[ShortfallRun, ...]
    #: shifts given to the model before the search (see :mod:`eventplan.staffing.seeds`)
    seeded: int = 0


def staff(
    scenario: Scenario,
    grid: TimeGrid,
    requirements: Requirements,
    settings: SearchSettings,
    *,
    progress: Progress | None = None,
    interrupt: threading.Event | None = None,
    seeds: Iterable[ShiftKey] = (),
) -> StaffingResult:
    """Staff every demand of a scenario: the model, its search, the roster and its coverage.

    Parameters
    ----------
    requirements
        The demands on ``grid`` (patrol teams and drone pilots already sized).
    settings
        Time limit, gap, seed and threads of the search.
    progress
        Called with (stage, value) while the search runs.
    interrupt
        Set it to stop the search and keep the best plan found so far.
    seeds
        Shifts to offer the model before the search (by meaning, from a related plan).
    """
    model = build_model(scenario, grid, requirements, all_columns=False)
    seeded = add_seeded_columns(model, seeds)
    counts, report = solve_model(model, settings, progress=progress, interrupt=interrupt)
    roster = build_roster(model, counts)
    coverage = coverage_table(requirements, grid, roster.shifts)
    proven = report.status is SolveStatus.OPTIMAL
    runs = shortfall_runs(coverage, grid, explainer(model, roster, proven))
    return StaffingResult(model, counts, report, roster, coverage, tuple(runs), seeded)
