"""Rule ``no-handover``: nobody takes up or leaves a station inside a no-handover window.

For each window of ``rules.no_handover`` (once per day on multi-day events), no roster row
starts or ends at a time ``h`` with ``window.start <= h < window.end``: shift starts and ends,
both ends of a meal break, moves between stations, and briefings (a briefing that starts in a
window is a handover too). A row that carries straight on from the person's previous row at the
same station and unit is the same stint written in two rows, with no handover between them;
the end of a row that the person's next row starts at is reported once, as that next row's
start.
"""

from __future__ import annotations

from eventplan.checker import clock
from eventplan.checker.files import Stint
from eventplan.checker.report import Violation
from eventplan.scenario.model import Scenario


def check_no_handover(scenario: Scenario, people: dict[str, list[Stint]]) -> list[Violation]:
    """A violation per person and moment a stint starts or ends inside a no-handover window."""
    windows = clock.named_windows(scenario, scenario.rules.no_handover)
    if not windows:
        return []
    found = []
    for person, own in people.items():
        for at, what in _moments(own):
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


def _moments(own: list[Stint]) -> list[tuple[int, str]]:
    """The moments one person's rows (in time order) start or end, with what happens then."""
    moments = []
    for i, stint in enumerate(own):
        before = own[i - 1] if i else None
        after = own[i + 1] if i + 1 < len(own) else None
        if before is None or before.end != stint.start:
            moments.append((stint.start, f"starts at '{stint.post}' (line {stint.line})"))
        elif not _same_station(before, stint):
            moments.append(
                (stint.start, f"moves from '{before.post}' to '{stint.post}' (line {stint.line})")
            )
        if after is None or after.start != stint.end:
            moments.append((stint.end, f"ends at '{stint.post}' (line {stint.line})"))
    return moments


def _same_station(a: Stint, b: Stint) -> bool:
    return a.post == b.post and a.unit == b.unit
