"""The independent verifier recomputes the objective and names each kind of broken rule."""

from __future__ import annotations

import pytest

from eventplan.rostering.verify import verify
from tests.rostering.micro import text

# Two weeks, shifts E and L (E may not follow L); A: E at most 3, 480 to 2400 minutes, runs of
# work 2 to 3, runs of rest at least 2, one weekend; day 9 off. Cover: E needs 1 each day.
INSTANCE = text(
    days=14,
    shifts=["E,480,", "L,480,E"],
    staff=["A,E=3|L=9,2400,480,3,2,2,1"],
    days_off=["A,9"],
    covers=[f"{d},E,1,100,1" for d in range(14)],
    on=["A,0,E,2"],
    off=["A,1,E,5"],
)


def line(**worked: str) -> list[str | None]:
    """A's two weeks: ``d3="E"`` puts E on day 3."""
    return [worked.get(f"d{d}") for d in range(14)]


def test_objective_of_a_legal_roster() -> None:
    # E on days 0-2: cover short on 11 days (1,100 under), on request met (0), off request
    # on day 1 worked (5): 1,105.
    verdict = verify(INSTANCE, {"A": line(d0="E", d1="E", d2="E")})
    assert verdict.violations == []
    assert verdict.parts == {"cover": 1100, "on": 0, "off": 5}
    assert verdict.objective == 1105


@pytest.mark.parametrize(
    ("worked", "expected"),
    [
        ({"d0": "E", "d1": "E", "d2": "E", "d4": "E", "d5": "L"}, "more than MaxShifts 3"),
        ({}, "0 minutes, outside 480 to 2400"),
        ({f"d{d}": "L" for d in range(4)}, "4 shifts in a row from day 0, more than 3"),
        ({"d3": "L"}, "1 shifts in a row from day 3, fewer than 2"),
        ({"d0": "L", "d1": "L", "d3": "L", "d4": "L"}, "1 days off in a row from day 2"),
        ({"d5": "L", "d6": "L", "d12": "L", "d13": "L"}, "2 weekends worked, more than 1"),
        ({"d2": "L", "d3": "E"}, "E may not follow L"),
        ({"d8": "L", "d9": "L"}, "works on a day off"),
    ],
)
def test_each_kind_of_violation(worked: dict[str, str], expected: str) -> None:
    verdict = verify(INSTANCE, {"A": line(**worked)})
    assert any(expected in v for v in verdict.violations), verdict.violations


def test_unknown_people_shifts_and_short_lines() -> None:
    verdict = verify(INSTANCE, {"A": ["X"] + [None] * 13, "Z": [None] * 14})
    assert any("unknown shift 'X'" in v for v in verdict.violations)
    assert any("Z: not an employee" in v for v in verdict.violations)
    assert any("days in the roster" in v for v in verify(INSTANCE, {"A": [None]}).violations)


def test_edge_runs_may_be_short() -> None:
    # Work on day 0 alone and day 13 alone touch the edges: no run violation.
    verdict = verify(INSTANCE, {"A": line(d0="E", d13="L")})
    assert not any("in a row" in v for v in verdict.violations), verdict.violations
