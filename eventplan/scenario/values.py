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
#: An IANA name such as ``Asia/Shanghai``; whether it exists is checked across the document.
TimezoneName = Annotated[str, StringConstraints(min_length=1, max_length=64)]

LatLon = tuple[Annotated[Float, Field(ge=-90, le=90)], Annotated[Float, Field(ge=-180, le=180)]]
#: Phase or window ids: the slots covered are the union of theirs.
Periods = Annotated[tuple[Id, ...], Field(min_length=1)]
Tags = Annotated[tuple[Id, ...], Field(max_length=100)]
