"""What a rostering solve answers, and the small steps every stage takes on it."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class RosterResult:
    """What the solver found.

    ``roster`` maps each employee id to a shift id or ``None`` (off) per day; it is empty when
    no roster was found. ``objective`` and ``bound`` are ``None`` then too. ``reasons`` names,
    for an infeasible instance, the contracts that cannot be met on their own.
    """

    status: str
    objective: int | None
    bound: int | None
    seconds: float
    roster: Mapping[str, tuple[str | None, ...]]
    reasons: tuple[str, ...] = ()

    @property
    def gap(self) -> float | None:
        """Relative distance between the roster and the proven bound."""
        if self.objective is None or self.bound is None:
            return None
        return (self.objective - self.bound) / max(abs(self.objective), 1)


def bounded(result: RosterResult, bound: int) -> RosterResult:
    """The result with ``bound`` where it is better; optimal if reached."""
    if result.objective is None:
        return result
    best = max(bound, result.bound) if result.bound is not None else bound
    if best >= result.objective:
        return replace(result, status="optimal", bound=result.objective)
    return replace(result, status="feasible", bound=best)


def timed(result: RosterResult, started: float) -> RosterResult:
    """The result with the seconds since ``started``."""
    return replace(result, seconds=since(started))


def since(started: float) -> float:
    """Seconds since ``started`` (a ``time.perf_counter()`` reading)."""
    return time.perf_counter() - started
