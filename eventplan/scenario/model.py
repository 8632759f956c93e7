"""The typed, immutable model of a scenario file (format 1, described in ``docs/scenario.md``).

Each class mirrors one mapping of the file; unknown keys are errors so typos never pass
silently. Field-level rules (types, ranges) live here and in :mod:`~eventplan.scenario.forces`
and :mod:`~eventplan.scenario.settings`; rules that look across the document (references,
overlaps, the venue graph) live in :mod:`eventplan.scenario.checks`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, PlainSerializer, PlainValidator, PrivateAttr, field_validator

from eventplan.scenario.findings import shorten
from eventplan.scenario.forces import (
    Command,
    Composition,
    Drone,
    Label,
    Muster,
    Organisation,
    OrganisationKind,
    Patrol,
    PatrolTargets,
    Reserve,
    Sector,
    SectorLeader,
    TagNeed,
    Unit,
)
from eventplan.scenario.ground import Ground, ground_value
from eventplan.scenario.settings import (
    DEFAULT_SHORTFALL_WEIGHT,
    EgressSettings,
    MealBreak,
    Objective,
    Ratio,
    Replanning,
    ResponseSettings,
    Rules,
    Stairs,
    Supervision,
)
from eventplan.scenario.values import (
    EDGE_KINDS,
    NODE_KINDS,
    PRIORITIES,
    Area,
    Cost,
    Count,
    Day,
    EdgeKind,
    EventKind,
    Float,
    Id,
    Int,
    LaneRate,
    LatLon,
    Length,
    Minutes,
    Model,
    NodeKind,
    Periods,
    Positive,
    Priority,
    Tags,
    Text,
    TimezoneName,
    When,
    Width,
)

FORMAT_VERSION = 1

__all__ = [
    "DEFAULT_SHORTFALL_WEIGHT",
    "EDGE_KINDS",
    "FORMAT_VERSION",
    "NODE_KINDS",
    "PRIORITIES",
    "Arrival",
    "Briefing",
    "Command",
    "Composition",
    "Count",
    "Drone",
    "Edge",
    "EdgeKind",
    "EgressSettings",
    "Event",
    "Id",
    "Label",
    "MealBreak",
    "Muster",
    "Need",
    "Node",
    "NodeKind",
    "Objective",
    "Organisation",
    "OrganisationKind",
    "Patrol",
    "PatrolTargets",
    "Person",
    "Phase",
    "Pool",
    "Post",
    "Ratio",
    "Replanning",
    "Reserve",
    "ResponseSettings",
    "Role",
    "Rules",
    "Scenario",
    "Screening",
    "Sector",
    "SectorLeader",
    "Span",
    "Stairs",
    "Supervision",
    "TagNeed",
    "TaggedShare",
    "Unit",
    "Venue",
    "Window",
    "Zone",
]


class Span(Model):
    """A start and an end time."""

    start: When
    end: When


class Phase(Span):
    id: Id


class Window(Span):
    """A named stretch of time; may overlap phases and other windows."""

    id: Id


class Arrival(Span):
    share: Annotated[Float, Field(gt=0, le=1)]


class Event(Model):
    id: Id
    name: Text
    kind: EventKind = "other"
    timezone: TimezoneName
    attendance: Count
    slot_minutes: Annotated[Int, Field(gt=0, le=60)]
    days: Annotated[tuple[Day, ...], Field(max_length=3660)] | None = None
    phases: Annotated[tuple[Phase, ...], Field(min_length=1, max_length=1000)]
    arrivals: Annotated[tuple[Arrival, ...], Field(max_length=10_000)] = ()
    windows: Annotated[tuple[Window, ...], Field(max_length=1000)] = ()
    #: named arrival profiles for screening points whose crowd arrives differently
    arrival_profiles: Annotated[
        dict[Id, Annotated[tuple[Arrival, ...], Field(min_length=1, max_length=10_000)]],
        Field(max_length=1000),
    ] = Field(default_factory=dict)


class Briefing(Model):
    """A paid briefing at a muster node before every shift; it is not coverage."""

    minutes: Annotated[Int, Field(gt=0, le=240)]
    node: Id


class Role(Model):
    label: Text | None = None
    cost: Cost = 1.0
    shift_hours: tuple[Positive, Positive]
    briefing: Briefing | None = None


class Pool(Model):
    id: Id
    role: Id
    count: Count
    unit: Text | None = None
    available: Span | None = None
    tags: Tags = ()
    #: replaces the role's briefing for this pool
    briefing: Briefing | None = None
    #: an id of ``organisations``
    organisation: Id | None = None
    muster: Muster | None = None


class Person(Model):
    """A named person of a pool, from the optional ``people`` CSV."""

    id: Id
    name: Text = ""
    role: Id
    pool: Id
    available_from: When | None = None
    available_to: When | None = None
    tags: Tags = ()


class Node(Model):
    id: Id
    kind: NodeKind = "junction"
    name: Text | None = None
    lat: Annotated[Float, Field(ge=-90, le=90)]
    lon: Annotated[Float, Field(ge=-180, le=180)]
    width_m: Width | None = None
    area_m2: Area | None = None


class Edge(Model):
    a: Id
    b: Id
    kind: EdgeKind = "walkway"
    width_m: Width | None = None
    length_m: Length | None = None


class Zone(Model):
    id: Id
    name: Text | None = None
    capacity: Count
    nodes: Annotated[tuple[Id, ...], Field(min_length=1)]
    exits: Annotated[tuple[Id, ...], Field(min_length=1)]
    polygon: Annotated[tuple[LatLon, ...], Field(min_length=3)] | None = None


class Venue(Model):
    name: Text | None = None
    nodes: Annotated[tuple[Node, ...], Field(min_length=1, max_length=200_000)]
    edges: Annotated[tuple[Edge, ...], Field(max_length=1_000_000)] = ()
    zones: tuple[Zone, ...] = ()
    #: buildings, roads and water drawn under the map; in a file, the name of a GeoJSON file
    #: beside it (read by ``load``); in a document, the GeoJSON FeatureCollection itself
    ground: (
        Annotated[Ground, PlainValidator(ground_value), PlainSerializer(Ground.to_geojson)] | None
    ) = None


class Need(Model):
    phases: Periods
    roles: Annotated[tuple[Id, ...], Field(min_length=1)]
    min: Count
    #: only people carrying every one of these tags count toward this need
    tags: Tags = ()


class TaggedShare(Model):
    """Of the screening staff in a slot, one in ``per_staff`` (rounded up) carries ``tags``."""

    tags: Annotated[tuple[Id, ...], Field(min_length=1, max_length=100)]
    per_staff: Count


class Screening(Model):
    lanes: Count
    persons_per_lane_per_minute: LaneRate
    staff_per_lane: Count
    arrival_share: Annotated[Float, Field(gt=0, le=1)]
    roles: Annotated[tuple[Id, ...], Field(min_length=1)]
    #: an id of ``event.arrival_profiles``; omitted: ``event.arrivals``
    arrival_profile: Id | None = None
    #: staff to keep the predicted wait at or under this; omitted: no queue at all
    max_wait_minutes: Minutes | None = None
    tagged: TaggedShare | None = None


class Post(Model):
    id: Id
    name: Text | None = None
    node: Id
    kind: Text | None = None
    priority: Priority = "normal"
    needs: tuple[Need, ...] = ()
    screening: Screening | None = None
    call_sign: Label | None = None
    radio_channel: Label | None = None


class Scenario(Model):
    """A whole scenario: the one data model every other part of eventplan reads."""

    eventplan: Literal[1]
    event: Event
    roles: Annotated[dict[Id, Role], Field(min_length=1)]
    pools: Annotated[tuple[Pool, ...], Field(min_length=1)]
    people: tuple[Person, ...] = ()
    rules: Rules = Field(default_factory=Rules)
    venue: Venue
    posts: Annotated[tuple[Post, ...], Field(min_length=1)]
    units: tuple[Unit, ...] = ()
    patrols: tuple[Patrol, ...] = ()
    drones: tuple[Drone, ...] = ()
    command: Command | None = None
    sectors: tuple[Sector, ...] = ()
    reserves: tuple[Reserve, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    objective: Objective = Field(default_factory=Objective)
    replan: Replanning = Field(default_factory=Replanning)
    response: ResponseSettings = Field(default_factory=ResponseSettings)
    egress: EgressSettings = Field(default_factory=EgressSettings)

    _source: str = PrivateAttr(default="")
    _warnings: tuple[Any, ...] = PrivateAttr(default=())

    @field_validator("eventplan", mode="before")
    @classmethod
    def _format(cls, value: Any) -> Any:
        if type(value) is not int or value != FORMAT_VERSION:  # not true, 1.0 or "1"
            raise ValueError(
                f"this is format {FORMAT_VERSION} of the scenario file: write "
                f"'eventplan: {FORMAT_VERSION}', not {shorten(value)}"
            )
        return value

    @field_validator("people", mode="before")
    @classmethod
    def _people_records(cls, value: Any) -> Any:
        if isinstance(value, str):
            raise ValueError(
                f"{shorten(value)} names a people file, which is read relative to the scenario "
                "file it appears in; a document built in code lists the people themselves"
            )
        return value

    def __eq__(self, other: object) -> bool:
        # The same content is the same scenario wherever it came from: pydantic would also
        # compare the private source and warnings, whose file names differ between copies.
        if not isinstance(other, Scenario):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # mutable mappings inside: never hashable

    @property
    def source(self) -> str:
        """The file this scenario was loaded from (empty when built in code)."""
        return self._source

    @property
    def warnings(self) -> tuple[Any, ...]:
        """Validation warnings (:class:`eventplan.errors.Problem`) found on loading."""
        return self._warnings

    def to_document(self) -> dict[str, Any]:
        """The scenario as a plain document (the structure of the file), for writing out."""
        return self.model_dump(mode="json", exclude_none=True, exclude_defaults=True)

    # Lookups used across the package; cheap enough to rebuild on demand.
    def pool(self, pool_id: str) -> Pool:
        return next(p for p in self.pools if p.id == pool_id)

    def node(self, node_id: str) -> Node:
        return next(n for n in self.venue.nodes if n.id == node_id)
