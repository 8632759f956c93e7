"""Why a need is left uncovered, in the words a planner would use.

Causes are tested from the most basic to the most subtle: nobody of those roles exists; nobody
is available at those hours; no allowed shift fits the hours people are available; every
available person is already on shift that day (the pool is exhausted); rest or ``max_days``
rules leave nobody free; otherwise the optimiser judged the shortfall cheaper than the shifts
that would close it (a low priority weight against long minimum shifts).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache

from eventplan.staffing.model import StaffingModel
from eventplan.staffing.roster import Roster
from eventplan.staffing.templates import shift_rules

Cause = Callable[[str, str, int], str]


def explainer(model: StaffingModel, roster: Roster) -> Cause:
    """A function giving the cause of uncovered need for (role group, priority, slot).

    The cause does not depend on the post, so it is computed once per group, priority and slot.
    """
    used_by_day: dict[int, Counter[int]] = {}
    for shift in roster.shifts:
        used_by_day.setdefault(shift.template.day, Counter())[shift.supply] += 1
    unfilled = {s for s, _t, _p in roster.unfilled}

    @cache
    def cause(group: str, priority: str, slot: int) -> str:
        return _explain(model, used_by_day, unfilled, group, priority, slot)

    return cause


def _explain(
    model: StaffingModel,
    used_by_day: dict[int, Counter[int]],
    unfilled: set[int],
    group: str,
    priority: str,
    slot: int,
) -> str:
    scenario, grid = model.scenario, model.grid
    roles = group.split("+")
    first = last = slot
    label = " or ".join(roles)
    supplies = [s for s in model.supplies if s.role in roles]
    if not supplies:
        return f"no pool supplies {label}"
    available = [s for s in supplies if any(a <= first and last < b for a, b in s.ranges)]
    if not available:
        return f"nobody of role {label} is available then (pools: {_pools(supplies)})"
    fitting = [
        s
        for s in available
        if any(t.works(first) or t.works(last) for t in model.templates[s.index])
    ]
    if not fitting:
        rule = shift_rules(scenario, available[0].role)
        low = rule.min_slots * grid.slot_minutes / 60
        return (
            f"no allowed shift covers these hours: {label} shifts last at least {low:g} h, "
            f"longer than pools {_pools(available)} are available around them"
        )
    used = used_by_day.get(grid.day_of(first), Counter())
    exhausted = [s for s in fitting if used[s.index] >= s.count]
    if len(exhausted) == len(fitting):
        total = sum(s.count for s in fitting)
        return (
            f"pool exhausted: all {total} {label} of {_pools(fitting)} are already on "
            f"shift that day"
        )
    if any(s.index in unfilled for s in fitting):
        return (
            f"rest rules ({scenario.rules.min_rest_hours:g} h between shifts, at most "
            f"{scenario.rules.max_days} days) leave no {label} of {_pools(fitting)} free"
        )
    weight = scenario.objective.weight(priority)
    return (
        f"left open by choice: at {priority} priority (weight {weight:g} per "
        f"person-hour) the shortest shift that would cover it costs more"
    )


def _pools(supplies) -> str:
    names = sorted({s.pool for s in supplies})
    return ", ".join(f"'{n}'" for n in names)
