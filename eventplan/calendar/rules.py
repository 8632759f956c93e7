"""The contract rules across days, each a hard constraint or a penalty, history included.

Hard: weekly hours (normal week plus the overtime cap), monthly hours, consecutive working
days, days off in a row, weekends per period, rest between duties. Penalties: overtime,
weekends and nights (dearer for whoever already has more), requests on and off.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from datetime import date, timedelta

from ortools.sat.python import cp_model

from eventplan.calendar.carried import week_of
from eventplan.calendar.days import date_set
from eventplan.calendar.history import weekend_of
from eventplan.calendar.week import WeekModel


def add_rules(week: WeekModel) -> None:
    """Every person's contract rules over the week."""
    people = sorted({option.person for option in week.options})
    for person in people:
        _hours(week, person)
        _consecutive(week, person)
        _days_off(week, person)
        _weekends(week, person)
        _requests(week, person)
        _nights(week, person)
    _rest(week)


def _minutes(week: WeekModel, indexes: list[int]) -> cp_model.LinearExprT:
    return cp_model.LinearExpr.weighted_sum(
        [week.chosen[i] for i in indexes], [week.options[i].minutes for i in indexes]
    )


def _indexes(week: WeekModel, person: int, days: range | list[int]) -> list[int]:
    return [i for d in days for i in week.by_person_day.get((person, d), [])]


def _hours(week: WeekModel, person: int) -> None:
    """Hours per contract week (Monday to Sunday) and per month, each counting what the
    person already worked in it (the weeks before, the archive's ledger); a cap already
    used up leaves no more, never an impossible model."""
    contract, model = week.contract(person), week.model
    pid = week.loaded.people[person].id
    normal = round(contract.hours_per_week * 60)
    most = normal + round(contract.overtime_cap_hours * 60)
    weight = week.loaded.calendar.settings.weights.overtime_minute
    scale = weight * (1 + week.history.overtime[pid] // 600)
    weeks: dict[date, list[int]] = defaultdict(list)
    months: dict[tuple[int, int], list[int]] = defaultdict(list)
    longest: dict[date, int] = defaultdict(int)  # the most minutes the days could hold
    months_longest: dict[tuple[int, int], int] = defaultdict(int)
    for d, day in enumerate(week.days):
        indexes = _indexes(week, person, [d])
        weeks[week_of(day)].extend(indexes)
        months[day.year, day.month].extend(indexes)
        most_that_day = _most_in_a_day(week, indexes, contract.split_allowed)
        longest[week_of(day)] += most_that_day
        months_longest[day.year, day.month] += most_that_day
    for monday, indexes in weeks.items():
        done = week.history.week_minutes[pid, monday]
        # A cap the days cannot reach is left out: a smaller model, the same plans.
        if longest[monday] > most - done:
            model.add(_minutes(week, indexes) <= max(0, most - done))
        if longest[monday] > normal - done:
            overtime = model.new_int_var(0, 7 * 1440, "")
            model.add(overtime >= _minutes(week, indexes) - max(0, normal - done))
            week.penalise(overtime, scale)
    for (year, month), indexes in months.items():
        room = round(contract.hours_per_month * 60) - week.history.month_minutes[pid, year, month]
        if months_longest[year, month] > room:
            model.add(_minutes(week, indexes) <= max(0, room))


def _most_in_a_day(week: WeekModel, indexes: list[int], split: bool) -> int:
    """At least the most minutes a person's duties of one day can add up to (two duties of a
    split day, else one)."""
    minutes = sorted(week.options[i].minutes for i in indexes)
    return sum(minutes[-2:]) if split else sum(minutes[-1:])


def _flags(week: WeekModel, person: int, back: int) -> list[cp_model.IntVar | int]:
    """Worked flags from ``back`` days before the week to its last day (history as 0/1)."""
    pid = week.loaded.people[person].id
    first = week.days[0]
    past = [int(week.history.worked_on(pid, first - timedelta(days=back - k))) for k in range(back)]
    return [*past, *(week.work(person, d) for d in range(len(week.days)))]


def _consecutive(week: WeekModel, person: int) -> None:
    limit = week.contract(person).max_consecutive_days
    flags = _flags(week, person, limit)
    for end in range(limit + 1, len(flags) + 1):
        window = flags[end - limit - 1 : end]
        free = [flag for flag in window if not isinstance(flag, int)]
        if free:
            worked = sum(flag for flag in window if isinstance(flag, int))
            week.model.add(cp_model.LinearExpr.sum(free) <= limit - worked)


def _days_off(week: WeekModel, person: int) -> None:
    """Work, then a rest shorter than ``min_days_off``, then work: forbidden."""
    need = week.contract(person).min_days_off
    flags = _flags(week, person, need + 1)
    for gap in range(1, need):
        for first in range(len(flags) - gap - 1):
            last = first + gap + 1
            clause: list[cp_model.IntVar] = []
            satisfied = False
            for k, flag in enumerate(flags[first : last + 1]):
                negated = k in (0, gap + 1)  # the working ends are negated, the gap is not
                if isinstance(flag, int):
                    satisfied = satisfied or (flag == 0) == negated
                else:
                    clause.append(flag.negated() if negated else flag)
            if not satisfied and clause:
                week.model.add_bool_or(clause)


def _weekends(week: WeekModel, person: int) -> None:
    contract, model = week.contract(person), week.model
    pid = week.loaded.people[person].id
    saturdays: dict[object, list[cp_model.IntVar]] = defaultdict(list)
    for d, day in enumerate(week.days):
        saturday = weekend_of(day)
        flag = week.work(person, d)
        if saturday is not None and not isinstance(flag, int):
            saturdays[saturday].append(flag)
    weight = week.loaded.calendar.settings.weights.weekend
    for saturday, flags in saturdays.items():
        if week.history.weekend_worked(pid, saturday):
            continue  # its Saturday was worked already (last week, or in the archive)
        worked = model.new_bool_var("")
        model.add_max_equality(worked, flags)
        prior = len(week.history.weekends.get(pid, ()))
        week.penalise(worked, weight * (1 + prior))
        earlier = sum(
            week.history.weekend_worked(pid, saturday - timedelta(weeks=k))
            for k in range(1, contract.weekend_period_weeks)
        )
        # A period already over its weekends (the archive's) leaves none, not an impossibility.
        model.add(worked <= max(0, contract.max_weekends - earlier))


def _requests(week: WeekModel, person: int) -> None:
    who = week.loaded.people[person]
    weight = week.loaded.calendar.settings.weights.request
    off, on = date_set(who.requests_off), date_set(who.requests_on)
    for d, day in enumerate(week.days):
        flag = week.work(person, d)
        if day in off:
            week.penalise(flag, weight)
        if day in on:  # weight times (1 - flag)
            week.offset += weight
            week.penalise(flag, -weight)


def _nights(week: WeekModel, person: int) -> None:
    weights = week.loaded.calendar.settings.weights
    pid = week.loaded.people[person].id
    late = [i for i in _indexes(week, person, range(len(week.days))) if _is_night(week, i)]
    scale = weights.night * (1 + week.history.nights[pid])
    for i in late:
        week.chosen_cost[i] += scale


def _is_night(week: WeekModel, index: int) -> bool:
    end = week.options[index].duty.end
    return end > week.loaded.calendar.settings.night_after or end > 1440


def _rest(week: WeekModel) -> None:
    """Between duties on different days, at least the contract's rest (travel included);
    the last return of the weeks before counts for the first days."""
    origin = week.days[0].toordinal() * 1440
    by_leaving: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
    for key, indexes in week.by_person_day.items():
        ordered = sorted((week.options[i].leaves, i) for i in indexes)
        by_leaving[key] = ([leaves for leaves, _ in ordered], [i for _, i in ordered])
    for (person, d), indexes in week.by_person_day.items():
        rest = round(week.contract(person).min_rest_hours * 60)
        before = week.history.last_return.get(week.loaded.people[person].id)
        for i in indexes:
            option = week.options[i]
            if before is not None and origin + option.leaves - before < rest:
                week.model.add(week.chosen[i] == 0)
            later: list[int] = []
            for step in (1, 2):
                leaves, after = by_leaving.get((person, d + step), ([], []))
                later += after[: bisect_left(leaves, option.returns + rest)]  # leave too soon
            if later:
                week.model.add_bool_and([week.chosen[j].negated() for j in later]).only_enforce_if(
                    week.chosen[i]
                )
