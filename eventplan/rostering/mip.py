"""The roster as a mixed-integer program for HiGHS: each person's sequence rules as a flow.

Each person's automaton (:mod:`eventplan.rostering.automaton`) is unrolled over the days into
a layered graph: a node per day and reachable state, an arc per transition whose label is
allowed that day (no work on a day off or in a shift type the person may never work). One
unit of flow crosses it from day 0 to the last day, and the Boolean of a person, day and
shift type equals the flow on the arcs of that label. The linear relaxation of that flow is
the convex hull of the person's legal sequences, so HiGHS starts from a bound far above the
clause model's; the other rules (shifts per type, minutes, weekends, cover, requests) are the
same rows as in :mod:`eventplan.rostering.model`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import highspy
import numpy as np

from eventplan.rostering.automaton import Transition, sequence_automaton
from eventplan.rostering.instance import Employee, Instance
from eventplan.rostering.model import WEEKEND_DAYS

Row = tuple[list[int], list[float], float, float]  # columns, coefficients, lower, upper


@dataclass
class FlowMip:
    """The columns and rows of the program, before they are handed to HiGHS."""

    instance: Instance
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)
    integer: list[int] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    assign: dict[tuple[int, int, int], int] = field(default_factory=dict)
    weekends: dict[tuple[int, int], int] = field(default_factory=dict)
    offset: int = 0  # the weight of on-requests that cannot be met, and of all of them

    def column(self, upper: float, cost: float = 0.0, integer: bool = False) -> int:
        self.lower.append(0.0)
        self.upper.append(upper)
        self.cost.append(cost)
        if integer:
            self.integer.append(len(self.cost) - 1)
        return len(self.cost) - 1


@dataclass(frozen=True, slots=True)
class MipAnswer:
    """HiGHS's best roster (``None`` if none) and its proven lower bound on the objective."""

    objective: int | None
    bound: int | None
    roster: dict[str, tuple[str | None, ...]] | None
    optimal: bool
    values: list[float] | None = None  # every column, to start a search from
    infeasible: bool = False  # proven: no roster meets every hard rule


def build_mip(instance: Instance) -> FlowMip:
    """Every column and row of the program."""
    mip = FlowMip(instance)
    for p, employee in enumerate(instance.employees):
        _person(mip, p, employee)
    _requests(mip)
    _cover(mip)
    return mip


def allowed_labels(instance: Instance, employee: Employee, day: int) -> set[int]:
    """Labels the person may take on the day: 0 (off) and ``s + 1`` for each allowed shift."""
    if day in instance.days_off.get(employee.id, ()):
        return {0}
    return {0} | {
        s + 1 for s, shift in enumerate(instance.shifts) if employee.max_shifts.get(shift.id, 1)
    }


def _person(mip: FlowMip, p: int, employee: Employee) -> None:
    instance = mip.instance
    labels = [allowed_labels(instance, employee, d) for d in range(instance.days)]
    for d, open_labels in enumerate(labels):
        for s in range(len(instance.shifts)):
            if s + 1 in open_labels:
                mip.assign[p, d, s] = mip.column(1.0, integer=True)
        kinds = range(len(instance.shifts))
        today = [mip.assign[p, d, s] for s in kinds if (p, d, s) in mip.assign]
        if len(today) > 1:
            mip.rows.append((today, [1.0] * len(today), 0.0, 1.0))
    for s, shift in enumerate(instance.shifts):
        cols = [mip.assign[p, d, s] for d in range(instance.days) if (p, d, s) in mip.assign]
        limit = employee.max_shifts.get(shift.id)
        if limit is not None and limit < len(cols):
            mip.rows.append((cols, [1.0] * len(cols), 0.0, float(limit)))
    minutes = {s: float(shift.minutes) for s, shift in enumerate(instance.shifts)}
    worked = [(c, minutes[s]) for (q, _, s), c in mip.assign.items() if q == p]
    mip.rows.append(
        ([c for c, _ in worked], [m for _, m in worked], employee.min_minutes, employee.max_minutes)
    )
    _weekends(mip, p, employee)
    _flow(mip, p, employee, labels)


def _weekends(mip: FlowMip, p: int, employee: Employee) -> None:
    weeks = mip.instance.days // 7
    if employee.max_weekends >= weeks:
        return
    for week in range(weeks):
        weekend = mip.column(1.0, integer=True)
        mip.weekends[p, week] = weekend
        for offset in WEEKEND_DAYS:
            for s in range(len(mip.instance.shifts)):
                if (p, 7 * week + offset, s) in mip.assign:  # weekend >= x
                    mip.rows.append(([weekend, mip.assign[p, 7 * week + offset, s]], [1, -1], 0, 1))
    cols = [mip.weekends[p, w] for w in range(weeks)]
    mip.rows.append((cols, [1.0] * weeks, 0.0, float(employee.max_weekends)))


def day_arcs(
    instance: Instance, employee: Employee, labels: list[set[int]]
) -> list[list[Transition]]:
    """Per day, the automaton's transitions on a path from the start to a final state."""
    start, finals, transitions = sequence_automaton(instance, employee)
    reach = [{start}]
    for allowed in labels:
        reach.append({b for a, lab, b in transitions if a in reach[-1] and lab in allowed})
    alive = set(finals) & reach[-1]
    arcs: list[list[Transition]] = [[] for _ in labels]
    for d in range(len(labels) - 1, -1, -1):
        arcs[d] = [
            (a, lab, b)
            for a, lab, b in transitions
            if a in reach[d] and b in alive and lab in labels[d]
        ]
        alive = {a for a, _, _ in arcs[d]}
    return arcs


def _flow(mip: FlowMip, p: int, employee: Employee, labels: list[set[int]]) -> None:
    arcs = day_arcs(mip.instance, employee, labels)
    flows = [[mip.column(1.0) for _ in day] for day in arcs]
    mip.rows.append((flows[0], [1.0] * len(flows[0]), 1.0, 1.0))  # one unit leaves the start
    for d in range(1, len(arcs)):  # what enters a state on day d leaves it on day d
        for state in {a for a, _, _ in arcs[d]}:
            into = [f for f, (_, _, b) in zip(flows[d - 1], arcs[d - 1], strict=True) if b == state]
            out = [f for f, (a, _, _) in zip(flows[d], arcs[d], strict=True) if a == state]
            mip.rows.append((into + out, [1.0] * len(into) + [-1.0] * len(out), 0.0, 0.0))
    for d, day in enumerate(arcs):
        for s in range(len(mip.instance.shifts)):
            if (p, d, s) in mip.assign:
                cols = [f for f, (_, lab, _) in zip(flows[d], day, strict=True) if lab == s + 1]
                coefs = [1.0] * len(cols) + [-1.0]
                mip.rows.append(([*cols, mip.assign[p, d, s]], coefs, 0.0, 0.0))


def _requests(mip: FlowMip) -> None:
    instance = mip.instance
    person = {e.id: p for p, e in enumerate(instance.employees)}
    index = {shift.id: s for s, shift in enumerate(instance.shifts)}
    for request in instance.on_requests:  # weight * (1 - x)
        mip.offset += request.weight
        column = mip.assign.get((person[request.employee], request.day, index[request.shift]))
        if column is not None:
            mip.cost[column] -= request.weight
    for request in instance.off_requests:
        column = mip.assign.get((person[request.employee], request.day, index[request.shift]))
        if column is not None:
            mip.cost[column] += request.weight


def _cover(mip: FlowMip) -> None:
    instance = mip.instance
    index = {shift.id: s for s, shift in enumerate(instance.shifts)}
    people = len(instance.employees)
    for cover in instance.covers:
        s = index[cover.shift]
        keys = [(p, cover.day, s) for p in range(people)]
        cols = [mip.assign[key] for key in keys if key in mip.assign]
        under = mip.column(float(cover.requirement), cover.under_weight)
        over = mip.column(float(people), cover.over_weight)
        coefs = [1.0] * len(cols) + [1.0, -1.0]
        mip.rows.append(([*cols, under, over], coefs, cover.requirement, cover.requirement))


def silent_highs(threads: int) -> highspy.Highs:
    """A fresh, silent HiGHS that runs on ``threads`` threads."""
    # HiGHS's thread pool is shared by the process and keeps the size it was first given: a
    # run asking for another size fails at once unless the pool is started afresh.
    highspy.Highs.resetGlobalScheduler(True)
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", max(1, threads))
    return highs


def to_highs(mip: FlowMip, threads: int) -> highspy.Highs:
    """The program loaded into a fresh, silent HiGHS that runs on ``threads`` threads."""
    highs = silent_highs(threads)
    n = len(mip.cost)
    highs.addVars(n, np.array(mip.lower), np.array(mip.upper))
    highs.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(mip.cost))
    kinds = np.full(len(mip.integer), highspy.HighsVarType.kInteger)
    highs.changeColsIntegrality(len(mip.integer), np.array(mip.integer, dtype=np.int32), kinds)
    starts, indices, values = [], [], []
    for cols, coefs, _, _ in mip.rows:
        starts.append(len(indices))
        indices += cols
        values += coefs
    highs.addRows(
        len(mip.rows),
        np.array([r[2] for r in mip.rows], dtype=float),
        np.array([r[3] for r in mip.rows], dtype=float),
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(values, dtype=float),
    )
    return highs


def solve_mip(
    mip: FlowMip,
    seconds: float,
    threads: int = 2,
    start: Mapping[str, tuple[str | None, ...]] | None = None,
    seed: int = 0,
    fixed: bool = False,
) -> MipAnswer:
    """HiGHS on the program for ``seconds``, from ``start`` (a roster) when one is given.

    With ``fixed``, the roster's person-day Booleans are fixed rather than suggested: the
    answer is that roster with every other column completed (its flow, cover and weekends).
    """
    highs = to_highs(mip, threads)
    highs.setOptionValue("time_limit", max(0.01, seconds))
    highs.setOptionValue("random_seed", seed)
    if start and fixed:
        columns, levels = _start_levels(mip, start)
        highs.changeColsBounds(len(columns), columns, levels, levels)
    elif start:
        highs.setSolution(*_start_columns(mip, start))
    highs.run()
    info = highs.getInfo()
    found = info.primal_solution_status == 2  # kSolutionStatusFeasible
    bound = info.mip_dual_bound
    values = list(highs.getSolution().col_value) if found else None
    return MipAnswer(
        objective=round(info.objective_function_value) + mip.offset if found else None,
        bound=math.ceil(bound - 1e-6) + mip.offset if math.isfinite(bound) else None,
        roster=read_roster(mip, values) if values is not None else None,
        optimal=highs.getModelStatus() == highspy.HighsModelStatus.kOptimal,
        values=values,
        infeasible=highs.getModelStatus() == highspy.HighsModelStatus.kInfeasible,
    )


def _start_levels(
    mip: FlowMip, start: Mapping[str, tuple[str | None, ...]]
) -> tuple[np.ndarray, np.ndarray]:
    """The person-day Booleans' columns and their levels in the roster."""
    instance = mip.instance
    columns = np.array(list(mip.assign.values()), dtype=np.int32)
    levels = [
        float(start[instance.employees[p].id][d] == instance.shifts[s].id) for p, d, s in mip.assign
    ]
    return columns, np.array(levels)


def _start_columns(
    mip: FlowMip, start: Mapping[str, tuple[str | None, ...]]
) -> tuple[int, np.ndarray, np.ndarray]:
    """The roster's integer columns; HiGHS completes the flow and the cover from them."""
    instance = mip.instance
    columns, levels = _start_levels(mip, start)
    weekends = []
    for (p, week), column in mip.weekends.items():
        days = start[instance.employees[p].id]
        worked = any(days[7 * week + o] is not None for o in WEEKEND_DAYS)
        weekends.append((column, float(worked)))
    columns = np.concatenate([columns, np.array([c for c, _ in weekends], dtype=np.int32)])
    levels = np.concatenate([levels, np.array([v for _, v in weekends])])
    return len(columns), columns, levels


def read_roster(mip: FlowMip, values: list[float]) -> dict[str, tuple[str | None, ...]]:
    instance = mip.instance
    days: dict[str, list[str | None]] = {e.id: [None] * instance.days for e in instance.employees}
    for (p, d, s), column in mip.assign.items():
        if values[column] > 0.5:
            days[instance.employees[p].id][d] = instance.shifts[s].id
    return {employee: tuple(shifts) for employee, shifts in days.items()}
