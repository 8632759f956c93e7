"""A quick integral plan from a fractional LP: round down, then add the shifts that pay most.

Rounding down never breaks a pool, rest or ``max_days`` limit; the coverage it loses is won
back greedily: each step adds the one shift whose cost is smallest against the weighted
shortfall it closes, among those every limit still allows, until no shift pays for itself.
Used as the incumbent before (and the fallback for) the MIP search.
"""

from __future__ import annotations

import numpy as np

from eventplan.staffing.model import StaffingModel

TOLERANCE = 1e-6


def round_and_repair(
    model: StaffingModel, lp_counts: np.ndarray, max_steps: int = 100_000
) -> np.ndarray:
    """Integral shift counts (aligned with ``model.columns``) near the LP's ``lp_counts``."""
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
    capped = np.isfinite(ub)
    nonempty = starts[:-1] < starts[1:]
    segment = starts[:-1][nonempty]
    for _ in range(max_steps):
        short = (activity < lb - TOLERANCE) & ~capped
        gain = np.zeros(n)
        gain[nonempty] = np.add.reduceat(np.where(short[rows], weight[rows] * vals, 0.0), segment)
        blocked = np.zeros(n)
        over = capped[rows] & (activity[rows] + vals > ub[rows] + TOLERANCE)
        blocked[nonempty] = np.add.reduceat(over.astype(float), segment)
        delta = np.where(blocked > 0, np.inf, cost - gain)
        best = int(np.argmin(delta))
        if not delta[best] < -TOLERANCE:
            break
        counts[best] += 1
        first, last = starts[best], starts[best + 1]
        activity[rows[first:last]] += vals[first:last]
    return counts
