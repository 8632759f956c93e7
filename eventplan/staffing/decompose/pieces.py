"""The shifts of one supply at one station on one day, with their matrix entries.

Stations share their candidate shifts: a supply offers the same templates at most of its
stations (16 distinct sets on a generated 20,000-staff event of 5,377 supply-station pairs).
So which slots each shift works, which shifts survive dominance and where each shift enters a
row array are computed once per (supply, day, templates, slot pattern) and reused; only the
global row numbers differ from station to station.

Shifts that can never be better than another of the same piece are dropped: same supply,
same rows entered (rest rows aside), no cheaper, and a span that encloses the other's (so it
enters every rest row the other does, and more).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from eventplan.staffing.model import SlotRows, StaffingModel

#: Entries of a piece: (shift position, global row, value).
Entries = tuple[np.ndarray, np.ndarray, np.ndarray]
#: Row arrays over one day's slots, each with its coefficient.
Arrays = list[tuple[np.ndarray, float]]


@dataclass
class Piece:
    """Shifts of one supply at a station on one day, with their entries (global rows)."""

    supply: int
    templates: np.ndarray
    own: Entries
    link: Entries


@dataclass
class PieceMaker:
    """Makes pieces, keeping what stations share (see the module's docstring)."""

    model: StaffingModel
    _working: dict[tuple, np.ndarray] = field(default_factory=dict)
    _kept: dict[tuple, np.ndarray] = field(default_factory=dict)
    _hits: dict[tuple, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    _people: dict[tuple, Entries] = field(default_factory=dict)

    def piece(self, supply: int, station: int, day: int, picks: np.ndarray) -> Piece:
        model = self.model
        first, last = model.grid.days[day]
        kind = model.supplies[supply].kind
        own_arrays = _arrays(model.station_rows.get((station, kind)), first, last)
        link_arrays = _arrays(model.ratio_rows.get(kind), first, last)
        if model.requirements.stations[station].kind == "post":
            link_arrays += _arrays(model.venue_rows.get(kind), first, last)
        shared = (supply, day, picks.tobytes())
        working = self._working_of(shared, supply, day, picks)
        crews = model.crew_rows.get((station, model.supplies[supply].role), [])
        if not crews:
            counted = np.zeros(working.shape[1], dtype=bool)
            for rows, _coef in own_arrays + link_arrays:
                counted |= rows >= 0
            shared += (counted.tobytes(),)
            keep = self._kept.get(shared)
            if keep is None:
                keep = _undominated(model, supply, picks, working, counted)
                self._kept[shared] = keep
            picks, working = picks[keep], working[keep]
        own = self._slot_entries(shared, working, own_arrays)
        for crew in crews:
            own = join(own, _crew_entries(model, supply, picks, crew))
        hit, span_rows = model.span_entries(supply, station, picks)
        own = join(own, (hit, span_rows, np.ones(len(hit))))
        people = self._people.get(shared)
        if people is None:  # the shifts kept are the same for the same shared key
            people = _people_entries(model, supply, day, picks)
            self._people[shared] = people
        link = join(self._slot_entries(shared, working, link_arrays), people)
        return Piece(supply, picks, own, link)

    def _working_of(self, shared: tuple, supply: int, day: int, picks: np.ndarray) -> np.ndarray:
        """Whether each shift works each slot of its day (its meal break off)."""
        found = self._working.get(shared)
        if found is None:
            a = self.model.arrays[supply]
            first, last = self.model.grid.days[day]
            slots = np.arange(first, last)[None, :]
            start, end = a.work_start[picks][:, None], a.end[picks][:, None]
            meal = (slots >= a.break_start[picks][:, None]) & (slots < a.break_end[picks][:, None])
            found = (slots >= start) & (slots < end) & ~meal
            self._working[shared] = found
        return found

    def _slot_entries(self, shared: tuple, working: np.ndarray, arrays: Arrays) -> Entries:
        found: list[Entries] = []
        for rows, coef in arrays:
            present = rows >= 0
            key = (*shared, present.tobytes())
            hit = self._hits.get(key)
            if hit is None:
                position, slot = np.nonzero(working & present[None, :])
                hit = (position.astype(np.int32), slot.astype(np.int32))
                self._hits[key] = hit
            position, slot = hit
            found.append((position, rows[slot], np.full(len(slot), coef)))
        return join(*found)


def _arrays(rows: SlotRows | None, first: int, last: int) -> Arrays:
    if rows is None:
        return []
    return [(r[first:last], float(c)) for r, c in zip(rows.rows, rows.coefs, strict=True)]


def _undominated(
    model: StaffingModel,
    supply: int,
    picks: np.ndarray,
    working: np.ndarray,
    counted: np.ndarray,
) -> np.ndarray:
    """Which shifts to keep: in each group entering the same rows, the cheapest (latest start,
    then earliest end) and every shift it does not enclose at no more cost."""
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


def join(*parts: Entries) -> Entries:
    if not parts:
        return np.zeros(0, np.int32), np.zeros(0, np.int64), np.zeros(0)
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))  # type: ignore[return-value]


def _crew_entries(model: StaffingModel, supply: int, picks: np.ndarray, crew) -> Entries:
    a = model.arrays[supply]
    found: list[Entries] = []
    for boundaries, rows in ((a.work_start[picks], crew.starts), (a.end[picks], crew.ends)):
        at = rows[boundaries]
        hit = np.flatnonzero(at >= 0)
        found.append((hit, at[hit], np.full(len(hit), crew.coef)))
    return join(*found)


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
    return join(*found)
