"""The typed, immutable model of a scenario file (format 1, described in ``docs/scenario.md``).

Each class mirrors one mapping of the file; unknown keys are errors so typos never pass
silently. Field-level rules (types, ranges) live here; rules that look across the document
(references, overlaps, the venue graph) live in :mod:`eventplan.scenario.checks`.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    Strict,
    StringConstraints,
    field_validator,
)

from eventplan.scenario.findings import shorten
from eventplan.scenario.times import format_when, parse_when

FORMAT_VERSION = 1

Priority = Literal["critical", "high", "normal", "low"]
PRIORITIES: tuple[str, ...] = ("critical", "high", "normal", "low")
EventKind = Literal["concert", "match", "expo", "festival", "other"]
NodeKind = Literal[
    "gate",
    "junction",
    "plaza",
    "stand",
    "stage",
    "parking",
    "transit",
    "road",
    "command",
    "medical",
]
NODE_KINDS: tuple[str, ...] = NodeKind.__args__  # type: ignore[attr-defined]
EdgeKind = Literal["walkway", "stairs", "ramp", "road"]
EDGE_KINDS: tuple[str, ...] = EdgeKind.__args__  # type: ignore[attr-defined]

#: Ids are short words that can sit in file names, CSV cells and HTML attributes.
Id = Annotated[
    str,
    StringConstraints(min_length=1, max_length=128, pattern=r"^[\w][\w.:+-]*$"),
]
Text = Annotated[str, StringConstraints(max_length=500)]
When = Annotated[
    datetime | time,
    BeforeValidator(parse_when),
    PlainSerializer(format_when, return_type=str),
]
# Numbers are strict (no "12" for 12, no true for 1); everything else is read as written.
Float = Annotated[float, Strict()]
Int = Annotated[int, Strict()]
Positive = Annotated[float, Strict(), Field(gt=0)]
NonNegative = Annotated[float, Strict(), Field(ge=0)]
Count = Annotated[int, Strict(), Field(gt=0, le=10_000_000)]


class Model(BaseModel):
    """Base of every scenario mapping: immutable, strict, no unknown keys."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, validate_default=True
    )


class Span(Model):
    """A start and an end time."""

    start: When
    end: When


class Phase(Span):
    id: Id


class Arrival(Span):
    share: Annotated[Float, Field(gt=0, le=1)]


def _parse_day(value: Any) -> date:
    if isinstance(value, datetime):
        raise ValueError(f"'{value}' is a date-time; give a date such as 2025-08-20")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{shorten(value)} is not a date (YYYY-MM-DD)")


Day = Annotated[date, BeforeValidator(_parse_day)]
#: An IANA name such as ``Asia/Shanghai``; whether it exists is checked across the document.
TimezoneName = Annotated[str, StringConstraints(min_length=1, max_length=64)]


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


class Role(Model):
    label: Text | None = None
    cost: NonNegative = 1.0
    shift_hours: tuple[Positive, Positive]


class Pool(Model):
    id: Id
    role: Id
    count: Count
    unit: Text | None = None
    available: Span | None = None


class Person(Model):
    """A named person of a pool, from the optional ``people`` CSV."""

    id: Id
    name: Text = ""
    role: Id
    pool: Id
    available_from: When | None = None
    available_to: When | None = None


class MealBreak(Model):
    after_hours: Positive
    minutes: Annotated[Int, Field(gt=0, le=240)]


class Ratio(Model):
    roles: Annotated[tuple[Id, ...], Field(min_length=1)]
    per_attendees: Positive
    phases: tuple[Id, ...] | None = None


class Rules(Model):
    min_rest_hours: NonNegative = 11.0
    max_days: Count = 5
    meal_break: MealBreak | None = None
    ratios: tuple[Ratio, ...] = ()


class Node(Model):
    id: Id
    kind: NodeKind = "junction"
    name: Text | None = None
    lat: Annotated[Float, Field(ge=-90, le=90)]
    lon: Annotated[Float, Field(ge=-180, le=180)]
    width_m: Positive | None = None
    area_m2: Positive | None = None


class Edge(Model):
    a: Id
    b: Id
    kind: EdgeKind = "walkway"
    width_m: Positive | None = None
    length_m: Positive | None = None


LatLon = tuple[Annotated[Float, Field(ge=-90, le=90)], Annotated[Float, Field(ge=-180, le=180)]]


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


class Need(Model):
    phases: Annotated[tuple[Id, ...], Field(min_length=1)]
    roles: Annotated[tuple[Id, ...], Field(min_length=1)]
    min: Count


class Screening(Model):
    lanes: Count
    persons_per_lane_per_minute: Positive
    staff_per_lane: Count
    arrival_share: Annotated[Float, Field(gt=0, le=1)]
    roles: Annotated[tuple[Id, ...], Field(min_length=1)]


class Post(Model):
    id: Id
    name: Text | None = None
    node: Id
    kind: Text | None = None
    priority: Priority = "normal"
    needs: tuple[Need, ...] = ()
    screening: Screening | None = None


Composition = Annotated[dict[Id, Count], Field(min_length=1)]


class Unit(Model):
    id: Id
    label: Text | None = None
    composition: Composition
    count: Count = 1
    phases: Annotated[tuple[Id, ...], Field(min_length=1)]
    standby: Literal["auto"] | Id | tuple[Id, ...] = "auto"
    respond_within_minutes: Positive = 3.0

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
    teams: Literal["auto"] | Count = "auto"
    phases: Annotated[tuple[Id, ...], Field(min_length=1)]
    targets: PatrolTargets
    revisit_minutes: Positive
    speed_mps: Positive = 1.1


class Drone(Model):
    id: Id
    count: Count
    endurance_minutes: Positive
    swap_minutes: NonNegative = 0.0
    pilot_role: Id
    phases: Annotated[tuple[Id, ...], Field(min_length=1)]
    watch: Annotated[tuple[Id, ...], Field(min_length=1)]


DEFAULT_SHORTFALL_WEIGHT = {"critical": 1000.0, "high": 100.0, "normal": 10.0, "low": 1.0}


class Objective(Model):
    shortfall_weight: dict[Priority, NonNegative] = Field(
        default_factory=lambda: dict(DEFAULT_SHORTFALL_WEIGHT)
    )
    cost_weight: NonNegative = 1.0

    def weight(self, priority: str) -> float:
        """Shortfall weight of a priority (defaults fill priorities the file leaves out)."""
        return self.shortfall_weight.get(priority, DEFAULT_SHORTFALL_WEIGHT[priority])


class ResponseSettings(Model):
    walking_speed_mps: Positive = 1.3
    targets_minutes: Annotated[tuple[Positive, ...], Field(min_length=1)] = (1.0, 3.0, 5.0)


class EgressSettings(Model):
    flow_per_m_per_min: dict[EdgeKind, Positive] = Field(
        default_factory=lambda: {"walkway": 82.0, "stairs": 66.0}
    )
    boundary_layer_m: NonNegative = 0.0
    target_minutes: Positive = 8.0

    def flow(self, edge_kind: str) -> float:
        """Specific flow of an edge kind; kinds not listed flow at the walkway rate."""
        return self.flow_per_m_per_min.get(
            edge_kind,
            self.flow_per_m_per_min.get("walkway", 82.0),  # type: ignore[call-overload]
        )


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
    objective: Objective = Field(default_factory=Objective)
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
        return self.model_dump(mode="json", exclude_none=True)

    # Lookups used across the package; cheap enough to rebuild on demand.
    def pool(self, pool_id: str) -> Pool:
        return next(p for p in self.pools if p.id == pool_id)

    def node(self, node_id: str) -> Node:
        return next(n for n in self.venue.nodes if n.id == node_id)
