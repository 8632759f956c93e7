"""The smallest fix: a small integer model over the options, solved tier by tier with HiGHS.

Tiers, in order (``ReplanSettings.tiers``): uncovered critical need, the weighted number of
people changed, the remaining shortfall weighted by priority, the cost of the hours added.
Each tier is minimised with the ones before held at their optimum. The bound HiGHS proves on
the change tier is the fewest changes possible among the options offered.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from itertools import chain, pairwise

import highspy
import numpy as np

from eventplan.replan.options import Option, Situation
from eventplan.scenario import Scenario

TIERS = ("critical", "changes", "shortfall", "cost")
#: Absolute gap at which a tier of whole numbers (people, person-slots) is proven optimal:
#: the bound rounded up then equals the plan's value.
WHOLE_GAP = 1 - 1e-6
#: Relative gap at which the tiers after the change tier stop.
FINISH_GAP = 1e-4
#: HiGHS presolve rule bit of probing (``presolve_rule_off``), and the share of the search
#: given to primal heuristics (HiGHS's default is 0.05).
PROBING = 1 << 15
HEURISTIC_EFFORT = 0.01
#: The most the third tier adds to the solve of the first two (see :func:`_first_two`).
TIE_BREAK = 0.25
#: Seconds below which a tier after the proof is not begun.
MIN_FINISH = 0.1


@dataclass(frozen=True)
class ReplanSettings:
    """The order of the tiers, the weight of each kind of change, and the time allowed."""

    tiers: tuple[str, ...] = TIERS
    moved: float = 1.0
    hours: float = 1.0
    called_in: float = 1.0
    time_limit: float = 20.0
    #: seconds for the tiers after the change tier together (they refine a plan already
    #: proven; a tier left less than a tenth of a second is not run)
    finish_seconds: float = 0.35

    @classmethod
    def of(cls, scenario: Scenario, time_limit: float = 20.0) -> ReplanSettings:
        """The scenario's ``replan`` settings."""
        weights = scenario.replan.weights
        return cls(
            scenario.replan.tiers, weights.moved, weights.hours, weights.called_in, time_limit
        )

    def weight(self, kind: str) -> float:
        # people of a closed post change anyway: moving them instead of sending them home
        # adds no change
        weights = {"moved": self.moved, "called-in": self.called_in, "moved-released": 0.0}
        return weights.get(kind, self.hours)


@dataclass(frozen=True)
class Fix:
    """How many people of each option change, and what the search proved."""

    counts: np.ndarray
    changes: float
    fewest: float
    optimal: bool
    seconds: float


@dataclass(frozen=True)
class Rows:
    """The need rows of the model: one per priority, need and set of options touching it.

    Slots of one priority that the same options touch with the same signs, and that need the
    same number of people, are one row whose shortfall counts ``weight`` times: the model is
    the same (each slot's shortfall is the need less what the options bring), and smaller.
    A slot no choice of options can leave short is no row at all.
    """

    need: np.ndarray
    weight: np.ndarray
    priority: list[str]
    support: list[tuple[tuple[int, int], ...]]  # (option, +1 or -1)

    def __len__(self) -> int:
        return len(self.need)


def need_rows(s: Situation, options: list[Option]) -> Rows:
    """The rows of every slot an option touches or that is short (see :class:`Rows`)."""
    size = s.required.shape[1]
    slot, code = _entries(options, size)
    # Each option's term (j, sign) as the number 2j + (sign > 0): sorted like the pairs.
    order = np.lexsort((code, slot))
    slot, code = slot[order], code[order]
    limits = np.array([o.limit for o in options], dtype=np.int64)
    taken = np.where(code % 2 == 0, limits[code // 2], 0)  # people an option may take away
    firsts = np.flatnonzero(np.r_[True, slot[1:] != slot[:-1]])[: len(slot)]
    bounds = np.r_[firsts, len(slot)].tolist()
    support = {int(slot[a]): (a, b) for a, b in pairwise(bounds)}
    away = np.add.reduceat(taken, firsts).tolist() if len(slot) else []
    taken_at = dict(zip(support, away, strict=True))
    merged: dict[tuple[str, int, tuple[int, ...]], int] = {}
    short = np.flatnonzero(s.short()).tolist()  # (demand, slot) as demand * size + slot
    for key in sorted({*short, *support}):
        i, t = divmod(key, size)
        need = int(s.required[i, t] - s.assigned[i, t])
        if need <= 0 and need <= -taken_at.get(key, 0):
            continue  # surplus whatever is chosen
        a, b = support.get(key, (0, 0))
        row = (s.demands[i].priority, need, tuple(code[a:b].tolist()))
        merged[row] = merged.get(row, 0) + 1
    keys = sorted(merged)
    return Rows(
        np.array([k[1] for k in keys], dtype=float),
        np.array([merged[k] for k in keys], dtype=float),
        [k[0] for k in keys],
        [tuple((c // 2, 1 if c % 2 else -1) for c in k[2]) for k in keys],
    )


def _entries(options: list[Option], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Every term of every option: its (demand, slot) as one number, and 2j + (sign > 0)."""
    count = sum(len(o.terms) for o in options)
    pairs = chain.from_iterable(chain.from_iterable(o.terms) for o in options)
    flat = np.fromiter(pairs, np.int64, 2 * count).reshape(count, 2)
    signs = np.fromiter(chain.from_iterable(o.terms.values() for o in options), np.int64, count)
    owner = np.repeat(np.arange(len(options)), [len(o.terms) for o in options])
    return flat[:, 0] * size + flat[:, 1], 2 * owner + (signs > 0)


def smallest_fix(s: Situation, options: list[Option], settings: ReplanSettings) -> Fix:
    """Solve the tiers in order; the counts of the last solve."""
    started = time.perf_counter()
    if not options:
        return Fix(np.zeros(0), 0.0, 0.0, True, time.perf_counter() - started)
    rows = need_rows(s, options)
    h = _model(options, rows, settings)
    n, m = len(options), len(rows)
    weights = _tier_costs(s, options, rows, settings)
    fewest, optimal, solution = 0.0, True, np.zeros(n)
    proof = settings.tiers.index("changes") + 1  # the tiers the bound on changes rests on
    done = 0
    merged = _first_two(h, options, rows, weights, settings)
    if merged is not None:
        solution, fewest, done = merged, float(weights["changes"] @ merged), 2
    finish = math.inf
    for k, tier in enumerate(settings.tiers[done:], start=done):
        if k == proof:  # the rest refine a proven plan: near enough, and quickly
            _finishing(h)
            finish = time.perf_counter() + settings.finish_seconds
        if k >= proof:
            left = finish - time.perf_counter()
            if left < MIN_FINISH:
                break
            h.setOptionValue("time_limit", left)
        cost = weights[tier]
        if k < proof:  # whole-number tiers are proven once the bound is within one of the plan
            h.setOptionValue("mip_abs_gap", WHOLE_GAP if _whole(cost) else 1e-6)
        found = _tier(h, cost, solution if k else None, n + m)
        if found is None:  # no feasible point: keep the tiers before
            optimal &= k >= proof
            break
        solution, value, bound, proven = found
        optimal &= proven or k >= proof
        if tier == "changes":
            fewest = max(0.0, bound)
        _hold(h, cost, value)
    counts = np.round(solution[:n]).astype(int)
    changed = sum(settings.weight(o.kind) * c for o, c in zip(options, counts, strict=True))
    return Fix(counts, changed, min(fewest, changed), optimal, time.perf_counter() - started)


def _first_two(
    h: highspy.Highs,
    options: list[Option],
    rows: Rows,
    weights: dict[str, np.ndarray],
    settings: ReplanSettings,
) -> np.ndarray | None:
    """The critical and the change tiers in one solve, when they come first and count whole
    people; ``None`` (nothing held) when that solve is not proven.

    The critical tier is weighted above the most changes any plan makes, so one person-slot
    less uncovered outweighs every change; the next tier is added scaled to at most a
    quarter (divided by the most it can be), a tie-break that steers the search
    among plans equal on the first two. Stopped within half of one, the plan is optimal on
    both tiers: a plan one worse on them is at least three quarters above the optimum. One
    presolve and one root search instead of two; both tiers are then held at that optimum.
    """
    critical, changes, tiers = weights["critical"], weights["changes"], settings.tiers
    if tiers[:2] != ("critical", "changes") or not (_whole(critical) and _whole(changes)):
        return None
    cost = (_most_changes(options, settings) + 1) * critical + changes
    after = _most_after(rows, options, weights, tiers)
    if after > 0:
        cost = cost + TIE_BREAK / after * weights[tiers[2]]
    h.setOptionValue("mip_abs_gap", 2 * TIE_BREAK)
    found = _tier(h, cost, None, len(critical))
    if found is None or not found[3]:
        return None
    solution = found[0]
    for held in (critical, changes):
        _hold(h, held, float(held @ solution))
    return solution


def _most_changes(options: list[Option], settings: ReplanSettings) -> float:
    """The weighted changes of the largest plan: every group of people changed whole, each
    by its costliest kind (a whole number when the weights are)."""
    groups = _shared(options).values()
    return sum(
        max(settings.weight(options[j].kind) for j in members) * options[members[0]].limit
        for members in groups
    )


def _most_after(
    rows: Rows, options: list[Option], weights: dict[str, np.ndarray], tiers: tuple[str, ...]
) -> float:
    """The most the tier after the change tier can be: every row short by its need and all
    the people options may take from it (every option at its limit, for the cost tier)."""
    if len(tiers) < 3:
        return 0.0
    taken = [sum(options[j].limit for j, sign in r if sign < 0) for r in rows.support]
    limits = [float(o.limit) for o in options]
    most = np.concatenate([limits, np.maximum(rows.need, 0) + np.array(taken, dtype=float)])
    return float(np.abs(weights[tiers[2]]) @ most)


def _whole(cost: np.ndarray) -> bool:
    return bool(np.all(cost == np.round(cost)))


def _hold(h: highspy.Highs, cost: np.ndarray, value: float) -> None:
    """Each tier held at its optimum (within a tolerance) while the next is solved."""
    nz = np.flatnonzero(cost)
    slack = 1e-6 * max(1.0, abs(value))
    h.addRow(-highspy.kHighsInf, value + slack, len(nz), nz.astype(np.int32), cost[nz])


def _finishing(h: highspy.Highs) -> None:
    """Settings of the tiers after the proof: a small gap, a short time, and no presolve
    (with the rows holding the tiers before, presolve alone outlasts the time allowed)."""
    h.setOptionValue("mip_rel_gap", FINISH_GAP)
    h.setOptionValue("mip_abs_gap", 1e-6)
    h.setOptionValue("presolve", "off")


def _tier(
    h: highspy.Highs, cost: np.ndarray, start: np.ndarray | None, size: int
) -> tuple[np.ndarray, float, float, bool] | None:
    """One tier solved from ``start``: the solution, its value, the bound, and whether it is
    proven; ``None`` without a feasible point. A solution worse than the start is not kept."""
    h.changeColsCost(size, np.arange(size, dtype=np.int32), cost)
    if start is not None:
        h.setSolution(_start(h, start))
    h.run()
    info = h.getInfo()
    proven = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    if not proven and info.primal_solution_status != 2:
        return None
    solution = np.array(h.getSolution().col_value[:size])
    value = float(info.objective_function_value)
    if start is not None and not proven and float(cost @ start) < value:
        solution, value = start, float(cost @ start)
    return solution, value, float(info.mip_dual_bound), proven


def _model(options: list[Option], rows: Rows, settings: ReplanSettings) -> highspy.Highs:
    """Counts of options (whole) and shortfalls (one per row), the need of every row, and
    the people each group of options draws on."""
    n = len(options)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", settings.time_limit)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("threads", 1)
    # Probing in presolve can outlast any time limit on these models, and the LP's own
    # rounding finds their plans: both measured on the benchmark's events.
    h.setOptionValue("presolve_rule_off", PROBING)
    h.setOptionValue("mip_heuristic_effort", HEURISTIC_EFFORT)
    inf = highspy.kHighsInf
    for o in options:
        h.addVar(0, o.limit)
    for _ in range(len(rows)):
        h.addVar(0, inf)  # shortfall
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
    )
    for r, support in enumerate(rows.support):
        cols = [j for j, _ in support] + [n + r]
        vals = [float(sign) for _, sign in support] + [1.0]
        h.addRow(rows.need[r], inf, len(cols), np.array(cols, np.int32), np.array(vals))
    for members in _shared(options).values():  # alike people are counted once
        cols = np.array(members, np.int32)
        h.addRow(-inf, float(options[members[0]].limit), len(cols), cols, np.ones(len(cols)))
    return h


def _start(h: highspy.Highs, solution: np.ndarray) -> highspy.HighsSolution:
    """The last tier's plan as the next tier's first incumbent."""
    start = highspy.HighsSolution()
    start.col_value = list(solution) if len(solution) else [0.0] * h.getNumCol()
    start.value_valid = True
    return start


def _shared(options: list[Option]) -> dict[tuple, list[int]]:
    """Options drawing on the same people: one class of free people, or one group on duty
    (its people, in order, name it)."""
    out: dict[tuple, list[int]] = {}
    for j, o in enumerate(options):
        # a group on duty is moved or lengthened, never both; the free are one pool
        key = ("group", o.people) if o.people else ("free", o.group)
        out.setdefault(key, []).append(j)
    return out


def _tier_costs(
    s: Situation, options: list[Option], rows: Rows, settings: ReplanSettings
) -> dict[str, np.ndarray]:
    n = len(options)
    objective = s.model.scenario.objective
    zeros = np.zeros(n)
    slot_hours = s.model.grid.slot_hours
    critical = np.array([p == "critical" for p in rows.priority], dtype=float)
    priced = np.array([objective.weight(p) * slot_hours for p in rows.priority])
    return {
        "critical": np.concatenate([zeros, critical * rows.weight]),
        "changes": np.concatenate(
            [[settings.weight(o.kind) for o in options], np.zeros(len(rows))]
        ),
        "shortfall": np.concatenate([zeros, priced * rows.weight]),
        "cost": np.concatenate([[o.cost for o in options], np.zeros(len(rows))]),
    }


def proven_fewest(fix: Fix) -> int:
    """The bound as a whole number of changes."""
    return math.ceil(fix.fewest - 1e-6)
