"""The stages of a solve, each callable on its own: groundwork, staffing, the plan.

``solve`` runs them in order. What-if sweeps call the same stages: the groundwork of a base
scenario is shared by its head-count variants, and each variant is staffed with the base's
shifts as seeds (see :mod:`eventplan.whatif.warm`).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from eventplan.planning.plan import Plan
from eventplan.scenario import Scenario
from eventplan.staffing.demand import Requirements
from eventplan.staffing.requirements import requirements
from eventplan.staffing.run import StaffingResult, staff
from eventplan.staffing.search import DEFAULT_GAP, Progress, SearchSettings
from eventplan.staffing.seeds import ShiftKey
from eventplan.timegrid import TimeGrid, build_grid
from eventplan.venue.analysis import VenueAnalysis, analyse


@dataclass(frozen=True)
class Groundwork:
    """What staffing needs besides the people: the venue analyses, the grid and the demands."""

    scenario: Scenario
    venue: VenueAnalysis
    grid: TimeGrid
    requirements: Requirements


def analyse_venue(
    scenario: Scenario, patrol_time_limit_s: float | None = None, exact_time_limit_s: float = 5.0
) -> VenueAnalysis:
    """The venue analyses, leaving Ctrl-C to Python (the time limits: see
    :func:`~eventplan.venue.analysis.analyse`).

    OR-Tools' routing solver (patrol loops) installs its own native SIGINT handler, after which
    Ctrl-C kills the process outright; the handler in place before is put back, so that Ctrl-C
    still stops the staffing search (and keeps its best plan) or a sweep (and its rows).
    """
    main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGINT) if main else None
    try:
        return analyse(
            scenario,
            patrol_time_limit_s=patrol_time_limit_s,
            exact_time_limit_s=exact_time_limit_s,
        )
    finally:
        if main and previous is not None:
            signal.signal(signal.SIGINT, previous)


def lay_groundwork(scenario: Scenario, venue: VenueAnalysis | None = None) -> Groundwork:
    """Venue analyses (unless given), the time grid, and the demands they size.

    The patrol analysis sizes ``teams: auto`` patrols and the drone rotation sizes the pilots
    needed in each slot; both become demands like the posts' needs.
    """
    venue = venue if venue is not None else analyse_venue(scenario)
    grid = build_grid(scenario)
    need = requirements(
        scenario, grid, patrol_teams=venue.team_counts(), drone_pilots=venue.pilot_counts(grid)
    )
    return Groundwork(scenario, venue, grid, need)


def staff_groundwork(
    groundwork: Groundwork,
    settings: SearchSettings,
    *,
    scenario: Scenario | None = None,
    progress: Progress | None = None,
    interrupt: threading.Event | None = None,
    seeds: Iterable[ShiftKey] = (),
) -> StaffingResult:
    """Staff the demands of ``groundwork`` with the people of ``scenario`` (default: its own)."""
    return staff(
        scenario or groundwork.scenario,
        groundwork.grid,
        groundwork.requirements,
        settings,
        progress=progress,
        interrupt=interrupt,
        seeds=seeds,
    )


def assemble(
    groundwork: Groundwork, staffing: StaffingResult, scenario: Scenario | None = None
) -> Plan:
    """The plan of a staffed scenario (default: the groundwork's own scenario)."""
    return Plan(scenario or groundwork.scenario, groundwork.grid, staffing, groundwork.venue)


def solve(
    scenario: Scenario,
    *,
    time_limit: float = 60.0,
    gap: float = DEFAULT_GAP,
    seed: int = 0,
    workers: int = 2,
    progress: Progress | None = None,
    interrupt: threading.Event | None = None,
    venue: VenueAnalysis | None = None,
    blocks: bool | None = None,
    scheduler: str | None = None,
) -> Plan:
    """Plan the deployment of a validated scenario.

    Parameters
    ----------
    time_limit
        Seconds the venue analyses, the staffing model and its search may take together (the
        search gets at least a fifth of it); the roster and the plan's tables come after.
    gap
        Relative gap to the bound at which the search stops (0 asks for a proof).
    seed, workers
        Solver seed and threads; the same seed and one worker give the same plan every time.
    progress
        Called with (stage, value) while the search runs.
    interrupt
        Set it (or press Ctrl-C, which the command line turns into it) to stop the search and
        keep the best plan found.
    venue
        The venue analyses, when already run for this scenario.
    blocks, scheduler
        Search by station-day blocks (None: when the event is large), and the Dask scheduler
        they are solved on (None: local worker processes).
    """
    started = time.perf_counter()
    groundwork = lay_groundwork(scenario, venue)
    settings = SearchSettings(
        time_limit=time_limit,
        gap=gap,
        seed=seed,
        workers=workers,
        clock_start=started,
        blocks=blocks,
        scheduler=scheduler,
    )
    staffing = staff_groundwork(groundwork, settings, progress=progress, interrupt=interrupt)
    return assemble(groundwork, staffing)
