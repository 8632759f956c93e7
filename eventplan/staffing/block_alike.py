"""Alike shifts of a station block merged into one variable before its MIP.

Two supplies of one kind (a district's police and a patrol detachment's, available from
different hours) offer the same shift at a station: the same rows, the same coefficients and,
while neither pool is short, the same price. Such shifts are one variable to the MIP, bounded
by the sum of their bounds; its count is handed back to them in order, each filled to its
bound before the next. Exact: they differ in nothing the MIP sees. Measured on the concert's
barriers and video room: 290 shifts, 228 after merging.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from eventplan.staffing.highs_model import ColumnArrays, kept_columns


@dataclass(frozen=True)
class Merged:
    """A block with its alike shifts merged: ``arrays`` (the merged shifts first, then the
    block's other variables), ``shifts`` (how many merged shifts), and ``into`` (for every
    variable of the block, the merged variable it went into)."""

    arrays: ColumnArrays
    shifts: int
    into: np.ndarray


def merge_alike(arrays: ColumnArrays, n: int) -> Merged | None:
    """The block with alike shifts (of its first ``n`` variables) merged; None if none are."""
    first: dict[tuple[bytes, ...], int] = {}
    into = np.empty(len(arrays.cost), dtype=np.int64)
    for j in range(n):
        begin, end = arrays.starts[j], arrays.starts[j + 1]
        key = (
            arrays.cost[j].tobytes(),
            arrays.lower[j].tobytes(),
            arrays.index[begin:end].tobytes(),
            arrays.value[begin:end].tobytes(),
        )
        into[j] = first.setdefault(key, len(first))
    shifts = len(first)
    if shifts == n:
        return None
    into[n:] = shifts + np.arange(len(arrays.cost) - n)
    kept = np.concatenate([np.unique(into[:n], return_index=True)[1], np.arange(n, len(into))])
    upper = np.bincount(into, weights=arrays.upper, minlength=len(kept))
    merged = replace(kept_columns(arrays, kept), upper=upper)
    return Merged(merged, shifts, into)


def spread(merged: Merged, upper: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Every variable of the block from the merged ones' ``values``: a merged count handed to
    its shifts in order, each up to its bound in ``upper``."""
    into = merged.into
    n = int(np.sum(into < merged.shifts))
    out = values[into].astype(np.float64)
    # What the shifts before each one in its merged variable can take.
    order = np.argsort(into[:n], kind="stable")
    before = np.cumsum(upper[order]) - upper[order]
    first = np.full(merged.shifts, np.inf)
    np.minimum.at(first, into[order], before)
    taken = np.empty(n)
    taken[order] = before - first[into[order]]
    out[:n] = np.clip(out[:n] - taken, 0.0, upper[:n])
    return out
