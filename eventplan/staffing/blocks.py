"""The station blocks: an exact small MIP per station, priced by the LP's duals.

Rows of the staffing model are of two sorts: those only one station's shifts enter (its
coverage, supervision and crew rows) and those shared between stations (pools, rest,
``max_days``, venue-wide ratios and supervision). Relaxing the shared rows with the LP's
duals y leaves one independent problem per station: the Lagrangian bound

    L(y) = LP value + sum over stations of (block MIP value - block LP value)

is a valid lower bound on every plan, at least the LP's, and tighter wherever meal breaks,
no-handover windows or supervision make a station's LP fractional (an LP-integral station
adds nothing and needs no MIP). Each block's MIP is small (one station, all its candidate
shifts) and exact; stations alike in every figure are solved once. The stations' plans
together are also a plan, feasible whenever the pools and rest allow them side by side.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from eventplan.staffing.block_model import StationBlock
from eventplan.staffing.block_solve import BlockResult, signed_duals, solve_blocks
from eventplan.staffing.highs_model import ColumnArrays, column_arrays, entry_positions
from eventplan.staffing.model import Column, StaffingModel
from eventplan.staffing.pricing import reduced_costs
from eventplan.staffing.rebalance import rebalance

INTEGRAL_TOLERANCE = 1e-6
#: The blocks together may fall this far (relative) short of their optima: the search's own
#: tolerance for calling a plan optimal is 1e-6, and the blocks take half of it.
BLOCKS_GAP = 5e-7


@dataclass
class BlockOutcome:
    """What the blocks gave: a bound, the shifts of every block part that found a plan and the
    candidate shifts of those that did not (``unplanned``)."""

    bound: float
    columns: dict[Column, int] = field(default_factory=dict)
    unplanned: set[Column] = field(default_factory=set)
    fractional: set[int] = field(default_factory=set)
    #: per station solved: how far its block's MIP bound lies above its share of the LP
    gains: dict[int, float] = field(default_factory=dict)
    planned: int = 0
    solved: int = 0
    alike: int = 0


def block_bound(
    model: StaffingModel,
    values: np.ndarray,
    duals: np.ndarray,
    lp_value: float,
    deadline: float,
    stopped: Callable[[], bool],
    seed: int = 0,
    workers: int = 1,
) -> BlockOutcome:
    """The Lagrangian bound over the stations the LP leaves fractional, and their plans.

    ``values`` and ``duals`` are the converged LP's (every variable, every row).
    """
    lp_counts = values[model.column_var]
    short_of_row = np.full(model.linear.num_rows, -1, dtype=np.int64)
    short_of_row[np.asarray(model.shortfall_row, dtype=np.int64)] = model.shortfall_var
    # Every row a shortfall enters: its coverage row and any supervisor cut.
    arrays = column_arrays(model.linear)
    built = {
        station: _build(model, station, duals, short_of_row, arrays)
        for station in sorted(_fractional_stations(model, lp_counts))
    }
    parts = _fingerprinted({station: block.parts() for station, block in built.items()})
    distinct: dict[tuple[str, bytes], StationBlock] = {}
    for pieces in parts.values():
        for key, piece in pieces:
            distinct.setdefault(key, piece)
    pieces_in_all = sum(len(pieces) for pieces in parts.values())
    results = solve_blocks(
        [piece.arrays() for piece in distinct.values()],
        [len(piece.columns) for piece in distinct.values()],
        deadline,
        seed,
        workers,
        stopped,
        abs_gap=BLOCKS_GAP * max(1.0, abs(lp_value)) / max(1, pieces_in_all),
        duals=[piece.row_dual for piece in distinct.values()],
    )
    solved = dict(zip(distinct, results, strict=True))
    outcome = BlockOutcome(
        lp_value,
        fractional=set(built),
        solved=len(distinct),
        alike=pieces_in_all - len(distinct),
        planned=sum(result is not None and result.counts is not None for result in results),
    )
    lp_parts = _lp_parts(model, values)
    for station, block in built.items():
        lp_part = _lp_part(model, block, lp_parts[station], values)
        pieces = [piece for _key, piece in parts[station]]
        found = [solved[key] for key, _piece in parts[station]]
        outcome.gains[station] = _add_station(outcome, pieces, found, lp_part)
    return outcome


def _fingerprinted(
    parts: dict[int, list[StationBlock]],
) -> dict[int, list[tuple[tuple[str, bytes], StationBlock]]]:
    """Each part with a key that alike parts share: its fingerprint where its shape and prices
    match another part's, else the shape and prices alone (hashing every entry of a large
    block is not free, and most blocks are like no other)."""
    shapes = {
        id(piece): ("shape", piece.shape_key()) for pieces in parts.values() for piece in pieces
    }
    seen = Counter(shapes.values())
    return {
        station: [
            (("whole", piece.key()) if seen[shapes[id(piece)]] > 1 else shapes[id(piece)], piece)
            for piece in pieces
        ]
        for station, pieces in parts.items()
    }


def _add_station(
    outcome: BlockOutcome,
    pieces: list[StationBlock],
    found: list[BlockResult | None],
    lp_part: float,
) -> float:
    """A station's parts into the outcome: their bound above the LP's part (returned: the
    station's gain), their shifts."""
    # A block's MIP is never below its LP part; a bound short of a proof still counts.
    bound = sum(result.bound if result is not None else -math.inf for result in found)
    gain = max(0.0, bound - lp_part) if math.isfinite(bound) else 0.0
    outcome.bound += gain
    for piece, result in zip(pieces, found, strict=True):
        if result is None or result.counts is None:
            outcome.unplanned.update(piece.columns)
            continue
        for column, count in zip(piece.columns, result.counts, strict=True):
            if count > 0.5:
                outcome.columns[column] = round(count)
    return gain


def _fractional_stations(model: StaffingModel, lp_counts: np.ndarray) -> set[int]:
    off = np.abs(lp_counts - np.round(lp_counts)) > INTEGRAL_TOLERANCE
    return {model.columns[j].station for j in np.flatnonzero(off)}


def _build(
    model: StaffingModel,
    station: int,
    duals: np.ndarray,
    short_of_row: np.ndarray,
    arrays: ColumnArrays,
) -> StationBlock:
    """The station's MIP: every candidate shift, its own rows, coupling rows priced by y."""
    columns: list[Column] = []
    costs, uppers, entries = [], [], []
    for s, _station, picks, reduced in reduced_costs(model, duals, stations={station}, own=False):
        first = len(columns)
        columns += [Column(s, int(p), station) for p in picks]
        costs.append(reduced)
        uppers.append(np.full(len(picks), float(model.supplies[s].count)))
        entries.append(_own_entries(model, s, station, picks, first))
    rows = np.concatenate([e[0] for e in entries]) if entries else np.zeros(0, np.int64)
    cols = np.concatenate([e[1] for e in entries]) if entries else np.zeros(0, np.int64)
    vals = np.concatenate([e[2] for e in entries]) if entries else np.zeros(0)
    own = np.unique(rows)
    shorts = short_of_row[own]
    shorts = shorts[shorts >= 0]
    # A shortfall enters its coverage row and any supervisor cut: the rows of the block keep
    # their entries, the others are priced by the LP's duals like the shifts' coupling rows.
    owner, taken = entry_positions(arrays.starts, shorts)
    at, coef = arrays.index[taken].astype(np.int64), arrays.value[taken]
    position = np.minimum(np.searchsorted(own, at), max(0, len(own) - 1))
    inside = own[position] == at if len(own) else np.zeros(len(at), dtype=bool)
    parts = [
        (np.searchsorted(own, rows), cols, vals),
        (position[inside], len(columns) + owner[inside], coef[inside]),
    ]
    priced = duals[at[~inside]] * coef[~inside]
    outside = np.bincount(owner[~inside], weights=priced, minlength=len(shorts))
    short_cost = arrays.cost[shorts] - outside
    rows, cols, vals = (np.concatenate([p[i] for p in parts]) for i in range(3))
    return StationBlock(
        columns,
        np.concatenate(costs) if costs else np.zeros(0),
        np.concatenate(uppers) if uppers else np.zeros(0),
        short_cost,
        arrays.upper[shorts],
        arrays.row_lower[own],
        arrays.row_upper[own],
        rows.astype(np.int32),
        cols.astype(np.int32),
        vals,
        signed_duals(duals[own], arrays.row_lower[own], arrays.row_upper[own]),
    )


def _own_entries(
    model: StaffingModel, supply: int, station: int, picks: np.ndarray, first: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, value) of the rows only this station's shifts enter."""
    a = model.arrays[supply]
    size = model.grid.size
    slots = np.arange(size)[None, :]
    start, end = a.work_start[picks][:, None], a.end[picks][:, None]
    breaks = (slots >= a.break_start[picks][:, None]) & (slots < a.break_end[picks][:, None])
    working = (slots >= start) & (slots < end) & ~breaks
    rows, cols, vals = [], [], []
    slot_rows = model.station_rows.get((station, model.supplies[supply].kind))
    if slot_rows is not None:
        for row_array, coef in zip(slot_rows.rows, slot_rows.coefs, strict=True):
            template, slot = np.nonzero(working & (row_array >= 0)[None, :])
            rows.append(row_array[slot])
            cols.append(first + template)
            vals.append(np.full(len(slot), coef))
    for crew in model.crew_rows.get((station, model.supplies[supply].role), ()):
        for boundaries, found in ((a.work_start[picks], crew.starts), (a.end[picks], crew.ends)):
            at = found[boundaries]
            hit = np.flatnonzero(at >= 0)
            rows.append(at[hit])
            cols.append(first + hit)
            vals.append(np.full(len(hit), crew.coef))
    hit, span_rows = model.span_entries(supply, station, picks)
    rows.append(span_rows)
    cols.append(first + hit)
    vals.append(np.ones(len(hit)))
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


def _lp_parts(model: StaffingModel, values: np.ndarray) -> dict[int, tuple[list[int], float]]:
    """Per station: the LP's columns there, and the LP's cost of its own shortfalls."""
    columns: dict[int, list[int]] = {}
    for j, column in enumerate(model.columns):
        columns.setdefault(column.station, []).append(j)
    index = {s.id: i for i, s in enumerate(model.requirements.stations)}
    shorts: dict[int, float] = {}
    for k, (demand, _slot) in enumerate(model.shortfalls):
        if demand.source != "ratio":
            station, var = index[demand.station_id], model.shortfall_var[k]
            shorts[station] = shorts.get(station, 0.0) + model.linear.var_obj[var] * values[var]
    return {st: (columns.get(st, []), shorts.get(st, 0.0)) for st in index.values()}


def _lp_part(
    model: StaffingModel, block: StationBlock, part: tuple[list[int], float], values: np.ndarray
) -> float:
    """The station's share of the LP value, priced as its block is."""
    priced = dict(zip(block.columns, block.cost, strict=True))
    at_station, shortfalls = part
    shifts = sum(priced[model.columns[j]] * values[model.column_var[j]] for j in at_station)
    return shifts + shortfalls


def block_plan(
    model: StaffingModel, lp_counts: np.ndarray, outcome: BlockOutcome
) -> np.ndarray | None:
    """Shift counts of the LP's integral stations with the blocks' plans for the rest (shifts
    moved between alike supplies where one is over-used), aligned with ``model.columns``
    after adding the blocks' columns; None when pools, rest or ``max_days`` do not allow it."""
    plan = block_start(model, lp_counts, outcome)
    return plan if _within_limits(model, plan) else None


def block_start(model: StaffingModel, lp_counts: np.ndarray, outcome: BlockOutcome) -> np.ndarray:
    """As :func:`block_plan`, limits unchecked, and the shifts of a block part that found no
    plan in time as the LP has them, rounded down: a start for a repair."""
    counts = {
        column: int(n + INTEGRAL_TOLERANCE)
        for column, n in zip(model.columns, lp_counts, strict=False)
        if (column.station not in outcome.fractional or column in outcome.unplanned)
        and n + INTEGRAL_TOLERANCE >= 1
    }
    counts.update(outcome.columns)
    counts = rebalance(model, counts)
    for column in counts:
        model.add_column(column)
    plan = np.zeros(len(model.columns))
    position = {column: j for j, column in enumerate(model.columns)}
    for column, n in counts.items():
        plan[position[column]] = n
    return plan


def _within_limits(model: StaffingModel, plan: np.ndarray) -> bool:
    """Whether shift counts keep every row bounded above (pools, rest, max_days, supervision)."""
    linear = model.linear
    values = np.zeros(linear.num_vars)
    values[model.column_var] = plan
    for var in model.head_var.values():  # people drawn: as many as the rows need
        values[var] = linear.var_ub[var]
    rows = np.asarray(linear.rows, dtype=np.int64)
    cols = np.asarray(linear.cols, dtype=np.int64)
    activity = np.zeros(linear.num_rows)
    np.add.at(activity, rows, np.asarray(linear.vals) * values[cols])
    upper = np.asarray(linear.row_ub)
    lower = np.asarray(linear.row_lb)
    crew = np.isfinite(lower) & (lower == upper)  # crew rows hold with equality
    ok_upper = np.all(activity <= upper + 1e-6)
    return bool(ok_upper and np.all(np.abs(activity[crew] - upper[crew]) <= 1e-6))
