"""A plan of 5,000 people checks in a few seconds (the solver's property tests run it often)."""

from __future__ import annotations

import time
from typing import Any

from eventplan.checker import check_plan
from eventplan.scenario import from_document

POSTS, PER_POST = 1000, 5  # 5,000 guards, each 10:00-18:00 with a break, in 15-minute slots
DAY = "2025-07-12"


def big_event() -> dict[str, Any]:
    return {
        "eventplan": 1,
        "event": {
            "id": "big",
            "name": "Big",
            "timezone": "Asia/Shanghai",
            "attendance": 90000,
            "slot_minutes": 15,
            "phases": [{"id": "on", "start": f"{DAY}T10:00", "end": f"{DAY}T18:00"}],
        },
        "roles": {"guard": {"cost": 2.0, "shift_hours": [4.0, 9.0]}},
        "pools": [{"id": "guards", "role": "guard", "count": POSTS * PER_POST}],
        "rules": {
            "meal_break": {"after_hours": 6.0, "minutes": 30},
            "ratios": [{"roles": ["guard"], "per_attendees": 22.5}],
        },
        "venue": {"nodes": [{"id": "n", "lat": 40.0, "lon": 111.0}]},
        "posts": [
            {
                "id": f"p{i}",
                "node": "n",
                "needs": [{"phases": ["on"], "roles": ["guard"], "min": PER_POST - 1}],
            }
            for i in range(POSTS)
        ],
    }


def test_five_thousand_people_check_in_seconds(tmp_path, plan_writer):
    scenario = from_document(big_event())
    roster, coverage = [], []
    times = [f"{DAY}T{h:02d}:{m:02d}" for h in range(10, 18) for m in (0, 15, 30, 45)]
    times.append(f"{DAY}T18:00")
    for n in range(POSTS * PER_POST):
        post, seat = f"p{n // PER_POST}", n % PER_POST
        # Seat k takes its half-hour break at 13:00 + k x 30 min: four of five always stand.
        pause = 12 + 2 * seat
        for start, end in ((0, pause), (pause + 2, 32)):
            roster.append(
                {
                    "person": f"guards-{n + 1:04d}",
                    "name": "",
                    "role": "guard",
                    "pool": "guards",
                    "unit": "",
                    "post": post,
                    "start": times[start],
                    "end": times[end],
                }
            )
    for i in range(POSTS):
        for t in range(32):
            breaks = sum(12 + 2 * k <= t < 14 + 2 * k for k in range(PER_POST))
            coverage.append(
                {
                    "post": f"p{i}",
                    "slot_start": times[t],
                    "slot_end": times[t + 1],
                    "role_group": "guard",
                    "required": PER_POST - 1,
                    "assigned": PER_POST - breaks,
                    "shortfall": 0,
                }
            )
    for t in range(32):
        breaks = POSTS * sum(12 + 2 * k <= t < 14 + 2 * k for k in range(PER_POST))
        coverage.append(
            {
                "post": "ratio:0",
                "slot_start": times[t],
                "slot_end": times[t + 1],
                "role_group": "guard",
                "required": 4000,
                "assigned": POSTS * PER_POST - breaks,
                "shortfall": 0,
            }
        )
    folder = plan_writer(
        tmp_path / "plan", roster, coverage, 2.0 * 8 * POSTS * PER_POST, scenario_id="big"
    )
    began = time.perf_counter()
    report = check_plan(scenario, folder)
    seconds = time.perf_counter() - began
    assert report.ok, [str(v) for v in report.violations[:5]]
    assert (report.people, report.stints, report.coverage_rows) == (5000, 10000, 32032)
    assert seconds < 10, f"took {seconds:.1f} s"
