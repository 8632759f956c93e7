"""Rule ``briefing``: every shift of a briefed person starts with the briefing, and only those.

A person is briefed when their pool has a ``briefing``, or else their role has one. Every shift
of such a person opens with one roster row at post ``briefing:<node>`` (the briefing's node) of
the briefing's minutes rounded up to whole slots (as a meal break is), ending where the
shift's first stint starts. The briefing is
part of the shift (its length, availability, rest and pay are reckoned from the briefing's
start, which the shift checks do by taking the row as the shift's first), but it is no duty:
the coverage and supervision counts leave it out. A shift of a person who is not briefed has no
briefing row, and no shift has more than one.
"""

from __future__ import annotations

from eventplan.checker import clock
from eventplan.checker.files import BRIEFING, is_briefing
from eventplan.checker.report import Violation
from eventplan.checker.shifts import Shift
from eventplan.scenario.model import Briefing, Scenario


def check_briefings(scenario: Scenario, all_shifts: list[Shift]) -> list[Violation]:
    """A violation per shift whose briefing is missing, misplaced, of the wrong length or
    not wanted."""
    pools = {p.id: p for p in scenario.pools}
    slot = scenario.event.slot_minutes
    found = []
    for shift in all_shifts:
        pool = pools.get(shift.stints[0].pool)
        wanted = (pool.briefing if pool else None) or scenario.roles[shift.role].briefing
        problem = _problem(shift, wanted, slot)
        if problem:
            found.append(Violation("briefing", shift.person, f"{shift}: {problem}"))
    return found


def _problem(shift: Shift, wanted: Briefing | None, slot: int) -> str | None:
    rows = shift.stints
    briefings = [s for s in rows if is_briefing(s.post)]
    if wanted is None:
        if briefings:
            first = briefings[0]
            return (
                f"has a briefing at {first.post.removeprefix(BRIEFING)} (line {first.line}), "
                "but neither the person's pool nor their role is briefed"
            )
        return None
    where = f"the {wanted.minutes}-minute briefing at {wanted.node}"
    if not briefings or rows[0] is not briefings[0]:
        return f"does not start with {where}"
    first = rows[0]
    if len(briefings) > 1:
        return f"has {len(briefings)} briefings (lines {', '.join(str(b.line) for b in briefings)})"
    if first.post != f"{BRIEFING}{wanted.node}":
        node = first.post.removeprefix(BRIEFING)
        return f"is briefed at {node} (line {first.line}), not at {wanted.node}"
    length = -(-wanted.minutes // slot) * slot
    if first.end - first.start != length:
        return (
            f"is briefed {clock.show_span(first.start, first.end)} ({first.end - first.start} "
            f"min, line {first.line}), not for {length} min"
        )
    if len(rows) == 1 or rows[1].start != first.end:
        return f"the briefing (line {first.line}) does not lead straight into a stint"
    return None
