"""``coverage.csv`` against the scenario (``required``) and the roster (``assigned``).

``assigned`` of a station row counts the people of the row's roles (carrying the row's tags,
if it names any) with a stint at that station covering the slot; of a ``ratio:i`` row, the
people of those roles on duty anywhere. People on break stand nowhere and people at a
briefing are not on duty, so they count nowhere. ``shortfall`` is ``max(0, required -
assigned)`` with the true figures.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from eventplan.checker import clock, groups
from eventplan.checker.demand import Demand, Key
from eventplan.checker.files import COVERAGE, CoverageRow, Stint, Unread, is_briefing
from eventplan.checker.report import Violation

#: Most (station, slot) places remembered for unusable roster rows; beyond, none is compared.
MAX_UNKNOWN_PLACES = 1_000_000


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


@dataclass
class Unknown:
    """Where roster rows that could not be used may have stood: people counted there by the
    roster may be too few, so ``assigned`` and ``shortfall`` are not compared there.

    A row with a readable post and times touches that station in those slots and every
    ``ratio:i`` row (people anywhere) in them; with a post but no times, the station and the
    ratio rows at every slot; with no post, everything.
    """

    places: set[tuple[str, int]] = field(default_factory=set)
    stations: set[str] = field(default_factory=set)
    slots: set[int] = field(default_factory=set)
    touched: set[str] = field(default_factory=set)
    every_slot: bool = False
    everywhere: bool = False

    @classmethod
    def of(cls, rows: Iterable[Unread], slot: int) -> Unknown:
        """The places the rows may have touched; ``slot`` is the slot length in minutes."""
        found = cls()
        for row in rows:
            if row.post is None:
                found.everywhere = True
            elif is_briefing(row.post):
                continue  # a briefing counts nowhere
            elif row.start is None or row.end is None:
                found.stations.add(row.post)
                found.every_slot = True
            else:
                starts = range(row.start - row.start % slot, row.end, slot)
                found.places.update((row.post, t) for t in starts)
                found.slots.update(starts)
                found.touched.add(row.post)
            if len(found.places) > MAX_UNKNOWN_PLACES:
                found.everywhere = True
            if found.everywhere:
                break
        return found

    def covers(self, post: str, start: int) -> bool:
        """Whether the people counted at a coverage row's station and slot may be too few."""
        if self.everywhere:
            return True
        if post.startswith("ratio:"):
            return self.every_slot or start in self.slots
        return post in self.stations or (post, start) in self.places

    def touches(self, post: str) -> bool:
        """Whether the people counted at a station may be too few in any slot."""
        return self.everywhere or post in self.stations or post in self.touched


def check_coverage(
    rows: list[CoverageRow],
    required: dict[Key, Demand],
    presence: Presence,
    slot: int,
    complete: bool = True,
    unknown: Unknown | None = None,
) -> list[Violation]:
    """Violations of the coverage rows.

    Parameters
    ----------
    rows
        The readable rows of coverage.csv.
    required
        What the scenario asks, from :func:`eventplan.checker.demand.required_staff`.
    presence
        Who stands where by the roster rows that could be used.
    slot
        Slot length in minutes.
    complete
        Whether every row of coverage.csv could be read; rows the scenario asks for are
        reported missing only then.
    unknown
        Where unusable roster rows may have stood: ``assigned`` and ``shortfall`` are not
        compared there.
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
        if unknown is not None and unknown.covers(row.post, row.start):
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
