"""Forces and command in a scenario: units, patrols, drones, sectors with leaders, reserves."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator

from eventplan.scenario.values import (
    Count,
    DroneCount,
    FlightMinutes,
    Id,
    Minutes,
    Model,
    NodeKind,
    PatrolSpeed,
    Periods,
    Priority,
    SwapMinutes,
    Tags,
    TeamCount,
    Text,
    UnitCount,
)

Composition = Annotated[dict[Id, Count], Field(min_length=1)]
#: A call sign or radio channel as the people on the radio say it.
Label = Annotated[str, StringConstraints(min_length=1, max_length=60)]


class Muster(Model):
    """Where and how long before their shift people report."""

    node: Id
    minutes_before: Annotated[int, Field(ge=0, le=600, strict=True)] = 0


class TagNeed(Model):
    """People with tags a unit instance must hold: ``min`` of ``roles`` carrying ``tags``."""

    roles: Annotated[tuple[Id, ...], Field(min_length=1)]
    tags: Annotated[tuple[Id, ...], Field(min_length=1, max_length=100)]
    min: Count = 1


class Unit(Model):
    id: Id
    label: Text | None = None
    composition: Composition
    count: UnitCount = 1
    phases: Periods
    standby: Literal["auto"] | Id | tuple[Id, ...] = "auto"
    respond_within_minutes: Minutes = 3.0
    #: one team: the same people from the unit's first to its last slot of each day
    standing: bool = False
    #: with ``standing``: whole crews may relieve one another (outside no-handover windows)
    relief: bool = False
    #: a role of the composition; one member of it in every instance is named the leader
    leader: Id | None = None
    needs_tags: tuple[TagNeed, ...] = ()
    call_sign: Label | None = None
    radio_channel: Label | None = None
    muster: Muster | None = None

    @field_validator("standby", mode="before")
    @classmethod
    def _standby_list(cls, value: Any) -> Any:
        return tuple(value) if isinstance(value, list) else value


class PatrolTargets(Model):
    kinds: tuple[NodeKind, ...] = ()
    nodes: tuple[Id, ...] = ()


class Patrol(Model):
    id: Id
    composition: Composition
    teams: Literal["auto"] | TeamCount = "auto"
    phases: Periods
    targets: PatrolTargets
    revisit_minutes: Annotated[Minutes, Field(ge=1)]
    speed_mps: PatrolSpeed = 1.1
    call_sign: Label | None = None
    radio_channel: Label | None = None


class Drone(Model):
    id: Id
    count: DroneCount
    endurance_minutes: FlightMinutes
    swap_minutes: SwapMinutes = 0.0
    pilot_role: Id
    pilot_tags: Tags = ()
    phases: Periods
    watch: Annotated[tuple[Id, ...], Field(min_length=1)]
    call_sign: Label | None = None
    radio_channel: Label | None = None


class Command(Model):
    """The command post at the top of the hierarchy."""

    name: Text | None = None
    node: Id
    call_sign: Label | None = None
    radio_channel: Label | None = None


class SectorLeader(Model):
    role: Id
    tags: Tags = ()
    priority: Priority | None = None


class Sector(Model):
    """Posts commanded together; a leader on duty whenever any of them has a need."""

    id: Id
    name: Text | None = None
    posts: Annotated[tuple[Id, ...], Field(min_length=1)]
    leader: SectorLeader | None = None
    call_sign: Label | None = None
    radio_channel: Label | None = None


class Reserve(Model):
    """People of some roles kept free at a node, not at a post."""

    id: Id
    name: Text | None = None
    roles: Annotated[tuple[Id, ...], Field(min_length=1)]
    phases: Periods
    min: Count | None = None
    share: Annotated[float, Field(gt=0, le=1, strict=True)] | None = None
    node: Id
    priority: Priority = "high"


OrganisationKind = Literal[
    "police-station",
    "traffic-brigade",
    "patrol-police",
    "auxiliary-police",
    "security-company",
    "volunteer-team",
    "venue-staff",
    "other",
]


class Organisation(Model):
    """Where people come from: a police station, a brigade, a company, a volunteer team."""

    id: Id
    name: Text
    kind: OrganisationKind = "other"
    commander: Text | None = None
    phone: Annotated[str, StringConstraints(max_length=40)] | None = None
