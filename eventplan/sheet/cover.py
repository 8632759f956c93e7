"""The cover: the event, its phases, the command post, the plan's status, the people on the
roster by organisation and role, the sectors with their leaders on duty, and the need the plan
leaves uncovered with its cause."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from eventplan.scenario import PRIORITIES
from eventplan.sheet.context import Context
from eventplan.sheet.folder import shortfalls
from eventplan.sheet.model import Column, Section, Table, Value
from eventplan.sheet.organisations import groups, people_by_group
from eventplan.sheet.sectors import leaders_within
from eventplan.sheet.words import fill


def cover_section(ctx: Context) -> Section:
    """The cover section (key ``cover``)."""
    w = ctx.words
    tables = [_phases(ctx), _totals(ctx)]
    if ctx.scenario.sectors:
        tables.append(_sectors(ctx))
    uncovered = _shortfalls(ctx)
    if uncovered.rows:
        tables.append(uncovered)
    return Section("cover", w["cover"], _facts(ctx), tuple(tables))


def _facts(ctx: Context) -> tuple[tuple[str, str], ...]:
    w, scenario = ctx.words, ctx.scenario
    days = sorted(scenario.event.days or {ctx.clock.day(p.start) for p in ctx.folder.phases})
    dates = f"{days[0]}" + (f" – {days[-1]}" if len(days) > 1 else "") if days else ""
    facts = [
        (w["event"], scenario.event.name),
        (w["venue"], scenario.venue.name or ""),
        (w["dates"], dates),
        (w["command_post"], _command(ctx)),
        (w["plan_status"], _status(ctx)),
    ]
    return tuple((label, text) for label, text in facts if text)


def _command(ctx: Context) -> str:
    command = ctx.scenario.command
    if command is None:
        return ""
    w = ctx.words
    parts = [
        command.name or "",
        fill(w["at_place"], place=ctx.stations.place(command.node)),
        fill(w["call_sign_is"], call_sign=command.call_sign) if command.call_sign else "",
        fill(w["channel_n"], n=command.radio_channel) if command.radio_channel else "",
    ]
    return " · ".join(part for part in parts if part)


def _status(ctx: Context) -> str:
    w = ctx.words
    solver: dict[str, Any] = dict(ctx.folder.plan.get("solver") or {})
    status = str(solver.get("status") or "")
    return fill(
        w["status_line"],
        status=ctx.t.get(f"status.{status}", status) or "–",
        gap=_percent(solver.get("gap")),
        objective=_number(solver.get("objective")),
    )


def _phases(ctx: Context) -> Table:
    w = ctx.words
    columns = (Column(w["phase"]), Column(w["start"], "time"), Column(w["end"], "time"))
    rows = tuple((p.id, ctx.when(p.start), ctx.when(p.end)) for p in ctx.folder.phases)
    return Table(w["phases"], columns, rows)


def _totals(ctx: Context) -> Table:
    """People on the roster: a row per organisation (and group), a column per role, totals."""
    w = ctx.words
    roles = list(ctx.scenario.roles)
    people = people_by_group(ctx)
    rows: list[tuple[Value, ...]] = []
    sums: dict[str, int] = defaultdict(int)
    for group in groups(ctx):
        members = people.get(group.key, {})
        if not members and not group.key.startswith("organisation:"):
            continue
        counts = defaultdict(int)
        for role in members.values():
            counts[role] += 1
            sums[role] += 1
        by_role = tuple(counts.get(role, 0) for role in roles)
        rows.append((group.name, group.commander, group.phone, *by_role, len(members)))
    total = sum(sums.values())
    rows.append((w["total"], "", "", *(sums.get(role, 0) for role in roles), total))
    columns = (
        Column(w["organisation"]),
        Column(w["commander"]),
        Column(w["phone"]),
        *(Column(ctx.role(role), "count") for role in roles),
        Column(w["total"], "count"),
    )
    return Table(w["people_on_roster"], columns, tuple(rows))


def _sectors(ctx: Context) -> Table:
    w = ctx.words
    columns = (
        Column(w["sector"]),
        Column(w["call_sign"]),
        Column(w["radio_channel"]),
        Column(w["posts"], "count"),
        Column(w["leaders"], "long"),
    )
    phases = ctx.folder.phases
    whole = (phases[0].start, max(p.end for p in phases)) if phases else None
    rows = tuple(
        (
            sector.name or sector.id,
            sector.call_sign or "",
            sector.radio_channel or "",
            len(sector.posts),
            leaders_within(ctx, sector.id, whole) if whole else "",
        )
        for sector in ctx.scenario.sectors
    )
    return Table(w["sectors"], columns, rows)


def _shortfalls(ctx: Context) -> Table:
    """Need left uncovered, the most urgent first: priority, post, roles, how many, when, why
    (the cause in the sheet's language)."""
    w, t = ctx.words, ctx.t
    names = {post.id: post.name or post.id for post in ctx.scenario.posts}
    rank = {priority: k for k, priority in enumerate(PRIORITIES)}
    found = sorted(
        shortfalls(ctx.folder.plan, ctx.folder.clock),
        key=lambda s: (rank.get(s.priority, len(rank)), s.start, s.post, s.role_group),
    )
    rows = tuple(
        (
            t.get(f"priority.{s.priority}", s.priority),
            names.get(s.post, s.post),
            ctx.group(s.role_group),
            s.missing,
            ctx.when(s.start),
            ctx.when(s.end),
            t.message(s.cause),
        )
        for s in found
    )
    columns = (
        Column(w["priority"]),
        Column(w["post"]),
        Column(w["role"]),
        Column(w["missing"], "count"),
        Column(w["start"], "time"),
        Column(w["end"], "time"),
        Column(w["cause"], "long"),
    )
    return Table(w["shortfalls"], columns, rows)


def _percent(value: Any) -> str:
    if isinstance(value, int | float) and value == value:
        return f"{value * 100:.1f}%"
    return "–"


def _number(value: Any) -> str:
    if isinstance(value, int | float) and value == value:
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"
    return "–"
