"""Station-day blocks of the staffing model, built with numpy a supply and station at a time.

A block is everything one station needs on one working day: the candidate shifts of every
supply there (templates never leave their day), the shortfall variables of its coverage rows
and the rows only its shifts enter (coverage, the post's supervision, crews). Every other row
a shift enters links blocks: a supply's shifts of a day, ``max_days``, rest between days,
venue-wide ratios and supervision. A block's shift enters those linking rows by the entries
kept in ``link_*``.

Each block also keeps, per supply, "no more shifts than the supply has people" (implied by
the supply's day row).

Shifts that can never be better than another of the same block are dropped: same supply,
same rows entered (rest rows aside), no cheaper, and a span that encloses the other's (so it
enters every rest row the other does, and more).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from eventplan.staffing.model import SlotRows, StaffingModel


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
    #: blocks with equal keys are one MIP at any prices (and their plans are interchangeable)
    key: bytes

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


@dataclass
class _Piece:
    """Shifts of one supply at a station on one day, with their entries (global rows)."""

    supply: int
    templates: np.ndarray
    own: tuple[np.ndarray, np.ndarray, np.ndarray]  # (template position, row, value)
    link: tuple[np.ndarray, np.ndarray, np.ndarray]


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


def build_blocks(model: StaffingModel) -> tuple[list[Block], Linking]:
    """Every station-day block and the linking rows between them."""
    link = linking_rows(model)
    pieces: dict[tuple[int, int], list[_Piece]] = defaultdict(list)
    for (supply, station), picks in sorted(model.candidates.items()):
        for day in np.unique(model.arrays[supply].day[picks]):
            chosen = picks[model.arrays[supply].day[picks] == day]
            pieces[(station, int(day))].append(_piece(model, supply, station, int(day), chosen))
    shorts = _shortfalls_by_block(model)
    entries = _variable_entries(model)
    keys = sorted(set(pieces) | set(shorts))
    bounds = _Bounds.of(model)
    blocks = [
        _assemble(model, bounds, k, pieces.get(k, []), shorts.get(k, []), entries, link)
        for k in keys
    ]
    return blocks, _linking(model, link, entries, shorts)


def _piece(model: StaffingModel, supply: int, station: int, day: int, picks: np.ndarray) -> _Piece:
    a = model.arrays[supply]
    first, last = model.grid.days[day]
    slots = np.arange(first, last)[None, :]
    start, end = a.work_start[picks][:, None], a.end[picks][:, None]
    breaks = (slots >= a.break_start[picks][:, None]) & (slots < a.break_end[picks][:, None])
    working = (slots >= start) & (slots < end) & ~breaks
    kind = model.supplies[supply].kind
    own_arrays = _arrays(model.station_rows.get((station, kind)), first, last)
    link_arrays = _arrays(model.ratio_rows.get(kind), first, last)
    if model.requirements.stations[station].kind == "post":
        link_arrays += _arrays(model.venue_rows.get(kind), first, last)
    crews = model.crew_rows.get((station, model.supplies[supply].role), [])
    if not crews:
        keep = _undominated(model, supply, picks, working, own_arrays + link_arrays)
        picks, working = picks[keep], working[keep]
    own = _slot_entries(working, own_arrays)
    for crew in crews:
        own = _join(own, _crew_entries(model, supply, picks, crew))
    link = _join(_slot_entries(working, link_arrays), _people_entries(model, supply, day, picks))
    return _Piece(supply, picks, own, link)


def _arrays(rows: SlotRows | None, first: int, last: int) -> list[tuple[np.ndarray, float]]:
    if rows is None:
        return []
    return [(r[first:last], float(c)) for r, c in zip(rows.rows, rows.coefs, strict=True)]


def _undominated(
    model: StaffingModel,
    supply: int,
    picks: np.ndarray,
    working: np.ndarray,
    arrays: list[tuple[np.ndarray, float]],
) -> np.ndarray:
    """Which shifts to keep: in each group entering the same rows, the cheapest (latest start,
    then earliest end) and every shift it does not enclose at no more cost."""
    counted = np.zeros(working.shape[1], dtype=bool)
    for rows, _coef in arrays:
        counted |= rows >= 0
    group = _row_groups(np.packbits(working & counted[None, :], axis=1))
    a = model.arrays[supply]
    cost, start, end = a.cost[picks], a.start_minute[picks], a.end_minute[picks]
    order = np.lexsort((end, -start, cost, group))
    first_of = np.full(group.max() + 1 if len(group) else 0, -1, dtype=np.int64)
    first_of[group[order[::-1]]] = order[::-1]  # the first in sorted order wins
    best = first_of[group]
    encloses = (start <= start[best]) & (end >= end[best]) & (cost >= cost[best])
    return ~encloses | (np.arange(len(picks)) == best)


def _row_groups(pattern: np.ndarray) -> np.ndarray:
    """A group number per row of a byte matrix, equal for equal rows (read as 64-bit words:
    one word, the common case of a day of up to 64 slots, is a plain 1-d unique)."""
    width = -(-pattern.shape[1] // 8) * 8
    padded = np.zeros((pattern.shape[0], max(width, 8)), dtype=np.uint8)
    padded[:, : pattern.shape[1]] = pattern
    words = padded.view(np.uint64)
    if words.shape[1] == 1:
        return np.unique(words[:, 0], return_inverse=True)[1].ravel()
    return np.unique(words, axis=0, return_inverse=True)[1].ravel()


Entries = tuple[np.ndarray, np.ndarray, np.ndarray]


def _slot_entries(working: np.ndarray, arrays: list[tuple[np.ndarray, float]]) -> Entries:
    found: list[Entries] = []
    for rows, coef in arrays:
        position, slot = np.nonzero(working & (rows >= 0)[None, :])
        found.append((position, rows[slot], np.full(len(slot), coef)))
    return _join(*found)


def _join(*parts: Entries) -> Entries:
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))  # type: ignore[return-value]


def _crew_entries(model: StaffingModel, supply: int, picks: np.ndarray, crew) -> Entries:
    a = model.arrays[supply]
    found: list[Entries] = []
    for boundaries, rows in ((a.work_start[picks], crew.starts), (a.end[picks], crew.ends)):
        at = rows[boundaries]
        hit = np.flatnonzero(at >= 0)
        found.append((hit, at[hit], np.full(len(hit), crew.coef)))
    return _join(*found)


def _people_entries(model: StaffingModel, supply: int, day: int, picks: np.ndarray) -> Entries:
    """The supply's day row, ``max_days`` and rest rows (by end and start time)."""
    n = np.arange(len(picks))
    found: list[Entries] = [
        (n, np.full(len(picks), model.supply_rows[(supply, day)]), np.ones(len(picks)))
    ]
    if supply in model.max_days_rows:
        found.append((n, np.full(len(picks), model.max_days_rows[supply]), np.ones(len(picks))))
    a = model.arrays[supply]
    late = model.rest_rows.get((supply, day))
    if late is not None:
        position, k = np.nonzero(late.thresholds[None, :] <= a.end_minute[picks][:, None])
        found.append((position, late.rows[k], np.ones(len(k))))
    early = model.rest_rows.get((supply, day - 1))
    if early is not None:
        reach = a.start_minute[picks][:, None] < early.thresholds[None, :] + model.rest_minutes
        position, k = np.nonzero(reach)
        found.append((position, early.rows[k], np.ones(len(k))))
    return _join(*found)


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
    lo, hi = starts[variables], starts[variables + 1]
    counts = hi - lo
    position = np.repeat(np.arange(len(variables)), counts)
    at = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
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


def _assemble(
    model, bounds: _Bounds, key, pieces: list[_Piece], shorts: list[int], entries, link
) -> Block:
    station, day = key
    sizes = [len(p.templates) for p in pieces]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    n = int(offsets[-1])
    shorts_arr = np.asarray(shorts, dtype=np.int64)
    s_pos, s_rows, s_vals = _gather(entries, shorts_arr)
    own_pos = [p.own[0] + o for p, o in zip(pieces, offsets, strict=False)] + [s_pos + n]
    own_row = [p.own[1] for p in pieces] + [s_rows]
    own_val = [p.own[2] for p in pieces] + [s_vals]
    rows_global = np.concatenate(own_row).astype(np.int64)
    rows_global_unique = np.unique(rows_global)
    local = np.searchsorted(rows_global_unique, rows_global)
    lower = bounds.row_lower[rows_global_unique]
    upper = bounds.row_upper[rows_global_unique]
    link_cols, link_rows, link_vals = _link_entries(pieces, offsets, link)
    supply = np.concatenate(
        [np.full(s, p.supply) for s, p in zip(sizes, pieces, strict=True)] + [np.zeros(0, np.int64)]
    ).astype(np.int64)
    template = np.concatenate([p.templates for p in pieces] + [np.zeros(0, np.int64)]).astype(
        np.int64
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
        own_rows=local,
        own_cols=np.concatenate(own_pos).astype(np.int64),
        own_vals=np.concatenate(own_val),
        link_cols=link_cols.astype(np.int64),
        link_rows=link_rows.astype(np.int64),
        link_vals=link_vals,
    )
    return Block(station, day, key=_fingerprint(parts), **parts)


def _link_entries(
    pieces: list[_Piece], offsets: np.ndarray, link: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(block column, linking row's index in ``link``, value) of the pieces' linking entries."""
    cols = np.concatenate(
        [p.link[0] + o for p, o in zip(pieces, offsets, strict=False)] + [np.zeros(0, np.int64)]
    )
    rows = np.searchsorted(
        link, np.concatenate([p.link[1] for p in pieces] + [np.zeros(0, np.int64)])
    )
    vals = np.concatenate([p.link[2] for p in pieces] + [np.zeros(0)])
    return cols, rows, vals


def _fingerprint(parts: dict[str, np.ndarray]) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for name in sorted(parts):
        value = parts[name]
        if value.dtype.kind == "f":
            value = np.round(value, 9)
        digest.update(name.encode())
        digest.update(np.ascontiguousarray(value).tobytes())
    return digest.digest()


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
