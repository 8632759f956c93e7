"""Presence cuts: valid rows that keep the LP from covering a need with slices of shifts.

A post that needs one officer from 16:00 to 24:00 cannot be held by one officer with a meal
break: an integer plan takes two officers or leaves the break short. The LP takes a sixth of
each of six shifts whose breaks fall at different times, and so covers every slot with 1.17
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

import math
from collections import defaultdict

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


def add_presence_cuts(model: StaffingModel) -> int:
    """Add the presence cuts of every station (see the module); returns how many."""
    made = 0
    short_of = {
        (id(demand), slot): var
        for (demand, slot), var in zip(model.shortfalls, model.shortfall_var, strict=True)
    }
    for station_index, station in enumerate(model.requirements.stations):
        found: dict[frozenset[str], list[PresenceRow]] = defaultdict(list)
        for demand in station.demands:
            found[frozenset(demand.roles)] += [
                PresenceRow(int(t), int(demand.required[t]), short_of[(id(demand), int(t))], 1.0)
                for t in np.flatnonzero(demand.required)
            ]
        for (index, roles), rows in model.supervisor_rows.items():
            if index == station_index:
                found[roles] += rows
        for roles in found:
            # a valid row of roles R' holds for every R containing R' (more people counted)
            rows = [row for inner, part in found.items() if inner <= roles for row in part]
            made += _add_cuts(model, station_index, roles, rows)
    return made


def _add_cuts(
    model: StaffingModel, station: int, roles: frozenset[str], rows: list[PresenceRow]
) -> int:
    """One cut per run of slots with a row: the strongest row of each slot (highest level)."""
    best: dict[int, PresenceRow] = {}
    for row in rows:
        held = best.get(row.slot)
        if held is None or (row.level, -row.coef) > (held.level, -held.coef):
            best[row.slot] = row
    supplies = [s for s, supply in enumerate(model.supplies) if supply.role in roles]
    if not supplies or not best:
        return 0
    made = 0
    for first, last in _runs(sorted(best)):
        most = max(_most_worked(model, s, first, last) for s in supplies)
        total = sum(best[t].level for t in range(first, last))
        if most <= 0 or total % most == 0:
            continue
        rest = total % most
        entries = [(best[t].short, best[t].coef / rest) for t in range(first, last)]
        row = model.linear.add_row(entries, float(-(-total // most)), math.inf)
        for role in sorted(roles):
            model.span_rows.setdefault((station, role), []).append(SpanRow(first, last, row))
        made += 1
    return made


def _runs(slots: list[int]) -> list[tuple[int, int]]:
    """Maximal runs [first, last) of consecutive slots."""
    runs: list[tuple[int, int]] = []
    for slot in slots:
        if runs and runs[-1][1] == slot:
            runs[-1] = (runs[-1][0], slot + 1)
        else:
            runs.append((slot, slot + 1))
    return runs


def _most_worked(model: StaffingModel, supply: int, first: int, last: int) -> int:
    """The most slots of [first, last) any template of the supply works."""
    a = model.arrays[supply]
    work = np.minimum(a.end, last) - np.maximum(a.work_start, first)
    on_break = np.minimum(a.break_end, last) - np.maximum(a.break_start, first)
    on_break = np.where(a.break_start >= 0, np.maximum(on_break, 0), 0)
    return int(np.max(work - on_break, initial=0))
