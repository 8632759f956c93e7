"""The aggregated staffing model (DESIGN section 6), built as plain sparse arrays.

Decision: ``x[supply, template, station]``, how many people of a supply work a shift template at
a station. Never a variable per person. Coverage is counted through on-duty variables
``c[station, role, slot]`` linked by differences (a shift adds one at its start and at the end
of its break, removes one at its end and at the start of its break), so each ``x`` touches four
rows rather than one per slot it covers. This keeps the model sparse at city scale and turns
the consecutive-slot structure of templates into a network-like matrix whose LP relaxation is
usually integral.

Objective (minimised): priority-weighted uncovered person-hours, plus ``cost_weight`` x paid
cost, plus a small stability term per shift started (each is a hand-over at a post).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from eventplan.scenario import Scenario
from eventplan.staffing.demand import Demand, Requirements, Station
from eventplan.staffing.supply import Supply, Template, build_templates, change_points, shift_rules
from eventplan.timegrid import TimeGrid

#: Objective units per shift started: far below any cost, so it only breaks ties toward plans
#: with fewer, longer shifts (fewer post changes).
STABILITY_WEIGHT = 0.01


@dataclass(frozen=True)
class Column:
    """One integer decision: people of ``supply`` on ``template`` at ``station``."""

    supply: int
    template: int
    station: int


@dataclass
class StaffingModel:
    """A mixed-integer model in arrays, ready for any OR-Tools backend."""

    scenario: Scenario
    grid: TimeGrid
    requirements: Requirements
    supplies: list[Supply]
    templates: list[list[Template]]
    columns: list[Column] = field(default_factory=list)
    #: (demand, slot) of each shortfall variable
    shortfalls: list[tuple[Demand, int]] = field(default_factory=list)
    # variables: x columns first, then on-duty counts, then shortfalls
    var_lb: list[float] = field(default_factory=list)
    var_ub: list[float] = field(default_factory=list)
    var_obj: list[float] = field(default_factory=list)
    var_int: list[bool] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)
    vals: list[float] = field(default_factory=list)
    row_lb: list[float] = field(default_factory=list)
    row_ub: list[float] = field(default_factory=list)
    first_shortfall: int = 0

    @property
    def num_vars(self) -> int:
        return len(self.var_lb)

    @property
    def num_rows(self) -> int:
        return len(self.row_lb)

    def add_var(self, lb: float, ub: float, obj: float, integer: bool) -> int:
        self.var_lb.append(lb)
        self.var_ub.append(ub)
        self.var_obj.append(obj)
        self.var_int.append(integer)
        return len(self.var_lb) - 1

    def add_row(self, terms: list[tuple[int, float]], lb: float, ub: float) -> int:
        row = len(self.row_lb)
        for col, val in terms:
            self.rows.append(row)
            self.cols.append(col)
            self.vals.append(val)
        self.row_lb.append(lb)
        self.row_ub.append(ub)
        return row

    def template_cost(self, column: Column) -> float:
        """Paid cost of one person on this column's shift (role cost x shift hours)."""
        supply = self.supplies[column.supply]
        template = self.templates[column.supply][column.template]
        return self.scenario.roles[supply.role].cost * template.length * self.grid.slot_hours


def build_model(scenario: Scenario, grid: TimeGrid, requirements: Requirements) -> StaffingModel:
    """Build the aggregated staffing model of a scenario."""
    from eventplan.staffing.supply import build_supplies

    supplies = build_supplies(scenario, grid)
    points = change_points(grid, (d.required for d in requirements.all_demands()))
    templates = [build_templates(s, shift_rules(scenario, s.role), grid, points) for s in supplies]
    model = StaffingModel(scenario, grid, requirements, supplies, templates)
    duty = _add_columns(model)
    _add_coverage(model, duty)
    _add_supply_limits(model)
    return model


def _needed_slots(station: Station, role: str, size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    for demand in station.demands:
        if role in demand.roles:
            mask |= demand.required > 0
    return mask


def _add_columns(model: StaffingModel) -> dict[tuple[int, str], dict[int, int]]:
    """Create the x columns and the on-duty difference rows; return c variables by slot."""
    scenario, grid = model.scenario, model.grid
    weight = scenario.objective.cost_weight
    # events[(station, role)][slot] -> list of (column var, +1/-1) changing the on-duty count
    changes: dict[tuple[int, str], dict[int, list[tuple[int, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    blocks_used: dict[tuple[int, str], set[int]] = defaultdict(set)
    for st_index, station in enumerate(model.requirements.stations):
        for supply in model.supplies:
            if supply.role not in station.roles:
                continue
            needed = _needed_slots(station, supply.role, grid.size)
            if not needed.any():
                continue
            for t_index, template in enumerate(model.templates[supply.index]):
                if not needed[template.working()].any():
                    continue
                column = Column(supply.index, t_index, st_index)
                var = model.add_var(
                    0, supply.count, weight * model.template_cost(column) + STABILITY_WEIGHT, True
                )
                model.columns.append(column)
                slots = changes[(st_index, supply.role)]
                slots[template.start].append((var, 1.0))
                blocks_used[(st_index, supply.role)].add(template.block)
                if template.end < grid.blocks[template.block][1]:  # else the chain ends there
                    slots[template.end].append((var, -1.0))
                if template.break_start >= 0:
                    slots[template.break_start].append((var, -1.0))
                    slots[template.break_end].append((var, 1.0))
    duty: dict[tuple[int, str], dict[int, int]] = {}
    for key, by_slot in changes.items():
        ub = sum(s.count for s in model.supplies if s.role == key[1])
        duty[key] = _duty_chain(model, by_slot, blocks_used[key], ub)
    return duty


def _duty_chain(
    model: StaffingModel,
    by_slot: dict[int, list[tuple[int, float]]],
    blocks: set[int],
    ub: float,
) -> dict[int, int]:
    """On-duty variables over the blocks touched, linked by c[i] = c[i-1] + changes[i]."""
    grid = model.grid
    chain: dict[int, int] = {}
    for block in sorted(blocks):
        first, last = grid.blocks[block]
        previous = None
        for slot in range(first, last):
            var = model.add_var(0, ub, 0.0, False)
            terms = [(var, 1.0)] + [(col, -sign) for col, sign in by_slot.get(slot, ())]
            if previous is not None:
                terms.append((previous, -1.0))
            model.add_row(terms, 0.0, 0.0)
            chain[slot] = var
            previous = var
    return chain


def _add_coverage(model: StaffingModel, duty: dict[tuple[int, str], dict[int, int]]) -> None:
    grid, scenario = model.grid, model.scenario
    model.first_shortfall = model.num_vars
    by_role: dict[str, list[dict[int, int]]] = defaultdict(list)
    for (_station, role), chain in duty.items():
        by_role[role].append(chain)
    for st_index, station in enumerate(model.requirements.stations):
        for demand in station.demands:
            chains = [duty[(st_index, r)] for r in demand.roles if (st_index, r) in duty]
            _cover(model, demand, chains, scenario.objective.weight(demand.priority), grid)
    for demand in model.requirements.ratios:
        chains = [c for r in demand.roles for c in by_role.get(r, ())]
        _cover(model, demand, chains, scenario.objective.weight(demand.priority), grid)


def _cover(
    model: StaffingModel, demand: Demand, chains: list[dict[int, int]], weight: float,
    grid: TimeGrid,
) -> None:
    for slot in np.flatnonzero(demand.required):
        required = float(demand.required[slot])
        short = model.add_var(0, required, weight * grid.slot_hours, False)
        model.shortfalls.append((demand, int(slot)))
        terms = [(short, 1.0)] + [(chain[slot], 1.0) for chain in chains if slot in chain]
        model.add_row(terms, required, math.inf)


def _add_supply_limits(model: StaffingModel) -> None:
    """Each person works at most one shift a day, on at most ``max_days`` days, rested."""
    rules = model.scenario.rules
    rest_slots = math.ceil(rules.min_rest_hours * 60 / model.grid.slot_minutes - 1e-9)
    by_supply_block: dict[tuple[int, int], list[int]] = defaultdict(list)
    for var, column in enumerate(model.columns):
        block = model.templates[column.supply][column.template].block
        by_supply_block[(column.supply, block)].append(var)
    blocks = len(model.grid.blocks)
    for supply in model.supplies:
        per_block = [by_supply_block.get((supply.index, b), []) for b in range(blocks)]
        for vars_ in per_block:
            if vars_:
                model.add_row([(v, 1.0) for v in vars_], -math.inf, supply.count)
        used = [v for vars_ in per_block for v in vars_]
        if blocks > rules.max_days and used:
            model.add_row([(v, 1.0) for v in used], -math.inf, supply.count * rules.max_days)
        for b in range(blocks - 1):
            _rest_rows(model, supply, per_block[b], per_block[b + 1], rest_slots)


def _rest_rows(
    model: StaffingModel, supply: Supply, today: list[int], tomorrow: list[int], rest: int
) -> None:
    """People needed for two consecutive days when some shift pairs are too close.

    A day-one shift ending at e and a day-two shift starting at s can be worked by one person
    only if s - e >= rest. Pairs nest (an earlier end is compatible with more starts), so by
    Hall's theorem the people needed are the most, over the day-one end times e, of the shifts
    ending at e or later plus the day-two shifts starting before e + rest.
    """
    if not today or not tomorrow:
        return
    grid = model.grid
    templates = model.templates[supply.index]

    def moment(slot: int):  # noqa: ANN202
        return grid.end(slot - 1)

    ends = {v: moment(templates[model.columns[v].template].end) for v in today}
    starts = {v: grid.start(templates[model.columns[v].template].start) for v in tomorrow}
    gap = grid.slot * rest
    for end in sorted(set(ends.values())):
        late = [v for v, e in ends.items() if e >= end]
        early = [v for v, s in starts.items() if s < end + gap]
        if early:
            model.add_row([(v, 1.0) for v in late + early], -math.inf, supply.count)
