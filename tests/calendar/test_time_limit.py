"""The time limit counts from loading and leaves the outputs their time; a search the clock
has cut short keeps what it found and states its gap."""

from __future__ import annotations

import dataclasses
import time
from datetime import date
from pathlib import Path

import pytest

from eventplan.calendar.loader import load_calendar
from eventplan.calendar.plan import (
    Shares,
    first_plan_seconds,
    output_reserve,
    plan_calendar,
    week_budget,
)
from eventplan.calendar.verify import verify
from tests.calendar.micro import MONDAY, calendar, duty, write


def test_output_reserve_grows_with_the_days_and_keeps_half_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("os.getloadavg", lambda: (0.5, 0.5, 0.5))
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    # An idle machine: 1 s + 0.35 s for each of 20 days with duty = 8 s.
    assert output_reserve(20, 60.0) == pytest.approx(8.0)
    # Load 4 on 2 cores: each day's folder takes twice as long, 1 + 0.35 * 20 * 2 = 15 s.
    monkeypatch.setattr("os.getloadavg", lambda: (4.0, 4.0, 4.0))
    assert output_reserve(20, 60.0) == pytest.approx(15.0)
    # Never more than half the limit: 10 s of 20.
    assert output_reserve(20, 20.0) == pytest.approx(10.0)


def test_first_plan_seconds_by_size() -> None:
    # 0.1 s + 6,000 options / 20,000 = 0.4 s; a group of none, the 0.1 s alone.
    assert first_plan_seconds(6000) == pytest.approx(0.4)
    assert first_plan_seconds(0) == pytest.approx(0.1)


def test_a_limit_already_spent_plans_at_once_and_states_its_gap(tmp_path: Path) -> None:
    # Ten people, one duty of two a day for two weeks: the calendar began loading 100 s
    # before a limit of 5 s, so every group gets only the least a first plan needs.
    people = [{"id": f"p{k}"} for k in range(10)]
    needs = [{"roles": ["police"], "count": 2}]
    loaded = load_calendar(write(tmp_path, calendar(people, [duty("d", needs=needs)])))
    late = dataclasses.replace(loaded, started=time.monotonic() - 100)
    started = time.monotonic()
    result = plan_calendar(late, MONDAY, date(2026, 9, 20), time_limit=5)
    elapsed = time.monotonic() - started
    # Two weeks of one group each: at most twice first_plan_seconds (and a retry) per
    # group, far below the 5 s the limit would otherwise have given.
    assert elapsed < 3.0
    assert len(result.weeks) == 2
    for week in result.weeks:
        assert week.bound <= week.objective + 1e-6  # a gap is stated, never a false proof
    assert verify(late, result.assignments, MONDAY) == []


def test_a_group_takes_its_share_of_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([100.0, 103.0])
    monkeypatch.setattr("time.monotonic", lambda: next(clock))
    shares = Shares(until=110.0, options=300)
    # At 100 s, 10 s left for 300 options: a group of 100 takes 2 * 10 * 100 / 300 = 6.67 s
    # (two groups run at once). At 103 s, 7 s left for the 200 options still waiting: the
    # last group takes 2 * 7 * 200 / 200 = 14 s, more than its first share by size would be.
    assert shares.take(100) == pytest.approx(20 / 3)
    assert shares.take(200) == pytest.approx(14.0)


def test_a_week_may_borrow_up_to_three_even_shares() -> None:
    # 100 s free, a week of 7 days with 21 after it: its even share is 100 * 7 / 28 = 25 s,
    # and it may take up to 3 x 25 = 75 s. The last week (nothing after it) takes all 100 s;
    # with nothing free, nothing.
    assert week_budget(100.0, 7, 21) == pytest.approx(75.0)
    assert week_budget(100.0, 7, 0) == pytest.approx(100.0)
    assert week_budget(-5.0, 7, 21) == 0.0
