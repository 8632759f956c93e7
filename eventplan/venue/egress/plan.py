"""Egress of every zone: :func:`plan_egress` (the model is described in
:mod:`eventplan.venue.egress`)."""

from __future__ import annotations

import math

from eventplan.errors import InputError, Problem
from eventplan.scenario.model import Scenario
from eventplan.scenario.settings import EgressSettings
from eventplan.venue.egress.cut import bottlenecks
from eventplan.venue.egress.flow import EPS, MIN_QUEUE_MINUTES, FlowUnsolved
from eventplan.venue.egress.network import FlowNetwork
from eventplan.venue.egress.results import EgressPlan, ZoneEgress
from eventplan.venue.graph import VenueGraph
from eventplan.venue.passages import SPEED_FACTOR, sfpe_stair_factor, speed_factors

#: Default walking speed of a leaving crowd before it queues, in m/s (IMO MSC.1/Circ.1533, low
#: density): ``egress.walking_speed_mps`` when the scenario does not set it.
WALKING_SPEED_MPS: float = EgressSettings.model_fields["walking_speed_mps"].default


def stair_speed_factor(egress: EgressSettings) -> float:
    """Walking speed on stairs relative to level ways while leaving: ``stair_speed_factor``,
    else the SFPE factor of ``stairs``, else the factor every analysis uses."""
    if egress.stair_speed_factor is not None:
        return float(egress.stair_speed_factor)
    if egress.stairs is not None:
        return sfpe_stair_factor(egress.stairs.riser_mm, egress.stairs.tread_mm)
    return SPEED_FACTOR["stairs"]


def zone_persons(scenario: Scenario) -> dict[str, int]:
    """Persons per zone: capacity, scaled to the attendance when that is smaller."""
    zones = scenario.venue.zones
    total = sum(z.capacity for z in zones)
    if total <= scenario.event.attendance:
        return {z.id: z.capacity for z in zones}
    exact = [z.capacity * scenario.event.attendance / total for z in zones]
    persons = [math.floor(x) for x in exact]
    order = sorted(range(len(zones)), key=lambda i: (persons[i] - exact[i], i))
    for i in order[: scenario.event.attendance - sum(persons)]:
        persons[i] += 1
    return {z.id: p for z, p in zip(zones, persons, strict=True)}


def plan_egress(scenario: Scenario, graph: VenueGraph) -> EgressPlan:
    """Egress time, rate and bottleneck of every zone.

    People walk at ``egress.walking_speed_mps`` on the level and :func:`stair_speed_factor`
    of that on stairs, both on their way out and in the choice of routes they keep to.

    Raises
    ------
    InputError
        When a zone cannot be left at all: every way from one of its nodes to its exits is
        narrower than twice the boundary layer; or when the flow cannot be computed from
        the venue's widths and flows.
    """
    try:
        return _plan(scenario, graph)
    except FlowUnsolved as error:
        raise InputError(
            Problem(
                scenario.source,
                "egress",
                f"{error}: the widths of the venue and the egress flows give the solver "
                "numbers it cannot handle; are they realistic?",
            )
        ) from None


def _plan(scenario: Scenario, graph: VenueGraph) -> EgressPlan:
    persons = zone_persons(scenario)
    zones = scenario.venue.zones
    speed_mps = scenario.egress.walking_speed_mps
    graph = graph.with_speed_factors(speed_factors(stair_speed_factor(scenario.egress)))
    network = FlowNetwork(scenario, graph)
    leaving = [k for k, z in enumerate(zones) if persons[z.id] > 0]
    alone = {k: _rate_alone(network, scenario, k, persons[zones[k].id]) for k in leaving}
    shares = network.solve(leaving, {k: persons[zones[k].id] for k in leaving})
    target = scenario.egress.target_minutes
    out = []
    for k, zone in enumerate(zones):
        way_out = graph.nearest_m(zone.exits)[[graph.index[n] for n in zone.nodes]]
        walk = float(way_out.max()) / (speed_mps * 60.0)
        p = persons[zone.id]
        if p == 0:
            out.append(ZoneEgress(zone.id, 0, walk, 0.0, walk, 0.0, (), walk <= target + 1e-9))
            continue
        queue, queue_alone = _queue(shares[k]), _queue(alone[k])
        out.append(
            ZoneEgress(
                zone.id,
                p,
                walk,
                queue,
                walk + queue_alone,
                p * shares[k],
                bottlenecks(network, k) if queue > 0 else (),
                walk + queue <= target + 1e-9,
            )
        )
    return EgressPlan(tuple(out), target, speed_mps)


def _rate_alone(network: FlowNetwork, scenario: Scenario, k: int, persons: int) -> float:
    """Share per minute of zone ``k`` leaving with no other zone; an error when it is none."""
    rate = network.solve([k], {k: persons})[k]
    if rate <= EPS:
        zone = scenario.venue.zones[k]
        cut = ", ".join(b.label for b in bottlenecks(network, k))
        raise InputError(
            Problem(
                scenario.source,
                f"venue.zones[{k}]",
                f"zone '{zone.id}' cannot be left: no width to pass at {cut} "
                f"(width minus twice the boundary layer of "
                f"{scenario.egress.boundary_layer_m:g} m)",
            )
        )
    return rate


def _queue(share: float) -> float:
    """Queue minutes of a zone leaving ``share`` of itself per minute (an optimal fair flow
    gives every zone that can leave alone a share above 0)."""
    if share <= 0:
        raise FlowUnsolved(f"the egress flow LP gave a zone a share of {share:g} per minute")
    return 0.0 if share >= (1 - EPS) / MIN_QUEUE_MINUTES else 1.0 / share
