"""Coverage of given shift counts, computed directly (no solver).

Used to complete a rounded plan with its exact shortfalls, and by the roster to report what
named people actually cover.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from eventplan.staffing.model import StaffingModel


def on_duty(model: StaffingModel, counts: np.ndarray) -> dict[tuple[int, str], np.ndarray]:
    """People working (not on break) per (station index, role) and slot."""
    duty: dict[tuple[int, str], np.ndarray] = defaultdict(
        lambda: np.zeros(model.grid.size, dtype=np.int64)
    )
    for column, count in zip(model.columns, counts, strict=False):
        if count <= 0:
            continue
        supply = model.supplies[column.supply]
        template = model.templates[column.supply][column.template]
        duty[(column.station, supply.role)][template.working()] += round(count)
    return duty


def complete_solution(model: StaffingModel, counts: np.ndarray) -> np.ndarray:
    """Every variable's value for shift ``counts``: the shortfalls they leave, exactly."""
    values = np.zeros(model.linear.num_vars)
    values[model.column_var] = counts
    duty = on_duty(model, counts)
    by_role: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(model.grid.size, np.int64))
    for (_station, role), counts in duty.items():
        by_role[role] += counts
    index = {id(s): i for i, s in enumerate(model.requirements.stations)}
    station_of = {
        d.station_id: index[id(s)] for s in model.requirements.stations for d in s.demands
    }
    for k, (demand, slot) in enumerate(model.shortfalls):
        if demand.source == "ratio":
            have = sum(int(by_role[r][slot]) for r in demand.roles if r in by_role)
        else:
            station = station_of[demand.station_id]
            have = sum(int(duty[(station, r)][slot]) for r in demand.roles if (station, r) in duty)
        values[model.shortfall_var[k]] = max(0, int(demand.required[slot]) - have)
    return values
