"""The cross-day check finds what a tampered plan breaks."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from eventplan.calendar.verify import verify
from tests.calendar.micro import MONDAY, calendar, contract, duty, plan


def test_a_duty_added_on_a_rest_day_is_found(tmp_path: Path) -> None:
    # One person, at most 2 days in a row: the plan works 5 of 7 days (e.g. W W O W W O W),
    # every day off between working days, so a duty added on any day off makes a run of at
    # least 3. A second person on an already filled need of one over-fills it.
    people = [{"id": "p1"}, {"id": "p2", "leave": [{"start": "2026-09-07", "end": "2026-09-13"}]}]
    document = calendar(people, [duty("d")], {"c": contract(max_consecutive_days=2)})
    loaded, result = plan(tmp_path, document)
    assert len(result.assignments) == 5
    worked = {a.day for a in result.assignments}
    off = next(
        MONDAY + timedelta(days=k) for k in range(1, 6) if MONDAY + timedelta(days=k) not in worked
    )
    added = dataclasses.replace(result.assignments[0], day=off, key=f"{off}/d/w")
    breaches = verify(loaded, [*result.assignments, added], MONDAY)
    assert any("consecutive days" in b for b in breaches), breaches
    twice = dataclasses.replace(result.assignments[0], person="p2")
    breaches = verify(loaded, [*result.assignments, twice], MONDAY)
    assert any("coverage" in b for b in breaches), breaches


def test_two_sites_at_once_is_found(tmp_path: Path) -> None:
    duties = [duty("a", "s1", ["mon"]), duty("b", "s2", ["mon"])]
    loaded, result = plan(tmp_path, calendar([{"id": "p1"}, {"id": "p2"}], duties), days=1)
    first, second = result.assignments
    clash = dataclasses.replace(second, person=first.person)
    breaches = verify(loaded, [first, clash], MONDAY)
    assert any("overlap" in b for b in breaches), breaches
