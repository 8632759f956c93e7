"""Cross-references of a calendar that its shape alone cannot check."""

from __future__ import annotations

from collections.abc import Iterator

from eventplan.calendar.model import Calendar, Dates, DayRange, Duty, post_key
from eventplan.scenario.findings import Place
from eventplan.scenario.realtime import zone_named

Found = tuple[Place, str]


def cross_check(calendar: Calendar) -> list[Found]:
    """Every unknown reference, repeated id and impossible range, in the order of the file."""
    return [
        *_zone(calendar),
        *_unique(calendar),
        *_force(calendar),
        *_sites(calendar),
        *_duties(calendar),
        *_ranges(calendar),
    ]


def _zone(calendar: Calendar) -> Iterator[Found]:
    name = calendar.settings.timezone
    if zone_named(name) is None:
        yield ("settings", "timezone"), f"unknown timezone {name!r} (an IANA name: Asia/Shanghai)"


def _unique(calendar: Calendar) -> Iterator[Found]:
    sections = {
        "stations": calendar.stations,
        "sites": calendar.sites,
        "duties": calendar.duties,
        "events": calendar.events,
    }
    for name, items in sections.items():
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id in seen:
                yield (name, index, "id"), f"id '{item.id}' is used twice"
            seen.add(item.id)
    people = [*(p.id for p in calendar.people), *(p.id for p in calendar.pools)]
    seen = set()
    for index, pid in enumerate(people):
        section = "people" if index < len(calendar.people) else "pools"
        at = index if section == "people" else index - len(calendar.people)
        if pid in seen:
            yield (section, at, "id"), f"id '{pid}' is used twice"
        seen.add(pid)


def _force(calendar: Calendar) -> Iterator[Found]:
    stations = {s.id for s in calendar.stations}
    for section in ("people", "pools"):
        for index, member in enumerate(getattr(calendar, section)):
            if member.station not in stations:
                yield (section, index, "station"), f"unknown station '{member.station}'"
            if member.role not in calendar.roles:
                yield (section, index, "role"), f"unknown role '{member.role}'"
            if member.contract not in calendar.contracts:
                yield (section, index, "contract"), f"unknown contract '{member.contract}'"


def _sites(calendar: Calendar) -> Iterator[Found]:
    stations = {s.id for s in calendar.stations}
    for index, site in enumerate(calendar.sites):
        for station in site.travel:
            if station not in stations:
                yield (
                    (index_path("sites", index, "travel", station)),
                    (f"unknown station '{station}'"),
                )


def index_path(*parts: str | int) -> Place:
    return tuple(parts)


def _duties(calendar: Calendar) -> Iterator[Found]:
    sites = {s.id for s in calendar.sites}
    for section in ("duties", "events"):
        for index, item in enumerate(getattr(calendar, section)):
            if item.site not in sites:
                yield (section, index, "site"), f"unknown site '{item.site}'"
    for index, duty in enumerate(calendar.duties):
        for w, window in enumerate(duty.windows):
            if window.end <= window.start:
                yield ("duties", index, "windows", w, "end"), "ends before it starts"
        yield from _posts(calendar, index, duty)


def _posts(calendar: Calendar, index: int, duty: Duty) -> Iterator[Found]:
    """One post (``needs``) or several (``posts``), ids not repeated, roles known."""
    where: Place = ("duties", index)
    if not duty.needs and not duty.posts:
        yield where, "give the duty's needs, or its posts each with its needs"
    if duty.needs and duty.posts:
        yield (*where, "posts"), "give either needs (one post) or posts, not both"
    duty_ids = {d.id for d in calendar.duties}
    seen: set[str] = set()
    for p, post in enumerate(duty.posts):
        if post.id in seen:
            yield (*where, "posts", p, "id"), f"post id '{post.id}' is used twice in this duty"
        elif post_key(duty.id, post.id) in duty_ids:
            yield (
                (*where, "posts", p, "id"),
                (f"post '{post_key(duty.id, post.id)}' has the id of another duty"),
            )
        seen.add(post.id)
    lists = [((), duty.needs), *(((("posts", p)), post.needs) for p, post in enumerate(duty.posts))]
    for prefix, needs in lists:
        for n, need in enumerate(needs):
            for r, role in enumerate(need.roles):
                if role not in calendar.roles:
                    yield (*where, *prefix, "needs", n, "roles", r), f"unknown role '{role}'"


def _ranges(calendar: Calendar) -> Iterator[Found]:
    for t, term in enumerate(calendar.school_calendar.terms):
        if term.end < term.start:
            yield ("school_calendar", "terms", t, "end"), "ends before it starts"
    yield from _bad_ranges(("school_calendar", "holidays"), calendar.school_calendar.holidays)
    for index, person in enumerate(calendar.people):
        for field in ("leave", "requests_off", "requests_on"):
            yield from _bad_ranges(("people", index, field), getattr(person, field))


def _bad_ranges(where: Place, dates: Dates) -> Iterator[Found]:
    for index, item in enumerate(dates):
        if isinstance(item, DayRange) and item.end < item.start:
            yield (*where, index, "end"), "ends before it starts"
