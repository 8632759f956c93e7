"""People on duty at a short post staying there longer (see :mod:`eventplan.replan.options`)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from eventplan.replan.options import Allowed, Option, Situation
from eventplan.staffing.templates import Template


def lengthen_options(s: Situation, targets: set[str]) -> list[Option]:
    """People on duty at a short post staying longer there: a template of their supply with
    the same start, briefing and break and a later end, allowed at that post."""
    model = s.model
    allowed = Allowed(model)
    groups: dict[tuple[int, Template, str], list[str]] = defaultdict(list)
    for shift in s.shifts:
        if shift.station_id in targets and not shift.instance and shift.template.end > s.first:
            groups[(shift.supply, shift.template, shift.station_id)].append(shift.person)
    gap = s.short()
    options = []
    for (supply_index, template, station), people in sorted(groups.items(), key=_group_order):
        supply = model.supplies[supply_index]
        for longer in model.templates[supply_index]:
            same = (longer.start, longer.brief, longer.break_start, longer.break_end)
            if same != (template.start, template.brief, template.break_start, template.break_end):
                continue
            if longer.end <= template.end or not allowed(supply_index, longer, station):
                continue
            added = np.arange(template.end, longer.end)
            terms = s.terms(supply.kind, station, added, +1)
            if not any(gap[i, t] > 0 for i, t in terms):
                continue
            cost = model.scenario.roles[supply.role].cost * len(added) * model.grid.slot_hours
            options.append(
                Option("lengthened", supply_index, longer, station, len(people), terms, cost,
                       station, template.end, template.end, 0.0, tuple(sorted(people)))
            )  # fmt: skip
    return options


def _group_order(item: tuple[tuple[int, Template, str], list[str]]) -> tuple:
    (supply, template, station), _people = item
    return (station, supply, template.start, template.end)
