"""Solving the staffing model: column generation on the LP, then MIPs only where it is fractional.

1. The LP relaxation is solved with HiGHS, adding the shifts its duals price as useful (see
   :mod:`eventplan.staffing.pricing`) until none is; its objective is a valid lower bound.
2. If every shift count is integral, that is a proven optimum (gap 0). With consecutive-slot
   templates this is the usual case; meal breaks make the LP slightly fractional.
3. Otherwise an incumbent comes from the better of the LP rounded down and greedily repaired,
   and a small MIP over the fractional stations with the others fixed as the LP has them.
4. If that plan is not within ``gap`` of the bound, every shift whose reduced cost is within
   the gap (less the other stations' block gains) is added and the restricted MIP is searched
   from that plan; it is then exact: a shift past that cannot be in any better plan.

The MIPs race SCIP against HiGHS (:mod:`eventplan.staffing.mip`).

Measured figures are in ``docs/benchmarks.md``. Ctrl-C interrupts the MIP search and keeps the
best plan found, marked ``interrupted``.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, replace

import numpy as np

from eventplan.staffing.backends import Solution
from eventplan.staffing.blocks import block_bound, block_plan, block_start
from eventplan.staffing.colgen import Progress, Relaxation, column_generation
from eventplan.staffing.decompose import BlockSettings, solve_by_blocks
from eventplan.staffing.evaluate import complete_solution
from eventplan.staffing.mip import MipTask, solve_mip
from eventplan.staffing.model import Column, StaffingModel
from eventplan.staffing.pricing import price
from eventplan.staffing.quiet import quiet_stdout
from eventplan.staffing.repair import round_and_repair
from eventplan.staffing.report import SolveReport, SolveStatus

INTEGRAL_TOLERANCE = 1e-6
#: Relative gap at which the search stops by default: none, so a plan is proven optimal unless
#: the time limit comes first (the bundled events prove in seconds). A sweep of many solves
#: may settle for less (``eventplan whatif --gap``).
DEFAULT_GAP = 0.0
#: Most constraint-matrix entries the shifts added for a MIP may bring; beyond it the MIP
#: grows too large to load and search in time (and memory). Measured: the three-day expo
#: needs 20,522 shifts (0.2 million entries) and a generated 500-staff event with a 10 %
#: shortage 39,113 (0.76 million); SCIP proves both in under 14 s at that size. 100,000
#: shifts of a generated 5,000-staff event (7 million entries) took the process past 5 GB.
MAX_MIP_ENTRIES = 2_000_000
#: Share of the time limit column generation may take before it stops with a Lagrangian bound
#: (the rest goes to rounding and the MIP).
LP_SHARE = 0.6
#: Share of the time left after the LP that the station blocks may take.
BLOCKS_SHARE = 2 / 3
#: Whether HiGHS presolves the exact MIP. That MIP has every shift priced within the gap and
#: a plan to start from, and HiGHS's presolve of it costs more than it saves: measured on
#: 2026-12-03 (one thread, CPU seconds, the same run's MIPs), the generated 100-staff event
#: 16.7 s with presolve against 6.7 without, a 300-staff one over 60 against 20.9, a
#: 500-staff one over 60 against 31.0, the Monaco match 1.7 against 1.3. The MIP over the
#: fractional posts keeps it: its fixed stations are what presolve takes out (100 staff 4.9
#: against 8.8 s, 500 staff 14.7 against over 60).
PROOF_PRESOLVE = False
#: The least reduced cost, relative to the LP's value, up to which the MIP over the
#: fractional posts is offered shifts (see ``_Search._near_gap``).
NEAR_SHARE = 1e-3
#: Share of the time limit the search gets however long the analyses and the model took.
MIN_SEARCH_SHARE = 0.2
#: Seconds kept back from the time limit for ending the MIP search and reading its plan.
WRAP_UP_SECONDS = 2.0
#: Seconds a MIP needs at least to be worth starting, plus this much per matrix entry: below
#: it, loading the model and handing over the plan take the time (measured under load: 6 s
#: for a MIP given 0.5 s on a generated 1,000-staff day at 1-minute slots, 2 million entries).
MIN_MIP_SECONDS = 0.5
MIP_SECONDS_PER_ENTRY = 2.5e-6
#: Coverage rows from which the search goes by station-day blocks
#: (:mod:`eventplan.staffing.decompose`) instead of one LP: measured in ``docs/benchmarks.md``
#: (the bundled scenarios stay well below it, so their proofs are those of the LP path).
BLOCKS_FROM_ROWS = 20_000
#: ... and up to which (the largest event measured: 20,000 staff, 1,500 posts, five days,
#: 355,655 rows, 0.09 % of the bound in 58 s with the blocks built a station at a time and
#: only the distinct ones kept); past this the LP path, or blocks asked for by name.
BLOCKS_UP_TO_ROWS = 400_000
#: Coverage rows from which the LP path, when its station blocks have not proven the plan,
#: hands the time left to the station-day blocks (identical posts are solved once there, where
#: the exact MIP here meets them all): measured on generated events (60 s, 2 workers), 500
#: staff proven in 4.2 s there against 41.9 s here, 1,000 staff 1.1 s against 6.6 s, 2,000
#: staff 3.7 s against 0.003 % at 58.6 s; 300 staff (1,710 rows) 0.13 % there at 10 s,
#: proven here in 41.5 s. The bundled scenarios' blocks prove them before that point.
HAND_OFF_FROM_ROWS = 2_000
#: ... if this many seconds are left at least.
HAND_OFF_SECONDS = 5.0


@dataclass(frozen=True)
class SearchSettings:
    """How long and how far to search, and how (seed and threads)."""

    time_limit: float = 60.0
    #: relative gap to the bound at which the search stops (0 asks for a proof)
    gap: float = DEFAULT_GAP
    seed: int = 0
    #: solver threads; one worker with a fixed seed gives the same plan every time
    workers: int = 2
    #: ``time.perf_counter()`` when the time limit started (None: when the search starts), so
    #: that the venue analyses and the model's building count toward it
    clock_start: float | None = None
    #: search by station-day blocks: None decides by the model's size
    blocks: bool | None = None
    #: Dask scheduler address the blocks are solved on (else local processes)
    scheduler: str | None = None


@dataclass(frozen=True)
class _Candidate:
    """A plan found on the way: its objective, shift counts and how it was found."""

    objective: float
    counts: np.ndarray
    how: str


def solve_model(
    model: StaffingModel,
    settings: SearchSettings,
    *,
    progress: Progress | None = None,
    interrupt: threading.Event | None = None,
) -> tuple[np.ndarray, SolveReport]:
    """Solve the model; return the count of every column (aligned with ``model.columns``).

    The search for a proof stops once the plan is within ``settings.gap`` of the bound.
    """
    by_blocks = settings.blocks
    if by_blocks is None:
        by_blocks = settings.scheduler is not None or blocks_take(len(model.shortfall_var))
    if by_blocks:
        return _by_blocks(model, settings, progress, interrupt)
    return _Search(model, settings, progress, interrupt).run()


def blocks_take(rows: int) -> bool:
    """Whether an event of this many coverage rows goes by station-day blocks by default."""
    return BLOCKS_FROM_ROWS <= rows <= BLOCKS_UP_TO_ROWS


def _by_blocks(
    model: StaffingModel,
    settings: SearchSettings,
    progress: Progress | None,
    interrupt: threading.Event | None,
) -> tuple[np.ndarray, SolveReport]:
    limit = settings.time_limit
    if settings.clock_start is not None:
        spent = time.perf_counter() - settings.clock_start
        limit = max(MIN_SEARCH_SHARE * limit, limit - spent)
    blocks = BlockSettings(limit, settings.seed, settings.workers, settings.scheduler)
    return solve_by_blocks(model, blocks, progress=progress, interrupt=interrupt)


class _Search:
    """One search: the LP by column generation, an incumbent, then the exact MIP if needed."""

    def __init__(
        self,
        model: StaffingModel,
        settings: SearchSettings,
        progress: Progress | None,
        interrupt: threading.Event | None,
    ) -> None:
        self.model, self.settings = model, settings
        self.progress, self.interrupt = progress, interrupt
        self.started = time.perf_counter()
        limit = settings.time_limit
        if settings.clock_start is not None:
            # What is left of the limit, but never less than a share of it for the search.
            spent = self.started - settings.clock_start
            limit = max(MIN_SEARCH_SHARE * limit, limit - spent)
        self.time_limit = limit
        #: per station the blocks solved: its block's bound above its share of the LP
        self.gains: dict[int, float] = {}
        # The MIPs end a little early: a large plan takes seconds to hand over and evaluate.
        self.deadline = self.started + limit - min(WRAP_UP_SECONDS, 0.05 * limit)

    def stopped(self) -> bool:
        return self.interrupt is not None and self.interrupt.is_set()

    def run(self) -> tuple[np.ndarray, SolveReport]:
        model = self.model
        lp_deadline = self.started + LP_SHARE * self.time_limit
        with quiet_stdout():
            relaxation = column_generation(model, self.progress, lp_deadline, self.interrupt)
        lp_counts = relaxation.lp.values()[model.column_var] if model.column_var else np.zeros(0)
        method = (
            f"LP (HiGHS, {relaxation.rounds} pricing rounds, {len(model.columns)} shifts priced in"
            + ("" if relaxation.converged else ", stopped at the time limit")
            + ")"
        )
        if relaxation.converged and _integral(lp_counts):
            # Integral LP optimum: the plan is proven optimal, with the LP's value as bound.
            counts = np.round(lp_counts)
            seconds = time.perf_counter() - self.started
            settings = self.settings
            report = SolveReport(
                SolveStatus.OPTIMAL,
                _objective(model, counts),
                relaxation.bound,
                seconds,
                method + ", integral",
                settings.seed,
                settings.workers,
            )
            return counts, report
        duals = relaxation.lp.duals()
        best, bound = self._incumbent(relaxation, lp_counts, duals)
        proven = relaxation.converged and best.objective <= bound + _slack(bound)
        remaining = self.deadline - time.perf_counter()
        close_enough = best.objective - bound <= self.settings.gap * max(1e-9, abs(best.objective))
        searching = not (proven or close_enough or self.stopped())
        if relaxation.converged and searching and self._mip_time():
            best, bound, proven = self._prove(best, bound, relaxation.bound, duals, remaining)
        counts = np.concatenate([best.counts, np.zeros(len(model.columns) - len(best.counts))])
        if proven:
            status = SolveStatus.OPTIMAL
        else:
            status = SolveStatus.INTERRUPTED if self.stopped() else SolveStatus.FEASIBLE
        return counts, self._report(status, best, bound, method)

    def _report(
        self, status: SolveStatus, best: _Candidate, bound: float, method: str
    ) -> SolveReport:
        if status is SolveStatus.OPTIMAL:
            bound = best.objective
        seconds = time.perf_counter() - self.started
        return SolveReport(
            status,
            best.objective,
            min(bound, best.objective),
            seconds,
            f"{method}; {best.how}",
            self.settings.seed,
            self.settings.workers,
        )

    def _incumbent(
        self, relaxation: Relaxation, lp_counts: np.ndarray, duals: np.ndarray
    ) -> tuple[_Candidate, float]:
        """A plan and a bound: the station blocks (a bound, and often the optimal plan); the
        LP rounded and repaired; else the integral stations as the LP has them with a MIP
        over the fractional ones; whichever plan is best."""
        model = self.model
        found: list[_Candidate] = []
        bound = relaxation.bound
        if relaxation.converged and not self.stopped():
            bound = self._blocks(relaxation, lp_counts, duals, found)
        if found and found[0].objective <= bound + _slack(bound):
            return found[0], bound
        if relaxation.converged and self._hand_off():
            return self._by_station_days(found, bound)
        # Columns the blocks added since the LP count as 0 there.
        padded = np.concatenate([lp_counts, np.zeros(len(model.columns) - len(lp_counts))])
        rounded = round_and_repair(model, padded, deadline=self.deadline)
        found.append(_Candidate(_objective(model, rounded), rounded, "LP rounded and repaired"))
        best = min(found, key=lambda c: c.objective)
        if self.stopped() or best.objective <= bound + _slack(bound) or not self._mip_time():
            return best, bound
        return self._fractional_mip(relaxation, lp_counts, duals, found), bound

    def _hand_off(self) -> bool:
        """Whether the station-day blocks take over (see ``HAND_OFF_FROM_ROWS``)."""
        left = self.deadline - time.perf_counter()
        rows = len(self.model.shortfall_var)
        return not self.stopped() and rows >= HAND_OFF_FROM_ROWS and left >= HAND_OFF_SECONDS

    def _by_station_days(self, found: list[_Candidate], bound: float) -> tuple[_Candidate, float]:
        """The station-day blocks with the time left; the better plan and the higher bound."""
        left = replace(
            self.settings, time_limit=self.deadline - time.perf_counter(), clock_start=None
        )
        counts, report = _by_blocks(self.model, left, self.progress, self.interrupt)
        found.append(_Candidate(report.objective, counts, f"then {report.method}"))
        best = min(found, key=lambda c: c.objective)
        if best is not found[-1]:  # say where the bound came from all the same
            best = _Candidate(best.objective, best.counts, f"{best.how}; then {report.method}")
        return best, max(bound, report.bound)

    def _mip_time(self) -> bool:
        """Whether enough time is left for a MIP to do more than load and hand over."""
        needed = MIN_MIP_SECONDS + MIP_SECONDS_PER_ENTRY * self.model.linear.num_entries
        return self.deadline - time.perf_counter() >= needed

    def _blocks(
        self,
        relaxation: Relaxation,
        lp_counts: np.ndarray,
        duals: np.ndarray,
        found: list[_Candidate],
    ) -> float:
        """The station blocks: the bound they give, and their plan added to ``found``."""
        model = self.model
        # Most of what is left: a block cut short still gives its plan, and on a large event the
        # MIPs after the blocks gain far less from the time than the blocks do.
        share = (self.deadline - time.perf_counter()) * BLOCKS_SHARE
        values = relaxation.lp.values()
        outcome = block_bound(
            model,
            values,
            duals,
            relaxation.bound,
            time.perf_counter() + share,
            self.stopped,
            self.settings.seed,
            self.settings.workers,
        )
        if not outcome.unplanned:
            plan = block_plan(model, lp_counts, outcome)
            how = f"station blocks ({outcome.solved} MIPs, {outcome.alike} alike)"
        elif outcome.columns:
            start = block_start(model, lp_counts, outcome)
            plan = round_and_repair(model, start, deadline=self.deadline)
            how = f"station blocks ({outcome.planned} of {outcome.solved} in time), repaired"
        else:
            plan = None
        if plan is not None:
            found.append(_Candidate(_objective(model, plan), plan, how))
        self.gains = outcome.gains
        # A hair below: the blocks' values carry the MIP solver's round-off.
        return max(relaxation.bound, outcome.bound - 1e-9 * max(1.0, abs(outcome.bound)))

    def _fractional_mip(
        self,
        relaxation: Relaxation,
        lp_counts: np.ndarray,
        duals: np.ndarray,
        found: list[_Candidate],
    ) -> _Candidate:
        """The integral stations as the LP has them, a MIP over the fractional ones."""
        model, settings = self.model, self.settings
        fixed = _fixed_stations(model, lp_counts)
        fractional = {
            model.columns[j].station
            for j in range(len(lp_counts))
            if model.column_var[j] not in fixed
        }
        near = price(model, duals, self._near_gap(relaxation, found), per_pair=None)
        _add_within_budget(model, [c for _r, c in near if c.station in fractional])
        share = (self.deadline - time.perf_counter()) / (3 if relaxation.converged else 1)
        task = MipTask(model.linear, max(0.5, share), settings.seed, settings.workers, fixed=fixed)
        solution = _search(task, self.interrupt, self.progress)
        if solution is not None and solution.status in ("optimal", "feasible"):
            counts = np.round(solution.values[model.column_var])
            how = f"MIP on the fractional posts ({solution.backend})"
            found.append(_Candidate(_objective(model, counts), counts, how))
        return min(found, key=lambda c: c.objective)

    def _near_gap(self, relaxation: Relaxation, found: list[_Candidate]) -> float:
        """Reduced cost up to which the fractional posts' MIP is offered shifts: what the
        blocks raised the bound by (at least a thousandth of the LP's value), never more than
        the worst plan in hand lies above the LP. Measured on the generated 100-staff event:
        the whole gap of its rounded plan (1,247) offers all 10,573 shifts and the MIP takes
        4.0 s; the blocks' 8.5 offers 2,615 and it finds the same optimum in 1.3 s."""
        lp = relaxation.bound
        worst = max(c.objective for c in found) - lp
        raised = sum(self.gains.values())
        return min(worst, max(raised, NEAR_SHARE * max(1.0, abs(lp))))

    def _prove(
        self,
        best: _Candidate,
        bound: float,
        lp_bound: float,
        duals: np.ndarray,
        remaining: float,
    ) -> tuple[_Candidate, float, bool]:
        """The exact MIP: a shift whose reduced cost exceeds the gap cannot be in any better
        plan, so the MIP over the priced shifts plus every shift within the gap is exact.

        The gap is measured from the LP's bound, not the (higher) block bound: a plan's cost
        is at least the LP bound plus the reduced costs of its shifts at the LP's duals, and
        that is all the duals say. The station blocks say more: at those duals each block's
        MIP bound lies ``gains[t]`` above its station's share of the LP, so a plan with a
        shift of station s costs at least the LP bound, plus every other station's gain,
        plus the shift's reduced cost; a shift whose reduced cost passes the gap less the
        other stations' gains cannot be in a better plan either."""
        model, settings = self.model, self.settings
        gap = best.objective - lp_bound
        within = price(model, duals, gap, per_pair=None)
        # A hair more than the gap asks: the gains carry the MIP solver's round-off.
        needed = needed_shifts(within, gap + _slack(best.objective), self.gains)
        # Past the budget the MIP is a search for a better plan among the most promising
        # shifts, not a proof.
        complete = _add_within_budget(model, needed)
        start = _padded(model, best.counts)
        task = MipTask(
            model.linear,
            remaining,
            settings.seed,
            settings.workers,
            start=start,
            presolve=PROOF_PRESOLVE,
        )
        solution = _search(task, self.interrupt, self.progress)
        if solution is None or solution.status not in ("optimal", "feasible"):
            return best, bound, False
        counts = np.round(solution.values[model.column_var])
        value = _objective(model, counts)
        how = best.how
        if len(counts) == len(model.columns) and value < best.objective:
            best = _Candidate(value, counts, f"MIP on the priced shifts ({solution.backend})")
            how = best.how
        proven = False
        if solution.status == "optimal" and complete:
            proven, bound = True, max(bound, min(best.objective, solution.objective))
            how += f", proven optimal by {solution.backend}"
        elif complete and math.isfinite(solution.bound):
            # An exact MIP's bound holds for the whole model, up to the plan in hand.
            bound = max(bound, min(best.objective, solution.bound))
        return _Candidate(best.objective, best.counts, how), bound, proven


def needed_shifts(
    priced: list[tuple[float, Column]], gap: float, gains: dict[int, float]
) -> list[Column]:
    """The shifts a plan within ``gap`` of the LP bound may work, from their reduced costs at
    the LP's duals and the stations' block gains at the same duals (see ``_Search._prove``):
    at station s, those whose reduced cost is at most the gap less the other stations' gains."""
    raised = sum(gains.values())
    return [
        column
        for reduced, column in priced
        if reduced <= gap - raised + gains.get(column.station, 0.0)
    ]


def _integral(values: np.ndarray) -> bool:
    return bool(np.all(np.abs(values - np.round(values)) <= INTEGRAL_TOLERANCE))


def _slack(bound: float) -> float:
    return 1e-6 * max(1.0, abs(bound))


def _fixed_stations(model: StaffingModel, lp_counts: np.ndarray) -> dict[int, float]:
    """Variables to fix: the columns of every station whose LP shifts are all integral
    (columns added after the LP count as 0 there)."""
    lp_counts = np.concatenate([lp_counts, np.zeros(len(model.columns) - len(lp_counts))])
    fractional = np.abs(lp_counts - np.round(lp_counts)) > INTEGRAL_TOLERANCE
    unsettled = {model.columns[j].station for j in np.flatnonzero(fractional)}
    return {
        model.column_var[j]: float(round(lp_counts[j]))
        for j, c in enumerate(model.columns)
        if c.station not in unsettled
    }


def _objective(model: StaffingModel, counts: np.ndarray) -> float:
    """Objective of integral shift counts, shortfalls recomputed exactly."""
    values = complete_solution(model, counts)
    return float(np.dot(np.asarray(model.linear.var_obj), values))


def _add_within_budget(model: StaffingModel, columns: list[Column]) -> bool:
    """Add columns in order until they bring MAX_MIP_ENTRIES entries; True if all fit."""
    budget = model.linear.num_entries + MAX_MIP_ENTRIES
    for column in columns:
        if model.linear.num_entries >= budget:
            return False
        model.add_column(column)
    return True


def _padded(model: StaffingModel, counts: np.ndarray) -> np.ndarray:
    """Every variable's value for shift ``counts`` (columns added since count as zero)."""
    padded = np.concatenate([counts, np.zeros(len(model.columns) - len(counts))])
    return complete_solution(model, padded)


def _search(
    task: MipTask,
    interrupt: threading.Event | None,
    progress: Progress | None,
) -> Solution | None:
    """The MIP race, reporting progress while it searches."""
    on_wait = (lambda seconds: progress("searching", seconds)) if progress else None
    return solve_mip(task, interrupt=interrupt, on_wait=on_wait)
