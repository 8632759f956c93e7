"""A quick integral plan from a fractional LP: round down, then add the shifts that pay most.

Rounding down keeps pool, rest and ``max_days`` limits; a supervision or crew row it breaks
(rounding a supervisor down leaves the supervised alone) is mended by taking shifts away
again. The coverage lost is won back greedily: each step adds the one shift whose cost is
smallest against the weighted shortfall it closes, among those every limit still allows,
until no shift pays for itself. Used as the incumbent before (and the fallback for) the MIP
search.
"""

from __future__ import annotations

import math
import time

import numpy as np

from eventplan.staffing.model import StaffingModel

TOLERANCE = 1e-6


def round_and_repair(
    model: StaffingModel,
    lp_counts: np.ndarray,
    max_steps: int = 100_000,
    deadline: float = math.inf,
) -> np.ndarray:
    """Integral shift counts (aligned with ``model.columns``) near the LP's ``lp_counts``.

    The greedy steps stop at ``deadline`` (a ``time.perf_counter()`` value): every step only
    adds a shift that pays for itself, so the plan so far is a plan.
    """
    counts = np.floor(lp_counts + TOLERANCE)
    if not model.columns:
        return counts
    linear = model.linear
    var_of = np.full(linear.num_vars, -1, dtype=np.int64)
    var_of[np.asarray(model.column_var)] = np.arange(len(model.columns))
    rows = np.asarray(linear.rows, dtype=np.int64)
    cols = np.asarray(linear.cols, dtype=np.int64)
    vals = np.asarray(linear.vals, dtype=np.float64)
    keep = var_of[cols] >= 0
    rows, col_index, vals = rows[keep], var_of[cols[keep]], vals[keep]
    order = np.argsort(col_index, kind="stable")
    rows, col_index, vals = rows[order], col_index[order], vals[order]
    n = len(model.columns)
    starts = np.searchsorted(col_index, np.arange(n + 1))
    lb = np.asarray(linear.row_lb)
    ub = np.asarray(linear.row_ub)
    weight = np.zeros(linear.num_rows)
    obj = np.asarray(linear.var_obj)
    weight[np.asarray(model.shortfall_row, dtype=np.int64)] = obj[np.asarray(model.shortfall_var)]
    cost = obj[np.asarray(model.column_var)]
    activity = np.zeros(linear.num_rows)
    np.add.at(activity, rows, vals * counts[col_index])
    ub = _room(model, ub)
    capped = np.isfinite(ub)
    equal = np.isfinite(lb) & (lb == np.asarray(linear.row_ub))
    _mend(counts, activity, (rows, col_index, vals), lb, ub, equal)
    nonempty = starts[:-1] < starts[1:]
    segment = starts[:-1][nonempty]
    for _ in range(max_steps):
        if time.perf_counter() >= deadline:
            break
        short = (activity < lb - TOLERANCE) & ~capped
        gain = np.zeros(n)
        gain[nonempty] = np.add.reduceat(np.where(short[rows], weight[rows] * vals, 0.0), segment)
        blocked = np.zeros(n)
        over = capped[rows] & (activity[rows] + vals > ub[rows] + TOLERANCE)
        over |= equal[rows] & (activity[rows] + vals < lb[rows] - TOLERANCE)
        blocked[nonempty] = np.add.reduceat(over.astype(float), segment)
        delta = np.where(blocked > 0, np.inf, cost - gain)
        best = int(np.argmin(delta))
        if not delta[best] < -TOLERANCE:
            break
        counts[best] += 1
        first, last = starts[best], starts[best + 1]
        activity[rows[first:last]] += vals[first:last]
    return counts


def _room(model: StaffingModel, ub: np.ndarray) -> np.ndarray:
    """Upper bounds of the rows for the shift columns alone: a row that also holds the people
    drawn (when people are minimised) has room for as many as the supply has."""
    room = ub.copy()
    if not model.head_var:
        return room
    linear = model.linear
    heads = set(model.head_var.values())
    for row, col, val in zip(linear.rows, linear.cols, linear.vals, strict=True):
        if col in heads:
            room[row] -= val * linear.var_ub[col]
    return room


def _mend(
    counts: np.ndarray,
    activity: np.ndarray,
    entries: tuple[np.ndarray, np.ndarray, np.ndarray],
    lb: np.ndarray,
    ub: np.ndarray,
    equal: np.ndarray,
) -> None:
    """Take shifts away until no row is over its bound (or under it, for equality rows)."""
    rows, col_index, vals = entries
    while True:
        over = np.flatnonzero(activity > ub + TOLERANCE)
        under = np.flatnonzero(equal & (activity < lb - TOLERANCE))
        if not len(over) and not len(under):
            return
        row, sign = (over[0], 1.0) if len(over) else (under[0], -1.0)
        at = np.flatnonzero((rows == row) & (sign * vals > 0) & (counts[col_index] > 0))
        if not len(at):
            return  # nothing left to take away here: leave it to the exact search
        column = col_index[at[0]]
        counts[column] -= 1
        mine = col_index == column
        np.subtract.at(activity, rows[mine], vals[mine])
