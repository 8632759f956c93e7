"""The rolling horizon: plan a week at a time, carrying the history forward.

What is proven: each week's bound (the sum of its groups' CP-SAT bounds, see
:mod:`eventplan.calendar.groups`) is a lower bound on that week's objective *given the weeks
before as planned and the events' quotas*. Their sum bounds the rolling plan's objective for
those fixed histories only; it is not a bound on the best plan of the whole period solved at
once.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from ortools.sat.python import cp_model

from eventplan.calendar.candidates import Option, options_for, station_reach
from eventplan.calendar.days import DutyDay, duties_on, school_days, travel_table
from eventplan.calendar.groups import split_options, station_groups
from eventplan.calendar.history import Assignment, History
from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.rules import add_rules
from eventplan.calendar.week import build_week


@dataclass(frozen=True)
class Shortfall:
    day: date
    key: str
    site: str
    duty: str
    window: str
    priority: str
    roles: tuple[str, ...]
    need: int
    filled: int


@dataclass(frozen=True)
class WeekResult:
    first: date
    last: date
    status: str
    objective: float
    bound: float
    seconds: float
    variables: int

    @property
    def gap(self) -> float:
        """Relative gap of the week's objective to its bound (0 when proven optimal)."""
        return (self.objective - self.bound) / max(abs(self.objective), 1.0)


@dataclass
class CalendarPlan:
    first: date
    last: date
    weeks: list[WeekResult] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)
    duties: dict[date, list[DutyDay]] = field(default_factory=dict)


def plan_calendar(
    loaded: LoadedCalendar,
    first: date,
    last: date,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    history: History | None = None,
) -> CalendarPlan:
    """Plan ``first`` .. ``last`` a week at a time; ``time_limit`` seconds for the whole;
    ``history``: what the force worked before ``first`` (none if not given)."""
    schools = school_days(loaded.calendar)
    reach = station_reach(loaded, travel_table(loaded.calendar))
    count = (last - first).days + 1
    days = [first + timedelta(days=k) for k in range(count)]
    weeks = [days[k : k + 7] for k in range(0, count, 7)]
    plan = CalendarPlan(first, last)
    plan.duties = {day: duties_on(loaded, day, schools) for day in days}
    history = history if history is not None else History()
    started = time.monotonic()
    for index, week_days in enumerate(weeks):
        left = time_limit - (time.monotonic() - started)
        budget = max(1.0, left / (len(weeks) - index))
        _plan_week(loaded, week_days, plan, history, reach, budget, seed)
    return plan


def _plan_week(
    loaded: LoadedCalendar,
    days: list[date],
    plan: CalendarPlan,
    history: History,
    reach: dict[str, set[str]],
    budget: float,
    seed: int,
) -> None:
    """Solve each group of stations in turn, sharing the week's time by model size."""
    started = time.monotonic()
    options = options_for(loaded, days, plan.duties, reach)
    parts = split_options(loaded, options, station_groups(loaded, reach))
    weights = loaded.calendar.settings.weights
    fixed = sum(
        getattr(weights, duty.priority) * need.count
        for day in days
        for duty in plan.duties[day]
        for need in duty.needs
    )
    objective = bound = float(fixed)
    statuses: set[str] = set()
    chosen: list[Option] = []
    left = sum(len(part) for part, _ in parts)
    for part, quota in parts:
        remaining = budget - (time.monotonic() - started)
        share = max(0.05, remaining * len(part) / max(left, 1))
        left -= len(part)
        result = _solve_group(loaded, days, history, part, quota, share, seed)
        objective += result[0]
        bound += result[1]
        statuses.add(result[2])
        chosen += result[3]
    _record(loaded, days, chosen, plan, history)
    # A group without a plan assigns nobody: its part of the objective is its whole need.
    status = next((s for s in ("UNKNOWN", "FEASIBLE") if s in statuses), "OPTIMAL")
    plan.weeks.append(
        WeekResult(
            days[0], days[-1], status, objective, bound, time.monotonic() - started, len(options)
        )
    )


def _solve_group(
    loaded: LoadedCalendar,
    days: list[date],
    history: History,
    options: list[Option],
    quota: dict[tuple[str, int], int],
    budget: float,
    seed: int,
) -> tuple[float, float, str, list[Option]]:
    """One group's week: (objective less its need, bound less its need, status, chosen)."""
    started = time.monotonic()
    week = build_week(loaded, days, history, options, quota)
    add_rules(week)
    week.model.minimize(sum(week.terms))
    # With less CP-SAT rarely gets past presolve on a district group (a second for 5,000
    # options): the time limit is then overrun rather than a group left unplanned.
    least = min(1.0, max(0.2, len(options) / 5000))
    solver = _solver(max(least, budget - (time.monotonic() - started)), seed, presolve=True)
    status = solver.solve(week.model)
    if status == cp_model.UNKNOWN:  # presolve ate the time: a plain search finds a plan fast
        solver = _solver(1.0, seed, presolve=False)
        status = solver.solve(week.model)
    # Shortfall, penalties and cost are never negative: the group's need is a bound too.
    bound = max(solver.best_objective_bound, -float(week.constant))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0.0, bound, "UNKNOWN", []
    chosen = [options[i] for i, x in enumerate(week.chosen) if solver.value(x)]
    name = solver.status_name(status)
    # CP-SAT says OPTIMAL once the gap limit is reached: only a closed gap is a proof.
    if solver.objective_value > solver.best_objective_bound + 1e-9 * max(
        1.0, abs(solver.objective_value)
    ):
        name = "FEASIBLE"
    return solver.objective_value, bound, name, chosen


def _solver(seconds: float, seed: int, *, presolve: bool) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = seed
    solver.parameters.symmetry_level = 0  # costs seconds at this size and finds little
    solver.parameters.cp_model_presolve = presolve
    # Within 0.1 % of a group's bound is as good as its optimum at the calendar's weights.
    solver.parameters.relative_gap_limit = 0.001
    return solver


def _record(
    loaded: LoadedCalendar,
    days: list[date],
    chosen: list[Option],
    plan: CalendarPlan,
    history: History,
) -> None:
    """The chosen options as assignments and shortfalls; the history moved on."""
    night_after = loaded.calendar.settings.night_after
    filled: Counter[tuple[str, int]] = Counter()
    minutes: Counter[str] = Counter()
    for option in chosen:
        duty, person = option.duty, loaded.people[option.person]
        filled[duty.key, option.need] += 1
        assignment = Assignment(
            person.id, duty.day, duty.key, duty.site, duty.duty, duty.window,
            duty.start, duty.end, option.travel,
            duty.end > night_after or duty.end > 1440, duty.event,
        )  # fmt: skip
        plan.assignments.append(assignment)
        history.add(assignment)
        minutes[person.id] += assignment.minutes
    normal: dict[str, int] = defaultdict(int)
    for person in loaded.people:
        contract = loaded.calendar.contracts[person.contract]
        normal[person.id] = round(contract.hours_per_week * 60)
    for pid, total in minutes.items():
        history.overtime[pid] += max(0, total - normal[pid])
    for day in days:
        for duty in plan.duties[day]:
            for n, need in enumerate(duty.needs):
                if filled[duty.key, n] < need.count:
                    plan.shortfalls.append(
                        Shortfall(
                            day, duty.key, duty.site, duty.duty, duty.window, duty.priority,
                            need.roles, need.count, filled[duty.key, n],
                        )
                    )  # fmt: skip
