"""Solving variants of one base scenario, warm-started from the base.

Two things are carried over from the base to every variant:

- what a variant that changes only head counts shares with it: the groundwork of the solve
  (venue analyses, time grid and demands), which on the bundled concert is about a fifth of a
  cold solve;
- the shifts the base plan uses, as the first columns of the variant's model
  (:mod:`eventplan.staffing.seeds`): cheap, and matched by meaning, so it also works for
  scenario-file variants as far as they share shifts with the base. Measured figures are in
  ``docs/whatif.md``.

Every variant is seeded from the *base*, never from another variant, so results do not depend
on which worker ran what, or in which order. ``SolveOptions(warm=False)`` solves every variant
cold, through :func:`eventplan.planning.solve`.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from typing import Any

from eventplan.planning import Groundwork, Plan, assemble, lay_groundwork, solve
from eventplan.planning.stages import staff_groundwork
from eventplan.scenario import Scenario
from eventplan.staffing.search import SearchSettings
from eventplan.staffing.seeds import ShiftKey, used_shift_keys

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
    #: share the base's groundwork (venue analyses, grid, demands) with head-count variants
    warm: bool = True
    #: with ``warm``: also seed each variant's model with the shifts the base plan uses
    seed_shifts: bool = True

    @property
    def search(self) -> SearchSettings:
        return SearchSettings(self.time_limit, self.gap, self.seed, self.threads)


class Base:
    """A base scenario, the shifts its plan uses, and how to solve its variants.

    :meth:`prepare` solves the base (once, where the sweep starts); pickling keeps the
    scenario, the options and those shifts, and a worker that receives a ``Base`` rebuilds the
    groundwork on first use.
    """

    def __init__(
        self,
        scenario: Scenario,
        options: SolveOptions | None = None,
        seeds: tuple[ShiftKey, ...] | None = None,
    ) -> None:
        self.scenario = scenario
        self.options = options or SolveOptions()
        self.seeds = seeds
        self._lock = threading.Lock()
        self._groundwork: Groundwork | None = None
        self._document = _without_pools(scenario)

    def __getstate__(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "options": self.options, "seeds": self.seeds}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["scenario"], state["options"], state["seeds"])  # type: ignore[misc]

    @property
    def groundwork(self) -> Groundwork:
        """The base scenario's groundwork, laid once."""
        with self._lock:
            if self._groundwork is None:
                self._groundwork = lay_groundwork(self.scenario)
            return self._groundwork

    def prepare(self, interrupt: threading.Event | None = None) -> Plan | None:
        """Solve the base and keep the shifts its plan uses (a no-op for cold sweeps)."""
        if not (self.options.warm and self.options.seed_shifts) or self.seeds is not None:
            return None
        plan = self._solve(self.scenario, (), interrupt)
        self.seeds = tuple(used_shift_keys(plan.staffing.model, plan.staffing.counts))
        return plan

    def groundwork_for(self, scenario: Scenario) -> Groundwork:
        """The groundwork of a variant: the base's when only head counts changed."""
        return self._groundwork_for(scenario)

    def plan(self, scenario: Scenario, interrupt: threading.Event | None = None) -> Plan:
        """Solve one variant, warm unless the options say cold."""
        opts = self.options
        if not opts.warm:
            return solve(
                scenario,
                time_limit=opts.time_limit,
                gap=opts.gap,
                seed=opts.seed,
                workers=opts.threads,
                interrupt=interrupt,
            )
        return self._solve(scenario, self.seeds or (), interrupt)

    def _groundwork_for(self, scenario: Scenario) -> Groundwork:
        if _without_pools(scenario) == self._document:
            return self.groundwork
        return lay_groundwork(scenario)

    def _solve(
        self, scenario: Scenario, seeds: tuple[ShiftKey, ...], interrupt: threading.Event | None
    ) -> Plan:
        """The stages of a solve, on the shared groundwork, seeded with ``seeds``."""
        groundwork = self._groundwork_for(scenario)
        staffing = staff_groundwork(
            groundwork, self.options.search, scenario=scenario, interrupt=interrupt, seeds=seeds
        )
        if seeds:
            note = f"{staffing.report.method}; warm: {staffing.seeded} shifts seeded from the base"
            report = dataclasses.replace(staffing.report, method=note)
            staffing = dataclasses.replace(staffing, report=report)
        return assemble(groundwork, staffing, scenario)


def _without_pools(scenario: Scenario) -> dict[str, Any]:
    document = scenario.to_document()
    document.pop("pools", None)
    document.pop("people", None)
    return document
