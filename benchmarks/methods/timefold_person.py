"""Timefold's solver (Python front end on the JVM) on a natural per-person model.

One-day scenarios only (a person picks one option; multi-day rest rules are not modelled).
Skipped, with the reason, when the ``timefold`` package or Java is missing.
"""

from __future__ import annotations

import shutil
import time
from collections import defaultdict
from typing import TYPE_CHECKING

from benchmarks.evaluate import Counts
from benchmarks.problem import Problem

if TYPE_CHECKING:
    from timefold.solver.config import SolverConfig

SCALE = 100


def unavailable() -> str | None:
    """Why Timefold cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "Java is not installed"
    try:
        import timefold.solver  # noqa: F401
    except ImportError:
        return "the timefold package is not installed (pip install '.[bench]')"
    return None


def run(problem: Problem, time_limit: float, seed: int = 0) -> dict:
    """Solve within ``time_limit`` seconds; the shift counts, as the evaluator reads them."""
    reason = unavailable()
    if reason:
        return {"status": f"skipped: {reason}"}
    if len(problem.grid.days) > 1:
        return {"status": "skipped: one-day scenarios only"}
    from timefold.solver import SolverFactory

    from benchmarks.methods import timefold_model as tm

    started = time.perf_counter()
    options, where = _options(problem)
    people = []
    for s, supply in enumerate(problem.supplies):
        for _ in range(supply.count):
            people.append(tm.Person(len(people), supply.role, options[s]))
    demand = _demand(problem)
    solver = SolverFactory.create(_config(time_limit, seed)).build_solver()
    built = time.perf_counter() - started
    best = solver.solve(tm.Deployment(demand, people))
    seconds = time.perf_counter() - started - built
    counts: Counts = defaultdict(int)
    assigned = 0
    for person in best.people:
        if person.option is not None:
            s, t, st = where[person.option.id]
            counts[(s, problem.templates[s][t], st)] += 1
            assigned += 1
    return {
        "status": "done",
        "counts": dict(counts),
        "build_seconds": built,
        "seconds": seconds,
        "entities": len(people),
        "assigned": assigned,
        "values": len(where),
        "score": str(best.score),
    }


def _options(problem: Problem) -> tuple[list[list], dict[int, tuple[int, int, int]]]:
    """Every (template, station) option of each supply, and what each option id stands for."""
    from benchmarks.methods import timefold_model as tm

    options: list[list] = []
    where: dict[int, tuple[int, int, int]] = {}
    for s, _supply in enumerate(problem.supplies):
        templates = problem.templates[s]
        mine = []
        for t, st in zip(*problem.options[s], strict=True):
            template = templates[t]
            option = tm.Option(
                len(where),
                int(st),
                frozenset(int(i) for i in template.working()),
                round(problem.cost(s, template) * SCALE),
            )
            where[len(where)] = (s, int(t), int(st))
            mine.append(option)
        options.append(mine)
    return options, where


def _demand(problem: Problem) -> list:
    """One demand slot per station need and ratio, slot by slot."""
    demand = []
    for st, station in enumerate(problem.stations):
        for d in station.demands:
            demand += _slots(problem, d, st, len(demand))
    for d in problem.requirements.ratios:
        demand += _slots(problem, d, -1, len(demand))
    return demand


def _config(time_limit: float, seed: int) -> SolverConfig:
    """The solver configuration: the per-person model, one thread, the time budget."""
    from timefold.solver.config import (
        Duration,
        EnvironmentMode,
        ScoreDirectorFactoryConfig,
        SolverConfig,
        TerminationConfig,
    )

    from benchmarks.methods import timefold_model as tm

    return SolverConfig(
        solution_class=tm.Deployment,
        entity_class_list=[tm.Person],
        environment_mode=EnvironmentMode.NO_ASSERT,
        random_seed=seed,
        score_director_factory_config=ScoreDirectorFactoryConfig(
            constraint_provider_function=tm.objective
        ),
        termination_config=TerminationConfig(spent_limit=Duration(seconds=int(time_limit))),
    )


def _slots(problem: Problem, demand, station: int, first: int) -> list:
    from benchmarks.methods import timefold_model as tm

    weight = round(problem.weight(demand) * SCALE)
    roles = frozenset(demand.roles)
    return [
        tm.DemandSlot(first + i, station, roles, int(slot), int(demand.required[slot]), weight)
        for i, slot in enumerate(int(s) for s in demand.required.nonzero()[0])
    ]
