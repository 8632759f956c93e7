"""Solving variants of one base scenario, warm-started from the base.

Two things are carried over from the base to every variant:

- what a variant that changes only head counts shares with it: the venue analyses (patrol
  loops, standby placement, egress), the time grid and the demands. This is where the warm
  start earns its keep: on the bundled concert the analyses alone take about a fifth of a
  cold solve;
- the shifts the base plan uses, as the first columns of the variant's model. The staffing
  solver prices shift columns into its LP round by round (column generation); seeding it with
  the base's shifts was meant to save pricing rounds. Measured on the concert (median CPU time
  per police head-count variant, 6 variants, 1 thread): cold (analyses + solve) 3.25 s; sharing
  the base's analyses, grid and demands 2.71 s; plus the base's 314 used shifts 2.65 s; plus all
  5,059 shifts the base priced in 2.80 s (pricing rounds fell from about 18 to 8, but the larger
  LP and the MIP stage ate the gain). So the seeding is kept, cheap and harmless, but it is the
  shared analyses that make variants cheaper. (The base's LP basis is not carried over: each
  variant builds a model of its own.) Shifts are matched by meaning (pool and its hours, the
  shift's slots, the station id), so seeding also works for scenario-file variants, as far as
  they share shifts with the base.

Every variant is seeded from the *base*, never from another variant, so results do not depend
on which worker ran what, or in which order. ``SolveOptions(warm=False)`` solves every variant
cold: its own venue analyses, then :func:`eventplan.staffing.solve`.
"""

from __future__ import annotations

import dataclasses
import signal
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from eventplan.plan import Plan
from eventplan.scenario import Scenario
from eventplan.staffing import solve as solve_cold
from eventplan.staffing.coverage import coverage_table, shortfall_runs
from eventplan.staffing.demand import Requirements, requirements
from eventplan.staffing.diagnose import explainer
from eventplan.staffing.model import Column, StaffingModel, build_model
from eventplan.staffing.roster import build_roster
from eventplan.staffing.search import solve_model
from eventplan.timegrid import TimeGrid, build_grid

#: A shift column by meaning: (pool, availability ranges, (block, start, end, break start,
#: break end), station id).
ColumnKey = tuple[str, tuple[tuple[int, int], ...], tuple[int, int, int, int, int], str]


#: Default relative gap of a what-if solve.
SWEEP_GAP = 1e-3


@dataclass(frozen=True)
class SolveOptions:
    """How each variant is solved."""

    time_limit: float = 60.0
    seed: int = 0
    #: relative gap at which each variant's search stops: a sweep compares staffing levels,
    #: where 0.1 % is far below the differences it looks for, and runs many solves
    gap: float = SWEEP_GAP
    #: solver threads per variant (parallelism comes from running variants side by side)
    threads: int = 1
    #: share the base's venue analyses, grid and demands with head-count variants
    warm: bool = True
    #: with ``warm``: also seed each variant's model with the shifts the base plan uses
    seed_shifts: bool = True


def analyse(scenario: Scenario) -> Any | None:
    """The venue analyses, when that part of eventplan is installed.

    OR-Tools' routing solver (patrol loops) installs its own native SIGINT handler, after which
    Ctrl-C kills the process outright; Python's handler is put back afterwards so that Ctrl-C
    still stops a sweep and keeps its finished rows (and pool workers keep ignoring it).
    """
    try:
        from eventplan.venue.analysis import analyse as run
    except ImportError:
        return None
    main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGINT) if main else None
    try:
        return run(scenario)
    finally:
        if main and previous is not None:
            signal.signal(signal.SIGINT, previous)


def plan_requirements(scenario: Scenario, grid: TimeGrid, analyses: Any | None) -> Requirements:
    """The demands of a scenario, sized by the venue analyses as the staffing solver does."""
    teams = analyses.team_counts() if analyses is not None else None
    pilots = analyses.pilot_counts(grid) if analyses is not None else None
    return requirements(scenario, grid, patrol_teams=teams, drone_pilots=pilots)


@dataclass
class _Frame:
    """What a head-count variant shares with its base: venue analyses, grid, demands."""

    analyses: Any | None
    grid: TimeGrid
    need: Requirements


class Base:
    """A base scenario, the shifts its solve priced in, and how to solve its variants.

    :meth:`prepare` solves the base (once, where the sweep starts); pickling keeps the
    scenario, the options and those shifts, and a worker that receives a ``Base`` rebuilds the
    rest on first use.
    """

    def __init__(
        self,
        scenario: Scenario,
        options: SolveOptions | None = None,
        seeds: tuple[ColumnKey, ...] | None = None,
    ) -> None:
        self.scenario = scenario
        self.options = options or SolveOptions()
        self.seeds = seeds
        self._lock = threading.Lock()
        self._frame: _Frame | None = None
        self._document = _without_pools(scenario)

    def __getstate__(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "options": self.options, "seeds": self.seeds}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["scenario"], state["options"], state["seeds"])  # type: ignore[misc]

    @property
    def frame(self) -> _Frame:
        with self._lock:
            if self._frame is None:
                analyses = analyse(self.scenario)
                grid = build_grid(self.scenario)
                self._frame = _Frame(
                    analyses, grid, plan_requirements(self.scenario, grid, analyses)
                )
            return self._frame

    def prepare(self, interrupt: threading.Event | None = None) -> Plan | None:
        """Solve the base and keep the shifts it priced in (a no-op for cold sweeps)."""
        if not (self.options.warm and self.options.seed_shifts) or self.seeds is not None:
            return None
        plan, model, x = self._solve(self.scenario, (), interrupt)
        self.seeds = tuple(column_keys(model, x))
        return plan

    def analyses(self, scenario: Scenario) -> Any | None:
        """Venue analyses of a variant (the base's when only head counts changed)."""
        return self._frame_for(scenario).analyses

    def plan(self, scenario: Scenario, interrupt: threading.Event | None = None) -> Plan:
        """Solve one variant, warm unless the options say cold."""
        opts = self.options
        if not opts.warm:
            return solve_cold(
                scenario,
                time_limit=opts.time_limit,
                seed=opts.seed,
                workers=opts.threads,
                interrupt=interrupt,
                analyses=analyse(scenario),
                gap=opts.gap,
            )
        return self._solve(scenario, self.seeds or (), interrupt)[0]

    def _frame_for(self, scenario: Scenario) -> _Frame:
        if _without_pools(scenario) == self._document:
            return self.frame
        analyses = analyse(scenario)
        grid = build_grid(scenario)
        return _Frame(analyses, grid, plan_requirements(scenario, grid, analyses))

    def _solve(
        self, scenario: Scenario, seeds: tuple[ColumnKey, ...], interrupt: threading.Event | None
    ) -> tuple[Plan, StaffingModel, np.ndarray]:
        """The staffing pipeline with the model's first columns taken from ``seeds``."""
        opts = self.options
        frame = self._frame_for(scenario)
        model = build_model(scenario, frame.grid, frame.need, all_columns=False)
        seeded = seed_columns(model, seeds)
        x, report = solve_model(
            model,
            time_limit=opts.time_limit,
            seed=opts.seed,
            workers=opts.threads,
            interrupt=interrupt,
            gap=opts.gap,
        )
        if seeds:
            report = dataclasses.replace(
                report, method=f"{report.method}; warm: {seeded} shifts seeded from the base"
            )
        roster = build_roster(model, x)
        coverage = coverage_table(frame.need, frame.grid, roster.shifts)
        runs = shortfall_runs(coverage, frame.grid, explainer(model, roster))
        analyses = frame.analyses
        sections = analyses.to_json() if analyses is not None else {}
        geojson = analyses.to_geojson() if analyses is not None else {}
        plan = Plan(scenario, frame.grid, report, roster, coverage, runs, sections, geojson)
        return plan, model, x


def _without_pools(scenario: Scenario) -> dict[str, Any]:
    document = scenario.to_document()
    document.pop("pools", None)
    document.pop("people", None)
    return document


def column_keys(model: StaffingModel, x: np.ndarray) -> list[ColumnKey]:
    """The columns a solution uses (count above 0), by meaning (see :data:`ColumnKey`).

    Only the used ones: the solver may price many more in (and adds whole posts' worth for its
    MIP stage), and seeding all of those made every variant's LP several times larger.
    """
    stations = model.requirements.stations
    keys = []
    for column, count in zip(model.columns, x, strict=True):
        if count <= 0:
            continue
        supply = model.supplies[column.supply]
        t = model.templates[column.supply][column.template]
        keys.append(
            (
                supply.pool,
                supply.ranges,
                (t.block, t.start, t.end, t.break_start, t.break_end),
                stations[column.station].id,
            )
        )
    return keys


def seed_columns(model: StaffingModel, keys: tuple[ColumnKey, ...] | list[ColumnKey]) -> int:
    """Add the columns of ``keys`` that exist in ``model``; return how many were added."""
    if not keys:
        return 0
    supplies = {(s.pool, s.ranges): s.index for s in model.supplies}
    stations = {s.id: i for i, s in enumerate(model.requirements.stations)}
    templates: dict[int, dict[tuple[int, int, int, int, int], int]] = {}
    added = 0
    for pool, ranges, shape, station in keys:
        s = supplies.get((pool, ranges))
        st = stations.get(station)
        if s is None or st is None:
            continue
        if s not in templates:
            templates[s] = {
                (t.block, t.start, t.end, t.break_start, t.break_end): i
                for i, t in enumerate(model.templates[s])
            }
        t = templates[s].get(shape)
        candidates = model.candidates.get((s, st))
        if t is None or candidates is None or not np.isin(t, candidates):
            continue
        if model.add_column(Column(s, t, st)) is not None:
            added += 1
    return added
