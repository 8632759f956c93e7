"""Required staff per post, slot and role group, recomputed from the scenario alone.

This is the checker's own reading of the scenario format (``docs/scenario.md``: posts, units,
patrols, drones, rules); it shares no code with the solver.
Each entry is keyed by ``(post, slot start, role group)``, the key of a ``coverage.csv`` row:

- a post's **need** asks ``min`` people of its roles (group: the roles joined by ``+`` in the
  order the need lists them) in every slot of its phases;
- a **screening** block asks ``min(lanes, ceil(a / persons_per_lane_per_minute)) x
  staff_per_lane`` people of ``screening.roles`` in every slot with arrivals, where ``a`` is
  ``attendance x arrival_share x`` the arrival rate averaged over the slot (each arrival
  window's share spread evenly over its minutes; without ``event.arrivals``, all arrivals
  spread evenly over the windows of the phase named ``ingress``);
- **ratio** ``i`` of ``rules.ratios`` asks ``ceil(attendance / per_attendees)`` people of its
  roles on duty anywhere in every slot of its phases (all phases when omitted); its rows carry
  the post ``ratio:i``;
- a **unit** asks ``count x composition[role]`` of each role, a **patrol** ``teams x
  composition[role]`` (with ``teams: auto``, as many teams as the plan has), one row per role,
  in every slot of their phases;
- a **drone** crew asks at least ``count`` pilots of ``pilot_role`` (one per airborne drone)
  and at least what the plan lists for the slot, in every slot of its phases.

Two needs of one post with the same role group in the same slot make one row asking the larger
``min``: needs are met independently, so the larger one decides.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from eventplan.checker import clock
from eventplan.scenario.model import Scenario

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
        What asks for it: ``need``, ``screening``, ``ratio``, ``unit``, ``patrol``, ``drone``.
    """

    required: int
    exact: bool
    source: str


def required_staff(
    scenario: Scenario,
    teams: Mapping[str, int],
    pilots: Mapping[str, list[tuple[int, int, int]]],
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
    """
    table: dict[Key, Demand] = {}
    found = (
        *_needs(scenario),
        *_screening(scenario),
        *_ratios(scenario),
        *_forces(scenario, teams),
        *_drones(scenario, pilots),
    )
    for key, demand in found:
        old = table.get(key)
        if demand.required > 0 and (old is None or demand.required > old.required):
            table[key] = demand
    return table


Entry = tuple[Key, Demand]


def _slots(scenario: Scenario, phases: tuple[str, ...] | None) -> list[int]:
    return clock.slot_starts(clock.phase_windows(scenario, phases), scenario.event.slot_minutes)


def _needs(scenario: Scenario) -> Iterator[Entry]:
    for post in scenario.posts:
        for need in post.needs:
            group = "+".join(need.roles)
            for t in _slots(scenario, need.phases):
                yield (post.id, t, group), Demand(need.min, True, "need")


def arrival_rates(scenario: Scenario) -> dict[int, float]:
    """Share of the attendance arriving per minute, averaged over each slot with arrivals."""
    event, slot = scenario.event, scenario.event.slot_minutes
    if event.arrivals:
        spans = [
            (w, a.share) for a in event.arrivals for w in clock.windows(scenario, a.start, a.end)
        ]
    else:
        spans = [(w, 1.0) for w in clock.phase_windows(scenario, ("ingress",))]
    rates: dict[int, float] = defaultdict(float)
    for (start, end), share in spans:
        for t in range(start - start % slot, end, slot):
            inside = min(end, t + slot) - max(start, t)
            rates[t] += share / (end - start) * inside / slot
    return rates


def _screening(scenario: Scenario) -> Iterator[Entry]:
    screened = [(p.id, p.screening) for p in scenario.posts if p.screening is not None]
    rates = arrival_rates(scenario) if screened else {}
    for post_id, block in screened:
        group = "+".join(block.roles)
        for t, rate in rates.items():
            if rate <= 0:
                continue
            per_minute = scenario.event.attendance * block.arrival_share * rate
            lanes = max(1, math.ceil(per_minute / block.persons_per_lane_per_minute - EPS))
            staff = min(block.lanes, lanes) * block.staff_per_lane
            yield (post_id, t, group), Demand(staff, True, "screening")


def _ratios(scenario: Scenario) -> Iterator[Entry]:
    for i, ratio in enumerate(scenario.rules.ratios):
        required = max(1, math.ceil(scenario.event.attendance / ratio.per_attendees - EPS))
        group = "+".join(ratio.roles)
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
        for role, size in force.composition.items():
            for t in slots:
                yield (force.id, t, role), Demand(count * size, True, source)


def _drones(
    scenario: Scenario, pilots: Mapping[str, list[tuple[int, int, int]]]
) -> Iterator[Entry]:
    for drone in scenario.drones:
        listed = pilots.get(drone.id, [])
        for t in _slots(scenario, drone.phases):
            required = max([drone.count, *(n for s, e, n in listed if s <= t < e)])
            yield (drone.id, t, drone.pilot_role), Demand(required, False, "drone")
