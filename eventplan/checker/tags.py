"""Rule ``tags``: stations that only people with some tags may hold.

A drone crew with ``pilot_tags`` is flown only by pilots carrying every one of them, and a
sector with leader ``tags`` is led only by people carrying them. (A tagged need of a post, a
unit's ``needs_tags`` and a screening block's tagged share ask for some tagged people among
others; their coverage rows and rule ``unit`` judge them.)
"""

from __future__ import annotations

from eventplan.checker import clock
from eventplan.checker.files import Stint
from eventplan.checker.groups import TagBook
from eventplan.checker.report import Violation
from eventplan.scenario.model import Scenario


def check_station_tags(scenario: Scenario, stints: list[Stint], tags: TagBook) -> list[Violation]:
    """A violation per roster row at such a station by a person lacking a tag."""
    wanted: dict[str, tuple[str, frozenset[str]]] = {
        d.id: ("flies drone", frozenset(d.pilot_tags)) for d in scenario.drones if d.pilot_tags
    }
    for sector in scenario.sectors:
        if sector.leader is not None and sector.leader.tags:
            wanted[sector.id] = ("leads sector", frozenset(sector.leader.tags))
    found = []
    for stint in stints:
        if stint.post not in wanted:
            continue
        what, needed = wanted[stint.post]
        lacking = needed - tags.of(stint)
        if lacking:
            found.append(
                Violation(
                    "tags",
                    stint.person,
                    f"{what} '{stint.post}' {clock.show_span(stint.start, stint.end)} "
                    f"(line {stint.line}) without the tag(s) {', '.join(sorted(lacking))}",
                )
            )
    return found
