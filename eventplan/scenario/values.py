"""The value types every part of a scenario file is made of: ids, texts, times, numbers.

Numbers are strict (no "12" for 12, no true for 1); ids are short words that can sit in file
names, CSV cells and HTML attributes.
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
    Strict,
    StringConstraints,
)

from eventplan.scenario.findings import shorten
from eventplan.scenario.times import format_when, in_years, parse_when

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

ID_PATTERN = r"^[\w][\w.:+-]*$"
ID_MAX_LENGTH = 128
#: Ids are short words that can sit in file names, CSV cells and HTML attributes.
Id = Annotated[
    str,
    StringConstraints(min_length=1, max_length=ID_MAX_LENGTH, pattern=ID_PATTERN),
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

# Physical bounds (docs/scenario.md, "Physical bounds"). A value beyond them is a typing
# accident, never a real event, and the analyses' arithmetic (whole seconds in the routing
# solver, coefficients of the egress LP, timestamps) stays exact and finite within them.
#: A duration in minutes: longer than a day is not a revisit, flight or response time.
Minutes = Annotated[float, Strict(), Field(gt=0, le=1440)]
#: Drone flight time, in minutes: from a minute to a tethered drone's day.
FlightMinutes = Annotated[float, Strict(), Field(ge=1, le=1440)]
#: Time between two flights of one drone, in minutes.
SwapMinutes = Annotated[float, Strict(), Field(ge=0, le=1440)]
#: Walking speed in m/s: from a crawl to a sprint.
WalkingSpeed = Annotated[float, Strict(), Field(ge=0.1, le=10)]
#: Patrol speed in m/s: on foot, by bicycle or by car.
PatrolSpeed = Annotated[float, Strict(), Field(ge=0.1, le=40)]
#: Clear width of a way or gate in metres: from a turnstile slot to a boulevard.
MIN_WIDTH_M, MAX_WIDTH_M = 0.1, 1000.0
Width = Annotated[float, Strict(), Field(ge=MIN_WIDTH_M, le=MAX_WIDTH_M)]
#: Length of one venue edge in metres.
Length = Annotated[float, Strict(), Field(gt=0, le=100_000)]
#: Area of a plaza in square metres (100 km² at most).
Area = Annotated[float, Strict(), Field(gt=0, le=100_000_000)]
#: Specific flow of a crowd, persons per metre of width per minute (about 80 in the guides).
Flow = Annotated[float, Strict(), Field(ge=1, le=200)]
#: Attendees per staff member of a ratio: at least one.
PerAttendees = Annotated[float, Strict(), Field(ge=1, le=10_000_000)]
#: Persons one screening lane passes per minute.
LaneRate = Annotated[float, Strict(), Field(ge=0.1, le=1000)]
#: Drones kept airborne at once by one drone entry.
DroneCount = Annotated[int, Strict(), Field(gt=0, le=1000)]
#: Hours of a working day (meal break after so many hours).
DayHours = Annotated[float, Strict(), Field(gt=0, le=24)]
#: Cost of one hour of a role's work, in the scenario's currency.
Cost = Annotated[float, Strict(), Field(ge=0, le=1_000_000)]
#: A weight of the objective (shortfall, cost, people).
Weight = Annotated[float, Strict(), Field(ge=0, le=1_000_000_000)]
#: Patrol teams of one patrol.
TeamCount = Annotated[int, Strict(), Field(gt=0, le=1000)]
#: Instances of one unit.
UnitCount = Annotated[int, Strict(), Field(gt=0, le=10_000)]
#: Rest between two shifts in hours: at most a week.
RestHours = Annotated[float, Strict(), Field(ge=0, le=168)]


class Model(BaseModel):
    """Base of every scenario mapping: immutable, strict, no unknown keys."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, validate_default=True
    )


def _parse_day(value: Any) -> date:
    if isinstance(value, datetime):
        raise ValueError(f"'{value}' is a date-time; give a date such as 2025-08-20")
    if isinstance(value, date):
        return in_years(value)
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return in_years(day)
    raise ValueError(f"{shorten(value)} is not a date (YYYY-MM-DD)")


Day = Annotated[date, BeforeValidator(_parse_day)]


#: An IANA name such as ``Asia/Shanghai``; whether it names a place (not ``localtime`` or a
#: copy of the database) is checked across the document (:mod:`eventplan.scenario.checks_zone`).
TimezoneName = Annotated[str, StringConstraints(min_length=1, max_length=64)]

LatLon = tuple[Annotated[Float, Field(ge=-90, le=90)], Annotated[Float, Field(ge=-180, le=180)]]
#: Phase or window ids: the slots covered are the union of theirs.
Periods = Annotated[tuple[Id, ...], Field(min_length=1)]
Tags = Annotated[tuple[Id, ...], Field(max_length=100)]
