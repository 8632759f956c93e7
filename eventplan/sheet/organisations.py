"""One section per organisation: every one of its people on the roster, shift by shift.

People belong to their pool's organisation; pools without one are grouped under their
``unit`` text, and the rest under "other". A row is one person at one station in one shift:
where and when to muster, the shift, its breaks, whom they take over from and hand over to at
that station, and whom they report to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from eventplan.sheet.context import Context
from eventplan.sheet.duty import Shift
from eventplan.sheet.folder import Stint
from eventplan.sheet.model import Column, Section, Table, Value
from eventplan.sheet.stations import Station
from eventplan.sheet.words import fill

#: Stations in this order within an organisation's table.
KIND_ORDER = ("sector", "post", "unit", "patrol", "drone", "reserve", "other")


@dataclass(frozen=True, slots=True)
class Group:
    """People grouped together on the sheet: an organisation, a pool's unit text, or other."""

    key: str
    name: str
    commander: str = ""
    phone: str = ""


def groups(ctx: Context) -> list[Group]:
    """The organisations of the scenario, then the unit texts of pools without one, then other."""
    found = [
        Group(f"organisation:{o.id}", o.name, o.commander or "", o.phone or "")
        for o in ctx.scenario.organisations
    ]
    for pool in ctx.scenario.pools:
        if pool.organisation is None and pool.unit and all(g.name != pool.unit for g in found):
            found.append(Group(f"unit:{pool.unit}", pool.unit))
    found.append(Group("other", ctx.words["other_people"]))
    return found


def group_of(ctx: Context, pool_id: str) -> str:
    """The key of the group a pool's people belong to."""
    pool = ctx.pools.get(pool_id)
    if pool is None:
        return "other"
    if pool.organisation is not None:
        return f"organisation:{pool.organisation}"
    return f"unit:{pool.unit}" if pool.unit else "other"


def people_by_group(ctx: Context) -> dict[str, dict[str, str]]:
    """Every person on the roster (id to role), by group key."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for stint in ctx.folder.stints:
        found[group_of(ctx, stint.pool)][stint.person] = stint.role
    return found


def organisation_sections(ctx: Context) -> list[Section]:
    """One section per group with people on the roster, in the order of :func:`groups`."""
    rows: dict[str, list[tuple[tuple[object, ...], tuple[Value, ...]]]] = defaultdict(list)
    for person, own in ctx.shifts.items():
        for shift in own:
            group = group_of(ctx, shift.first.pool)
            stations = _stations(ctx, shift)
            for station, stints in stations:
                moved = len(stations) > 1
                rows[group].append(_row(ctx, person, shift, station, stints, moved))
    people = people_by_group(ctx)
    sections = []
    for group in groups(ctx):
        if group.key not in rows:
            continue
        ordered = tuple(row for _, row in sorted(rows[group.key], key=lambda r: r[0]))
        sections.append(
            Section(
                key=group.key,
                title=group.name,
                facts=_facts(ctx, group, people.get(group.key, {})),
                tables=(Table("", _columns(ctx), ordered),),
            )
        )
    return sections


def _columns(ctx: Context) -> tuple[Column, ...]:
    w = ctx.words
    return (
        Column(w["name"]),
        Column(w["person_id"]),
        Column(w["role"]),
        Column(w["post_or_unit"]),
        Column(w["call_sign"]),
        Column(w["radio_channel"]),
        Column(w["muster_place"]),
        Column(w["muster_time"], "time"),
        Column(w["shift_start"], "time"),
        Column(w["shift_end"], "time"),
        Column(w["break"]),
        Column(w["takes_over_from"]),
        Column(w["hands_over_to"]),
        Column(w["reports_to"]),
    )


def _facts(ctx: Context, group: Group, people: dict[str, str]) -> tuple[tuple[str, str], ...]:
    w = ctx.words
    by_role: dict[str, int] = defaultdict(int)
    for role in people.values():
        by_role[role] += 1
    counts = ctx.join(
        fill(w["role_count"], role=ctx.role(role), n=n) for role, n in sorted(by_role.items())
    )
    facts = [(w["commander"], group.commander), (w["phone"], group.phone)]
    facts.append((w["people"], fill(w["people_count"], n=len(people), roles=counts)))
    return tuple((label, text) for label, text in facts if text)


def _stations(ctx: Context, shift: Shift) -> list[tuple[Station, list[Stint]]]:
    return [(ctx.stations(key), stints) for key, stints in shift.stations()]


def _row(
    ctx: Context, person: str, shift: Shift, station: Station, stints: list[Stint], moved: bool
) -> tuple[tuple[object, ...], tuple[Value, ...]]:
    """One person at one station in one shift (``moved``: the shift has other stations too):
    the row's sort key and its cells."""
    first, last = stints[0], max(stints, key=lambda s: s.end)
    place_name = station.name
    if moved:  # a move between stations: when the person is here
        place_name += " " + ctx.join(ctx.span(s.start, s.end) for s in stints)
    muster_place, muster_time = _muster(ctx, shift)
    took = ctx.handovers.took_over_from.get((person, station.key, first.start), "")
    handed = ctx.handovers.handed_over_to.get((person, station.key, last.end), "")
    cells: tuple[Value, ...] = (
        ctx.person(person),
        person,
        ctx.role(first.role),
        place_name,
        station.call_sign,
        station.radio_channel,
        muster_place,
        None if muster_time is None else ctx.when(muster_time),
        ctx.when(shift.start),
        ctx.when(shift.end),
        ctx.join(ctx.span(*gap) for gap in shift.breaks()),
        ctx.person(took) if took else "",
        ctx.person(handed) if handed else "",
        _reports_to(ctx, person, station, first.start),
    )
    kind = KIND_ORDER.index(station.kind) if station.kind in KIND_ORDER else len(KIND_ORDER)
    return (kind, station.name, first.start, ctx.person(person), person), cells


def _muster(ctx: Context, shift: Shift) -> tuple[str, datetime | None]:
    """The unit's or the pool's muster point and time, else the briefing's node and start."""
    station = ctx.stations(shift.stints[0].station)
    unit = next((u for u in ctx.scenario.units if u.id == station.base), None)
    pool = ctx.pools.get(shift.first.pool)
    muster = (unit.muster if unit and station.kind == "unit" else None) or (
        pool.muster if pool else None
    )
    if muster is not None:
        return ctx.stations.place(muster.node), shift.start - timedelta(
            minutes=muster.minutes_before
        )
    if shift.briefing is not None:
        node = shift.briefing.post.partition(":")[2]
        return ctx.stations.place(node), shift.briefing.start
    return "", None


def _reports_to(ctx: Context, person: str, station: Station, moment: datetime) -> str:
    """The sector leader on duty at a post, the instance's leader in a crew, else the command
    post."""
    if station.kind == "post" and station.sector:
        leader = ctx.leader(station.sector, moment)
        if leader is not None:
            sector = next(s for s in ctx.scenario.sectors if s.id == station.sector)
            return fill(
                ctx.words["leader_of"],
                name=ctx.person(leader.person),
                of=sector.call_sign or sector.name or sector.id,
            )
    if station.kind in ("unit", "patrol", "drone"):
        leader = ctx.leader(station.key, moment)
        if leader is not None and leader.person != person:
            return ctx.person(leader.person)
    return ctx.command_post()
