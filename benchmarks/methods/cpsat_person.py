"""A per-person Boolean CP-SAT model, the way OR-Tools' shift-scheduling examples lead one to
write it: one Boolean per person x shift template x post.

Same problem, same templates and options, same objective (scaled to integers) as eventplan's
aggregated model. Each person works at most one template a day, on at most ``max_days`` days,
and never two templates closer than the rest time on consecutive days. The build is capped in
time; past the cap the method reports that it could not build the model.
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import timedelta

import numpy as np
from ortools.sat.python import cp_model

from benchmarks.evaluate import Counts
from benchmarks.problem import Problem

#: Objective units are scaled to integers: every cost and weight here is a multiple of 0.01.
SCALE = 100


class BuildTimeout(Exception):
    """The model could not be built within the cap."""


def build(problem: Problem, cap_seconds: float):
    """The CP-SAT model, its Booleans as (supply, template index, station) per variable."""
    started = time.perf_counter()
    model = cp_model.CpModel()
    rules = problem.scenario.rules
    covering: dict[tuple[int, str], dict[int, list]] = defaultdict(lambda: defaultdict(list))
    keys: list[tuple[int, int, int]] = []
    variables = []
    objective = []
    rest = timedelta(hours=rules.min_rest_hours)
    for s, supply in enumerate(problem.supplies):
        templates = problem.templates[s]
        t_idx, st_idx = problem.options[s]
        working = [templates[t].working() for t in t_idx]
        costs = [round(problem.cost(s, templates[t]) * SCALE) for t in t_idx]
        for _person in range(supply.count):
            if time.perf_counter() - started > cap_seconds:
                raise BuildTimeout(len(variables))
            day_vars: dict[int, list] = defaultdict(list)
            template_vars: dict[int, list] = defaultdict(list)
            for k, (t, st) in enumerate(zip(t_idx, st_idx, strict=True)):
                y = model.new_bool_var("")
                variables.append(y)
                keys.append((s, int(t), int(st)))
                objective.append((y, costs[k]))
                day_vars[templates[t].day].append(y)
                template_vars[int(t)].append(y)
                chain = covering[(int(st), supply.role)]
                for slot in working[k]:
                    chain[int(slot)].append(y)
            for ys in day_vars.values():
                model.add_at_most_one(ys)
            if len(day_vars) > rules.max_days:
                model.add(sum(sum(ys) for ys in day_vars.values()) <= rules.max_days)
            _rest(model, problem, templates, template_vars, rest)
    short_terms = _coverage(model, problem, covering)
    if time.perf_counter() - started > cap_seconds:
        raise BuildTimeout(len(variables))
    model.minimize(sum(c * y for y, c in objective) + sum(short_terms))
    return model, variables, keys, time.perf_counter() - started


def _rest(model, problem: Problem, templates, template_vars, rest) -> None:
    """Forbid, for one person, template pairs on consecutive days closer than the rest."""
    grid = problem.grid
    by_block: dict[int, list[int]] = defaultdict(list)
    for t in template_vars:
        by_block[templates[t].day].append(t)
    for b, today in by_block.items():
        for t1 in today:
            end = grid.end(templates[t1].end - 1)
            for t2 in by_block.get(b + 1, ()):
                if grid.start(templates[t2].start) < end + rest:
                    model.add(sum(template_vars[t1]) + sum(template_vars[t2]) <= 1)


def _coverage(model, problem: Problem, covering) -> list:
    terms = []
    by_role: dict[str, list[dict[int, list]]] = defaultdict(list)
    for (_st, role), chain in covering.items():
        by_role[role].append(chain)
    demands = [
        (d, [covering[(st, r)] for r in d.roles if (st, r) in covering])
        for st, station in enumerate(problem.stations)
        for d in station.demands
    ]
    demands += [
        (d, [c for r in d.roles for c in by_role.get(r, ())]) for d in problem.requirements.ratios
    ]
    for demand, chains in demands:
        weight = round(problem.weight(demand) * SCALE)
        for slot in np.flatnonzero(demand.required):
            required = int(demand.required[slot])
            short = model.new_int_var(0, required, "")
            on = [y for chain in chains for y in chain.get(int(slot), ())]
            model.add(sum(on) + short >= required)
            terms.append(weight * short)
    return terms


def run(problem: Problem, time_limit: float, seed: int = 0, workers: int = 2) -> dict:
    """Build (within ``time_limit``) and solve (within ``time_limit``) with CP-SAT."""
    try:
        model, variables, keys, built = build(problem, time_limit)
    except BuildTimeout as stop:
        return {"status": f"not built in {time_limit:g} s", "booleans_built": stop.args[0]}
    except MemoryError:
        return {"status": "out of memory while building"}
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    started = time.perf_counter()
    status = solver.solve(model)
    seconds = time.perf_counter() - started
    result = {
        "status": solver.status_name(status).lower(),
        "booleans": len(variables),
        "build_seconds": built,
        "seconds": seconds,
    }
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        counts: Counts = defaultdict(int)
        values = [solver.boolean_value(y) for y in variables]
        for (s, t, st), on in zip(keys, values, strict=True):
            if on:
                counts[(s, problem.templates[s][t], st)] += 1
        result["counts"] = dict(counts)
        result["solver_bound"] = solver.best_objective_bound / SCALE
    return result
