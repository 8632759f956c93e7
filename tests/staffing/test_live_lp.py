"""The live LP keeps the time limit and hears a stop inside one solve (issue: the HiGHS call
had no time limit or interrupt, so the deadline was checked only between pricing rounds)."""

from __future__ import annotations

import math
import threading
import time

import numpy as np

from eventplan.staffing.backends import LiveLP
from eventplan.staffing.linear import LinearModel

#: Seconds a stop may take to be heard (HiGHS checks between simplex iterations).
GRACE = 3.0


def slow_lp(size: int = 2000, per_row: int = 6, seed: int = 0) -> LinearModel:
    """A random covering LP the primal simplex needs many seconds for (16 s measured at
    2,000 rows: 11,899 iterations)."""
    rng = np.random.default_rng(seed)
    model = LinearModel()
    for _ in range(size):
        model.add_var(0.0, math.inf, float(rng.uniform(1, 2)), False)
    for _ in range(size):
        cols = rng.choice(size, size=per_row, replace=False)
        terms = [(int(c), float(rng.uniform(0.5, 1.5))) for c in cols]
        model.add_row(terms, float(rng.uniform(1, 2)), math.inf)
    return model


def test_a_solve_stops_at_its_deadline() -> None:
    lp = LiveLP(slow_lp())
    started = time.perf_counter()
    status = lp.solve(deadline=started + 0.3)
    assert status == "stopped"
    assert time.perf_counter() - started < 0.3 + GRACE
    assert len(lp.values()) == lp.num_vars and len(lp.duals()) == lp.model.num_rows


def test_a_stop_asked_for_during_a_solve_is_heard() -> None:
    lp = LiveLP(slow_lp())
    asked = threading.Event()
    threading.Timer(0.3, asked.set).start()
    started = time.perf_counter()
    assert lp.solve(stopped=asked.is_set) == "stopped"
    assert time.perf_counter() - started < 0.3 + GRACE


def test_a_small_lp_solves_to_optimality_within_its_deadline() -> None:
    lp = LiveLP(slow_lp(size=50))
    assert lp.solve(deadline=time.perf_counter() + 60) == "optimal"
    assert lp.objective_value() > 0
