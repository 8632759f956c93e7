"""Coverage of given shift counts, computed directly (no solver).

Used to complete a rounded plan with its exact shortfalls (and the people it draws, when
people are minimised), and by the roster to report what named people actually cover.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np

from eventplan.staffing.model import StaffingModel
from eventplan.staffing.supply import SupplyKind


def on_duty(model: StaffingModel, counts: np.ndarray) -> dict[tuple[int, SupplyKind], np.ndarray]:
    """People working (not on break) per (station index, supply kind) and slot."""
    duty: dict[tuple[int, SupplyKind], np.ndarray] = defaultdict(
        lambda: np.zeros(model.grid.size, dtype=np.int64)
    )
    for column, count in zip(model.columns, counts, strict=False):
        if count <= 0:
            continue
        supply = model.supplies[column.supply]
        template = model.templates[column.supply][column.template]
        duty[(column.station, supply.kind)][template.working()] += round(count)
    return duty


def complete_solution(model: StaffingModel, counts: np.ndarray) -> np.ndarray:
    """Every variable's value for shift ``counts``: the shortfalls they leave, exactly."""
    values = np.zeros(model.linear.num_vars)
    values[model.column_var] = counts
    duty = on_duty(model, counts)
    by_kind: dict[SupplyKind, np.ndarray] = defaultdict(lambda: np.zeros(model.grid.size, np.int64))
    at_station: dict[int, list[tuple[SupplyKind, np.ndarray]]] = defaultdict(list)
    for (station, kind), people in duty.items():
        by_kind[kind] += people
        at_station[station].append((kind, people))
    index = {id(s): i for i, s in enumerate(model.requirements.stations)}
    station_of = {
        d.station_id: index[id(s)] for s in model.requirements.stations for d in s.demands
    }
    variables = np.asarray(model.shortfall_var, dtype=np.int64)
    for first, last in _demand_runs(model):
        demand = model.shortfalls[first][0]
        slots = np.fromiter((slot for _d, slot in model.shortfalls[first:last]), np.int64)
        if demand.source == "ratio":
            counted = by_kind.items()
        else:
            counted = at_station[station_of[demand.station_id]]
        have = np.zeros(len(slots), dtype=np.int64)
        for kind, people in counted:
            if demand.admits(kind):
                have += people[slots]
        required = demand.required[slots].astype(np.int64)
        values[variables[first:last]] = np.maximum(0, required - have)
    if model.head_var:
        _draw_heads(model, values)
    return values


def _draw_heads(model: StaffingModel, values: np.ndarray) -> None:
    """People drawn per supply: the fewest its day, ``max_days`` and rest rows allow."""
    linear = model.linear
    rows = np.asarray(linear.rows, dtype=np.int64)
    cols = np.asarray(linear.cols, dtype=np.int64)
    vals = np.asarray(linear.vals, dtype=np.float64)
    heads = np.array(sorted(model.head_var.values()), dtype=np.int64)
    is_head = np.isin(cols, heads)
    activity = np.zeros(linear.num_rows)
    np.add.at(activity, rows[~is_head], vals[~is_head] * values[cols[~is_head]])
    needed = np.zeros(linear.num_vars)
    head_rows, head_cols, per_person = rows[is_head], cols[is_head], -vals[is_head]
    np.maximum.at(needed, head_cols, np.ceil(activity[head_rows] / per_person - 1e-9))
    values[heads] = needed[heads]


def _demand_runs(model: StaffingModel) -> list[tuple[int, int]]:
    """Ranges of consecutive shortfalls of one demand (each demand's slots are added in a row)."""
    shortfalls = model.shortfalls
    cuts = [k for k in range(1, len(shortfalls)) if shortfalls[k][0] is not shortfalls[k - 1][0]]
    edges = [0, *cuts, len(shortfalls)]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]
