"""Station-day blocks of the staffing model, built with numpy a station at a time.

A block is everything one station needs on one working day: the candidate shifts of every
supply there (templates never leave their day), the shortfall variables of its coverage rows
and the rows only its shifts enter (coverage, the post's supervision, crews). Every other row
a shift enters links blocks: a supply's shifts of a day, ``max_days``, rest between days,
venue-wide ratios and supervision. A block's shift enters those linking rows by the entries
kept in ``link_*``.

Each block also keeps, per supply, "no more shifts than the supply has people" (implied by
the supply's day row).

Shifts no better than another of the same supply there are dropped (see ``pieces``), and
a block alike in every figure to one built before is kept only as its number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from eventplan.staffing.decompose.pieces import Piece, PieceMaker
from eventplan.staffing.highs_model import entry_positions
from eventplan.staffing.model import StaffingModel


@dataclass(frozen=True)
class Block:
    """One station-day: shift columns, then shortfall variables, with local row indexes."""

    station: int
    day: int
    supply: np.ndarray  # per shift column
    template: np.ndarray
    cost: np.ndarray  # objective of one person on the shift
    upper: np.ndarray
    short_cost: np.ndarray
    short_upper: np.ndarray
    row_lower: np.ndarray  # the block's own rows
    row_upper: np.ndarray
    #: own-row entries: local row, local variable (shifts first, then shortfalls), value
    own_rows: np.ndarray
    own_cols: np.ndarray
    own_vals: np.ndarray
    #: linking entries: local shift column, linking row (index into ``Linking.rows``), value
    link_cols: np.ndarray
    link_rows: np.ndarray
    link_vals: np.ndarray
    #: a summary of the figures: blocks alike in every figure (one MIP at any prices, their
    #: plans interchangeable) have equal keys, and blocks of equal keys are compared in full
    key: bytes

    def same(self, other: Block) -> bool:
        """Alike in every figure."""
        return all(np.array_equal(getattr(self, name), getattr(other, name)) for name in FIGURES)

    @property
    def shifts(self) -> int:
        return len(self.cost)


@dataclass(frozen=True)
class Linking:
    """The linking rows and the variables only they hold (venue-wide shortfalls, heads)."""

    rows: np.ndarray  # global row indexes, sorted
    lower: np.ndarray
    upper: np.ndarray
    var_cost: np.ndarray  # variables of the master alone
    var_upper: np.ndarray
    var_rows: np.ndarray  # entries: linking row index, master variable index, value
    var_cols: np.ndarray
    var_vals: np.ndarray


@dataclass(frozen=True)
class Blocks:
    """The distinct blocks, which one each station-day is, and the linking rows."""

    distinct: list[Block]
    #: per station-day (sorted by station, then day): its distinct block, station and day
    instances: np.ndarray
    stations: np.ndarray
    days: np.ndarray
    linking: Linking


def linking_rows(model: StaffingModel) -> np.ndarray:
    """Global indexes of every row that more than one station-day may enter."""
    found: list[np.ndarray] = [
        np.fromiter(model.supply_rows.values(), dtype=np.int64),
        np.fromiter(model.max_days_rows.values(), dtype=np.int64),
    ]
    found += [rest.rows.astype(np.int64) for rest in model.rest_rows.values()]
    for family in (model.ratio_rows, model.venue_rows):
        found += [rows.rows[rows.rows >= 0].ravel() for rows in family.values()]
    return np.unique(np.concatenate(found)) if found else np.zeros(0, np.int64)


def build_blocks(model: StaffingModel) -> Blocks:
    """Every station-day block, built a station at a time; a block alike in every figure to
    one built before is kept only as its number (memory holds the distinct blocks alone)."""
    link = linking_rows(model)
    offers: dict[int, list[tuple[int, np.ndarray]]] = defaultdict(list)
    for (supply, station), picks in sorted(model.candidates.items()):
        offers[station].append((supply, picks))
    shorts = _shortfalls_by_block(model)
    short_days: dict[int, set[int]] = defaultdict(set)
    for station, day in shorts:
        short_days[station].add(day)
    entries = _variable_entries(model)
    bounds = _Bounds.of(model)
    maker = PieceMaker(model)
    context = _Context(bounds, entries, link, _link_index(model, link))
    position: dict[bytes, list[int]] = defaultdict(list)
    distinct: list[Block] = []
    places: list[tuple[int, int, int]] = []
    for station in sorted(set(offers) | set(short_days)):
        pieces = _station_pieces(model, maker, station, offers.get(station, []))
        for day in sorted(set(pieces) | short_days[station]):
            own_shorts = shorts.get((station, day), [])
            block = _assemble(model, context, (station, day), pieces.get(day, []), own_shorts)
            alike = position[block.key]
            number = next((k for k in alike if distinct[k].same(block)), len(distinct))
            if number == len(distinct):
                alike.append(number)
                distinct.append(block)
            places.append((number, station, day))
    table = np.array(places, dtype=np.int64).reshape(-1, 3)
    linking = _linking(model, link, entries, shorts)
    return Blocks(distinct, table[:, 0], table[:, 1], table[:, 2], linking)


def _station_pieces(
    model: StaffingModel, maker: PieceMaker, station: int, offers: list[tuple[int, np.ndarray]]
) -> dict[int, list[Piece]]:
    """The station's pieces by day."""
    pieces: dict[int, list[Piece]] = defaultdict(list)
    for supply, picks in offers:
        day_of = model.arrays[supply].day[picks]
        for day in np.unique(day_of):
            chosen = picks[day_of == day]
            pieces[int(day)].append(maker.piece(supply, station, int(day), chosen))
    return pieces


def _shortfalls_by_block(model: StaffingModel) -> dict[tuple[int, int], list[int]]:
    """The shortfall variables of each station-day (venue-wide ratios belong to none)."""
    index = {s.id: i for i, s in enumerate(model.requirements.stations)}
    day_of = np.zeros(model.grid.size, dtype=np.int64)
    for day, (first, last) in enumerate(model.grid.days):
        day_of[first:last] = day
    found: dict[tuple[int, int], list[int]] = defaultdict(list)
    for (demand, slot), var in zip(model.shortfalls, model.shortfall_var, strict=True):
        if demand.source != "ratio":
            found[(index[demand.station_id], int(day_of[slot]))].append(var)
    return found


def _variable_entries(
    model: StaffingModel,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The matrix entries of the model's variables that are not shifts, sorted by variable,
    with where each variable's entries start."""
    linear = model.linear
    cols = np.asarray(linear.cols, dtype=np.int64)
    shifts = np.zeros(linear.num_vars, dtype=bool)
    shifts[np.asarray(model.column_var, dtype=np.int64)] = True
    keep = np.flatnonzero(~shifts[cols])
    order = keep[np.argsort(cols[keep], kind="stable")]
    rows = np.asarray(linear.rows, dtype=np.int64)[order]
    vals = np.asarray(linear.vals, dtype=np.float64)[order]
    sorted_cols = cols[order]
    starts = np.searchsorted(sorted_cols, np.arange(linear.num_vars + 1))
    return sorted_cols, rows, vals, starts


def _gather(entries, variables: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(position in ``variables``, row, value) of the given variables' entries."""
    _cols, rows, vals, starts = entries
    position, at = entry_positions(starts, variables)
    return position, rows[at], vals[at]


@dataclass(frozen=True)
class _Bounds:
    """The linear model's bounds and costs as arrays, made once for every block."""

    row_lower: np.ndarray
    row_upper: np.ndarray
    var_cost: np.ndarray
    var_upper: np.ndarray
    count: np.ndarray  # people of each supply

    @classmethod
    def of(cls, model: StaffingModel) -> _Bounds:
        linear = model.linear
        return cls(
            np.asarray(linear.row_lb, dtype=np.float64),
            np.asarray(linear.row_ub, dtype=np.float64),
            np.asarray(linear.var_obj, dtype=np.float64),
            np.asarray(linear.var_ub, dtype=np.float64),
            np.array([s.count for s in model.supplies], dtype=np.float64),
        )


@dataclass(frozen=True)
class _Context:
    """What every block's assembly reads: bounds, non-shift entries, linking rows."""

    bounds: _Bounds
    entries: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    link: np.ndarray
    #: per global row, its index among the linking rows (-1: not linking)
    link_index: np.ndarray


def _link_index(model: StaffingModel, link: np.ndarray) -> np.ndarray:
    index = np.full(model.linear.num_rows, -1, dtype=np.int32)
    index[link] = np.arange(len(link), dtype=np.int32)
    return index


def _localise(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows, sorted, and each entry's position among them (a station-day's rows
    lie close together, so a mark per row of their span is quicker than sorting)."""
    if len(rows) == 0:
        return rows, rows
    low = int(rows.min())
    span = int(rows.max()) - low + 1
    if span > 8 * len(rows):
        unique = np.unique(rows)
        return unique, np.searchsorted(unique, rows)
    present = np.zeros(span, dtype=bool)
    present[rows - low] = True
    number = np.cumsum(present) - 1
    return np.flatnonzero(present) + low, number[rows - low]


def _assemble(model, context: _Context, key, pieces: list[Piece], shorts: list[int]) -> Block:
    station, day = key
    bounds = context.bounds
    sizes = [len(p.templates) for p in pieces]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    n = int(offsets[-1])
    shorts_arr = np.asarray(shorts, dtype=np.int64)
    s_pos, s_rows, s_vals = _gather(context.entries, shorts_arr)
    own_pos = [p.own[0] + o for p, o in zip(pieces, offsets, strict=False)] + [s_pos + n]
    own_row = [p.own[1] for p in pieces] + [s_rows]
    own_val = [p.own[2] for p in pieces] + [s_vals]
    rows_global_unique, local = _localise(np.concatenate(own_row).astype(np.int64))
    lower = bounds.row_lower[rows_global_unique]
    upper = bounds.row_upper[rows_global_unique]
    link_cols, link_rows, link_vals = _link_entries(pieces, offsets, context.link_index)
    supply = np.concatenate(
        [np.full(s, p.supply) for s, p in zip(sizes, pieces, strict=True)] + [np.zeros(0, np.int32)]
    ).astype(np.int32)
    template = np.concatenate([p.templates for p in pieces] + [np.zeros(0, np.int32)]).astype(
        np.int32
    )
    cost = np.concatenate(
        [model.arrays[p.supply].cost[p.templates] for p in pieces] + [np.zeros(0)]
    )
    # Implied by the supply's day row, and kept here so that no block offers more shifts of
    # a supply than it has people (a tighter bound, and plans the master can combine).
    pools, pool_of = np.unique(supply, return_inverse=True)
    local = np.concatenate([local, len(lower) + pool_of.ravel()])
    own_pos.append(np.arange(n))
    own_val.append(np.ones(n))
    lower = np.concatenate([lower, np.full(len(pools), -np.inf)])
    upper = np.concatenate([upper, bounds.count[pools]])
    upper_shift = bounds.count[supply]
    short_cost = bounds.var_cost[shorts_arr]
    short_upper = bounds.var_upper[shorts_arr]
    parts = dict(
        supply=supply,
        template=template,
        cost=cost,
        upper=upper_shift,
        short_cost=short_cost,
        short_upper=short_upper,
        row_lower=lower,
        row_upper=upper,
        own_rows=local.astype(np.int32),
        own_cols=np.concatenate(own_pos).astype(np.int32),
        own_vals=np.concatenate(own_val),
        link_cols=link_cols.astype(np.int32),
        link_rows=link_rows.astype(np.int32),
        link_vals=link_vals,
    )
    return Block(station, day, key=_summary(parts), **parts)


def _link_entries(
    pieces: list[Piece], offsets: np.ndarray, link_index: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(block column, linking row's index, value) of the pieces' linking entries."""
    cols = np.concatenate(
        [p.link[0] + o for p, o in zip(pieces, offsets, strict=False)] + [np.zeros(0, np.int64)]
    )
    rows = link_index[np.concatenate([p.link[1] for p in pieces] + [np.zeros(0, np.int64)])]
    vals = np.concatenate([p.link[2] for p in pieces] + [np.zeros(0)])
    return cols, rows, vals


#: The figures of a block (what its MIP and its linking entries are made of).
FIGURES = (
    "supply",
    "template",
    "cost",
    "upper",
    "short_cost",
    "short_upper",
    "row_lower",
    "row_upper",
    "own_rows",
    "own_cols",
    "own_vals",
    "link_cols",
    "link_rows",
    "link_vals",
)


def _weighted_sum(values: np.ndarray) -> float:
    """A sum that also tells some orders apart (every seventh entry counted twice)."""
    return float(values.sum(dtype=np.float64) + values[::7].sum(dtype=np.float64))


def _summary(parts: dict[str, np.ndarray]) -> bytes:
    """Sizes and sums of the figures: equal for alike blocks, and seldom for others (hashing
    every entry of 7,525 blocks took 6 s; comparing the few of equal summaries, little)."""
    sizes = np.array([len(parts[name]) for name in FIGURES], dtype=np.float64)
    sums = np.array([_weighted_sum(parts[name]) for name in FIGURES], dtype=np.float64)
    return sizes.tobytes() + np.nan_to_num(sums, nan=0.0, posinf=1e300, neginf=-1e300).tobytes()


def _linking(model: StaffingModel, link: np.ndarray, entries, shorts) -> Linking:
    """The linking rows' bounds and the variables no block holds (ratio shortfalls, heads)."""
    linear = model.linear
    in_block = np.zeros(linear.num_vars, dtype=bool)
    for variables in shorts.values():
        in_block[np.asarray(variables, dtype=np.int64)] = True
    in_block[np.asarray(model.column_var, dtype=np.int64)] = True
    free = np.flatnonzero(~in_block)
    position, rows, vals = _gather(entries, free)
    at = np.searchsorted(link, rows)
    known = (
        (at < len(link)) & (link[np.minimum(at, len(link) - 1)] == rows)
        if len(link)
        else np.zeros(len(rows), bool)
    )
    return Linking(
        rows=link,
        lower=np.asarray(linear.row_lb, dtype=np.float64)[link],
        upper=np.asarray(linear.row_ub, dtype=np.float64)[link],
        var_cost=np.asarray(linear.var_obj, dtype=np.float64)[free],
        var_upper=np.asarray(linear.var_ub, dtype=np.float64)[free],
        var_rows=at[known],
        var_cols=position[known],
        var_vals=vals[known],
    )
