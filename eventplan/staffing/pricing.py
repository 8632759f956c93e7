"""Column generation: offer the LP only the shifts its duals say are worth working.

A shift column's reduced cost is its cost less the duals of the rows it enters: the coverage
rows of the slots it works (summed with prefix sums, so a shift costs O(1) to price), its
supply's day row, the ``max_days`` row and the rest rows. All candidate shifts of a supply at a
station are priced at once with numpy.
When no candidate has a negative reduced cost, the restricted LP is optimal for the full model
and its objective is a valid lower bound on every plan.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from eventplan.staffing.model import Column, SlotRows, StaffingModel

#: Columns added per (supply, station) and pricing round: the most negative ones.
PER_PAIR = 2
#: A reduced cost must be this negative to count (objective units).
TOLERANCE = 1e-6


def price(
    model: StaffingModel,
    duals: np.ndarray,
    threshold: float = -TOLERANCE,
    per_pair: int | None = PER_PAIR,
    least: dict[tuple[int, int], float] | None = None,
) -> list[tuple[float, Column]]:
    """Candidate columns whose reduced cost is below ``threshold``, most negative first.

    ``per_pair`` caps how many are returned per (supply, station); None returns them all.
    ``least``, when given, receives the least reduced cost per (supply, day) over every
    candidate, for :func:`dual_bound`.
    """
    found: list[tuple[float, Column]] = []
    for supply, station, picks, reduced in reduced_costs(model, duals):
        if least is not None:
            days = model.arrays[supply].day[picks]
            for day in np.unique(days):
                key = (supply, int(day))
                lowest = float(reduced[days == day].min())
                least[key] = min(least.get(key, math.inf), lowest)
        better = np.flatnonzero(reduced < threshold)
        if not len(better):
            continue
        best = better[np.argsort(reduced[better], kind="stable")[:per_pair]]
        found += [(float(reduced[i]), Column(supply, int(picks[i]), station)) for i in best]
    found.sort(key=lambda item: (item[0], item[1].supply, item[1].station, item[1].template))
    return found


def sign_feasible(model: StaffingModel, duals: np.ndarray) -> np.ndarray:
    """The duals with every sign no bound allows set to zero.

    An LP stopped short (time limit, Ctrl-C) leaves duals that may push against a row side
    that does not exist; zeroing those keeps :func:`dual_bound` a valid bound, only weaker.
    """
    y = np.asarray(duals, dtype=np.float64).copy()
    linear = model.linear
    y[(y > 0) & ~np.isfinite(np.asarray(linear.row_lb, dtype=np.float64))] = 0.0
    y[(y < 0) & ~np.isfinite(np.asarray(linear.row_ub, dtype=np.float64))] = 0.0
    return y


def dual_bound(
    model: StaffingModel, duals: np.ndarray, least: dict[tuple[int, int], float]
) -> float:
    """A lower bound on every plan from any duals, even before column generation converges.

    Lagrangian relaxation of every row, keeping only "a supply's shifts of a day number at
    most its people" (each column lies in one such group): the duals' value of the row bounds,
    plus each shortfall at its cheaper bound, plus, per group, its people times the least
    reduced cost in the group when that is negative. Once no column prices negative this is
    the LP optimum.
    """
    linear = model.linear
    y = np.asarray(duals, dtype=np.float64)
    lower = np.asarray(linear.row_lb, dtype=np.float64)
    upper = np.asarray(linear.row_ub, dtype=np.float64)
    active = np.abs(y) > TOLERANCE * 1e-3
    side = np.where(y > 0, lower, upper)
    if not np.all(np.isfinite(side[active])):
        return -math.inf  # a dual pushes against a missing side: no bound from these duals
    total = float(np.dot(y[active], side[active]))
    obj = np.asarray(linear.var_obj, dtype=np.float64)
    shortfall = np.asarray(model.shortfall_var, dtype=np.int64)
    reduced = obj[shortfall] - y[np.asarray(model.shortfall_row, dtype=np.int64)]
    ub = np.asarray(linear.var_ub, dtype=np.float64)[shortfall]
    total += float(np.minimum(0.0, reduced * ub).sum())
    total += _heads_bound(model, y)
    for (supply, _day), lowest in least.items():
        total += model.supplies[supply].count * min(0.0, lowest)
    return total


def floor_bound(model: StaffingModel) -> float:
    """Every variable of the model at its cheaper bound: a bound on every plan, since a shift
    not yet priced in costs nothing less than zero (role costs and weights are not negative).
    It is 0 when no variable costs less than nothing, so a bound from early duals, which can be
    far below it, is never reported negative."""
    linear = model.linear
    obj = np.asarray(linear.var_obj, dtype=np.float64)
    lower = np.asarray(linear.var_lb, dtype=np.float64)
    upper = np.asarray(linear.var_ub, dtype=np.float64)
    cheaper = np.where(obj > 0, obj * lower, np.where(obj < 0, obj * upper, 0.0))
    return float(cheaper.sum())


def _heads_bound(model: StaffingModel, duals: np.ndarray) -> float:
    """The people-drawn variables (when people are minimised) at their cheaper bound."""
    if not model.head_var:
        return 0.0
    linear = model.linear
    heads = np.array(sorted(model.head_var.values()), dtype=np.int64)
    cols = np.asarray(linear.cols, dtype=np.int64)
    entries = np.flatnonzero(np.isin(cols, heads))
    reduced = np.asarray(linear.var_obj, dtype=np.float64)[heads]
    position = np.searchsorted(heads, cols[entries])
    rows = np.asarray(linear.rows, dtype=np.int64)[entries]
    vals = np.asarray(linear.vals, dtype=np.float64)[entries]
    np.subtract.at(reduced, position, duals[rows] * vals)
    upper = np.asarray(linear.var_ub, dtype=np.float64)[heads]
    return float(np.minimum(0.0, reduced * upper).sum())


def reduced_costs(
    model: StaffingModel,
    duals: np.ndarray,
    *,
    stations: set[int] | None = None,
    own: bool = True,
) -> Iterator[tuple[int, int, np.ndarray, np.ndarray]]:
    """(supply, station, candidate templates, their reduced costs) for every pair.

    ``stations`` limits the pairs to those stations; ``own=False`` leaves out the duals of
    the rows only one station's shifts enter (its coverage, supervision and crew rows), so
    that what remains prices the rows stations share (pools, rest, ratios).
    """
    shared: dict[tuple[object, bool], np.ndarray | None] = {}
    for (s, station), picks in model.candidates.items():
        if stations is not None and station not in stations:
            continue
        supply = model.supplies[s]
        is_post = model.requirements.stations[station].kind == "post"
        key = (supply.kind, is_post)
        if key not in shared:
            shared[key] = _shared_duals(model, supply.kind, is_post, duals)
        at_station = model.station_rows.get((station, supply.kind)) if own else None
        per_slot = _slot_duals(at_station, duals)
        if shared[key] is not None:
            per_slot = per_slot + shared[key] if per_slot is not None else shared[key]
        a = model.arrays[s]
        if per_slot is None:
            if own:
                continue
            per_slot = np.zeros(model.grid.size)
        total = np.concatenate([[0.0], np.cumsum(per_slot)])
        start, end = a.work_start[picks], a.end[picks]
        break_start, break_end = a.break_start[picks], a.break_end[picks]
        entered = total[end] - total[start]
        on_break = total[np.maximum(break_end, 0)] - total[np.maximum(break_start, 0)]
        entered -= np.where(break_start >= 0, on_break, 0.0)
        entered += _day_duals(model, s, duals)[a.day[picks]]
        if s in model.max_days_rows:
            entered += duals[model.max_days_rows[s]]
        entered += _rest_duals(model, s, picks, duals)
        for crew in model.crew_rows.get((station, supply.role), ()) if own else ():
            entered += crew.coef * _boundary_duals(crew.starts, start, duals)
            entered += crew.coef * _boundary_duals(crew.ends, end, duals)
        for span in model.span_rows.get((station, supply.role), ()) if own else ():
            entered += np.where(span.meets(start, end), duals[span.row], 0.0)
        yield s, station, picks, a.cost[picks] - entered


def _shared_duals(model: StaffingModel, kind, is_post: bool, duals: np.ndarray):
    """Per-slot duals of the venue-wide rows a supply's people enter at any station."""
    parts = [_slot_duals(model.ratio_rows.get(kind), duals)]
    if is_post:
        parts.append(_slot_duals(model.venue_rows.get(kind), duals))
    found = [p for p in parts if p is not None]
    if not found:
        return None
    return found[0] if len(found) == 1 else found[0] + found[1]


def _slot_duals(rows: SlotRows | None, duals: np.ndarray) -> np.ndarray | None:
    """Per slot, the sum of coefficient x dual of the rows a person standing there enters."""
    return None if rows is None else rows.dual_sums(duals)


def _boundary_duals(rows: np.ndarray, boundaries: np.ndarray, duals: np.ndarray) -> np.ndarray:
    found = rows[boundaries]
    return np.where(found >= 0, duals[np.maximum(found, 0)], 0.0)


def _day_duals(model: StaffingModel, supply: int, duals: np.ndarray) -> np.ndarray:
    out = np.zeros(len(model.grid.days))
    for (s, day), row in model.supply_rows.items():
        if s == supply:
            out[day] = duals[row]
    return out


def _rest_duals(
    model: StaffingModel, supply: int, picks: np.ndarray, duals: np.ndarray
) -> np.ndarray:
    if not model.rest_rows:
        return np.zeros(len(picks))
    a = model.arrays[supply]
    out = np.zeros(len(picks))
    ends, starts = a.end_minute[picks], a.start_minute[picks]
    days = a.day[picks]
    for (s, day), rest in model.rest_rows.items():
        if s != supply:
            continue
        y, thresholds = duals[rest.rows], rest.thresholds
        late = days == day
        if late.any():
            out[late] += ((thresholds[None, :] <= ends[late][:, None]) * y).sum(axis=1)
        early = days == day + 1
        if early.any():
            reach = starts[early][:, None] < thresholds[None, :] + model.rest_minutes
            out[early] += (reach * y).sum(axis=1)
    return out
