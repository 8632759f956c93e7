"""One micro calendar per contract rule, split duty, travel and rest; the expected numbers of
duties are derived by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from tests.calendar.micro import calendar, contract, duty, plan

ONE = [{"id": "p1"}]


def test_consecutive_days(tmp_path: Path) -> None:
    # A daily one-hour duty, at most 3 days in a row: W W W O W W W is the best week, 6 duties.
    document = calendar(ONE, [duty("d")], {"c": contract(max_consecutive_days=3)})
    _, result = plan(tmp_path, document)
    assert len(result.assignments) == 6


def test_days_off_in_a_row(tmp_path: Path) -> None:
    # Blocks of at most 2 days, separated by at least 2 days off: W W O O W W O, 4 duties.
    document = calendar(ONE, [duty("d")], {"c": contract(max_consecutive_days=2, min_days_off=2)})
    _, result = plan(tmp_path, document)
    assert len(result.assignments) == 4


def test_weekly_hours_and_overtime_cap(tmp_path: Path) -> None:
    # Two-hour duties, a 4-hour week plus a 2-hour overtime cap: 6 hours, 3 duties.
    windows = [{"id": "w", "start": "09:00", "end": "11:00"}]
    document = calendar(
        ONE,
        [duty("d", windows=windows)],
        {"c": contract(hours_per_week=4, overtime_cap_hours=2)},
    )
    _, result = plan(tmp_path, document)
    assert len(result.assignments) == 3


def test_weekly_hours_count_in_contract_weeks(tmp_path: Path) -> None:
    # Thursday 10 to Wednesday 16 September, one planned week, two-hour duties, a 4-hour
    # week without overtime: it holds the contract weeks Thursday-Sunday and Monday-Wednesday,
    # each 2 duties: 4 in all (7 days counted as one week from Thursday would give 2).
    from datetime import date

    from eventplan.calendar.loader import load_calendar
    from eventplan.calendar.plan import plan_calendar
    from eventplan.calendar.verify import verify
    from tests.calendar.micro import write

    windows = [{"id": "w", "start": "09:00", "end": "11:00"}]
    document = calendar(ONE, [duty("d", windows=windows)], {"c": contract(hours_per_week=4)})
    loaded = load_calendar(write(tmp_path, document))
    first, last = date(2026, 9, 10), date(2026, 9, 16)
    result = plan_calendar(loaded, first, last, time_limit=10)
    assert [(w.first.day, w.last.day) for w in result.weeks] == [(10, 16)]
    assert len(result.assignments) == 4
    assert verify(loaded, result.assignments, first) == []


def test_monthly_hours_across_a_week(tmp_path: Path) -> None:
    # Monday 28 September to Sunday 4 October, 2 hours a month, one-hour duties: two in
    # September and two in October, 4 duties in the week.
    from datetime import date

    import tests.calendar.micro as micro

    document = calendar(ONE, [duty("d")], {"c": contract(hours_per_month=2)})
    original = micro.MONDAY
    micro.MONDAY = date(2026, 9, 28)
    try:
        _, result = plan(tmp_path, document)
    finally:
        micro.MONDAY = original
    months = sorted(a.day.month for a in result.assignments)
    assert months == [9, 9, 10, 10]


def test_weekends_per_period(tmp_path: Path) -> None:
    # Weekend-only duty for two weeks, one weekend in any two: both days of one weekend, 2.
    document = calendar(
        ONE,
        [duty("d", days="weekends")],
        {"c": contract(max_weekends=1, weekend_period_weeks=2)},
    )
    _, result = plan(tmp_path, document, days=14)
    assert len(result.assignments) == 2
    assert len({a.day.isocalendar().week for a in result.assignments}) == 1


def test_leave_and_requests(tmp_path: Path) -> None:
    # p1 is on leave Monday and asks Tuesday off; p2 asks Wednesday off. A duty each day of
    # Monday-Wednesday for one: p2, p2, p1.
    people = [
        {"id": "p1", "leave": ["2026-09-07"], "requests_off": ["2026-09-08"]},
        {"id": "p2", "requests_off": ["2026-09-09"]},
    ]
    document = calendar(people, [duty("d", days=["mon", "tue", "wed"])])
    _, result = plan(tmp_path, document)
    by_day = {a.day.day: a.person for a in result.assignments}
    assert by_day == {7: "p2", 8: "p2", 9: "p1"}


GATE = [
    {"id": "entry", "start": "07:30", "end": "08:10", "part": "morning"},
    {"id": "dismissal", "start": "16:30", "end": "17:10", "part": "afternoon"},
]


def test_split_duty_only_where_the_contract_allows(tmp_path: Path) -> None:
    # One school day (Monday), both windows: a split contract covers 2, the other 1.
    gate = [duty("g", days=["mon"], windows=GATE)]
    _, split = plan(tmp_path, calendar(ONE, gate, {"c": contract(split_allowed=True)}), days=1)
    _, single = plan(tmp_path, calendar(ONE, gate, {"c": contract()}), days=1)
    assert (len(split.assignments), len(single.assignments)) == (2, 1)


def test_travel_keeps_two_sites_apart(tmp_path: Path) -> None:
    # Morning at s1 07:30-08:10, afternoon window at s2 09:00-10:00. With 30 minutes of
    # travel each way the person is back at 08:40 but must leave at 08:30: one duty. With 10
    # minutes: back 08:20, leave 08:50: both.
    duties = [
        duty("a", "s1", ["mon"], windows=[GATE[0]]),
        duty("b", "s2", ["mon"], windows=[{**GATE[1], "start": "09:00", "end": "10:00"}]),
    ]
    rules = {"c": contract(split_allowed=True)}
    _, far = plan(tmp_path, calendar(ONE, duties, rules, {"s1": 30, "s2": 30}), days=1)
    _, near = plan(tmp_path, calendar(ONE, duties, rules, {"s1": 10, "s2": 10}), days=1)
    assert (len(far.assignments), len(near.assignments)) == (1, 2)


def test_rest_across_sites(tmp_path: Path) -> None:
    # A critical late duty at s1 Monday 16:00-23:00 (20 min travel: back 23:20) and a school
    # gate at s2 Tuesday 07:30 (10 min: leaves 07:20): 8 hours between. An 11-hour rest keeps
    # only the late duty (critical); an 8-hour rest allows both.
    duties = [
        duty("late", "s1", ["mon"], priority="critical",
             windows=[{"id": "w", "start": "16:00", "end": "23:00"}]),
        duty("gate", "s2", ["tue"], priority="high", windows=[GATE[0]]),
    ]  # fmt: skip
    travel = {"s1": 20, "s2": 10}
    _, strict = plan(
        tmp_path, calendar(ONE, duties, {"c": contract(min_rest_hours=11)}, travel), days=2
    )
    _, loose = plan(
        tmp_path, calendar(ONE, duties, {"c": contract(min_rest_hours=8)}, travel), days=2
    )
    assert [a.duty for a in strict.assignments] == ["late"]
    assert sorted(a.duty for a in loose.assignments) == ["gate", "late"]


def test_history_carries_consecutive_days_into_the_next_week(tmp_path: Path) -> None:
    # At most 3 days in a row over two weeks. Week 1 alone: W W W O W W W (6), ending on three
    # working days, so week 2 must begin with a day off: O W W W O W W (5). 11 in all, the
    # most any plan of 14 days can have (W W W O repeated: 3 + 3 + 3 + 2).
    document = calendar(ONE, [duty("d")], {"c": contract(max_consecutive_days=3)})
    _, result = plan(tmp_path, document, days=14)
    assert len(result.assignments) == 11
    assert min(a.day for a in result.assignments if a.day.isocalendar().week == 38).day == 15
