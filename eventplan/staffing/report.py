"""What a staffing search reports: how it ended, the plan's objective, the bound and the gap."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class SolveStatus(StrEnum):
    """How the search ended; the value is what plan.json and the summary show."""

    #: the plan is proven optimal (within the solver's tolerances)
    OPTIMAL = "optimal"
    #: a plan, not proven optimal: the time limit or the asked gap ended the search
    FEASIBLE = "feasible"
    #: a plan, the search stopped by the user (Ctrl-C) before it was done
    INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class SolveReport:
    """What the solver did: status, objective, best bound, gap, time."""

    status: SolveStatus
    objective: float
    bound: float
    seconds: float
    method: str
    seed: int
    workers: int

    @property
    def gap(self) -> float:
        """Relative distance of the objective above the bound (``inf`` when either is unknown)."""
        if not math.isfinite(self.objective) or not math.isfinite(self.bound):
            return math.inf
        return max(0.0, self.objective - self.bound) / max(1e-9, abs(self.objective))
