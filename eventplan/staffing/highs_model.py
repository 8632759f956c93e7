"""A :class:`~eventplan.staffing.linear.LinearModel` in the column-wise arrays HiGHS takes.

Kept free of OR-Tools so that the HiGHS worker process starts quickly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

import highspy
import numpy as np

from eventplan.staffing.linear import LinearModel


@dataclass(frozen=True)
class ColumnArrays:
    """Bounds, costs and the constraint matrix by column (``starts``, ``index``, ``value``)."""

    cost: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    starts: np.ndarray
    index: np.ndarray
    value: np.ndarray
    integer: np.ndarray

    def as_dict(self) -> dict[str, np.ndarray]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def column_arrays(model: LinearModel, fixed: Mapping[int, float] | None = None) -> ColumnArrays:
    """The model's arrays, with the variables in ``fixed`` fixed to their values."""
    n = model.num_vars
    lower = np.asarray(model.var_lb, dtype=np.float64)
    upper = np.asarray(model.var_ub, dtype=np.float64)
    if fixed:
        index = np.fromiter(fixed.keys(), dtype=np.int64, count=len(fixed))
        value = np.fromiter(fixed.values(), dtype=np.float64, count=len(fixed))
        lower[index] = upper[index] = value
    cols = np.asarray(model.cols, dtype=np.int64)
    order = np.argsort(cols, kind="stable")
    return ColumnArrays(
        cost=np.asarray(model.var_obj, dtype=np.float64),
        lower=lower,
        upper=upper,
        row_lower=np.asarray(model.row_lb, dtype=np.float64),
        row_upper=np.asarray(model.row_ub, dtype=np.float64),
        starts=np.searchsorted(cols[order], np.arange(n + 1)).astype(np.int32),
        index=np.asarray(model.rows, dtype=np.int32)[order],
        value=np.asarray(model.vals, dtype=np.float64)[order],
        integer=np.asarray(model.var_int, dtype=bool),
    )


def kept_columns(arrays: ColumnArrays, kept: np.ndarray) -> ColumnArrays:
    """The model with only the variables ``kept`` (in order), every row kept."""
    _owner, taken = entry_positions(arrays.starts, kept)
    lengths = np.diff(arrays.starts)[kept]
    return ColumnArrays(
        cost=arrays.cost[kept],
        lower=arrays.lower[kept],
        upper=arrays.upper[kept],
        row_lower=arrays.row_lower,
        row_upper=arrays.row_upper,
        starts=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32),
        index=arrays.index[taken],
        value=arrays.value[taken],
        integer=arrays.integer[kept],
    )


def entry_positions(starts: np.ndarray, variables: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the ``variables``' entries lie in entries sorted by column (``starts``: where each
    column's begin), in order: (position in ``variables``, index of the entry)."""
    first = starts[variables].astype(np.int64)
    lengths = starts[variables + 1] - first
    before = np.cumsum(lengths) - lengths  # where each column's entries begin in the result
    taken = np.repeat(first - before, lengths) + np.arange(int(lengths.sum()))
    return np.repeat(np.arange(len(variables)), lengths), taken


def entry_arrays(
    shifts: tuple[np.ndarray, np.ndarray],
    shortfalls: tuple[np.ndarray, np.ndarray],
    row_bounds: tuple[np.ndarray, np.ndarray],
    entries: tuple[np.ndarray, np.ndarray, np.ndarray],
    integral: bool,
) -> ColumnArrays:
    """A block's model from (cost, upper) of its shifts and of its shortfalls (which follow
    the shifts), its rows' bounds and its (row, column, value) entries; ``integral``: the
    shifts are integer."""
    (cost, upper), (short_cost, short_upper) = shifts, shortfalls
    rows, cols, vals = entries
    n = len(cost) + len(short_cost)
    order = np.argsort(cols, kind="stable")
    return ColumnArrays(
        cost=np.concatenate([cost, short_cost]),
        lower=np.zeros(n),
        upper=np.concatenate([upper, short_upper]),
        row_lower=row_bounds[0],
        row_upper=row_bounds[1],
        starts=np.searchsorted(cols[order], np.arange(n + 1)).astype(np.int32),
        index=rows[order].astype(np.int32),
        value=vals[order],
        integer=(np.arange(n) < len(cost)) & integral,
    )


def highs_lp(arrays: ColumnArrays, integral: bool) -> highspy.HighsLp:
    """The arrays as a HiGHS model (``integral``: keep the integer variables integer)."""
    lp = highspy.HighsLp()
    lp.num_col_ = len(arrays.cost)
    lp.num_row_ = len(arrays.row_lower)
    lp.col_cost_ = arrays.cost
    lp.col_lower_ = arrays.lower
    lp.col_upper_ = arrays.upper
    lp.row_lower_ = arrays.row_lower
    lp.row_upper_ = arrays.row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = arrays.starts
    lp.a_matrix_.index_ = arrays.index
    lp.a_matrix_.value_ = arrays.value
    if integral:
        kinds = (highspy.HighsVarType.kContinuous, highspy.HighsVarType.kInteger)
        lp.integrality_ = [kinds[flag] for flag in arrays.integer.tolist()]
    return lp
