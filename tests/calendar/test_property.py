"""Every calendar plan passes the cross-day check, whatever the contracts and duties."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.calendar.micro import calendar, contract, duty, plan

WINDOWS = [
    {"id": "entry", "start": "07:30", "end": "08:10", "part": "morning"},
    {"id": "dismissal", "start": "16:30", "end": "17:30", "part": "afternoon"},
    {"id": "night", "start": "18:00", "end": "23:30", "part": "day"},
]


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    people=st.integers(1, 4),
    consecutive=st.integers(1, 5),
    days_off=st.integers(1, 3),
    weekends=st.integers(0, 2),
    rest=st.sampled_from([0, 8, 11, 14]),
    split=st.booleans(),
    hours=st.integers(1, 12),
    travel=st.integers(0, 40),
    windows=st.sets(st.integers(0, 2), min_size=1),
)
def test_every_plan_passes_the_cross_day_check(
    people: int, consecutive: int, days_off: int, weekends: int, rest: int,
    split: bool, hours: int, travel: int, windows: set[int],
) -> None:  # fmt: skip
    rules = contract(
        hours_per_week=hours, hours_per_month=hours * 4, overtime_cap_hours=2,
        max_consecutive_days=consecutive, min_days_off=days_off, max_weekends=weekends,
        weekend_period_weeks=2, min_rest_hours=rest, split_allowed=split,
    )  # fmt: skip
    duties = [
        duty("a", "s1", windows=[WINDOWS[i] for i in sorted(windows)]),
        duty("b", "s2", "weekdays", windows=[WINDOWS[0]], priority="high"),
    ]
    document = calendar(
        [{"id": f"p{k}"} for k in range(people)], duties, {"c": rules}, {"s1": travel, "s2": 5}
    )
    with tempfile.TemporaryDirectory() as folder:
        plan(Path(folder), document, days=10)  # asserts the check passes
