"""Moving shifts between supplies of one role so that no supply is over-used.

The station blocks (:mod:`eventplan.staffing.blocks`) choose shifts station by station, and
people of one role are interchangeable there: two stations may both draw on the same pool
while another pool of that role has people to spare. Moving a shift to a supply of the same
role, with the same shape at the same station, changes neither the cost nor the coverage when
the new supply carries every tag of the old one; to a supply with fewer tags it is done only
where the station's tagged needs stay covered.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from eventplan.staffing.model import Column, StaffingModel
from eventplan.staffing.supply import Supply

Shape = tuple[int, int, int, int, int, int, bool]


def rebalance(model: StaffingModel, counts: dict[Column, int]) -> dict[Column, int]:
    """``counts`` with shifts moved off supplies that work more shifts a day than they have
    people, where a same-role supply has people to spare (as far as that goes)."""
    plan = dict(counts)
    used: dict[tuple[int, int], int] = defaultdict(int)
    for column, n in plan.items():
        used[(column.supply, model.template(column).day)] += n
    shapes = _shapes(model)
    for (supply, day), n in sorted(used.items()):
        excess = n - model.supplies[supply].count
        if excess > 0:
            _move(model, plan, used, shapes, supply, day, excess)
    return {column: n for column, n in plan.items() if n > 0}


def _shapes(model: StaffingModel) -> list[dict[Shape, int]]:
    """Per supply: template index by shape, to find the same shift in another supply."""
    return [{_shape(t): i for i, t in enumerate(model.templates[s.index])} for s in model.supplies]


def _shape(t) -> Shape:
    return (t.day, t.start, t.end, t.break_start, t.break_end, t.brief, t.standing)


def _move(
    model: StaffingModel,
    plan: dict[Column, int],
    used: dict[tuple[int, int], int],
    shapes: list[dict[Shape, int]],
    supply: int,
    day: int,
    excess: int,
) -> None:
    source = model.supplies[supply]
    targets = _targets(model, source)
    mine = [c for c in plan if c.supply == supply]
    for column in sorted(mine, key=lambda c: (c.station, c.template)):
        template = model.template(column)
        if template.day != day or excess <= 0:
            continue
        for target in targets:
            spare = target.count - used[(target.index, day)]
            index = shapes[target.index].get(_shape(template))
            if spare <= 0 or index is None or not _offered(model, target.index, column, index):
                continue
            moved = min(plan[column], excess, spare)
            if not target.tags >= source.tags:
                moved = min(moved, _tag_room(model, plan, column, target))
            if moved <= 0:
                continue
            twin = Column(target.index, index, column.station)
            plan[column] -= moved
            plan[twin] = plan.get(twin, 0) + moved
            used[(supply, day)] -= moved
            used[(target.index, day)] += moved
            excess -= moved
            if plan[column] == 0:
                break


def _targets(model: StaffingModel, source: Supply) -> list[Supply]:
    """Supplies of the same role: those carrying every tag of ``source`` first."""
    same = [s for s in model.supplies if s.role == source.role and s.index != source.index]
    return sorted(same, key=lambda s: (not s.tags >= source.tags, len(s.tags), s.index))


def _offered(model: StaffingModel, supply: int, column: Column, template: int) -> bool:
    picks = model.candidates.get((supply, column.station))
    return picks is not None and bool(np.isin(template, picks))


def _tag_room(model: StaffingModel, plan: dict[Column, int], column: Column, target: Supply) -> int:
    """How many of ``column``'s people may move to ``target`` without a tagged need at the
    station falling short in any slot they work."""
    source = model.supplies[column.supply]
    station = model.requirements.stations[column.station]
    working = model.template(column).working()
    room = plan[column]
    for demand in station.demands:
        if not demand.admits(source.kind) or demand.admits(target.kind):
            continue
        have = np.zeros(model.grid.size, dtype=np.int64)
        for other, n in plan.items():
            if other.station == column.station and demand.admits(model.supplies[other.supply].kind):
                have[model.template(other).working()] += n
        spare = have[working] - demand.required[working]
        room = min(room, int(spare.min()) if len(spare) else room)
    return max(0, room)
