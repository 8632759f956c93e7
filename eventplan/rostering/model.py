"""The CP-SAT model of a rostering instance: one Boolean per person, day and shift type.

Constraint families are added in a fixed order, one method each. The sequence rules (most and
least consecutive shifts, least consecutive days off, forbidden successions) are one automaton
per person (:mod:`eventplan.rostering.automaton`); at the horizon's edges a run of work or of
rest may be shorter than its minimum, as the benchmark's published optima require.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from eventplan.rostering.automaton import sequence_automaton
from eventplan.rostering.instance import Employee, Instance

#: Saturday and Sunday of week ``w`` are days ``7 w + 5`` and ``7 w + 6`` (day 0 a Monday).
WEEKEND_DAYS = (5, 6)


@dataclass
class RosterModel:
    """The CP-SAT model and its variables, by (person index, day, shift index)."""

    instance: Instance
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    assign: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)
    works: dict[tuple[int, int], cp_model.LinearExprT] = field(default_factory=dict)
    penalties: list[cp_model.LinearExprT] = field(default_factory=list)

    @property
    def objective(self) -> cp_model.LinearExprT:
        return sum(self.penalties)


def build(instance: Instance, encoding: str = "automaton") -> RosterModel:
    """The whole model: variables, hard rules, then the soft penalties as the objective.

    ``encoding`` writes the sequence rules as one ``"automaton"`` per person (a tight linear
    relaxation: bounds), as ``"clauses"`` forbidding each short run (fast propagation: good
    rosters early), or ``"both"``.
    """
    roster = RosterModel(instance)
    _variables(roster)
    for p, employee in enumerate(instance.employees):
        _days_off(roster, p, employee)
        _shift_limits(roster, p, employee)
        _total_minutes(roster, p, employee)
        if encoding in ("automaton", "both"):
            _sequence(roster, p, employee)
        if encoding in ("clauses", "both"):
            _run_clauses(roster, p, employee)
            _successions(roster, p)
        _max_weekends(roster, p, employee.max_weekends)
    _requests(roster)
    _cover(roster)
    roster.model.minimize(roster.objective)
    return roster


def _variables(roster: RosterModel) -> None:
    instance, model = roster.instance, roster.model
    for p, employee in enumerate(instance.employees):
        for d in range(instance.days):
            day = []
            for s, shift in enumerate(instance.shifts):
                x = model.new_bool_var(f"x[{employee.id},{d},{shift.id}]")
                roster.assign[p, d, s] = x
                day.append(x)
            model.add_at_most_one(day)  # one shift a day at most
            roster.works[p, d] = sum(day)


def _sequence(roster: RosterModel, p: int, employee: Employee) -> None:
    instance, model = roster.instance, roster.model
    kinds = len(instance.shifts)
    labels = []
    for d in range(instance.days):
        label = model.new_int_var(0, kinds, f"day[{employee.id},{d}]")
        model.add(label == sum((s + 1) * roster.assign[p, d, s] for s in range(kinds)))
        labels.append(label)
    start, finals, transitions = sequence_automaton(instance, employee)
    model.add_automaton(labels, start, finals, transitions)


def _days_off(roster: RosterModel, p: int, employee: Employee) -> None:
    for d in roster.instance.days_off.get(employee.id, ()):
        for s in range(len(roster.instance.shifts)):
            roster.model.add(roster.assign[p, d, s] == 0)


def _shift_limits(roster: RosterModel, p: int, employee: Employee) -> None:
    days = roster.instance.days
    for s, shift in enumerate(roster.instance.shifts):
        limit = employee.max_shifts.get(shift.id)
        if limit is not None and limit < days:
            roster.model.add(sum(roster.assign[p, d, s] for d in range(days)) <= limit)


def _total_minutes(roster: RosterModel, p: int, employee: Employee) -> None:
    instance = roster.instance
    minutes = sum(
        shift.minutes * roster.assign[p, d, s]
        for d in range(instance.days)
        for s, shift in enumerate(instance.shifts)
    )
    roster.model.add_linear_constraint(minutes, employee.min_minutes, employee.max_minutes)


def _run_clauses(roster: RosterModel, p: int, employee: Employee) -> None:
    """Most consecutive shifts per window; no short run of work or rest between two others."""
    days, works, model = roster.instance.days, roster.works, roster.model
    most = employee.max_consecutive
    for start in range(days - most):
        model.add(sum(works[p, d] for d in range(start, start + most + 1)) <= most)
    for length in range(1, max(employee.min_consecutive, employee.min_days_off)):
        for start in range(1, days - length):
            run = sum(works[p, d] for d in range(start, start + length))
            ends = works[p, start - 1] + works[p, start + length]
            if length < employee.min_consecutive:  # off, work x length, off
                model.add(ends - run >= 1 - length)
            if length < employee.min_days_off:  # work, off x length, work
                model.add(run - ends >= -1)


def _successions(roster: RosterModel, p: int) -> None:
    instance = roster.instance
    index = {shift.id: s for s, shift in enumerate(instance.shifts)}
    for s, shift in enumerate(instance.shifts):
        for follower in shift.not_followed_by:
            for d in range(instance.days - 1):
                roster.model.add_bool_or(
                    [roster.assign[p, d, s].Not(), roster.assign[p, d + 1, index[follower]].Not()]
                )


def _max_weekends(roster: RosterModel, p: int, most: int) -> None:
    weeks = roster.instance.days // 7
    if most >= weeks:
        return
    model, worked = roster.model, []
    for week in range(weeks):
        weekend = model.new_bool_var(f"weekend[{p},{week}]")
        for offset in WEEKEND_DAYS:
            model.add(weekend >= roster.works[p, 7 * week + offset])
        worked.append(weekend)
    model.add(sum(worked) <= most)


def _requests(roster: RosterModel) -> None:
    instance = roster.instance
    person = {e.id: p for p, e in enumerate(instance.employees)}
    index = {shift.id: s for s, shift in enumerate(instance.shifts)}
    for request in instance.on_requests:
        x = roster.assign[person[request.employee], request.day, index[request.shift]]
        roster.penalties.append(request.weight * (1 - x))
    for request in instance.off_requests:
        x = roster.assign[person[request.employee], request.day, index[request.shift]]
        roster.penalties.append(request.weight * x)


def _cover(roster: RosterModel) -> None:
    instance, model = roster.instance, roster.model
    index = {shift.id: s for s, shift in enumerate(instance.shifts)}
    people = len(instance.employees)
    for cover in instance.covers:
        s = index[cover.shift]
        count = sum(roster.assign[p, cover.day, s] for p in range(people))
        under = model.new_int_var(0, cover.requirement, f"under[{cover.day},{cover.shift}]")
        over = model.new_int_var(0, people, f"over[{cover.day},{cover.shift}]")
        model.add(count + under - over == cover.requirement)
        roster.penalties.append(cover.under_weight * under + cover.over_weight * over)
