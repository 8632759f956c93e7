"""Timefold's domain for the per-person formulation (imported only when Timefold is there).

Each person is a planning entity whose one planning variable is the option they work (a shift
template at a station, or none); the value range is the person's own supply's options. Every
demand slot is a problem fact; the score is the scenario's objective, negated and scaled to
integers: the cost of each worked option, the full weight of every required person-slot, and
back the weight of every person-slot covered (at most the requirement).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from timefold.solver.domain import (
    PlanningEntityCollectionProperty,
    PlanningId,
    PlanningScore,
    PlanningVariable,
    ProblemFactCollectionProperty,
    ValueRangeProvider,
    planning_entity,
    planning_solution,
)
from timefold.solver.score import (
    ConstraintCollectors,
    ConstraintFactory,
    Joiners,
    SimpleScore,
    constraint_provider,
)


@dataclass
class Option:
    """A shift template at a station, as one person would work it."""

    id: Annotated[int, PlanningId]
    station: int
    slots: frozenset
    cost: int


@dataclass
class DemandSlot:
    """People required at one station (or venue-wide, station -1) in one slot."""

    id: Annotated[int, PlanningId]
    station: int
    roles: frozenset
    slot: int
    required: int
    weight: int


@planning_entity
@dataclass
class Person:
    id: Annotated[int, PlanningId]
    role: str
    options: Annotated[list[Option], ValueRangeProvider(id="options")] = field(default_factory=list)
    option: Annotated[
        Option | None,
        PlanningVariable(value_range_provider_refs=["options"], allows_unassigned=True),
    ] = None


@planning_solution
@dataclass
class Deployment:
    demand: Annotated[list[DemandSlot], ProblemFactCollectionProperty]
    people: Annotated[list[Person], PlanningEntityCollectionProperty]
    score: Annotated[SimpleScore | None, PlanningScore] = None


@constraint_provider
def objective(factory: ConstraintFactory) -> list:
    return [
        factory.for_each(Person)
        .penalize(SimpleScore.ONE, lambda p: p.option.cost)
        .as_constraint("shift cost"),
        factory.for_each(DemandSlot)
        .penalize(SimpleScore.ONE, lambda d: d.required * d.weight)
        .as_constraint("required"),
        factory.for_each(DemandSlot)
        .filter(lambda d: d.station >= 0)
        .join(
            Person,
            Joiners.equal(lambda d: d.station, lambda p: p.option.station),
            Joiners.filtering(lambda d, p: p.role in d.roles and d.slot in p.option.slots),
        )
        .group_by(lambda d, p: d, ConstraintCollectors.count_bi())
        .reward(SimpleScore.ONE, lambda d, n: min(n, d.required) * d.weight)
        .as_constraint("covered at posts"),
        factory.for_each(DemandSlot)
        .filter(lambda d: d.station < 0)
        .join(
            Person, Joiners.filtering(lambda d, p: p.role in d.roles and d.slot in p.option.slots)
        )
        .group_by(lambda d, p: d, ConstraintCollectors.count_bi())
        .reward(SimpleScore.ONE, lambda d, n: min(n, d.required) * d.weight)
        .as_constraint("covered venue-wide"),
    ]
