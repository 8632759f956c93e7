"""What must be covered: required people per station, role group and slot.

A *station* is anywhere people are placed for a stretch of time: a post, a rapid-response
unit, a patrol team, a drone crew, a sector's leader or a reserve. Each station carries one or
more :class:`Demand` rows; a person placed at a station counts toward every demand of that
station that lists their role (and whose tags they all carry). Venue-wide ratios are demands
on no station: everyone of their roles on duty anywhere counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

#: (role, tags) of a supply: what decides which demands its people count toward.
Kind = tuple[str, frozenset[str]]


@dataclass(frozen=True)
class Demand:
    """Required people of a role group at a station (or venue-wide), per slot."""

    station_id: str
    roles: tuple[str, ...]
    priority: str
    required: np.ndarray = field(repr=False)
    #: where the demand comes from, for explanations ("need", "screening", "ratio", ...)
    source: str = "need"
    #: only people carrying all these tags count
    tags: tuple[str, ...] = ()

    @property
    def group(self) -> str:
        """Role group label as written in coverage.csv: role ids joined by '+', then any
        tags in brackets (``guard[female-searcher]``)."""
        label = "+".join(self.roles)
        return f"{label}[{'+'.join(self.tags)}]" if self.tags else label

    def admits(self, kind: Kind) -> bool:
        """Whether people of this kind (role, tags) count toward the demand."""
        role, tags = kind
        return role in self.roles and tags.issuperset(self.tags)


@dataclass(frozen=True)
class Station:
    """A place (post, unit, patrol, drone crew, leader, reserve) people are deployed to for
    whole shifts."""

    id: str
    kind: str  # "post" | "unit" | "patrol" | "drone" | "leader" | "reserve"
    priority: str
    demands: tuple[Demand, ...]
    #: a standing unit: its members work its whole span together (see the scenario docs)
    standing: bool = False
    #: a standing unit whose crews may relieve one another whole
    relief: bool = False

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r for d in self.demands for r in d.roles)


@dataclass(frozen=True)
class Requirements:
    stations: tuple[Station, ...]
    ratios: tuple[Demand, ...]

    def all_demands(self) -> list[Demand]:
        return [d for s in self.stations for d in s.demands] + list(self.ratios)


#: patrol id -> number of teams; drone id -> pilots per slot
TeamCounts = Mapping[str, int]
PilotCounts = Mapping[str, np.ndarray]
