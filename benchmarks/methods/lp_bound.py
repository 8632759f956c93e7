"""The LP relaxation of the aggregated model: the bound no plan can beat.

Written independently of eventplan's solver (same problem, same templates, its own rows), so
it also checks eventplan's reported bound. Variables: shift counts per option, on-duty counts
per (station, role, slot) linked by differences, shortfalls per demand slot. Rows: coverage,
one shift per person and day, ``max_days``, and the rest rule between consecutive days.
Solved by GLOP's dual simplex.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from datetime import timedelta

import numpy as np
from ortools.linear_solver import linear_solver_pb2, pywraplp

from benchmarks.problem import Problem


class _Sparse:
    """A linear program collected as arrays, then handed to OR-Tools as one proto."""

    def __init__(self) -> None:
        self.lb: list[float] = []
        self.ub: list[float] = []
        self.obj: list[float] = []
        self.rows: list[tuple[list[int], list[float], float, float]] = []

    def var(self, lb: float, ub: float, obj: float) -> int:
        self.lb.append(lb)
        self.ub.append(ub)
        self.obj.append(obj)
        return len(self.lb) - 1

    def row(self, cols: list[int], vals: list[float], lb: float, ub: float) -> None:
        self.rows.append((cols, vals, lb, ub))

    def proto(self) -> linear_solver_pb2.MPModelProto:
        proto = linear_solver_pb2.MPModelProto()
        for lb, ub, obj in zip(self.lb, self.ub, self.obj, strict=True):
            proto.variable.add(lower_bound=lb, upper_bound=ub, objective_coefficient=obj)
        for cols, vals, lb, ub in self.rows:
            row = proto.constraint.add(lower_bound=lb, upper_bound=ub)
            row.var_index.extend(cols)
            row.coefficient.extend(vals)
        return proto


class BuildTimeout(Exception):
    """The program could not be built within the time allowed."""


def build_lp(problem: Problem, cap_seconds: float = math.inf) -> _Sparse:
    """The relaxation as a :class:`_Sparse` program (:class:`BuildTimeout` past the cap)."""
    started = time.perf_counter()
    lp = _Sparse()
    grid = problem.grid
    changes: dict[tuple[int, str], dict[int, list[tuple[int, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    blocks_of: dict[tuple[int, str], set[int]] = defaultdict(set)
    per_template: dict[tuple[int, int], list[int]] = defaultdict(list)
    for s, supply in enumerate(problem.supplies):
        templates = problem.templates[s]
        if time.perf_counter() - started > cap_seconds:
            raise BuildTimeout
        for t, st in zip(*problem.options[s], strict=True):
            template = templates[t]
            x = lp.var(0.0, supply.count, problem.cost(s, template))
            per_template[(s, int(t))].append(x)
            key = (int(st), supply.role)
            blocks_of[key].add(template.day)
            slots = changes[key]
            slots[template.start].append((x, 1.0))
            if template.end < grid.days[template.day][1]:
                slots[template.end].append((x, -1.0))
            if template.break_start >= 0:
                slots[template.break_start].append((x, -1.0))
                slots[template.break_end].append((x, 1.0))
    chains: dict[tuple[int, str], dict[int, int]] = {}
    for key, slots in changes.items():
        chain: dict[int, int] = {}
        for block in sorted(blocks_of[key]):
            first, last = grid.days[block]
            previous = None
            for slot in range(first, last):
                c = lp.var(0.0, math.inf, 0.0)
                cols, vals = [c], [1.0]
                for x, sign in slots.get(slot, ()):
                    cols.append(x)
                    vals.append(-sign)
                if previous is not None:
                    cols.append(previous)
                    vals.append(-1.0)
                lp.row(cols, vals, 0.0, 0.0)
                chain[slot] = c
                previous = c
        chains[key] = chain
    _coverage(lp, problem, chains)
    _supply_rows(lp, problem, per_template)
    return lp


def _coverage(lp: _Sparse, problem: Problem, chains: dict[tuple[int, str], dict[int, int]]) -> None:
    by_role: dict[str, list[dict[int, int]]] = defaultdict(list)
    for (_st, role), chain in chains.items():
        by_role[role].append(chain)
    for st, station in enumerate(problem.stations):
        for demand in station.demands:
            links = [chains[(st, r)] for r in demand.roles if (st, r) in chains]
            _cover(lp, problem, demand, links)
    for demand in problem.requirements.ratios:
        _cover(lp, problem, demand, [c for r in demand.roles for c in by_role.get(r, ())])


def _cover(lp: _Sparse, problem: Problem, demand, links: list[dict[int, int]]) -> None:
    for slot in np.flatnonzero(demand.required):
        required = float(demand.required[slot])
        short = lp.var(0.0, required, problem.weight(demand))
        cols = [short] + [chain[slot] for chain in links if slot in chain]
        lp.row(cols, [1.0] * len(cols), required, math.inf)


def _supply_rows(
    lp: _Sparse, problem: Problem, per_template: dict[tuple[int, int], list[int]]
) -> None:
    grid, rules = problem.grid, problem.scenario.rules
    rest = timedelta(hours=rules.min_rest_hours)
    for s, supply in enumerate(problem.supplies):
        used = sorted({t for (s2, t) in per_template if s2 == s})
        w = {}
        for t in used:  # people of the supply on template t, at any station
            w[t] = lp.var(0.0, supply.count, 0.0)
            xs = per_template[(s, t)]
            lp.row([w[t], *xs], [1.0] + [-1.0] * len(xs), 0.0, 0.0)
        templates = problem.templates[s]
        by_block: dict[int, list[int]] = defaultdict(list)
        for t in used:
            by_block[templates[t].day].append(t)
        for ts in by_block.values():
            lp.row([w[t] for t in ts], [1.0] * len(ts), -math.inf, supply.count)
        if len(grid.days) > rules.max_days and used:
            lp.row(
                [w[t] for t in used], [1.0] * len(used), -math.inf, supply.count * rules.max_days
            )
        for b in range(len(grid.days) - 1):
            today, tomorrow = by_block.get(b, []), by_block.get(b + 1, [])
            if not today or not tomorrow:
                continue
            ends = {t: grid.end(templates[t].end - 1) for t in today}
            starts = {t: grid.start(templates[t].start) for t in tomorrow}
            for end in sorted(set(ends.values())):
                early = [t for t in tomorrow if starts[t] < end + rest]
                if early:
                    late = [t for t in today if ends[t] >= end]
                    cols = [w[t] for t in late + early]
                    lp.row(cols, [1.0] * len(cols), -math.inf, supply.count)


def run(problem: Problem, time_limit: float, seed: int = 0) -> dict:
    """Solve the relaxation with GLOP; its optimum is the bound of the tables."""
    started = time.perf_counter()
    try:
        lp = build_lp(problem, time_limit / 2)
        proto = lp.proto()
    except BuildTimeout:
        return {"status": f"not built in {time_limit / 2:g} s", "bound": None}
    except MemoryError:
        return {"status": "out of memory while building", "bound": None}
    built = time.perf_counter() - started
    if built > time_limit:
        return {"status": f"not built in {time_limit:g} s", "bound": None, "build_seconds": built}
    solver = pywraplp.Solver.CreateSolver("GLOP")
    solver.LoadModelFromProto(proto)
    # Dual simplex: on the 500-staff instance it proves the LP optimum in about 30 s where
    # GLOP's default primal simplex and HiGHS's LP were still running after 60 s.
    solver.SetSolverSpecificParametersAsString("use_dual_simplex:true")
    solver.SetTimeLimit(max(1, int((time_limit - built) * 1000)))
    status = solver.Solve()
    seconds = time.perf_counter() - started
    optimal = status == pywraplp.Solver.OPTIMAL
    bound = solver.Objective().Value() if optimal else math.nan
    return {
        "status": "optimal" if optimal else "not solved",
        "bound": bound,
        "build_seconds": built,
        "seconds": seconds,
        "variables": len(lp.lb),
        "rows": len(lp.rows),
    }
