"""Groups of stations that share no recurring site, planned apart; events shared by quota.

Stations whose people may be sent to the same site must be planned together; stations that
share none are independent except for events, whose need is split between the groups in
proportion to the people each can send (largest remainder). Solving each group alone keeps
a week's model small enough to solve well; the price is that an event's quota is fixed
before solving, so the bound proven is the bound of this split problem.
"""

from __future__ import annotations

from collections import defaultdict

from eventplan.calendar.candidates import Option
from eventplan.calendar.loader import LoadedCalendar

Quota = dict[tuple[str, int], int]


def station_groups(loaded: LoadedCalendar, reach: dict[str, set[str]]) -> dict[str, int]:
    """Each station's group number: stations reaching a common site share a group."""
    parent = {station: station for station in reach}

    def root(station: str) -> str:
        while parent[station] != station:
            parent[station] = parent[parent[station]]
            station = parent[station]
        return station

    first_at: dict[str, str] = {}
    for station in sorted(reach):
        for site in reach[station]:
            other = first_at.setdefault(site, station)
            parent[root(station)] = root(other)
    roots = sorted({root(station) for station in reach})
    number = {r: k for k, r in enumerate(roots)}
    return {station: number[root(station)] for station in reach}


def split_options(
    loaded: LoadedCalendar, options: list[Option], groups: dict[str, int]
) -> list[tuple[list[Option], Quota]]:
    """The options of each group, and each group's quota of every event need."""
    members: dict[int, list[Option]] = defaultdict(list)
    for option in options:
        members[groups[loaded.people[option.person].station]].append(option)
    eligible: dict[tuple[str, int], dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    counts: dict[tuple[str, int], int] = {}
    for group, found in members.items():
        for option in found:
            if option.duty.event:
                key = (option.duty.key, option.need)
                eligible[key][group].add(option.person)
                counts[key] = option.duty.needs[option.need].count
    quotas: dict[int, Quota] = defaultdict(dict)
    for key, per_group in eligible.items():
        for group, share in _largest_remainder(counts[key], per_group).items():
            quotas[group][key] = share
    return [(members[g], quotas[g]) for g in sorted(members)]


def _largest_remainder(count: int, per_group: dict[int, set[int]]) -> dict[int, int]:
    sizes = {group: len(people) for group, people in per_group.items()}
    total = sum(sizes.values())
    exact = {g: count * size / total for g, size in sizes.items()}
    shares = {g: min(sizes[g], int(value)) for g, value in exact.items()}
    left = min(count, total) - sum(shares.values())
    for g in sorted(exact, key=lambda g: (shares[g] - exact[g], g)):
        if left <= 0:
            break
        if shares[g] < sizes[g]:
            shares[g] += 1
            left -= 1
    return shares
