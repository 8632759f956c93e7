"""What every part of the sheet is made from: the plan folder, read once, and how to say things.

:class:`Context` holds the plan's people, shifts, handovers and leaders, the sheet's words in one
language, and the helpers that turn people, times and lists into the text of a cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from eventplan.i18n import Texts
from eventplan.scenario.model import Pool, Scenario
from eventplan.scenario.realtime import EventClock
from eventplan.sheet.duty import (
    Handovers,
    Shift,
    Span,
    covered,
    handovers,
    leader_at,
    leaders,
    shifts,
)
from eventplan.sheet.folder import PlanFolder, Stint
from eventplan.sheet.stations import Station, Stations
from eventplan.sheet.times import CLOCK, DATED_CLOCK, JUST_BEFORE, SheetClock
from eventplan.sheet.words import command_texts, fill, role_labels, texts


@dataclass
class Context:
    """The plan folder, read once, and the sheet's words in one language (``t``: the command
    line's words, for the plan's status, priorities and the causes of shortfalls).

    Times are moments of the event clock (see :mod:`eventplan.sheet.folder`) until they reach
    a cell: :meth:`when` gives a moment's local time, :meth:`time` and :meth:`span` its text.
    """

    folder: PlanFolder
    lang: str
    words: dict[str, str] = field(init=False)
    t: Texts = field(init=False)
    roles: dict[str, str] = field(init=False)
    stations: Stations = field(init=False)
    shifts: dict[str, list[Shift]] = field(init=False)
    handovers: Handovers = field(init=False)
    #: the stints of whoever leads, by the sector or unit instance they lead
    led: dict[str, list[Stint]] = field(init=False)
    #: the stints on duty (not briefings), by station
    at: dict[str, list[Stint]] = field(init=False)
    names: dict[str, str] = field(init=False)
    pools: dict[str, Pool] = field(init=False)
    clock: SheetClock = field(init=False)

    def __post_init__(self) -> None:
        scenario, stints = self.folder.scenario, self.folder.stints
        self.words = texts(self.lang)
        self.t = command_texts(scenario, self.lang)
        self.roles = role_labels(scenario, self.lang)
        self.stations = Stations(scenario, self.words)
        self.shifts = shifts(scenario, stints)
        self.handovers = handovers(stints)
        self.led = leaders(stints)
        self.at = {}
        for stint in stints:
            if not stint.is_briefing:
                self.at.setdefault(stint.station, []).append(stint)
        self.names = _person_labels(stints)
        self.pools = {pool.id: pool for pool in scenario.pools}
        clock = self.folder.clock
        self.clock = SheetClock(clock, _formats(self.folder, clock), self.words["time_with_offset"])

    @property
    def scenario(self) -> Scenario:
        """The plan's scenario."""
        return self.folder.scenario

    def person(self, person: str) -> str:
        """A person as the sheet names them: the name, with the id when the name is shared."""
        return self.names.get(person, person)

    def role(self, role: str) -> str:
        """A role's label in the sheet's language."""
        return self.roles.get(role, role)

    def group(self, group: str) -> str:
        """``police+auxiliary[first-aid]`` as ``Police officer/Auxiliary police [first-aid]``."""
        roles, bracket, tags = group.partition("[")
        label = "/".join(self.role(role) for role in roles.split("+"))
        return f"{label} [{tags}" if bracket else label

    def when(self, moment: datetime) -> datetime:
        """A moment's local time, as a cell holds it (see :meth:`SheetClock.local`)."""
        return self.clock.local(moment)

    def time(self, moment: datetime) -> str:
        """A moment in the sheet's time format."""
        return self.clock.time(moment)

    def span(self, start: datetime, end: datetime) -> str:
        """``16:00–19:30``; with dates, the end's date only when it is another day."""
        return self.clock.span(start, end)

    def join(self, items: Iterable[str]) -> str:
        """Items in one cell, separated as the language separates a list."""
        return self.words["list_separator"].join(item for item in items if item)

    def radio(self, station: Station) -> str:
        """``call sign`` or ``call sign · channel n`` for a station, empty without either."""
        channel = fill(self.words["channel_n"], n=station.radio_channel)
        return " · ".join(
            part for part in (station.call_sign, channel if station.radio_channel else "") if part
        )

    def who(self, stints: Sequence[Stint], window: Span) -> str:
        """The people of ``stints`` within ``window``, by role (in the scenario's order), each
        with their times when they are there for only part of it."""
        by_person: dict[str, list[Stint]] = {}
        for stint in stints:
            if stint.start < window[1] and window[0] < stint.end:
                by_person.setdefault(stint.person, []).append(stint)
        by_role: dict[str, list[tuple[str, str]]] = {}
        for person, own in by_person.items():
            parts = covered(own, window)
            text = self.person(person)
            if parts != [window]:
                text += " " + self.join(self.span(*part) for part in parts)
            by_role.setdefault(own[0].role, []).append((self.person(person), text))
        order = list(self.roles)
        groups = sorted(by_role.items(), key=lambda g: order.index(g[0]) if g[0] in order else 99)
        return self.words["group_separator"].join(
            fill(
                self.words["role_people"],
                role=self.role(role),
                names=self.join(text for _, text in sorted(people)),
            )
            for role, people in groups
        )

    def leader(self, led_key: str, moment: datetime) -> Stint | None:
        """Who leads a sector or unit instance at ``moment`` (see :func:`duty.leader_at`)."""
        return leader_at(self.led.get(led_key, ()), moment)

    def command_post(self) -> str:
        """The command post as whom to report to: its name and call sign, or empty."""
        command = self.scenario.command
        if command is None:
            return ""
        name = command.name or self.words["command_post"]
        return f"{name} ({command.call_sign})" if command.call_sign else name


def _person_labels(stints: Iterable[Stint]) -> dict[str, str]:
    names: dict[str, str] = {}
    for stint in stints:
        names.setdefault(stint.person, stint.name)
    shared = Counter(names.values())
    return {
        person: (name if shared[name] == 1 else f"{name} ({person})") if name else person
        for person, name in names.items()
    }


def _formats(folder: PlanFolder, clock: EventClock) -> tuple[str, str]:
    """Without the date when every stint and phase lies on one local day (ending by its
    midnight)."""
    spans = [(w.start, w.end) for w in folder.phases] + [(s.start, s.end) for s in folder.stints]
    days = {clock.local(start).date() for start, _ in spans}
    days |= {clock.local(end - JUST_BEFORE).date() for _, end in spans}
    return CLOCK if len(days) <= 1 else DATED_CLOCK
