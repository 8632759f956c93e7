"""One day of a calendar as a scenario: what ``eventplan check`` reads in a day's plan folder.

The day's recurring duties become posts (one per post of a duty, at its site's node; a need per
window and need of the post), its events posts too (their whole-event need, named after their
scenario file). The times of the day are cut at every window's start and end into phases, so
that a need asks for people exactly in its window. The people are those the calendar put on
duty that day, in one pool per organisation and role (the pool's count is the whole force of
that organisation and role).

The scenario states only what a day can check: nobody in two places at once, people at posts
that accept their role, coverage true to the roster. The rules across days (rest, hours,
consecutive days, weekends) are the calendar's and checked by its cross-day check; so the
day's scenario allows a shift of one slot to a whole day, rest and ``max_days`` that never
bind, and no cost (the calendar prices duty by the minute, travel included).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from eventplan.calendar.days import DutyDay
from eventplan.calendar.history import Assignment
from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.model import post_key

#: Rest long enough that every stint of a person on one day joins one shift (a split duty's
#: morning and afternoon are one shift with a long break, as the day's checker reads it).
DAY_REST_HOURS = 48.0


def at(day: date, minutes: int) -> datetime:
    """Minutes after a date's midnight as a moment (past 1440: the next day)."""
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)


def stamp(day: date, minutes: int) -> str:
    return at(day, minutes).isoformat(timespec="minutes")


def _hhmm(minutes: int) -> str:
    """A time of the day as ``HHMM`` (past midnight: ``2530`` for 01:30 the next day)."""
    return f"{minutes // 60:02d}{minutes % 60:02d}"


def slot_minutes(duties: list[DutyDay]) -> int:
    """The longest slot every window's start and end falls on (a divisor of 60)."""
    step = 60
    for duty in duties:
        step = math.gcd(step, duty.start, duty.end)
    return step


def day_scenario(
    loaded: LoadedCalendar, day: date, duties: list[DutyDay], assignments: list[Assignment]
) -> dict[str, Any]:
    """The scenario document of one day (``duties`` not empty)."""
    calendar = loaded.calendar
    cuts = sorted({m for duty in duties for m in (duty.start, duty.end)})
    segments = [
        (a, b) for a, b in itertools.pairwise(cuts)
        if any(d.start <= a and b <= d.end for d in duties)
    ]  # fmt: skip
    phase_of = {(a, b): f"t{_hhmm(a)}-{_hhmm(b)}" for a, b in segments}
    step = slot_minutes(duties)
    return {
        "eventplan": 1,
        "event": {
            "id": day_event(loaded, day),
            "name": f"{calendar.name or 'Calendar'}: {day.isoformat()}"[:500],
            "timezone": calendar.settings.timezone,
            "attendance": 1,
            "slot_minutes": step,
            "phases": [
                {"id": key, "start": stamp(day, a), "end": stamp(day, b)}
                for (a, b), key in phase_of.items()
            ],
        },
        "roles": {
            rid: {"label": role.label or rid, "cost": 0.0, "shift_hours": [step / 60, 24.0]}
            for rid, role in calendar.roles.items()
        },
        "pools": _pools(loaded),
        "people": _people(loaded, assignments),
        "rules": {"min_rest_hours": DAY_REST_HOURS, "max_days": 1},
        "venue": _venue(loaded, duties),
        "posts": [_post(loaded, duty, phase_of) for duty in _by_post(duties)],
    }


def day_event(loaded: LoadedCalendar, day: date) -> str:
    """The event id of a calendar's day: the calendar's identity and the date, so that the
    days of two calendars stored in one archive are two events, not one replacing the other."""
    return f"{loaded.key}.{day.isoformat()}"


def pool_id(organisation: str, role: str) -> str:
    return f"{organisation}.{role}"


def _pools(loaded: LoadedCalendar) -> list[dict[str, Any]]:
    counts = Counter(pool_id(p.organisation, p.role) for p in loaded.people)
    roles = {pool_id(p.organisation, p.role): p.role for p in loaded.people}
    return [
        {"id": key, "role": roles[key], "count": count, "unit": key.partition(".")[0]}
        for key, count in sorted(counts.items())
    ] or [{"id": "none", "role": next(iter(loaded.calendar.roles)), "count": 1}]


def _people(loaded: LoadedCalendar, assignments: list[Assignment]) -> list[dict[str, Any]]:
    on_duty = {a.person for a in assignments}
    return [
        {
            "id": p.id,
            "name": p.name or p.id,
            "role": p.role,
            "pool": pool_id(p.organisation, p.role),
        }
        for p in loaded.people
        if p.id in on_duty
    ]


def _venue(loaded: LoadedCalendar, duties: list[DutyDay]) -> dict[str, Any]:
    """The day's sites and the stations, as one graph: each site joined by road to its
    nearest station, the stations in a chain (a venue must be connected)."""
    calendar = loaded.calendar
    travel = loaded.travel
    used = {duty.site for duty in duties}
    stations = [s.id for s in calendar.stations]
    nodes = [
        {"id": s.id, "kind": "command", "name": s.name or s.id, "lat": s.lat, "lon": s.lon}
        for s in calendar.stations
    ]
    edges = [{"a": a, "b": b, "kind": "road"} for a, b in itertools.pairwise(stations)]
    for site in calendar.sites:
        if site.id in used:
            nodes.append(
                {"id": site.id, "kind": "gate", "name": site.name or site.id, "lat": site.lat,
                 "lon": site.lon}
            )  # fmt: skip
            nearest = min(stations, key=lambda station: (travel[station, site.id], station))
            edges.append({"a": nearest, "b": site.id, "kind": "road"})
    return {"name": calendar.name or None, "nodes": nodes, "edges": edges}


def _by_post(duties: list[DutyDay]) -> list[list[DutyDay]]:
    """The day's duties grouped by post: the windows of a recurring duty's post, or one
    event."""
    grouped: dict[tuple[str, str, bool], list[DutyDay]] = {}
    for duty in duties:
        grouped.setdefault((duty.duty, duty.post, duty.event), []).append(duty)
    return list(grouped.values())


def _post(
    loaded: LoadedCalendar, windows: list[DutyDay], phase_of: dict[tuple[int, int], str]
) -> dict[str, Any]:
    first = windows[0]
    needs = []
    for duty in windows:
        phases = [key for (a, b), key in phase_of.items() if duty.start <= a and b <= duty.end]
        for need in duty.needs:
            needs.append({"phases": phases, "roles": list(need.roles), "min": need.count})
    return {
        "id": post_id(first.duty, first.event, first.post),
        "name": _post_name(loaded, first)[:500],
        "node": first.site,
        "kind": "event" if first.event else "duty",
        "priority": first.priority,
        "needs": needs,
    }


def post_id(duty: str, event: bool, post: str = "") -> str:
    """A duty's post in the day's scenario (events apart, as their ids may repeat a duty's;
    a duty of several posts as ``DUTY.POST``)."""
    return f"event:{duty}" if event else post_key(duty, post)


def _post_name(loaded: LoadedCalendar, duty: DutyDay) -> str:
    if duty.post:
        own = next(d for d in loaded.calendar.duties if d.id == duty.duty)
        post = next(p for p in own.posts if p.id == duty.post)
        return f"{post.name or duty.post}, {duty.duty} at {duty.site}"
    if not duty.event:
        return f"{duty.duty} at {duty.site}"
    event = next(e for e in loaded.calendar.events if e.id == duty.duty)
    return f"{event.name or event.id} (scenario {event.scenario})"
