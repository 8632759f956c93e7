"""Each person's sequence rules as one automaton over the days: a CP-SAT regular constraint.

The labels are ``0`` for a day off and ``s + 1`` for shift type ``s``. The states remember
what the rules need: the length of the current run of work (up to the most allowed) and the
last shift type (for forbidden successions), or the length of the current run of rest (up to
the least required). Runs that touch an edge of the horizon may be short: work or rest may
have gone on before day 0 and go on after the last day. The benchmark's published optima
hold under this reading (instance 2: 828; with the first run of work held to the minimum too,
831; with both edge runs held, 833). Expanded by CP-SAT,
the automaton is a flow over the days whose linear relaxation is far tighter than the
clauses of the same rules.
"""

from __future__ import annotations

from eventplan.rostering.instance import Employee, Instance

Transition = tuple[int, int, int]  # from state, label, to state


def sequence_automaton(
    instance: Instance, employee: Employee, free_start: bool = True, free_end: bool = True
) -> tuple[int, list[int], list[Transition]]:
    """The start state, the final states and the transitions for one employee."""
    kinds = len(instance.shifts)
    most, least = employee.max_consecutive, employee.min_consecutive
    rest = max(1, employee.min_days_off)
    start = 0
    rested = 1  # a run of rest at least as long as required

    def working(run: int, shift: int) -> int:  # run in 1..most, shift in 0..kinds-1
        return 2 + (run - 1) * kinds + shift

    def resting(run: int) -> int:  # run in 1..rest-1 (shorter than required)
        return 2 + most * kinds + run - 1

    def opening(run: int, shift: int) -> int:  # the first run, when it may be short
        return 2 + most * kinds + rest + (run - 1) * kinds + shift

    blocked = _blocked_successions(instance)
    transitions: list[Transition] = []
    for free in (start, rested):
        # A run of rest from day 0 may be short, but the run of work after it may not.
        transitions.append((free, 0, rested))
        first = opening if free == start and free_start and least > 1 else working
        transitions += [(free, s + 1, first(1, s)) for s in range(kinds)]
    if free_start:  # the first run of work may be short: it may have begun before day 0
        for run in range(1, min(least, most + 1)):
            for s in range(kinds):
                after = working if run + 1 >= least else opening
                transitions.append((opening(run, s), 0, rested if rest <= 1 else resting(1)))
                transitions += [
                    (opening(run, s), t + 1, after(run + 1, t))
                    for t in range(kinds)
                    if (s, t) not in blocked and run < most
                ]
    for run in range(1, most + 1):
        for s in range(kinds):
            state = working(run, s)
            if run >= least:
                transitions.append((state, 0, rested if rest <= 1 else resting(1)))
            if run < most:
                transitions += [
                    (state, t + 1, working(run + 1, t))
                    for t in range(kinds)
                    if (s, t) not in blocked
                ]
    for run in range(1, rest):
        transitions.append((resting(run), 0, rested if run + 1 >= rest else resting(run + 1)))
    finals = [start, rested] + [resting(r) for r in range(1, rest)]
    shortest = 1 if free_end else max(1, least)
    finals += [working(r, s) for r in range(shortest, most + 1) for s in range(kinds)]
    if free_start:
        finals += [opening(r, s) for r in range(1, min(least, most + 1)) for s in range(kinds)]
    return start, finals, transitions


def _blocked_successions(instance: Instance) -> set[tuple[int, int]]:
    index = {shift.id: s for s, shift in enumerate(instance.shifts)}
    return {
        (s, index[follower])
        for s, shift in enumerate(instance.shifts)
        for follower in shift.not_followed_by
    }
