"""Required staff per station, slot and role group, recomputed from the scenario alone.

This is the checker's own reading of the scenario format (``docs/scenario.md``: posts, units,
patrols, drones, sectors, reserves, rules); it shares no code with the solver. Each entry is
keyed by ``(station, slot start, role group)``, the key of a ``coverage.csv`` row; a role group
is the roles joined by ``+`` in the order the scenario lists them, then any tags in brackets
(:mod:`eventplan.checker.groups`). A list of ``phases`` covers the slots of the phases and
event windows it names.

- a post's **need** asks ``min`` people of its roles (carrying its tags) in every slot of its
  phases;
- a **screening** block asks what :mod:`eventplan.checker.screening` says;
- **ratio** ``i`` of ``rules.ratios`` asks ``ceil(attendance / per_attendees)`` people of its
  roles on duty anywhere in every slot of its phases (all phases when omitted); its rows carry
  the post ``ratio:i``;
- a **unit** asks ``count x composition[role]`` of each role and ``count x min`` of each of its
  ``needs_tags``, a **patrol** ``teams x composition[role]`` (with ``teams: auto``, as many
  teams as the plan has), in every slot of their phases;
- a **drone** crew asks at least ``count`` pilots of ``pilot_role`` carrying ``pilot_tags``
  (one per airborne drone) and at least what the plan lists for the slot;
- a **reserve** asks ``min``, or ``ceil(share x`` the people of its roles in all pools``)``,
  of its roles in every slot of its phases;
- a **sector** with a leader asks one person of the leader role (with the leader tags) in
  every slot in which any of its posts requires someone.

Two needs of one post with the same role group in the same slot make one row asking the larger
``min``: needs are met independently, so the larger one decides.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from eventplan.checker import clock, screening
from eventplan.checker.groups import group_name
from eventplan.checker.screening import arrival_rates
from eventplan.scenario.model import Scenario, Unit

__all__ = ["Demand", "Key", "arrival_rates", "required_staff"]

#: ``(post, slot start, role group)``: the key of a coverage row.
Key = tuple[str, int, str]
#: Tolerance for ceilings: a figure within this of a whole number is that number.
EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Demand:
    """What the scenario asks of one coverage row.

    Parameters
    ----------
    required
        People required; with ``exact`` false, the fewest the row may require.
    exact
        Whether the row's ``required`` must equal ``required`` (false for drone crews, whose
        pilot count the plan may raise above one per drone).
    source
        What asks for it: ``need``, ``screening``, ``ratio``, ``unit``, ``patrol``, ``drone``,
        ``reserve``, ``sector leader``.
    optional
        Whether the row may be left out of coverage.csv (a screening row whose staff the
        plan picks to meet a wait target: its figure is the plan's, and may be 0).
    """

    required: int
    exact: bool
    source: str
    optional: bool = False


def required_staff(
    scenario: Scenario,
    teams: Mapping[str, int],
    pilots: Mapping[str, list[tuple[int, int, int]]],
    chosen: Mapping[tuple[str, int], int] | None = None,
) -> dict[Key, Demand]:
    """Every coverage row the scenario asks for, with what it requires.

    Parameters
    ----------
    scenario
        The scenario the plan was made for.
    teams
        Patrol teams per patrol id, for patrols with ``teams: auto``.
    pilots
        Pilots the plan lists per drone id, as ``(start, end, pilots)`` spans (may be empty).
    chosen
        The screening staff the plan picks per (post, slot start) for screening blocks with
        ``max_wait_minutes``, as coverage.csv gives it.
    """
    table: dict[Key, Demand] = {}
    found = (
        *_needs(scenario),
        *_screening(scenario, chosen or {}),
        *_ratios(scenario),
        *_forces(scenario, teams),
        *_drones(scenario, pilots),
        *_reserves(scenario),
    )
    for key, demand in found:
        old = table.get(key)
        if (demand.required > 0 or demand.optional) and (
            old is None or demand.required > old.required
        ):
            table[key] = demand
    table.update(_sector_leaders(scenario, table))
    return table


Entry = tuple[Key, Demand]


def _slots(scenario: Scenario, phases: tuple[str, ...] | None) -> list[int]:
    return clock.slot_starts(clock.phase_windows(scenario, phases), scenario.event.slot_minutes)


def _needs(scenario: Scenario) -> Iterator[Entry]:
    for post in scenario.posts:
        for need in post.needs:
            group = group_name(need.roles, need.tags)
            for t in _slots(scenario, need.phases):
                yield (post.id, t, group), Demand(need.min, True, "need")


def _screening(scenario: Scenario, chosen: Mapping[tuple[str, int], int]) -> Iterator[Entry]:
    picked = {
        (p.id, group_name(p.screening.roles))
        for p in scenario.posts
        if p.screening is not None and p.screening.max_wait_minutes is not None
    }
    for (post, t, group), staff in screening.screening_demand(scenario, chosen):
        optional = (post, group) in picked
        yield (post, t, group), Demand(staff, True, "screening", optional)


def _ratios(scenario: Scenario) -> Iterator[Entry]:
    for i, ratio in enumerate(scenario.rules.ratios):
        required = max(1, math.ceil(scenario.event.attendance / ratio.per_attendees - EPS))
        group = group_name(ratio.roles)
        for t in _slots(scenario, ratio.phases):
            yield (f"ratio:{i}", t, group), Demand(required, True, "ratio")


def _forces(scenario: Scenario, teams: Mapping[str, int]) -> Iterator[Entry]:
    forces = [(u, u.count, "unit") for u in scenario.units]
    forces += [
        (p, teams.get(p.id, 0) if p.teams == "auto" else p.teams, "patrol")
        for p in scenario.patrols
    ]
    for force, count, source in forces:
        slots = _slots(scenario, force.phases)
        asked = list(force.composition.items())
        for need in force.needs_tags if isinstance(force, Unit) else ():
            asked.append((group_name(need.roles, need.tags), need.min))
        for group, size in asked:
            for t in slots:
                yield (force.id, t, group), Demand(count * size, True, source)


def _drones(
    scenario: Scenario, pilots: Mapping[str, list[tuple[int, int, int]]]
) -> Iterator[Entry]:
    for drone in scenario.drones:
        listed = pilots.get(drone.id, [])
        group = group_name((drone.pilot_role,), drone.pilot_tags)
        for t in _slots(scenario, drone.phases):
            required = max([drone.count, *(n for s, e, n in listed if s <= t < e)])
            yield (drone.id, t, group), Demand(required, False, "drone")


def _reserves(scenario: Scenario) -> Iterator[Entry]:
    for reserve in scenario.reserves:
        if reserve.min is not None:
            required = reserve.min
        else:
            people = sum(p.count for p in scenario.pools if p.role in reserve.roles)
            required = math.ceil((reserve.share or 0.0) * people - EPS)
        group = group_name(reserve.roles)
        for t in _slots(scenario, reserve.phases):
            yield (reserve.id, t, group), Demand(required, True, "reserve")


def _sector_leaders(scenario: Scenario, table: Mapping[Key, Demand]) -> dict[Key, Demand]:
    """One leader of each sector with a leader in every slot its posts require someone."""
    busy: dict[str, set[int]] = {}
    for (post, t, _), demand in table.items():
        if demand.required > 0:
            busy.setdefault(post, set()).add(t)
    found: dict[Key, Demand] = {}
    for sector in scenario.sectors:
        if sector.leader is None:
            continue
        group = group_name((sector.leader.role,), sector.leader.tags)
        for t in set().union(*(busy.get(p, set()) for p in sector.posts)):
            found[(sector.id, t, group)] = Demand(1, True, "sector leader")
    return found
