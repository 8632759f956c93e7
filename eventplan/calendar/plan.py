"""The rolling horizon: plan a week at a time, carrying the history forward.

What is proven: each week's bound (the sum of its groups' CP-SAT bounds, see
:mod:`eventplan.calendar.groups`) is a lower bound on that week's objective *given the weeks
before as planned and the events' quotas*. Their sum bounds the rolling plan's objective for
those fixed histories only; it is not a bound on the best plan of the whole period solved at
once.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta

from ortools.sat.python import cp_model

from eventplan.calendar.candidates import Option, options_for, station_reach
from eventplan.calendar.carried import Carried, week_of
from eventplan.calendar.days import DutyDay, duties_on, school_days
from eventplan.calendar.groups import Quota, split_options, station_groups
from eventplan.calendar.history import Assignment, History, carried_history
from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.rules import add_rules
from eventplan.calendar.week import build_week

#: CP-SAT's deterministic time a group may use (see :func:`_solve_group`).
WORK_CAP = 0.3
#: Groups solved at once (one CP-SAT worker each): the 2 cores the calendar is planned on.
THREADS = 2
#: Most seconds on the clock for a group's first plan once its time is up (its work is
#: capped by :data:`WORK_CAP` well before on an idle machine).
FIRST_PLAN_CAP = 10.0
#: Seconds of one core the outputs take per day with duty (check, day folder, map, roster).
OUTPUT_SECONDS = 0.35
#: Most a week may take, as a multiple of its even share of the time left (the least the weeks
#: after it take set aside first): a busy week (events, a machine under load) borrows from the
#: later weeks' shares instead of cutting its groups to their first plans.
WEEK_SHARE = 3.0


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
    post: str = ""


#: A group's (objective less its need, bound less its need, status, chosen options, seconds
#: of its model and first plan).
GroupResult = tuple[float, float, str, list[Option], float]


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
    #: what the archive says people worked before ``first`` (None: not read)
    carried: Carried | None = None


def plan_calendar(
    loaded: LoadedCalendar,
    first: date,
    last: date,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    carried: Carried | None = None,
) -> CalendarPlan:
    """Plan ``first`` .. ``last`` a week at a time; ``carried``: what the force worked before
    ``first``, from the archive (none if not given).

    ``time_limit`` seconds are for the whole run, counted from when the calendar began to
    load and including the outputs: the search ends early enough to leave them their time
    (see :func:`output_reserve`), and a search the clock cuts short keeps its best plan and
    states its gap rather than running on.
    """
    schools = school_days(loaded.calendar)
    reach = station_reach(loaded, loaded.travel)
    count = (last - first).days + 1
    days = [first + timedelta(days=k) for k in range(count)]
    weeks = [days[k : k + 7] for k in range(0, count, 7)]
    plan = CalendarPlan(first, last, carried=carried)
    plan.duties = {day: duties_on(loaded, day, schools) for day in days}
    busy = sum(1 for duties in plan.duties.values() if duties)
    deadline = loaded.started + time_limit - output_reserve(busy, time_limit)
    history = History() if carried is None else carried_history(carried, normal_minutes(loaded))
    days_left = count
    least_per_day = 0.0  # the least a day of the last week took: its models and first plans
    for week_days in weeks:
        days_left -= len(week_days)
        # The weeks after this one are kept the least they take, even if this one is cut.
        free = deadline - time.monotonic() - least_per_day * days_left
        budget = week_budget(free, len(week_days), days_left)
        least = _plan_week(loaded, week_days, plan, history, reach, budget, seed)
        least_per_day = least / len(week_days)
    return plan


def week_budget(free: float, days: int, days_after: int) -> float:
    """Seconds a week of ``days`` may search, of ``free`` seconds left once the least the
    ``days_after`` it take is set aside: its even share by days, up to :data:`WEEK_SHARE`
    times that, never more than is free."""
    free = max(0.0, free)
    return min(free, WEEK_SHARE * free * days / (days_after + days))


def output_reserve(busy_days: int, time_limit: float) -> float:
    """Seconds kept from the search for the cross-day check and the folder: the folder of a
    day with duty (its plan files and map) takes about :data:`OUTPUT_SECONDS` of one core
    (the bundled month: 23 such days), stretched by the share of a core the machine's load
    leaves this process; at most half the limit, so that a busy machine still plans."""
    cores = os.cpu_count() or 1
    stretch = max(1.0, os.getloadavg()[0] / cores) if hasattr(os, "getloadavg") else 1.0
    return min(0.5 * time_limit, 1.0 + OUTPUT_SECONDS * busy_days * stretch)


def _plan_week(
    loaded: LoadedCalendar,
    days: list[date],
    plan: CalendarPlan,
    history: History,
    reach: dict[str, set[str]],
    budget: float,
    seed: int,
) -> float:
    """Solve the week's groups of stations, sharing its time by model size; the seconds
    the week would have taken with no time to search (its models built, each group's first
    plan), for the planner to keep that much for the weeks after it."""
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
    searched = time.monotonic()
    results = _solve_groups(loaded, days, history, parts, started + budget, seed)
    ended = time.monotonic()
    least = 0.0
    for result in results:
        objective += result[0]
        bound += result[1]
        statuses.add(result[2])
        chosen += result[3]
        least += result[4] / THREADS
    _record(loaded, days, chosen, plan, history)
    # A group without a plan assigns nobody: its part of the objective is its whole need.
    status = next((s for s in ("UNKNOWN", "FEASIBLE") if s in statuses), "OPTIMAL")
    plan.weeks.append(
        WeekResult(
            days[0], days[-1], status, objective, bound, time.monotonic() - started, len(options)
        )
    )
    return least + (searched - started) + (time.monotonic() - ended)


def _solve_groups(
    loaded: LoadedCalendar,
    days: list[date],
    history: History,
    parts: list[tuple[list[Option], Quota]],
    until: float,
    seed: int,
) -> list[GroupResult]:
    """Every group's result, in the order of ``parts``; the week ends at ``until``
    (``time.monotonic``).

    Groups are solved two at a time, one CP-SAT worker each: the solver lets go of the GIL,
    so one group's model is built while another is searched. Each group may use its share of
    the week's seconds (see :class:`Shares`); larger groups go first, to end together.
    """
    shares = Shares(until, sum(len(part) for part, _ in parts))
    order = sorted(range(len(parts)), key=lambda k: -len(parts[k][0]))
    with ThreadPoolExecutor(THREADS) as pool:
        futures = {}
        for k in order:
            part, quota = parts[k]
            futures[k] = pool.submit(_solve_group, loaded, days, history, part, quota, shares, seed)
        return [futures[k].result() for k in range(len(parts))]


class Shares:
    """A week's seconds handed to its groups as each starts: the time left times the group's
    size over the options of the groups not yet started, doubled as two groups run at once;
    what a group leaves unused (most prove their optimum well within their share) goes to
    the groups after it."""

    def __init__(self, until: float, options: int) -> None:
        self.until, self.waiting = until, options
        self._lock = threading.Lock()

    def take(self, size: int) -> float:
        with self._lock:
            left = max(0.0, self.until - time.monotonic())
            share = THREADS * left * size / max(1, self.waiting)
            self.waiting -= size
        return share


def _solve_group(
    loaded: LoadedCalendar,
    days: list[date],
    history: History,
    options: list[Option],
    quota: dict[tuple[str, int], int],
    shares: Shares,
    seed: int,
) -> GroupResult:
    """One group's week: (objective less its need, bound less its need, status, chosen,
    the seconds of its model and first plan)."""
    started = time.monotonic()
    share, until = shares.take(len(options)), shares.until
    week = build_week(loaded, days, history, options, quota)
    add_rules(week)
    week.minimize()
    first = first_plan_seconds(len(options))
    built = time.monotonic()
    # A cap on the work: CP-SAT's deterministic time, which a group of 5,000 options needs
    # 0.1 of to prove its optimum; one that cannot close its gap (a weak bound) stops there
    # whatever the clock says. On the clock, its share, never past the week's end.
    seconds = min(share - (built - started), until - built)
    status = cp_model.UNKNOWN
    if seconds >= first:
        solver = _solver(seconds, seed)
        status = solver.solve(week.model)
    least = built - started + min(time.monotonic() - built, first)
    if status == cp_model.UNKNOWN:
        # No time left, or no plan in it (a busy machine): the first plan, whatever the
        # clock; its work is capped like any search's, so a loaded machine stretches it
        # but cannot make it plan nothing.
        searched = time.monotonic()
        solver = _solver(FIRST_PLAN_CAP, seed)
        solver.parameters.stop_after_first_solution = True
        status = solver.solve(week.model)
        least = built - started + time.monotonic() - searched
    # Shortfall, penalties and cost are never negative: the group's need is a bound too.
    bound = max(solver.best_objective_bound, -float(week.constant))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0.0, bound, "UNKNOWN", [], least
    values = solver.response_proto.solution  # read at once: a call per variable is slow
    chosen = [option for option, x in zip(options, week.chosen, strict=True) if values[x.index]]
    name = solver.status_name(status)
    # CP-SAT says OPTIMAL once the gap limit is reached: only a closed gap is a proof.
    if solver.objective_value > solver.best_objective_bound + 1e-9 * max(
        1.0, abs(solver.objective_value)
    ):
        name = "FEASIBLE"
    return solver.objective_value, bound, name, chosen, least


def first_plan_seconds(options: int) -> float:
    """The least time worth a search on the clock: CP-SAT (one worker) finds its first plan
    of the bundled calendar's largest groups, about 6,000 options, only after 0.2 to 0.5 s of
    an idle core (and then a plan within 0.1 % of the bound); with less, a group asks for its
    first plan alone."""
    return 0.1 + options / 20_000


def normal_minutes(loaded: LoadedCalendar) -> dict[str, int]:
    """Each person's normal week (more is overtime), in minutes."""
    contracts = loaded.calendar.contracts
    return {p.id: round(contracts[p.contract].hours_per_week * 60) for p in loaded.people}


def _solver(seconds: float, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1  # groups run side by side (see THREADS)
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = WORK_CAP
    solver.parameters.symmetry_level = 0  # costs seconds at this size and finds little
    # Probing and repeated presolve took 60 % of a group's solve and changed no plan or
    # bound of the bundled month: one presolve pass without probing.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.max_presolve_iterations = 1
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
    # A contract week's overtime is what it holds over the normal week, the weeks before
    # (planned or from the archive) included: the week's new overtime is the increase.
    weeks = {(loaded.people[o.person].id, week_of(o.duty.day)) for o in chosen}
    before = {key: history.week_minutes[key] for key in weeks}
    for option in chosen:
        duty, person = option.duty, loaded.people[option.person]
        filled[duty.key, option.need] += 1
        assignment = Assignment(
            person.id, duty.day, duty.key, duty.site, duty.duty, duty.window,
            duty.start, duty.end, option.travel,
            duty.end > night_after or duty.end > 1440, duty.event, duty.post,
        )  # fmt: skip
        plan.assignments.append(assignment)
        history.add(assignment)
    normal = normal_minutes(loaded)
    for (pid, monday), old in before.items():
        new = history.week_minutes[pid, monday]
        history.overtime[pid] += max(0, new - normal[pid]) - max(0, old - normal[pid])
    for day in days:
        for duty in plan.duties[day]:
            for n, need in enumerate(duty.needs):
                if filled[duty.key, n] < need.count:
                    plan.shortfalls.append(
                        Shortfall(
                            day, duty.key, duty.site, duty.duty, duty.window, duty.priority,
                            need.roles, need.count, filled[duty.key, n], duty.post,
                        )
                    )  # fmt: skip
