"""Large-neighbourhood search on the flow program: keep most of a roster, re-solve the rest.

Each step frees either a window of days for everybody or a few people for the whole horizon,
fixes every other person-day Boolean to the roster in hand (their bounds in HiGHS) and asks
HiGHS for the best completion in a short time, started from the roster in hand. The flow
program's tight relaxation lets HiGHS close most steps to optimality in well under a second.
A completion at least as good replaces the roster (equal ones too: they move the search
across plateaus). The size of each kind of neighbourhood grows while its steps are solved to
optimality and shrinks when they run out of time.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import highspy
import numpy as np

from eventplan.rostering.mip import FlowMip, to_highs

#: Seconds HiGHS gets for one neighbourhood.
STEP_SECONDS = 2.0


@dataclass
class _Sizes:
    """The adaptive size of each neighbourhood kind: days in a window, people in a group."""

    window: int
    people: int


def improve(
    mip: FlowMip,
    values: list[float],
    objective: int,
    deadline: float,
    threads: int = 2,
    seed: int = 0,
    floor: int | None = None,
) -> tuple[int, list[float]]:
    """The best solution found from ``values`` (HiGHS columns, that objective) by ``deadline``.

    The search stops early when it reaches ``floor``, a proven bound: nothing is better.
    """
    instance = mip.instance
    highs = to_highs(mip, threads)
    highs.setOptionValue("random_seed", seed)
    rng = random.Random(seed)
    sizes = _Sizes(window=min(7, instance.days), people=min(4, len(instance.employees)))
    while time.perf_counter() < deadline - 0.05 and (floor is None or objective > floor):
        by_window = rng.random() < 0.5
        free = _window(mip, rng, sizes.window) if by_window else _people(mip, rng, sizes.people)
        seconds = min(STEP_SECONDS, deadline - time.perf_counter())
        solved, found = _step(mip, highs, values, free, seconds)
        _adapt(sizes, by_window, solved, instance.days, len(instance.employees))
        if found is not None and found[0] <= objective:
            objective, values = found
    return objective, values


def _window(mip: FlowMip, rng: random.Random, width: int) -> set[tuple[int, int]]:
    days, people = mip.instance.days, len(mip.instance.employees)
    first = rng.randint(0, days - width)
    return {(p, d) for p in range(people) for d in range(first, first + width)}


def _people(mip: FlowMip, rng: random.Random, count: int) -> set[tuple[int, int]]:
    days, people = mip.instance.days, len(mip.instance.employees)
    return {(p, d) for p in rng.sample(range(people), count) for d in range(days)}


def _adapt(sizes: _Sizes, by_window: bool, solved: bool, days: int, people: int) -> None:
    step = 1 if solved else -1
    if by_window:
        sizes.window = max(2, min(days, sizes.window + step))
    else:
        sizes.people = max(2, min(people, sizes.people + step))


def _step(
    mip: FlowMip,
    highs: highspy.Highs,
    values: list[float],
    free: set[tuple[int, int]],
    seconds: float,
) -> tuple[bool, tuple[int, list[float]] | None]:
    """Whether HiGHS closed the step and, if it found one, the completion and its objective."""
    fixed = np.array([c for key, c in mip.assign.items() if key[:2] not in free], dtype=np.int32)
    levels = np.array([round(values[c]) for c in fixed], dtype=float)
    highs.changeColsBounds(len(fixed), fixed, levels, levels)
    highs.setOptionValue("time_limit", max(0.01, seconds))
    start = highspy.HighsSolution()
    start.col_value = values
    highs.setSolution(start)
    try:
        highs.run()
        solved = highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        info = highs.getInfo()
        found = info.primal_solution_status == 2  # kSolutionStatusFeasible
        objective = round(info.objective_function_value) + mip.offset
        completion = list(highs.getSolution().col_value) if found else None
    finally:  # free the step's columns again for the next one
        zeros = np.zeros(len(fixed))
        highs.changeColsBounds(len(fixed), fixed, zeros, zeros + 1.0)
    return solved, (objective, completion) if completion is not None else None
