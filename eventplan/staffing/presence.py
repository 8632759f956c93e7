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

import numpy as np

from eventplan.staffing.model import LevelRows, SpanRow, StaffingModel


def supervisor_level(need: np.ndarray | int, share: int) -> tuple[np.ndarray | int, np.ndarray]:
    """Level and shortfall coefficient of "supervisors + coef x shortfall >= level" from
    "supervisors x share + shortfall >= need" (each supervisor stands for at most ``share``
    of the people counted): divided by ``share`` and rounded, with f the fraction of
    need / share, supervisors + shortfall / (share x f) >= ceil(need / share). ``need`` may
    be a whole number or an array of them."""
    rest = need % share
    return -(-need // share), 1.0 / np.where(rest > 0, rest, share)


def add_presence_cuts(model: StaffingModel) -> int:
    """Add the presence cuts of every station (see the module); returns how many."""
    size = model.grid.size
    shorts = model.shortfall_slots()
    unmet = np.full(size, -1, np.int64)  # a demand never required has no shortfall variable
    supervisors: dict[int, list[tuple[frozenset[str], LevelRows]]] = defaultdict(list)
    for (station, roles), rows in model.supervisor_rows.items():
        supervisors[station].append((roles, rows))
    made = 0
    most_worked = functools.cache(functools.partial(_most_worked, model))
    for station_index, station in enumerate(model.requirements.stations):
        found: dict[frozenset[str], list[LevelRows]] = defaultdict(list)
        for demand in station.demands:
            level = np.asarray(demand.required, dtype=np.int64)
            rows = LevelRows(level, shorts.get(id(demand), unmet), np.ones(size))
            found[frozenset(demand.roles)].append(rows)
        for roles, rows in supervisors.get(station_index, ()):
            found[roles].append(rows)
        for roles in list(found):
            # a valid row of roles R' holds for every R containing R' (more people counted)
            best = LevelRows.none(size)
            for inner, parts in found.items():
                if inner <= roles:
                    for part in parts:
                        best.keep_stronger(part)
            made += _add_cuts(model, station_index, roles, best, most_worked)
    return made


def _add_cuts(
    model: StaffingModel,
    station: int,
    roles: frozenset[str],
    best: LevelRows,
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
