"""The cross-day check finds what a tampered plan breaks."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from eventplan.calendar.verify import verify
from tests.calendar.micro import MONDAY, calendar, contract, duty, plan


def test_a_duty_moved_onto_a_rest_day_is_found(tmp_path: Path) -> None:
    # At most 2 days in a row: the plan works W W O W W O W; a copy of Monday's duty moved to
    # Wednesday makes 5 in a row (Monday-Friday), and two people share one need.
    people = [{"id": "p1"}, {"id": "p2"}]
    document = calendar(people, [duty("d")], {"c": contract(max_consecutive_days=2)})
    loaded, result = plan(tmp_path, document)
    rows = [a for a in result.assignments if a.person == "p1"]
    worked = {a.day for a in rows}
    missing = next(
        MONDAY + timedelta(days=k) for k in range(7) if MONDAY + timedelta(days=k) not in worked
    )
    moved = dataclasses.replace(rows[0], day=missing, key=f"{missing}/d/w")
    breaches = verify(loaded, [*result.assignments, moved], MONDAY)
    assert any("consecutive days" in b for b in breaches), breaches
    assert any("coverage" in b for b in breaches), breaches


def test_two_sites_at_once_is_found(tmp_path: Path) -> None:
    duties = [duty("a", "s1", ["mon"]), duty("b", "s2", ["mon"])]
    loaded, result = plan(tmp_path, calendar([{"id": "p1"}, {"id": "p2"}], duties), days=1)
    first, second = result.assignments
    clash = dataclasses.replace(second, person=first.person)
    breaches = verify(loaded, [first, clash], MONDAY)
    assert any("overlap" in b for b in breaches), breaches
