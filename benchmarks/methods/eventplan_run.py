"""eventplan's own staffing, timed stage by stage.

Runs :func:`eventplan.staffing.run.staff` unchanged. To see where time goes, the stages the
pipeline calls are wrapped with timers for the run (model build, LP with column generation,
rounding, MIP, roster, coverage); a stage whose function the pipeline does not have is not
reported. With ``gap_tolerance`` the search stops at that relative gap to the bound, which
measures the time to reach it.
"""

from __future__ import annotations

import contextlib
import functools
import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from benchmarks.evaluate import Counts
from benchmarks.problem import Problem

#: (module, function) pairs timed when present, with the stage name they report.
STAGES = (
    ("eventplan.staffing.run", "build_model", "build"),
    ("eventplan.staffing.run", "solve_model", "solver"),
    ("eventplan.staffing.search", "column_generation", "lp"),
    ("eventplan.staffing.search", "round_and_repair", "rounding"),
    ("eventplan.staffing.search", "_search", "mip"),
    ("eventplan.staffing.run", "build_roster", "roster"),
    ("eventplan.staffing.run", "coverage_table", "coverage"),
    ("eventplan.staffing.run", "shortfall_runs", "shortfalls"),
)


@contextlib.contextmanager
def _timed(stages: dict[str, float], marks: dict[str, float], origin: float) -> Iterator[None]:
    import importlib

    saved: list[tuple[Any, str, Callable]] = []
    for module_name, name, stage in STAGES:
        module = importlib.import_module(module_name)
        original = getattr(module, name, None)
        if original is None:
            continue

        def wrapper(*args: Any, _f: Callable = original, _s: str = stage, **kwargs: Any) -> Any:
            started = time.perf_counter()
            marks.setdefault(f"{_s}_start", started - origin)
            try:
                return _f(*args, **kwargs)
            finally:
                stages[_s] += time.perf_counter() - started
                marks[f"{_s}_end"] = time.perf_counter() - origin

        saved.append((module, name, original))
        setattr(module, name, functools.wraps(original)(wrapper))
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


@contextlib.contextmanager
def _first_plan(problem: Problem, out: list[float]) -> Iterator[None]:
    """Record the objective of the first plan (the rounded LP), via the shared evaluator."""
    from eventplan.staffing import search as module

    original = getattr(module, "round_and_repair", None)
    if original is None:
        yield
        return

    def wrapper(model: Any, x: Any, *args: Any, **kwargs: Any) -> Any:
        counts = original(model, x, *args, **kwargs)
        if not out:
            from benchmarks.evaluate import evaluate

            plan: Counts = defaultdict(int)
            for column, n in zip(model.columns, counts, strict=False):
                if n > 0.5:
                    template = model.templates[column.supply][column.template]
                    plan[(column.supply, template, column.station)] += int(n + 0.5)
            out.append(evaluate(problem, plan).objective)
        return counts

    module.round_and_repair = wrapper
    try:
        yield
    finally:
        module.round_and_repair = original


def run(
    problem: Problem,
    time_limit: float,
    seed: int = 0,
    workers: int = 2,
    gap_tolerance: float | None = None,
) -> dict:
    """Solve with eventplan; report the plan's counts, the solver's report and stage times."""
    from eventplan.staffing.run import staff
    from eventplan.staffing.search import SearchSettings

    stages: dict[str, float] = defaultdict(float)
    marks: dict[str, float] = {}
    first: list[float] = []
    started = time.perf_counter()
    settings = SearchSettings(time_limit, gap_tolerance or 0.0, seed, workers)
    with _timed(stages, marks, started), _first_plan(problem, first):
        plan = staff(problem.scenario, problem.grid, problem.requirements, settings)
    total = time.perf_counter() - started
    report = plan.report
    counts: Counts = defaultdict(int)
    for shift in plan.roster.shifts:
        counts[(shift.supply, shift.template, problem.station_index[shift.station_id])] += 1
    # A plan exists once the LP is rounded (or, when the LP is integral, once it is solved).
    first_plan = marks.get("rounding_end", marks.get("lp_end", report.seconds))
    solver_end = marks.get("solver_end", total)
    return {
        "status": report.status.value,
        "method": report.method,
        "objective": report.objective,
        "bound": report.bound,
        "gap": report.gap if math.isfinite(report.gap) else None,
        "solver_seconds": report.seconds,
        "seconds": total,
        "first_plan_seconds": first_plan,
        "first_plan_objective": first[0] if first else None,
        "solver_end_seconds": solver_end,
        "stages": dict(stages),
        "unfilled_shifts": len(plan.roster.unfilled),
        "counts": dict(counts),
    }
