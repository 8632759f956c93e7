"""One week's CP-SAT model: per person x day x duty Booleans, coverage and the day's rules.

The contract rules across days are added by :mod:`eventplan.calendar.rules`; the objective
is coverage by priority first, then penalties, then cost (weights from the calendar).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model
from ortools.util.python.sorted_interval_list import Domain

from eventplan.calendar.candidates import Option
from eventplan.calendar.history import History
from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.model import Contract

_BOOLEAN = Domain(0, 1)


@dataclass
class WeekModel:
    """The model of one week and the handles needed to read a solution back."""

    loaded: LoadedCalendar
    days: list[date]
    history: History
    options: list[Option]
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    chosen: list[cp_model.IntVar] = field(default_factory=list)
    works: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    by_person_day: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    #: the objective: a coefficient per option's Boolean, other variables with theirs, and
    #: a constant (kept apart: one weighted sum is far quicker to build than many terms)
    chosen_cost: list[int] = field(default_factory=list)
    extra_vars: list[cp_model.IntVar] = field(default_factory=list)
    extra_cost: list[int] = field(default_factory=list)
    offset: int = 0
    #: the coverage weight of every need in full (the objective is this much below zero
    #: when nothing is short and nothing costs)
    constant: int = 0

    def contract(self, person: int) -> Contract:
        calendar = self.loaded.calendar
        return calendar.contracts[self.loaded.people[person].contract]

    def penalise(self, variable: cp_model.IntVar | int, weight: int) -> None:
        """Add ``weight`` times a variable (or a fixed 0/1) to the objective."""
        if isinstance(variable, int):
            self.offset += weight * variable
        elif weight:
            self.extra_vars.append(variable)
            self.extra_cost.append(weight)

    def minimize(self) -> None:
        """Set the model's objective: written into the model's proto at once (a linear
        expression of 100,000 terms took a tenth of the model's building to flatten)."""
        objective = self.model.proto.objective
        objective.vars.extend(x.index for x in [*self.chosen, *self.extra_vars])
        objective.coeffs.extend([*self.chosen_cost, *self.extra_cost])
        objective.offset = self.offset
        objective.scaling_factor = 1.0

    def work(self, person: int, d: int) -> cp_model.IntVar | int:
        """Whether a person works day ``d`` of the week (0 where nothing is offered)."""
        return self.works.get((person, d), 0)


def build_week(
    loaded: LoadedCalendar,
    days: list[date],
    history: History,
    options: list[Option],
    quota: dict[tuple[str, int], int] | None = None,
) -> WeekModel:
    """The week's variables, one-duty-a-day and split rules, coverage and cost.

    ``quota`` caps the people a need may take from these options (an event's share of a
    group of stations); other needs take up to their count.
    """
    week = WeekModel(loaded, days, history, options)
    model = week.model
    week.chosen = booleans(model, len(options))
    week.chosen_cost = [0] * len(options)
    grouped: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, option in enumerate(options):
        grouped[option.person, option.day].append(i)
    week.by_person_day = dict(grouped)
    for (person, d), indexes in grouped.items():
        if len(indexes) == 1:  # one option: working that day is choosing it
            week.works[person, d] = week.chosen[indexes[0]]
        else:
            works = model.new_bool_var("")
            model.add_max_equality(works, [week.chosen[i] for i in indexes])
            week.works[person, d] = works
        _one_duty_a_day(week, person, indexes)
    _coverage(week, quota or {})
    _cost(week)
    return week


def booleans(model: cp_model.CpModel, count: int) -> list[cp_model.IntVar]:
    """``count`` new Booleans without names (three times as quick as ``new_bool_var``,
    which names each and builds its domain anew: 0.3 s a week of the bundled calendar)."""
    return [cp_model.IntVar(model.proto).with_domain(_BOOLEAN) for _ in range(count)]


def _one_duty_a_day(week: WeekModel, person: int, indexes: list[int]) -> None:
    """At most one duty, or a split duty (a morning and an afternoon window that do not
    overlap, travel included) where the contract allows it; one need per duty."""
    model, chosen, options = week.model, week.chosen, week.options
    per_duty: dict[str, list[int]] = defaultdict(list)
    for i in indexes:
        per_duty[options[i].duty.key].append(i)
    for same in per_duty.values():
        if len(same) > 1:
            model.add_at_most_one(chosen[i] for i in same)
    if not week.contract(person).split_allowed:
        model.add_at_most_one(chosen[i] for i in indexes)
        return
    parts: dict[str, list[int]] = defaultdict(list)
    for i in indexes:
        parts[options[i].duty.part].append(i)
    model.add_at_most_one(chosen[i] for i in parts["morning"])
    model.add_at_most_one(chosen[i] for i in parts["afternoon"])
    whole_day = sum(2 * chosen[i] for i in parts["day"])
    model.add(whole_day + sum(chosen[i] for i in indexes if options[i].duty.part != "day") <= 2)
    for a in parts["morning"]:
        for b in parts["afternoon"]:
            if options[a].returns > options[b].leaves:
                model.add_bool_or([chosen[a].negated(), chosen[b].negated()])


def _coverage(week: WeekModel, quota: dict[tuple[str, int], int]) -> None:
    """No duty over-filled; every person-duty filled earns its priority's weight."""
    weights = week.loaded.calendar.settings.weights
    filled: dict[tuple[str, int], list[int]] = defaultdict(list)
    needs: dict[tuple[str, int], tuple[int, str]] = {}
    for i, option in enumerate(week.options):
        key = (option.duty.key, option.need)
        filled[key].append(i)
        needs[key] = (option.duty.needs[option.need].count, option.duty.priority)
    for key, indexes in filled.items():
        count, priority = needs[key]
        count = quota.get(key, count)
        weight = getattr(weights, priority)
        week.model.add(cp_model.LinearExpr.sum([week.chosen[i] for i in indexes]) <= count)
        week.constant += weight * count
        for i in indexes:
            week.chosen_cost[i] -= weight


def _cost(week: WeekModel) -> None:
    weights = week.loaded.calendar.settings.weights
    roles = week.loaded.calendar.roles
    for i, option in enumerate(week.options):
        role = roles[week.loaded.people[option.person].role]
        price = weights.cost * role.cost * option.minutes
        week.chosen_cost[i] += price
