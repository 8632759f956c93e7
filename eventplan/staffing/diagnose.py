"""Why a need is left uncovered, in the words a planner would use.

Causes are tested from the most basic to the most subtle: nobody of those roles (with those
skills) exists; nobody is available at those hours; no allowed shift fits the hours people are
available (or the no-handover windows around them); every available person is already on shift
that day (the pool is exhausted); rest or ``max_days`` rules leave nobody free; no supervisor is
free for the people who may only work supervised; otherwise the optimiser judged the shortfall
cheaper than the shifts that would close it (a low priority weight against long minimum
shifts) — said only when the search proved its plan optimal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache

import numpy as np

from eventplan.staffing.model import StaffingModel
from eventplan.staffing.shifts import Roster
from eventplan.staffing.supply import Supply
from eventplan.staffing.templates import shift_rules

#: (post, role group, priority, slot) -> cause
Cause = Callable[[str, str, str, int], str]


def explainer(model: StaffingModel, roster: Roster, proven: bool = True) -> Cause:
    """A function giving the cause of uncovered need at a post for a role group and slot.

    ``proven``: whether the search proved its plan optimal; otherwise no shortfall is said to
    be left open by choice.
    """
    used_by_day: dict[int, Counter[int]] = {}
    for shift in roster.shifts:
        used_by_day.setdefault(shift.template.day, Counter())[shift.supply] += 1
    unfilled = {s for s, _t, _p in roster.unfilled}

    @cache
    def shift_reach(supply: int) -> np.ndarray:
        """Whether any shift of the supply works each slot (once per supply: a template
        scan per slot costs minutes on fine grids)."""
        reach = np.zeros(model.grid.size + 1, dtype=bool)
        for template in model.templates[supply]:
            for first, last in template.pieces():
                reach[first:last] = True
        return reach

    @cache
    def basic(group: str, slot: int) -> str | None:
        return _explain(model, used_by_day, unfilled, shift_reach, group, slot)

    def cause(post: str, group: str, priority: str, slot: int) -> str:
        found = basic(group, slot) or _supervision(model, used_by_day, post, group, slot)
        return found or _by_choice(model, priority, proven, _supervised_by(model, post, group))

    return cause


def _split(group: str) -> tuple[list[str], set[str]]:
    """Roles and tags of a role group label (``guard[female-searcher]``)."""
    roles, _, tags = group.partition("[")
    return roles.split("+"), set(tags.rstrip("]").split("+")) if tags else set()


def _label(roles: list[str], tags: set[str]) -> str:
    label = " or ".join(roles)
    return f"{label} carrying {', '.join(sorted(tags))}" if tags else label


def _explain(
    model: StaffingModel,
    used_by_day: dict[int, Counter[int]],
    unfilled: set[int],
    shift_reach: Callable[[int], np.ndarray],
    group: str,
    slot: int,
) -> str | None:
    scenario, grid = model.scenario, model.grid
    roles, tags = _split(group)
    label = _label(roles, tags)
    supplies = [s for s in model.supplies if s.role in roles and tags <= s.tags]
    if not supplies:
        return f"no pool supplies {label}"
    available = [s for s in supplies if any(a <= slot < b for a, b in s.ranges)]
    if not available:
        return f"nobody of role {label} is available then (pools: {_pools(supplies)})"
    fitting = [s for s in available if shift_reach(s.index)[slot]]
    if not fitting and any(_briefed_too_late(s, slot) for s in available):
        late = next(s for s in available if _briefed_too_late(s, slot))
        minutes = late.brief_slots * grid.slot_minutes
        return (
            f"the {minutes}-minute briefing before a {label} shift does not fit: pool "
            f"'{late.pool}' is available only from the start of these hours"
        )
    if not fitting:
        rule = shift_rules(scenario, available[0].role)
        low = rule.min_slots * grid.slot_minutes / 60
        windows = scenario.rules.no_handover
        around = f" or outside the no-handover windows ({', '.join(windows)})" if windows else ""
        return (
            f"no allowed shift covers these hours: {label} shifts last at least {low:g} h, "
            f"longer than pools {_pools(available)} are available around them{around}"
        )
    used = used_by_day.get(grid.day_of(slot), Counter())
    if all(used[s.index] >= s.count for s in fitting):
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
    return None


def _briefed_too_late(supply: Supply, slot: int) -> bool:
    """Whether the supply's people could only be briefed before their availability."""
    return supply.brief_slots > 0 and any(
        a <= slot < a + supply.brief_slots for a, _b in supply.ranges
    )


def _supervision(
    model: StaffingModel,
    used_by_day: dict[int, Counter[int]],
    post: str,
    group: str,
    slot: int,
) -> str | None:
    """When the people at hand may only work supervised and no supervisor is free."""
    roles, _tags = _split(group)
    labels = {rid: (r.label or rid) for rid, r in model.scenario.roles.items()}
    used = used_by_day.get(model.grid.day_of(slot), Counter())
    for rule in model.scenario.rules.supervision:
        if rule.scope == "post" and rule.posts is not None and post not in rule.posts:
            continue
        supervised = [r for r in roles if r in rule.roles]
        if not supervised or any(r not in rule.roles for r in roles if r not in rule.by):
            continue
        by = [s for s in model.supplies if s.role in rule.by]
        if _exhausted(by, used, slot):
            ratio = f", at most {rule.per_supervisor} each" if rule.per_supervisor else ""
            return (
                f"no {' or '.join(labels[r] for r in rule.by)} free to supervise the "
                f"{' or '.join(labels[r] for r in supervised)} here{ratio}"
            )
    return None


def _exhausted(supplies: list[Supply], used: Counter[int], slot: int) -> bool:
    working = [s for s in supplies if any(a <= slot < b for a, b in s.ranges)]
    return all(used[s.index] >= s.count for s in working)


def _supervised_by(model: StaffingModel, post: str, group: str) -> str:
    """When every role of the group may only work here supervised: who must be there."""
    roles, _tags = _split(group)
    labels = {rid: (r.label or rid) for rid, r in model.scenario.roles.items()}
    for rule in model.scenario.rules.supervision:
        applies = rule.scope == "post" and (rule.posts is None or post in rule.posts)
        if applies and all(r in rule.roles for r in roles):
            return " or ".join(labels[r] for r in rule.by)
    return ""


def _by_choice(model: StaffingModel, priority: str, proven: bool, supervisor: str) -> str:
    if not proven:
        return (
            "left open in the plan found, which is not proven optimal: covering it may pay "
            "(a longer --time-limit or a smaller --gap may close it)"
        )
    weight = model.scenario.objective.weight(priority)
    if supervisor:
        return (
            f"left open by choice: they may work here only with a {supervisor} present, and "
            f"at {priority} priority (weight {weight:g} per person-hour) the shifts that "
            "would cover it, supervisor included, cost more"
        )
    return (
        f"left open by choice: at {priority} priority (weight {weight:g} per "
        f"person-hour) the shortest shift that would cover it costs more"
    )


def _pools(supplies: list[Supply]) -> str:
    names = sorted({s.pool for s in supplies})
    return ", ".join(f"'{n}'" for n in names)
