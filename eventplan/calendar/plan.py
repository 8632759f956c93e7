"""The rolling horizon: plan a week at a time, carrying the history forward.

What is proven: each week's CP-SAT bound is a lower bound on that week's objective *given the
weeks before as planned*. Their sum bounds the rolling plan's objective for those fixed
histories only; it is not a bound on the best plan of the whole period solved at once.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from ortools.sat.python import cp_model

from eventplan.calendar.candidates import options_for
from eventplan.calendar.days import DutyDay, duties_on, school_days, travel_table
from eventplan.calendar.history import Assignment, History
from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.rules import add_rules
from eventplan.calendar.week import WeekModel, build_week, unreachable_need


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
    loaded: LoadedCalendar, first: date, last: date, *, time_limit: float = 60.0, seed: int = 0
) -> CalendarPlan:
    """Plan ``first`` .. ``last`` a week at a time; ``time_limit`` seconds for the whole."""
    schools = school_days(loaded.calendar)
    travel = travel_table(loaded.calendar)
    count = (last - first).days + 1
    days = [first + timedelta(days=k) for k in range(count)]
    weeks = [days[k : k + 7] for k in range(0, count, 7)]
    plan = CalendarPlan(first, last)
    plan.duties = {day: duties_on(loaded, day, schools) for day in days}
    history = History()
    started = time.monotonic()
    for index, week_days in enumerate(weeks):
        left = time_limit - (time.monotonic() - started)
        budget = max(1.0, left / (len(weeks) - index))
        _plan_week(loaded, week_days, plan, history, travel, budget, seed)
    return plan


def _plan_week(
    loaded: LoadedCalendar,
    days: list[date],
    plan: CalendarPlan,
    history: History,
    travel: dict[tuple[str, str], int],
    budget: float,
    seed: int,
) -> None:
    started = time.monotonic()
    options = options_for(loaded, days, plan.duties, travel)
    week = build_week(loaded, days, history, options)
    add_rules(week)
    fixed = week.constant + unreachable_need(week, plan.duties)  # type: ignore[arg-type]
    week.model.Minimize(sum(week.terms) + fixed)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, budget - (time.monotonic() - started))
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = seed
    status = solver.Solve(week.model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    chosen = [i for i in range(len(options)) if found and solver.Value(week.chosen[i])]
    _record(week, chosen, plan, history)
    plan.weeks.append(
        WeekResult(
            days[0],
            days[-1],
            solver.StatusName(status),
            solver.ObjectiveValue() if found else float("nan"),
            solver.BestObjectiveBound(),
            time.monotonic() - started,
            len(options),
        )
    )


def _record(week: WeekModel, chosen: list[int], plan: CalendarPlan, history: History) -> None:
    """The chosen options as assignments and shortfalls; the history moved on."""
    night_after = week.loaded.calendar.settings.night_after
    filled: Counter[tuple[str, int]] = Counter()
    minutes: Counter[str] = Counter()
    for i in chosen:
        option = week.options[i]
        duty, person = option.duty, week.loaded.people[option.person]
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
    for person in week.loaded.people:
        contract = week.loaded.calendar.contracts[person.contract]
        normal[person.id] = round(contract.hours_per_week * 60)
    for pid, total in minutes.items():
        history.overtime[pid] += max(0, total - normal[pid])
    for day in week.days:
        for duty in plan.duties[day]:
            for n, need in enumerate(duty.needs):
                if filled[duty.key, n] < need.count:
                    plan.shortfalls.append(
                        Shortfall(
                            day, duty.key, duty.site, duty.duty, duty.window, duty.priority,
                            need.roles, need.count, filled[duty.key, n],
                        )
                    )  # fmt: skip
