"""The large-neighbourhood search: it improves a poor roster and keeps it legal."""

from __future__ import annotations

import time

from eventplan.rostering.lns import improve
from eventplan.rostering.mip import build_mip, read_roster, solve_mip
from eventplan.rostering.verify import verify
from tests.rostering.micro import instance


def test_search_improves_a_poor_roster_to_the_optimum() -> None:
    # Two people, 7 days, each must work 3 or 4 shifts; every day needs exactly one (10 per
    # person short, 1 per person over). 7 shifts cover the week with no surplus: optimum 0.
    # The start has both working days 0-2 (3 over) and nobody on days 3-6 (4 short): 43.
    staff = ["A,D=99,1920,1440,99,1,1,99", "B,D=99,1920,1440,99,1,1,99"]
    covers = [f"{d},D,1,10,1" for d in range(7)]
    problem, written = instance(days=7, staff=staff, covers=covers)
    mip = build_mip(problem)
    poor = {"A": ("D",) * 3 + (None,) * 4, "B": ("D",) * 3 + (None,) * 4}
    start = solve_mip(mip, seconds=5, threads=1, start=poor, fixed=True)
    assert start.values is not None and start.objective == 43
    objective, values = improve(mip, start.values, 43, time.perf_counter() + 20, threads=1, floor=0)
    assert objective == 0
    verdict = verify(written, read_roster(mip, values))
    assert verdict.feasible and verdict.objective == 0
