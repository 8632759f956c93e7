"""Shifts carried from one model to another by meaning, to seed a related model's LP.

A what-if variant differs from its base in head counts or a few settings; the shifts the base
plan used are likely useful to the variant, so they enter its model as its first columns.
Shifts are matched by meaning (pool and its availability, the shift's slots, the station id),
not by index, so seeding also works between models built from different scenario files, as
far as they share shifts.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from eventplan.staffing.model import Column, StaffingModel

#: A template's shape: (day, start, end, break start, break end), slots of the grid.
Shape = tuple[int, int, int, int, int]
#: A shift column by meaning: (pool, availability ranges, shape, station id).
ShiftKey = tuple[str, tuple[tuple[int, int], ...], Shape, str]


def used_shift_keys(model: StaffingModel, counts: np.ndarray) -> list[ShiftKey]:
    """The columns a solution uses (count above 0), by meaning.

    Only the used ones: the solver may price many more in (and adds whole posts' worth for its
    MIP stage), and seeding all of those made every variant's LP several times larger.
    """
    stations = model.requirements.stations
    keys = []
    for column, count in zip(model.columns, counts, strict=True):
        if count <= 0:
            continue
        supply = model.supplies[column.supply]
        t = model.template(column)
        shape = (t.day, t.start, t.end, t.break_start, t.break_end)
        keys.append((supply.pool, supply.ranges, shape, stations[column.station].id))
    return keys


def add_seeded_columns(model: StaffingModel, keys: Iterable[ShiftKey]) -> int:
    """Add the columns of ``keys`` that exist in ``model``; return how many were added."""
    supplies = {(s.pool, s.ranges): s.index for s in model.supplies}
    stations = {s.id: i for i, s in enumerate(model.requirements.stations)}
    shapes: dict[int, dict[Shape, int]] = {}
    added = 0
    for pool, ranges, shape, station_id in keys:
        supply = supplies.get((pool, ranges))
        station = stations.get(station_id)
        if supply is None or station is None:
            continue
        if supply not in shapes:
            shapes[supply] = {
                (t.day, t.start, t.end, t.break_start, t.break_end): i
                for i, t in enumerate(model.templates[supply])
            }
        template = shapes[supply].get(shape)
        candidates = model.candidates.get((supply, station))
        if template is None or candidates is None or not np.isin(template, candidates):
            continue
        if model.add_column(Column(supply, template, station)) is not None:
            added += 1
    return added
