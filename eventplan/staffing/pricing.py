"""Column generation: offer the LP only the shifts its duals say are worth working.

A shift column's reduced cost is its cost less the duals of the rows it enters: the coverage
rows of the slots it works (summed with prefix sums, so a shift costs O(1) to price), its
supply's day row, the ``max_days`` row and the rest rows. All candidate shifts of a supply at a
station are priced at once with numpy.
When no candidate has a negative reduced cost, the restricted LP is optimal for the full model
and its objective is a valid lower bound on every plan.
"""

from __future__ import annotations

import numpy as np

from eventplan.staffing.model import Column, StaffingModel

#: Columns added per (supply, station) and pricing round: the most negative ones.
PER_PAIR = 2
#: A reduced cost must be this negative to count (objective units).
TOLERANCE = 1e-6


def price(
    model: StaffingModel,
    duals: np.ndarray,
    threshold: float = -TOLERANCE,
    per_pair: int | None = PER_PAIR,
) -> list[tuple[float, Column]]:
    """Candidate columns whose reduced cost is below ``threshold``, most negative first.

    ``per_pair`` caps how many are returned per (supply, station); None returns them all.
    """
    ratio = {role: _slot_duals(table, duals) for role, table in model.ratio_rows.items()}
    found: list[tuple[float, Column]] = []
    for (s, st), picks in model.candidates.items():
        supply = model.supplies[s]
        a = model.arrays[s]
        per_slot = _slot_duals(model.cover_rows.get((st, supply.role)), duals)
        if supply.role in ratio:
            per_slot = per_slot + ratio[supply.role] if per_slot is not None else ratio[supply.role]
        if per_slot is None:
            continue
        total = np.concatenate([[0.0], np.cumsum(per_slot)])
        start, end = a.start[picks], a.end[picks]
        bs, be, block = a.break_start[picks], a.break_end[picks], a.block[picks]
        entered = total[end] - total[start]
        has_break = bs >= 0
        entered -= np.where(has_break, total[np.maximum(be, 0)] - total[np.maximum(bs, 0)], 0.0)
        entered += _block_duals(model, s, duals)[block]
        if s in model.max_days_rows:
            entered += duals[model.max_days_rows[s]]
        entered += _rest_duals(model, s, picks, duals)
        reduced = a.cost[picks] - entered
        better = np.flatnonzero(reduced < threshold)
        if not len(better):
            continue
        best = better[np.argsort(reduced[better], kind="stable")[:per_pair]]
        found += [(float(reduced[i]), Column(s, int(picks[i]), st)) for i in best]
    found.sort(key=lambda item: (item[0], item[1].supply, item[1].station, item[1].template))
    return found


def _slot_duals(table: np.ndarray | None, duals: np.ndarray) -> np.ndarray | None:
    """Sum of the duals of the coverage rows a person standing there counts toward, per slot."""
    if table is None:
        return None
    values = np.where(table >= 0, duals[np.maximum(table, 0)], 0.0)
    return values.sum(axis=0)


def _block_duals(model: StaffingModel, supply: int, duals: np.ndarray) -> np.ndarray:
    out = np.zeros(len(model.grid.blocks))
    for (s, block), row in model.supply_rows.items():
        if s == supply:
            out[block] = duals[row]
    return out


def _rest_duals(
    model: StaffingModel, supply: int, picks: np.ndarray, duals: np.ndarray
) -> np.ndarray:
    if not model.rest_rows:
        return np.zeros(len(picks))
    a, grid = model.arrays[supply], model.grid
    out = np.zeros(len(picks))
    ends = np.array([grid.end(int(e) - 1).timestamp() / 60 for e in a.end[picks]])
    starts = np.array([grid.start(int(s)).timestamp() / 60 for s in a.start[picks]])
    blocks = a.block[picks]
    for (s, block), (thresholds, rows) in model.rest_rows.items():
        if s != supply:
            continue
        y = duals[rows]
        late = blocks == block
        if late.any():
            out[late] += ((thresholds[None, :] <= ends[late][:, None]) * y).sum(axis=1)
        early = blocks == block + 1
        if early.any():
            reach = starts[early][:, None] < thresholds[None, :] + model.rest_minutes
            out[early] += (reach * y).sum(axis=1)
    return out
