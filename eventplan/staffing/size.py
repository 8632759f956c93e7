"""How big a scenario's work is, known before any of it is done, and what cannot fit.

The estimate runs on the scenario alone in well under a second at city scale: the time grid,
the demands with every drone entry at its ``count`` pilots and every ``teams: auto`` patrol at
one team, and the drone sorties. A scenario is refused (exit 2, naming the
setting to change) when its model would not fit the machine's memory, when no first plan could
be found within the time limit (on the LP path: the events the station-day blocks take are
planned round by round, and a 20,000-staff five-day event of 355,655 rows, which the LP's rate
put at 237 s, ended 0.008 % from the bound after 33 s of search), or when a count would make
the analyses themselves run away; ``eventplan validate`` warns of the same.

The rates below are measured (``python -m benchmarks.bench_size``) and err toward refusing
less: a refusal must be right, and a near miss is left to the time limit, which holds inside
every solver call.
"""

from __future__ import annotations

import dataclasses
import math
import os
from dataclasses import dataclass

import numpy as np

from eventplan.errors import InputError, Problem
from eventplan.scenario import Scenario
from eventplan.staffing.requirements import requirements
from eventplan.staffing.search import blocks_take
from eventplan.timegrid import TimeGrid, build_grid

#: Peak memory of a whole solve, roughly: a fixed part (interpreter, libraries, venue analyses
#: and the MIP, whose size is bounded), and per coverage row (one demand in one slot) at
#: 15-minute slots, more at finer slots, whose shifts hold more slots each. Measured peaks with
#: the HiGHS worker against the estimate: the concert 0.9 GB (1.5); generated 5,000 staff, one
#: day, 24,589 rows: 1.9 GB (1.6); 20,000 staff over five days, 470,765 rows: 3.7 GB (3.4);
#: the expo at 5-minute slots, 32,700 rows: 2.3 GB (1.9); 1,000 staff at 1-minute slots,
#: 77,022 rows: 1.6 GB without the worker (5.7). It is meant to tell what clearly cannot fit
#: (a generated 5,000 staff over three days at 1-minute slots: 63 GB), not to be a cap.
BYTES_FIXED = 1_500_000_000
BYTES_PER_ROW = 4_000
#: Share of the machine's available memory a solve may plan to use.
MEMORY_SHARE = 0.8
#: Coverage rows per second of the LP's column generation to convergence, and the rows below
#: which the time limit is never judged too short. Measured on 2 shared cores: 77,022 rows
#: (1,000 staff at 1-minute slots) converged in 61 s, 1,260 rows a second; 32,700 rows (the
#: expo at 5-minute slots) in 39 s; larger models are slower per row, so the rate errs
#: toward refusing later.
ROWS_PER_SECOND = 1_500
ROWS_ALWAYS_SOLVED = 150_000
#: Most people on duty at once, and most drone sorties, any scenario may ask for: a city's
#: largest operations need a few tens of thousands and a few thousand.
MAX_PEOPLE_AT_ONCE = 200_000
MAX_SORTIES = 200_000


@dataclass(frozen=True)
class ModelSize:
    """The work a scenario asks for."""

    slots: int
    slot_minutes: int
    #: one per demand (a post's need, a crew, a leader) and slot it is needed in
    coverage_rows: int
    #: most people the demands ask for in one slot
    people_at_once: int
    sorties: int

    @property
    def memory_bytes(self) -> int:
        finer = max(1.0, 15 / self.slot_minutes)
        return int(BYTES_FIXED + BYTES_PER_ROW * finer * self.coverage_rows)

    @property
    def pricing_seconds(self) -> float:
        """Seconds the LP of column generation needs to converge, below which the plan is
        rounded from a partial LP (0 when small enough to be sure, and where the station-day
        blocks take the event: they need no LP over every row, and every round gives a plan)."""
        rows = self.coverage_rows
        if rows <= ROWS_ALWAYS_SOLVED or blocks_take(rows):
            return 0.0
        return rows / ROWS_PER_SECOND


def estimate(scenario: Scenario) -> ModelSize:
    """The size of a scenario's work, without the venue analyses."""
    grid = build_grid(scenario)
    auto = {p.id: 1 for p in scenario.patrols if p.teams == "auto"}
    need = requirements(scenario, grid, patrol_teams=auto)
    required = [d.required for d in need.all_demands()]
    rows = sum(int(np.count_nonzero(r)) for r in required)
    at_once = int(np.sum(required, axis=0).max()) if required and grid.size else 0
    return ModelSize(
        slots=grid.size,
        slot_minutes=grid.slot_minutes,
        coverage_rows=rows,
        people_at_once=at_once,
        sorties=_sorties(scenario, grid),
    )


def _sorties(scenario: Scenario, grid: TimeGrid) -> int:
    """Flights the drone rotations will plan: per position, its hours over the endurance."""
    total = 0
    for drone in scenario.drones:
        minutes = len(grid.period_slots(drone.phases)) * grid.slot_minutes
        per_position = math.ceil(minutes / drone.endurance_minutes) + 1
        total += drone.count * min(per_position, MAX_SORTIES + 1)
    return total


def available_memory() -> int | None:
    """Bytes of memory available to a new allocation (Linux), or None where unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def refusals(
    size: ModelSize, name: str, time_limit: float | None, memory: int | None
) -> list[Problem]:
    """Why a scenario of this size cannot be solved here (empty when it can).

    ``time_limit`` None leaves the time out (``validate``); ``memory`` None leaves memory out.
    """
    problems: list[Problem] = []
    if size.people_at_once > MAX_PEOPLE_AT_ONCE:
        problems.append(
            Problem(
                name,
                "posts",
                f"the demands ask for {size.people_at_once:,} people on duty at once; eventplan "
                f"plans up to {MAX_PEOPLE_AT_ONCE:,} (check the counts of needs, units, patrols "
                "and drones)",
            )
        )
    if size.sorties > MAX_SORTIES:
        problems.append(
            Problem(
                name,
                "drones",
                f"the drone rotations would fly {size.sorties:,} sorties; eventplan plans up to "
                f"{MAX_SORTIES:,} (check each drone's count and endurance_minutes)",
            )
        )
    if memory is not None and size.memory_bytes > MEMORY_SHARE * memory:
        problems.append(
            Problem(
                name,
                "event.slot_minutes",
                f"the staffing model would need about {_gib(size.memory_bytes)} of memory "
                f"({size.coverage_rows:,} coverage rows at {size.slot_minutes}-minute slots) "
                f"and {_gib(memory)} is available; {_coarser(size)}",
            )
        )
    needed = size.pricing_seconds
    if time_limit is not None and needed > time_limit:
        problems.append(
            Problem(
                name,
                "event.slot_minutes",
                f"pricing the shifts of this size ({size.coverage_rows:,} coverage rows at "
                f"{size.slot_minutes}-minute slots) needs about {needed:,.0f} s, more than the "
                f"time limit of {time_limit:g} s; raise --time-limit or {_coarser(size)}",
            )
        )
    return problems


def _coarser(size: ModelSize) -> str:
    """Advice on slot length: the rows scale with slots per hour."""
    if size.slot_minutes >= 15:
        return "shorten the event, or split it into days planned one by one"
    rows = size.coverage_rows * size.slot_minutes // 15
    return f"set event.slot_minutes: 15 (about {rows:,} rows)"


def _gib(count: int) -> str:
    return f"{count / 2**30:.1f} GiB"


def refuse_unsolvable(scenario: Scenario, name: str, time_limit: float) -> None:
    """Raise :class:`InputError` when the scenario cannot be solved here within ``time_limit``."""
    problems = refusals(estimate(scenario), name, time_limit, available_memory())
    if problems:
        raise InputError(problems)


def size_warnings(scenario: Scenario, name: str, time_limit: float) -> list[Problem]:
    """What :func:`refuse_unsolvable` would say, as warnings (for ``eventplan validate``)."""
    problems = refusals(estimate(scenario), name, time_limit, available_memory())
    return [dataclasses.replace(p, severity="warning") for p in problems]
