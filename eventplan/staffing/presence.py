"""Presence cuts: valid rows that keep the LP from covering a need with slices of shifts.

A post that needs one officer from 16:00 to 24:00 cannot be held by one officer with a meal
break: an integer plan takes two officers or leaves the break short. The LP takes a sixth of
each of seven shifts whose breaks fall at different times, and so covers every slot with 1.17
officers' pay; on a generated 5,000-staff event with supervision that left the station blocks'
LPs 20 % under their optima, and their MIPs took seconds to close the gap with cuts of their
own.

The rows here close it ahead. At a station, for a set of roles R and a run T of consecutive
slots, take in every slot a valid row "people of R there + c_t x shortfall_t >= q_t" (the
coverage row of a need whose roles are all in R, with c = 1 and q = the need, or a supervisor
row of ``rows``). Summed over T: sum_j w_j x_j + sum_t c_t s_t >= Q, where w_j is the number of
slots of T that shift j works and Q = sum q_t. With L the most slots of T any shift of R
works, divided by L and rounded (mixed-integer rounding, with the shortfalls as continuous):

    sum over the shifts of R that meet T of x_j + sum_t c_t s_t / (Q mod L) >= ceil(Q / L)

(every shift's w_j / L is at most 1, and giving 1 to a shift that meets T without working in
it only adds to the left). Where Q is a multiple of L rounding adds nothing and no row is made.
The rows are the model's ``span_rows``: a shift enters one with 1 if it meets the span.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from eventplan.staffing.model import PresenceRow, SpanRow, StaffingModel


def supervisor_level(need: int, share: int) -> tuple[int, float]:
    """Level and shortfall coefficient of "supervisors + coef x shortfall >= level" from
    "supervisors x share + shortfall >= need" (each supervisor stands for at most ``share``
    of the people counted): divided by ``share`` and rounded, with f the fraction of
    need / share, supervisors + shortfall / (share x f) >= ceil(need / share)."""
    level = -(-need // share)
    rest = need % share
    return level, 1.0 / (rest if rest else share)


@dataclass
class _SlotRows:
    """One valid row per slot of the grid: its level (0 where none), shortfall variable and
    the shortfall's coefficient."""

    level: np.ndarray
    short: np.ndarray
    coef: np.ndarray

    @classmethod
    def none(cls, size: int) -> _SlotRows:
        return cls(np.zeros(size, np.int64), np.full(size, -1, np.int64), np.ones(size))

    def keep_stronger(self, other: _SlotRows) -> None:
        """Per slot, the other's row where it is stronger: a higher level, or the same level
        with a smaller coefficient (the shortfall makes up less of it)."""
        higher = other.level > self.level
        tighter = (other.level == self.level) & (other.level > 0) & (other.coef < self.coef)
        take = higher | tighter
        self.level = np.where(take, other.level, self.level)
        self.short = np.where(take, other.short, self.short)
        self.coef = np.where(take, other.coef, self.coef)


def add_presence_cuts(model: StaffingModel) -> int:
    """Add the presence cuts of every station (see the module); returns how many."""
    size = model.grid.size
    shorts: dict[int, np.ndarray] = {}
    for (demand, slot), var in zip(model.shortfalls, model.shortfall_var, strict=True):
        if id(demand) not in shorts:
            shorts[id(demand)] = np.full(size, -1, np.int64)
        shorts[id(demand)][slot] = var
    supervisors: dict[int, list[tuple[frozenset[str], _SlotRows]]] = defaultdict(list)
    for (station, roles), rows in model.supervisor_rows.items():
        supervisors[station].append((roles, _from_rows(rows, size)))
    made = 0
    most_worked = functools.cache(functools.partial(_most_worked, model))
    for station_index, station in enumerate(model.requirements.stations):
        found: dict[frozenset[str], list[_SlotRows]] = defaultdict(list)
        for demand in station.demands:
            level = np.asarray(demand.required, dtype=np.int64)
            found[frozenset(demand.roles)].append(
                _SlotRows(level, shorts.get(id(demand), np.full(size, -1, np.int64)), np.ones(size))
            )
        for roles, rows in supervisors.get(station_index, ()):
            found[roles].append(rows)
        for roles in list(found):
            # a valid row of roles R' holds for every R containing R' (more people counted)
            best = _SlotRows.none(size)
            for inner, parts in found.items():
                if inner <= roles:
                    for part in parts:
                        best.keep_stronger(part)
            made += _add_cuts(model, station_index, roles, best, most_worked)
    return made


def _from_rows(rows: list[PresenceRow], size: int) -> _SlotRows:
    """The strongest of the rows in each slot, as arrays."""
    found = _SlotRows.none(size)
    if not rows:
        return found
    slot = np.array([r.slot for r in rows], np.int64)
    level = np.array([r.level for r in rows], np.int64)
    short = np.array([r.short for r in rows], np.int64)
    coef = np.array([r.coef for r in rows])
    strongest = np.lexsort((coef, -level))  # per slot the first is the strongest
    first = strongest[np.unique(slot[strongest], return_index=True)[1]]
    found.level[slot[first]], found.short[slot[first]] = level[first], short[first]
    found.coef[slot[first]] = coef[first]
    return found


def _add_cuts(
    model: StaffingModel,
    station: int,
    roles: frozenset[str],
    best: _SlotRows,
    most_worked: Callable[[int, int, int], int],
) -> int:
    """One cut per run of slots with a row (``most_worked(supply, first, last)``)."""
    supplies = [s for s, supply in enumerate(model.supplies) if supply.role in roles]
    if not supplies:
        return 0
    made = 0
    for first, last in _runs(best.level > 0):
        most = max(most_worked(s, first, last) for s in supplies)
        total = int(best.level[first:last].sum())
        if most <= 0 or total % most == 0:
            continue
        rest = total % most
        entries = list(
            zip(
                best.short[first:last].tolist(),
                (best.coef[first:last] / rest).tolist(),
                strict=True,
            )
        )
        row = model.linear.add_row(entries, float(-(-total // most)), math.inf)
        for role in sorted(roles):
            model.span_rows.setdefault((station, role), []).append(SpanRow(first, last, row))
        made += 1
    return made


def _runs(on: np.ndarray) -> list[tuple[int, int]]:
    """Maximal runs [first, last) of slots where ``on`` holds."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], on.astype(np.int8), [0]])))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _most_worked(model: StaffingModel, supply: int, first: int, last: int) -> int:
    """The most slots of [first, last) any template of the supply works."""
    a = model.arrays[supply]
    work = np.minimum(a.end, last) - np.maximum(a.work_start, first)
    on_break = np.minimum(a.break_end, last) - np.maximum(a.break_start, first)
    on_break = np.where(a.break_start >= 0, np.maximum(on_break, 0), 0)
    return int(np.max(work - on_break, initial=0))
