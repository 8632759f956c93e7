"""What happened on the day: the events a replan answers, and how they are read.

Events come from the command line (``--absent``, ``--extra POOL=N``, ``--close POST@TIME``...)
or from a YAML file (``--changes``), and are checked against the parent plan's scenario at the
edge: an unknown person, pool, post or unit, or a time outside the event, is an input error
naming the file, line and place, every one at once.

Times are ``HH:MM`` (on the day of ``--at``) or a full local ``YYYY-MM-DDTHH:MM``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time

#: ``UNIT@FROM-TO``: the time range splits at the dash before its second time.
_AWAY = re.compile(
    r"^(?P<unit>[^@]+)@(?P<start>.+?)-(?P<end>\d{4}-\d\d-\d\dT\d\d:\d\d|\d\d?:\d\d)$"
)
_NEED = re.compile(r"^(?P<post>[^:@]+):(?P<role>[^=@]+)=(?P<count>\d+)(?:@(?P<at>.+))?$")


@dataclass(frozen=True)
class NeedChange:
    """``count`` more people of ``role`` at ``post`` from ``start`` to the end of the event."""

    post: str
    role: str
    count: int
    start: datetime | None = None


@dataclass(frozen=True)
class UnitAway:
    """A unit sent away from the venue between two times."""

    unit: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Events:
    """Everything the day changed; times left ``None`` mean the time of the replan."""

    absent: tuple[str, ...] = ()
    arrived: tuple[str, ...] = ()
    extra: dict[str, int] = field(default_factory=dict)
    close: tuple[tuple[str, datetime | None], ...] = ()
    reopen: tuple[tuple[str, datetime | None], ...] = ()
    need: tuple[NeedChange, ...] = ()
    unit_away: tuple[UnitAway, ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.absent
            or self.arrived
            or self.extra
            or self.close
            or self.reopen
            or self.need
            or self.unit_away
        )

    def merged(self, other: Events) -> Events:
        """These events and ``other``'s together."""
        extra = dict(self.extra)
        for pool, n in other.extra.items():
            extra[pool] = extra.get(pool, 0) + n
        return Events(
            (*self.absent, *other.absent),
            (*self.arrived, *other.arrived),
            extra,
            (*self.close, *other.close),
            (*self.reopen, *other.reopen),
            (*self.need, *other.need),
            (*self.unit_away, *other.unit_away),
        )

    def to_json(self) -> dict[str, object]:
        """The events as plan.json records them."""
        return {
            "absent": list(self.absent),
            "arrived": list(self.arrived),
            "extra": dict(self.extra),
            "close": [{"post": p, "from": _iso(t)} for p, t in self.close],
            "open": [{"post": p, "from": _iso(t)} for p, t in self.reopen],
            "need": [
                {"post": n.post, "role": n.role, "count": n.count, "from": _iso(n.start)}
                for n in self.need
            ],
            "unit_away": [
                {"unit": u.unit, "from": _iso(u.start), "to": _iso(u.end)} for u in self.unit_away
            ],
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M") if moment is not None else None


def parse_time(text: str, day: datetime) -> datetime:
    """``HH:MM`` on the day of ``day``, or a full ``YYYY-MM-DDTHH:MM``.

    Raises
    ------
    ValueError
        With a message naming the text.
    """
    text = text.strip()
    if re.fullmatch(r"\d\d?:\d\d", text):
        hours, minutes = (int(x) for x in text.split(":"))
        if hours > 23 or minutes > 59:
            raise ValueError(f"'{text}' is not a time of day")
        return datetime.combine(day.date(), time(hours, minutes))
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a time (HH:MM or YYYY-MM-DDTHH:MM)") from None
    return moment.replace(tzinfo=None)


def parse_post_time(text: str, day: datetime) -> tuple[str, datetime | None]:
    """``POST`` or ``POST@TIME``."""
    post, _, at = text.partition("@")
    if not post.strip():
        raise ValueError(f"'{text}': give POST or POST@TIME")
    return post.strip(), parse_time(at, day) if at else None


def parse_need(text: str, day: datetime) -> NeedChange:
    """``POST:ROLE=N`` or ``POST:ROLE=N@TIME``."""
    match = _NEED.match(text.strip())
    if match is None:
        raise ValueError(f"'{text}': give POST:ROLE=N or POST:ROLE=N@TIME")
    at = match["at"]
    return NeedChange(
        match["post"].strip(),
        match["role"].strip(),
        int(match["count"]),
        parse_time(at, day) if at else None,
    )


def parse_away(text: str, day: datetime) -> UnitAway:
    """``UNIT@FROM-TO``."""
    match = _AWAY.match(text.strip())
    if match is None:
        raise ValueError(f"'{text}': give UNIT@FROM-TO (times HH:MM or YYYY-MM-DDTHH:MM)")
    return UnitAway(
        match["unit"].strip(), parse_time(match["start"], day), parse_time(match["end"], day)
    )


def parse_extra(text: str) -> tuple[str, int]:
    """``POOL=N``."""
    pool, _, count = text.partition("=")
    if not pool.strip() or not count.strip().isdigit() or int(count) < 1:
        raise ValueError(f"'{text}': give POOL=N with N 1 or more")
    return pool.strip(), int(count)
