"""Named shifts: one person, one station, one template (see :mod:`eventplan.staffing.roster`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eventplan.staffing.templates import Template


@dataclass(frozen=True)
class Shift:
    """One person's shift at one station."""

    person: str
    name: str
    role: str
    pool: str
    station_id: str
    #: unit/team/crew label of each stint (one, or two around a break); empty at posts
    instance: tuple[str, ...]
    supply: int
    template: Template
    start: datetime
    end: datetime
    #: the person's skills (the pool's and their own)
    tags: frozenset[str] = frozenset()
    #: what the person leads in each stint: a unit instance or a sector id (or "")
    leads: tuple[str, ...] = ()
    #: where the person is briefed before the shift ("" without a briefing)
    muster: str = ""

    @property
    def hours(self) -> float:
        """Paid hours: the whole shift, briefing and break included."""
        return (self.end - self.start).total_seconds() / 3600


@dataclass(frozen=True)
class Roster:
    shifts: tuple[Shift, ...]
    #: shifts the rules left without a person: (supply, template, station id)
    unfilled: tuple[tuple[int, Template, str], ...]
