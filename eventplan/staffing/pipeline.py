"""``solve(scenario) -> Plan``: time grid, demands, model, solver, roster, coverage, causes."""

from __future__ import annotations

import threading
from typing import Any

from eventplan.plan import Plan
from eventplan.scenario import Scenario
from eventplan.staffing.coverage import coverage_table, shortfall_runs
from eventplan.staffing.demand import requirements
from eventplan.staffing.diagnose import explainer
from eventplan.staffing.model import build_model
from eventplan.staffing.roster import build_roster
from eventplan.staffing.search import DEFAULT_GAP, Progress, solve_model
from eventplan.timegrid import build_grid


def solve(
    scenario: Scenario,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int = 2,
    progress: Progress | None = None,
    interrupt: threading.Event | None = None,
    analyses: Any | None = None,
    gap: float = DEFAULT_GAP,
) -> Plan:
    """Plan the deployment of a scenario.

    Parameters
    ----------
    time_limit
        Seconds the search may take (the LP relaxation always completes first).
    seed, workers
        Solver seed and threads; the same seed and one worker give the same plan every time.
    progress
        Called with (stage, value) while the search runs.
    interrupt
        Set it (or press Ctrl-C) to stop the search and keep the best plan found.
    gap
        Relative gap to the bound at which the search stops (0 asks for a proof).
    analyses
        The venue analyses (patrol loops, standby, egress, drone rotation) when already run;
        they size ``teams: auto`` patrols and drone crews.
    """
    grid = build_grid(scenario)
    teams = analyses.team_counts() if analyses is not None else None
    pilots = analyses.pilot_counts(grid) if analyses is not None else None
    need = requirements(scenario, grid, patrol_teams=teams, drone_pilots=pilots)
    model = build_model(scenario, grid, need, all_columns=False)
    counts, report = solve_model(
        model,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        progress=progress,
        interrupt=interrupt,
        gap=gap,
    )
    roster = build_roster(model, counts)
    coverage = coverage_table(need, grid, roster.shifts)
    runs = shortfall_runs(coverage, grid, explainer(model, roster))
    sections = analyses.to_json() if analyses is not None else {}
    geojson = analyses.to_geojson() if analyses is not None else {}
    return Plan(scenario, grid, report, roster, coverage, runs, sections, geojson)
