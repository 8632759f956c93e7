"""People's duty read from the roster: shifts, breaks, who hands over to whom, who leads.

A **shift** is a run of one person's rows in time order in which each row follows the one
before after a gap shorter than ``rules.min_rest_hours`` (or no longer than the meal break);
it starts with its briefing when there is one. A **break** is a gap between two stints of a
shift. At every station (a post, a unit instance, a sector's lead, a reserve) and moment, the
people whose stint ends then hand over to the people whose stint starts then, paired one to
one: the same role first, then in order of person id; someone whose own stint carries straight
on is no partner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from eventplan.scenario import Scenario
from eventplan.sheet.folder import Stint

Span = tuple[datetime, datetime]
#: (person, station, moment): one end of one stint
StintEnd = tuple[str, str, datetime]


@dataclass(frozen=True, slots=True)
class Shift:
    """One person's shift: the briefing (if any) and the stints on duty, in time order."""

    briefing: Stint | None
    stints: tuple[Stint, ...]

    @property
    def first(self) -> Stint:
        """The briefing, or the first stint without one."""
        return self.briefing or self.stints[0]

    @property
    def start(self) -> datetime:
        """When the shift starts (its briefing included)."""
        return self.first.start

    @property
    def end(self) -> datetime:
        """When the shift's last stint ends."""
        return max(s.end for s in (self.briefing, *self.stints) if s is not None)

    def breaks(self) -> list[Span]:
        """The gaps between the stints of the shift."""
        found, reach = [], self.stints[0].end
        for stint in self.stints[1:]:
            if stint.start > reach:
                found.append((reach, stint.start))
            reach = max(reach, stint.end)
        return found

    def stations(self) -> list[tuple[str, list[Stint]]]:
        """The shift's stations in the order the person first goes there, with their stints."""
        by_station: dict[str, list[Stint]] = {}
        for stint in self.stints:
            by_station.setdefault(stint.station, []).append(stint)
        return list(by_station.items())


def shifts(scenario: Scenario, stints: Iterable[Stint]) -> dict[str, list[Shift]]:
    """Every person's shifts in time order (people without a stint on duty have none)."""
    rest = timedelta(hours=scenario.rules.min_rest_hours)
    meal, slot = scenario.rules.meal_break, scenario.event.slot_minutes
    longest_break = timedelta(minutes=-(-meal.minutes // slot) * slot if meal else 0)
    people: dict[str, list[Stint]] = defaultdict(list)
    for stint in stints:
        people[stint.person].append(stint)
    out: dict[str, list[Shift]] = {}
    for person, own in people.items():
        own.sort(key=lambda s: (s.start, s.end))
        runs: list[list[Stint]] = [[own[0]]]
        for stint in own[1:]:
            gap = stint.start - max(s.end for s in runs[-1])
            if gap >= rest and gap > longest_break:
                runs.append([stint])
            else:
                runs[-1].append(stint)
        found = [_shift(run) for run in runs]
        out[person] = [shift for shift in found if shift is not None]
    return out


def _shift(run: Sequence[Stint]) -> Shift | None:
    briefings = [s for s in run if s.is_briefing]
    duty = tuple(s for s in run if not s.is_briefing)
    if not duty:
        return None
    return Shift(briefings[0] if briefings else None, duty)


@dataclass(frozen=True)
class Handovers:
    """Who hands over to whom: partners of stint starts and of stint ends."""

    took_over_from: dict[StintEnd, str]
    handed_over_to: dict[StintEnd, str]


def handovers(stints: Iterable[Stint]) -> Handovers:
    """Pair the stints ending and starting at each station and moment (see the module)."""
    ending: dict[tuple[str, datetime], list[Stint]] = defaultdict(list)
    starting: dict[tuple[str, datetime], list[Stint]] = defaultdict(list)
    for stint in stints:
        if not stint.is_briefing:
            ending[(stint.station, stint.end)].append(stint)
            starting[(stint.station, stint.start)].append(stint)
    took: dict[StintEnd, str] = {}
    handed: dict[StintEnd, str] = {}
    for (station, moment), enders in ending.items():
        starters = starting.get((station, moment))
        if not starters:
            continue
        carrying_on = {s.person for s in enders} & {s.person for s in starters}
        for old, new in _pairs(
            [s for s in enders if s.person not in carrying_on],
            [s for s in starters if s.person not in carrying_on],
        ):
            handed[(old.person, station, moment)] = new.person
            took[(new.person, station, moment)] = old.person
    return Handovers(took, handed)


def _pairs(enders: list[Stint], starters: list[Stint]) -> list[tuple[Stint, Stint]]:
    """One-to-one partners: the same role first, then the rest, each in person-id order."""
    enders = sorted(enders, key=lambda s: s.person)
    starters = sorted(starters, key=lambda s: s.person)
    pairs: list[tuple[Stint, Stint]] = []
    for same_role in (True, False):
        free = list(starters)
        for old in list(enders):
            new = next((s for s in free if not same_role or s.role == old.role), None)
            if new is not None:
                pairs.append((old, new))
                free.remove(new)
                enders.remove(old)
                starters.remove(new)
    return pairs


def leaders(stints: Iterable[Stint]) -> dict[str, list[Stint]]:
    """The stints in which someone leads, by what they lead (a sector or a unit instance)."""
    led: dict[str, list[Stint]] = defaultdict(list)
    for stint in stints:
        if stint.leads and not stint.is_briefing:
            led[stint.leads].append(stint)
    for own in led.values():
        own.sort(key=lambda s: (s.start, s.person))
    return dict(led)


def leader_at(led: Sequence[Stint], moment: datetime) -> Stint | None:
    """Who leads at ``moment``: the stint holding it, else the next to begin, else the last."""
    holding = [s for s in led if s.start <= moment < s.end]
    if holding:
        return holding[0]
    later = [s for s in led if s.start > moment]
    if later:
        return later[0]
    return led[-1] if led else None


def covered(stints: Iterable[Stint], window: Span) -> list[Span]:
    """The parts of ``window`` the stints cover, merged, in time order."""
    parts = sorted(
        (max(s.start, window[0]), min(s.end, window[1]))
        for s in stints
        if s.start < window[1] and window[0] < s.end
    )
    merged: list[Span] = []
    for start, end in parts:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
