"""What a roster's station means: a post, a unit instance, a patrol team, a drone crew, a
sector's lead or a reserve, with the name, call sign and radio channel the sheet shows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from eventplan.scenario import Scenario
from eventplan.sheet.words import fill


@dataclass(frozen=True, slots=True)
class Station:
    """A place of duty as the sheet shows it.

    Parameters
    ----------
    key
        The station as the roster names it: a post, sector or reserve id, or a unit instance
        (``rapid-response#3``).
    kind
        ``post``, ``unit``, ``patrol``, ``drone``, ``sector``, ``reserve`` or ``other``.
    base
        The id of the post, unit, patrol, drone, sector or reserve.
    name
        Its name, with the instance for crews.
    call_sign, radio_channel
        From the scenario (the sector's for its lead), or empty.
    node
        The venue node where it stands (posts and reserves), or empty.
    sector
        The sector a post belongs to, or empty.
    """

    key: str
    kind: str
    base: str
    name: str
    call_sign: str = ""
    radio_channel: str = ""
    node: str = ""
    sector: str = ""


class Stations:
    """Looks stations up by the roster's name for them."""

    def __init__(self, scenario: Scenario, words: dict[str, str]) -> None:
        self.scenario = scenario
        self.words = words
        self._found: dict[str, Station] = {}

    @cached_property
    def node_names(self) -> dict[str, str]:
        """Each venue node's name (its id when it has none)."""
        return {node.id: node.name or node.id for node in self.scenario.venue.nodes}

    @cached_property
    def sector_of(self) -> dict[str, str]:
        """The sector of each post that is in one."""
        return {post: sector.id for sector in self.scenario.sectors for post in sector.posts}

    def place(self, node: str) -> str:
        """The name of a venue node (its id when it has none)."""
        return self.node_names.get(node, node)

    def __call__(self, key: str) -> Station:
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._look_up(key)
        return found

    def _look_up(self, key: str) -> Station:
        base, _, index = key.partition("#")
        s, words = self.scenario, self.words
        for unit in s.units:
            if unit.id == base:
                name = fill(words["unit_instance"], name=unit.label or unit.id, n=index)
                return Station(key, "unit", base, name, *_radio(unit))
        for patrol in s.patrols:
            if patrol.id == base:
                name = fill(words["patrol_team"], name=patrol.id, n=index)
                return Station(key, "patrol", base, name, *_radio(patrol))
        for drone in s.drones:
            if drone.id == base:
                name = fill(words["drone_crew"], name=drone.id, n=index or "1")
                return Station(key, "drone", base, name, *_radio(drone))
        return self._standing(key)

    def _standing(self, key: str) -> Station:
        s, words = self.scenario, self.words
        for post in s.posts:
            if post.id == key:
                return Station(
                    key, "post", key, post.name or key, *_radio(post), post.node,
                    self.sector_of.get(key, ""),
                )  # fmt: skip
        for sector in s.sectors:
            if sector.id == key:
                name = fill(words["sector_lead"], name=sector.name or sector.id)
                return Station(key, "sector", key, name, *_radio(sector), sector=key)
        for reserve in s.reserves:
            if reserve.id == key:
                return Station(key, "reserve", key, reserve.name or key, node=reserve.node)
        return Station(key, "other", key, key)


def _radio(thing: object) -> tuple[str, str]:
    return (getattr(thing, "call_sign", None) or "", getattr(thing, "radio_channel", None) or "")
