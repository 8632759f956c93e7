"""``coverage.csv`` against the scenario (``required``) and the roster (``assigned``).

``assigned`` of a station row counts the people of the row's roles (carrying the row's tags,
if it names any) with a stint at that station covering the slot; of a ``ratio:i`` row, the
people of those roles on duty anywhere. People on break stand nowhere and people at a
briefing are not on duty, so they count nowhere. ``shortfall`` is ``max(0, required -
assigned)`` with the true figures.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from eventplan.checker import clock, groups
from eventplan.checker.demand import Demand, Key
from eventplan.checker.files import COVERAGE, CoverageRow, Stint, is_briefing
from eventplan.checker.report import Violation


class Presence:
    """Who stands where: people by role and tags per (station, slot), and on duty per slot."""

    def __init__(self, people: dict[str, list[Stint]], slot: int, tags: groups.TagBook) -> None:
        self.at: defaultdict[tuple[str, int], Counter[groups.Kind]] = defaultdict(Counter)
        self.anywhere: defaultdict[int, Counter[groups.Kind]] = defaultdict(Counter)
        for own in people.values():
            duty = [s for s in own if not is_briefing(s.post)]
            if not duty:
                continue
            kind = tags.kind(duty[0])
            here = {(s.post, t) for s in duty for t in range(s.start, s.end, slot)}
            for place in here:
                self.at[place][kind] += 1
            for t in {t for _, t in here}:
                self.anywhere[t][kind] += 1

    def count(self, post: str, start: int, group: str) -> int:
        """People of a role group at a station in a slot (``ratio:i``: anywhere)."""
        if post.startswith("ratio:"):
            return groups.count(self.anywhere.get(start, Counter()), group)
        return groups.count(self.at.get((post, start), Counter()), group)


def check_coverage(
    rows: list[CoverageRow],
    required: dict[Key, Demand],
    presence: Presence | None,
    slot: int,
    complete: bool = True,
) -> list[Violation]:
    """Violations of the coverage rows.

    Parameters
    ----------
    rows
        The readable rows of coverage.csv.
    required
        What the scenario asks, from :func:`eventplan.checker.demand.required_staff`.
    presence
        Who stands where by the roster; ``None`` when the roster could not be read whole, and
        ``assigned`` and ``shortfall`` are then not compared.
    slot
        Slot length in minutes.
    complete
        Whether every row of coverage.csv could be read; rows the scenario asks for are
        reported missing only then.
    """
    found: list[Violation] = []
    seen: dict[Key, int] = {}
    for row in rows:
        key = (row.post, row.start, row.group)
        if key in seen:
            found.append(_bad(row, f"repeats the row on line {seen[key]}"))
            continue
        seen[key] = row.line
        truth = _required(row, required.get(key), found)
        if presence is None:
            continue
        assigned = presence.count(*key)
        if row.assigned != assigned:
            found.append(
                _bad(row, f"assigned is {row.assigned}, but roster.csv has {assigned} there")
            )
        shortfall = max(0, truth - assigned)
        if row.shortfall != shortfall:
            found.append(
                _bad(
                    row,
                    f"shortfall is {row.shortfall}, but {truth} required and "
                    f"{assigned} assigned leave {shortfall}",
                )
            )
    if complete:
        found += _missing(required, seen, slot)
    return found


def _bad(row: CoverageRow, message: str) -> Violation:
    return Violation(
        "coverage",
        row.post,
        f"{row.group} {clock.show_span(row.start, row.end)} "
        f"({COVERAGE} line {row.line}): {message}",
    )


def _required(row: CoverageRow, demand: Demand | None, found: list[Violation]) -> int:
    """The true requirement of a row (its own figure where the scenario cannot say)."""
    if demand is None:
        found.append(
            _bad(
                row, "the scenario asks for no such row (no need of this post, role group and slot)"
            )
        )
        return row.required
    if demand.exact and row.required != demand.required:
        found.append(
            _bad(
                row,
                f"required is {row.required}, but the scenario asks for "
                f"{demand.required} ({demand.source})",
            )
        )
        return demand.required
    if not demand.exact and row.required < demand.required:
        found.append(
            _bad(
                row,
                f"required is {row.required}, but the scenario asks for at "
                f"least {demand.required} ({demand.source})",
            )
        )
        return demand.required
    return row.required


def _missing(required: dict[Key, Demand], seen: dict[Key, int], slot: int) -> list[Violation]:
    lacking: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for (post, start, group), demand in required.items():
        if (post, start, group) not in seen and not demand.optional:
            lacking[(post, group, demand.source)].append(start)
    found = []
    for (post, group, source), starts in lacking.items():
        shown = clock.show_spans(clock.runs(starts, slot))
        found.append(
            Violation(
                "coverage",
                post,
                f"{COVERAGE} lacks {len(starts)} row(s) for {group} ({source}): {shown}",
            )
        )
    return found
