"""The staffing problem every method in the benchmark solves, in one shared form.

Built from eventplan's own definitions, so every method sees the same problem: the demands
(:mod:`eventplan.staffing.demand`), the supplies of alike people and their shift templates
(:mod:`eventplan.staffing.supply`). An *option* of a supply is a (template, station) pair worth
considering: the station has a demand the supply's role counts toward, in a slot the template
works. Nothing here depends on how eventplan's solver builds or solves its model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from eventplan.scenario import Scenario
from eventplan.staffing.demand import Demand, Requirements, Station
from eventplan.staffing.model import STABILITY_WEIGHT  # the tie-break per shift started
from eventplan.staffing.requirements import requirements
from eventplan.staffing.supply import Supply, build_supplies
from eventplan.staffing.templates import Template, build_templates, change_points, shift_rules
from eventplan.timegrid import TimeGrid, build_grid


@dataclass(frozen=True)
class Problem:
    """Demands, supplies, templates and options of one scenario."""

    scenario: Scenario
    grid: TimeGrid
    requirements: Requirements
    supplies: tuple[Supply, ...]
    templates: tuple[tuple[Template, ...], ...]

    @property
    def stations(self) -> tuple[Station, ...]:
        return self.requirements.stations

    @cached_property
    def station_index(self) -> dict[str, int]:
        return {s.id: i for i, s in enumerate(self.stations)}

    @cached_property
    def working(self) -> tuple[np.ndarray, ...]:
        """Per supply: a templates x slots Boolean matrix, True where the template works."""
        out = []
        for templates in self.templates:
            matrix = np.zeros((len(templates), self.grid.size), dtype=bool)
            for t, template in enumerate(templates):
                matrix[t, template.working()] = True
            out.append(matrix)
        return tuple(out)

    @cached_property
    def options(self) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        """Per supply: (template indexes, station indexes) of every useful pairing."""
        out = []
        for supply, matrix in zip(self.supplies, self.working, strict=True):
            templates, stations = [], []
            for st, station in enumerate(self.stations):
                if supply.role not in station.roles:
                    continue
                needed = np.zeros(self.grid.size, dtype=bool)
                for demand in station.demands:
                    if supply.role in demand.roles:
                        needed |= demand.required > 0
                useful = np.flatnonzero(matrix[:, needed].any(axis=1))
                templates.append(useful)
                stations.append(np.full(len(useful), st))
            out.append(
                (
                    np.concatenate(templates or [np.zeros(0, int)]).astype(np.int64),
                    np.concatenate(stations or [np.zeros(0, int)]).astype(np.int64),
                )
            )
        return tuple(out)

    def option_count(self) -> int:
        return int(sum(len(t) for t, _ in self.options))

    def cost(self, supply: int, template: Template) -> float:
        """Objective units of one person working ``template`` (paid cost + tie-break)."""
        role = self.scenario.roles[self.supplies[supply].role]
        hours = template.length * self.grid.slot_hours
        return self.scenario.objective.cost_weight * role.cost * hours + STABILITY_WEIGHT

    def weight(self, demand: Demand) -> float:
        """Objective units of one uncovered person-slot of ``demand``."""
        return self.scenario.objective.weight(demand.priority) * self.grid.slot_hours


def build_problem(scenario: Scenario) -> Problem:
    """The shared problem of a scenario (patrol teams and drone crews as the file gives them)."""
    grid = build_grid(scenario)
    need = requirements(scenario, grid)
    supplies = build_supplies(scenario, grid)
    points = change_points(grid, (d.required for d in need.all_demands()))
    templates = tuple(
        tuple(build_templates(s, shift_rules(scenario, s.role), grid, points)) for s in supplies
    )
    return Problem(scenario, grid, need, tuple(supplies), templates)
