"""A priced dive: fix people one at a time to the schedule the relaxation leans on most.

From the root's columns, each step fixes the person whose schedule has the largest share in
the master's relaxation (and everybody whose schedule already has all of it), then prices
again until the relaxation over the people still free is solved. The cover is paid by its
under and over columns, so every choice leaves a roster: the dive always ends in one. Far
from the bound, where HiGHS on the master's columns and the tree's dives find poor rosters
(instance 9: 1,466 from the columns, 650 after the neighbourhood search, against an optimum
of 439), the dive lands near the optimum (441 in one run): each fixing is followed by the
pricing's answer to it.
"""

from __future__ import annotations

import time

import numpy as np

from eventplan.rostering.branching import Assign, Decision, apply
from eventplan.rostering.colgen import Chosen, Master, chosen_of, generate

#: A share at least this large counts as the whole schedule: fixed in the same step.
WHOLE_SHARE = 0.99


def dive(master: Master, deadline: float) -> Chosen:
    """The roster the dive ends in.

    Past the deadline the people still free are fixed without pricing (the master's
    relaxation alone leads), so a roster comes back at once. The master is given back as at
    the root (no decision), with the dive's columns kept.
    """
    path: list[Decision] = []
    fixed: set[int] = set()
    try:
        while len(fixed) < len(master.pricers):
            values = master.relaxed_values()
            for person, schedule in fixed_next(master, values, fixed):
                fixed.add(person)
                path += [Assign(person, d, label, True) for d, label in enumerate(schedule)]
            apply(master, path)
            if time.perf_counter() < deadline:
                generate(master, deadline)
        return chosen_of(master, master.relaxed_values())
    finally:
        apply(master, [])


def fixed_next(
    master: Master, values: np.ndarray, fixed: set[int]
) -> list[tuple[int, tuple[int, ...]]]:
    """The people to fix in this step and their schedules.

    The free person whose column has the largest share, and every free person with a column
    of share :data:`WHOLE_SHARE` or more (between equal shares, the column added first).
    """
    shares = values[master.first_column : master.first_column + len(master.columns)]
    chosen: dict[int, tuple[int, ...]] = {}
    for offset in np.argsort(-shares, kind="stable"):
        if chosen and shares[offset] < WHOLE_SHARE:
            break
        person, schedule = master.columns[offset]
        if person not in fixed and person not in chosen:
            chosen[person] = schedule
    return list(chosen.items())
