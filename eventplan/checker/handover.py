"""Rule ``no-handover``: nobody takes over or hands over a station inside a no-handover window.

For each window of ``rules.no_handover`` (once per day on multi-day events), no stint at a
station starts or ends at a time ``h`` with ``window.start <= h < window.end``: shift starts and
ends, both ends of a meal break, moves between stations. Two moments are not handovers and are
allowed: a start when the station needed nobody in the slot before (it opens then), and an end
when it needs nobody in the slot after (it closes then); what a station needs is read from
coverage.csv's ``required`` (checked against the scenario by the coverage rule). A briefing is
not a station: going to it is no handover, and the stint after it starts where it ends. A row
that carries straight on from the person's previous row at the same station and unit is the
same stint written in two rows.
"""

from __future__ import annotations

from collections.abc import Set

from eventplan.checker import clock
from eventplan.checker.files import Stint, is_briefing
from eventplan.checker.report import Violation
from eventplan.scenario.model import Scenario

#: (post, slot start) of every coverage row requiring someone
Needed = Set[tuple[str, int]]


def check_no_handover(
    scenario: Scenario, people: dict[str, list[Stint]], needed: Needed | None = None
) -> list[Violation]:
    """A violation per person and moment a stint starts or ends inside a no-handover window
    (``needed``: where and when a station needs someone; None counts every moment)."""
    windows = clock.named_windows(scenario, scenario.rules.no_handover)
    if not windows:
        return []
    slot = scenario.event.slot_minutes
    found = []
    for person, own in people.items():
        for at, what, post, opening in _moments(own):
            if needed is not None and _opens_or_closes(needed, post, at, slot, opening):
                continue
            inside = next(((w, s) for w, s in windows if s[0] <= at < s[1]), None)
            if inside is not None:
                window, (start, end) = inside
                found.append(
                    Violation(
                        "no-handover",
                        person,
                        f"{what} at {clock.show(at)}, inside the no-handover window "
                        f"{window} ({clock.show_span(start, end)})",
                    )
                )
    return found


def _opens_or_closes(needed: Needed, post: str, at: int, slot: int, opening: bool) -> bool:
    """Whether the station needs nobody just before (a start) or just after (an end)."""
    return (post, at - slot) not in needed if opening else (post, at) not in needed


def _moments(own: list[Stint]) -> list[tuple[int, str, str, bool]]:
    """(time, what happens, station, whether someone takes it up) for one person's rows in
    time order; briefings are not stations."""
    moments = []
    stations = [s for s in own if not is_briefing(s.post)]
    for i, stint in enumerate(stations):
        before = stations[i - 1] if i else None
        after = stations[i + 1] if i + 1 < len(stations) else None
        carried = before is not None and before.end == stint.start
        if not (carried and _same_station(before, stint)):
            what = (
                f"moves from '{before.post}' to '{stint.post}' (line {stint.line})"
                if carried
                else f"starts at '{stint.post}' (line {stint.line})"
            )
            moments.append((stint.start, what, stint.post, True))
            if carried:
                moments.append((stint.start, what, before.post, False))
        if after is None or after.start != stint.end:
            moments.append(
                (stint.end, f"ends at '{stint.post}' (line {stint.line})", stint.post, False)
            )
    return moments


def _same_station(a: Stint | None, b: Stint) -> bool:
    return a is not None and a.post == b.post and a.unit == b.unit
