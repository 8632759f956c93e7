"""Tiny calendars built in code for the tests: one station, one or two sites."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from eventplan.calendar.loader import LoadedCalendar, load_calendar
from eventplan.calendar.plan import CalendarPlan, plan_calendar
from eventplan.calendar.verify import verify

MONDAY = date(2026, 9, 7)  # a Monday in term


def contract(**rules: Any) -> dict[str, Any]:
    base = {
        "hours_per_week": 40,
        "hours_per_month": 300,
        "max_consecutive_days": 7,
        "min_days_off": 1,
        "max_weekends": 10,
        "min_rest_hours": 0,
    }
    return {**base, **rules}


def duty(ident: str, site: str = "s1", days: Any = "daily", **extra: Any) -> dict[str, Any]:
    windows = extra.pop("windows", [{"id": "w", "start": "09:00", "end": "10:00"}])
    needs = extra.pop("needs", [{"roles": ["police"], "count": 1}])
    return {"id": ident, "site": site, "days": days, "windows": windows, "needs": needs, **extra}


def calendar(
    people: list[dict[str, Any]],
    duties: list[dict[str, Any]],
    contracts: dict[str, Any] | None = None,
    travel: dict[str, int] | None = None,
) -> dict[str, Any]:
    travel = travel or {}
    return {
        "eventplan_calendar": 1,
        "roles": {"police": {"cost": 1}},
        "contracts": contracts or {"c": contract()},
        "stations": [{"id": "st", "lat": 40.8, "lon": 111.6}],
        "sites": [
            {"id": s, "lat": 40.8, "lon": 111.6, "travel": {"st": travel.get(s, 0)}}
            for s in ("s1", "s2")
        ],
        "people": [
            {"organisation": "o", "station": "st", "role": "police", "contract": "c", **p}
            for p in people
        ],
        "school_calendar": {"terms": [{"start": "2026-09-01", "end": "2026-12-31"}]},
        "duties": duties,
    }


def write(tmp: Path, document: dict[str, Any]) -> Path:
    path = tmp / "calendar.json"
    path.write_text(json.dumps(document))
    return path


def plan(tmp: Path, document: dict[str, Any], days: int = 7) -> tuple[LoadedCalendar, CalendarPlan]:
    """Plan ``days`` days from :data:`MONDAY`, and assert the cross-day check passes."""
    loaded = load_calendar(write(tmp, document))
    last = date.fromordinal(MONDAY.toordinal() + days - 1)
    result = plan_calendar(loaded, MONDAY, last, time_limit=10)
    assert verify(loaded, result.assignments, MONDAY) == []
    return loaded, result
