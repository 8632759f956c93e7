"""Why a need is left uncovered, in the words a planner would use.

Causes are tested from the most basic to the most subtle: nobody of those roles exists; nobody
is available at those hours; no allowed shift fits the hours people are available; every
available person is already on shift that day (the pool is exhausted); rest or ``max_days``
rules leave nobody free; otherwise the optimiser judged the shortfall cheaper than the shifts
that would close it (a low priority weight against long minimum shifts).
"""

from __future__ import annotations

from collections import Counter

from eventplan.staffing.model import StaffingModel
from eventplan.staffing.roster import Roster
from eventplan.staffing.supply import shift_rules


def explain(model: StaffingModel, roster: Roster, run: dict) -> str:
    """The binding cause of one shortfall run (see :func:`coverage.shortfall_runs`)."""
    scenario, grid = model.scenario, model.grid
    roles = run["role_group"].split("+")
    first, last = run["_first"], run["_last"]
    label = " or ".join(roles)
    supplies = [s for s in model.supplies if s.role in roles]
    if not supplies:
        return f"no pool supplies {label}"
    available = [s for s in supplies if any(a <= first and last < b for a, b in s.ranges)]
    if not available:
        partly = [s for s in supplies if any(a <= last and first < b for a, b in s.ranges)]
        if partly:
            return (f"only part of {_hours(grid, first, last)} has {label} available "
                    f"(pools: {_pools(partly)})")
        return f"nobody of role {label} is available {_hours(grid, first, last)}"
    fitting = [s for s in available if any(
        t.works(first) or t.works(last) for t in model.templates[s.index])]
    if not fitting:
        rule = shift_rules(scenario, available[0].role)
        low = rule.min_slots * grid.slot_minutes / 60
        return (f"no allowed shift covers {_hours(grid, first, last)}: {label} shifts last at "
                f"least {low:g} h, longer than the availability of pools {_pools(available)}")
    block = grid.block_of(first)
    used = Counter(sh.supply for sh in roster.shifts if sh.template.block == block)
    exhausted = [s for s in fitting if used[s.index] >= s.count]
    if len(exhausted) == len(fitting):
        total = sum(s.count for s in fitting)
        return (f"pool exhausted: all {total} {label} of {_pools(fitting)} are already on "
                f"shift that day")
    if any(s for s, _t, _p in roster.unfilled if model.supplies[s] in fitting):
        return (f"rest rules ({scenario.rules.min_rest_hours:g} h between shifts, at most "
                f"{scenario.rules.max_days} days) leave no {label} of {_pools(fitting)} free")
    weight = scenario.objective.weight(run["priority"])
    return (f"left open by choice: at {run['priority']} priority (weight {weight:g} per "
            f"person-hour) the shortest shift that would cover it costs more")


def _hours(grid, first: int, last: int) -> str:  # noqa: ANN001
    start, end = grid.start(first), grid.end(last)
    return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}"


def _pools(supplies) -> str:  # noqa: ANN001
    names = sorted({s.pool for s in supplies})
    return ", ".join(f"'{n}'" for n in names)
