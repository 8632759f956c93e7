"""Coverage of given shift counts, computed directly (no solver).

Used to complete a rounded plan with its exact shortfalls (and the people it draws, when
people are minimised), and by the roster to report what named people actually cover.
"""

from __future__ import annotations

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
    for k, (demand, slot) in enumerate(model.shortfalls):
        if demand.source == "ratio":
            have = sum(int(people[slot]) for kind, people in by_kind.items() if demand.admits(kind))
        else:
            station = station_of[demand.station_id]
            have = sum(
                int(people[slot]) for kind, people in at_station[station] if demand.admits(kind)
            )
        values[model.shortfall_var[k]] = max(0, int(demand.required[slot]) - have)
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
