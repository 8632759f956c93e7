"""One section per sector, and one for the posts in no sector: who stands at each post in every
phase, how many the post needs then, and the sector's leader on duty."""

from __future__ import annotations

from datetime import timedelta

from eventplan.scenario.forces import Sector
from eventplan.scenario.model import Post
from eventplan.sheet.context import Context
from eventplan.sheet.duty import Span, covered
from eventplan.sheet.folder import PhaseWindow
from eventplan.sheet.model import Column, Section, Table, Value


def sector_sections(ctx: Context) -> list[Section]:
    """A section per sector (scenario order), then one for posts outside every sector."""
    sections = [_section(ctx, sector, _posts(ctx, sector.posts)) for sector in ctx.scenario.sectors]
    in_sector = {post for sector in ctx.scenario.sectors for post in sector.posts}
    loose = [post for post in ctx.scenario.posts if post.id not in in_sector]
    if loose:
        sections.append(_section(ctx, None, loose))
    return sections


def _posts(ctx: Context, ids: tuple[str, ...]) -> list[Post]:
    posts = {post.id: post for post in ctx.scenario.posts}
    return [posts[post] for post in ids if post in posts]


def _section(ctx: Context, sector: Sector | None, posts: list[Post]) -> Section:
    w = ctx.words
    columns = [
        Column(w["post"]),
        Column(w["place"]),
        Column(w["call_sign"]),
        Column(w["radio_channel"]),
        Column(w["phase"]),
        Column(w["time"]),
        Column(w["needed"]),
        Column(w["on_duty"], "count"),
        Column(w["who"], "long"),
    ]
    if sector is not None:
        columns.append(Column(w["leader_on_duty"], "long"))
    rows = []
    for post in posts:
        for window in ctx.folder.phases:
            row = _row(ctx, sector, post, window)
            if row is not None:
                rows.append(row)
    if sector is None:
        return Section("sector:", w["no_sector"], (), (Table("", tuple(columns), tuple(rows)),))
    return Section(
        f"sector:{sector.id}",
        sector.name or sector.id,
        _facts(ctx, sector),
        (Table("", tuple(columns), tuple(rows)),),
    )


def _row(
    ctx: Context, sector: Sector | None, post: Post, window: PhaseWindow
) -> tuple[Value, ...] | None:
    span = (window.start, window.end)
    there = [s for s in ctx.at.get(post.id, ()) if s.start < window.end and window.start < s.end]
    needs = _needs(ctx, post.id, span)
    if not there and not needs:
        return None
    row: list[Value] = [
        post.name or post.id,
        ctx.stations.place(post.node),
        post.call_sign or "",
        post.radio_channel or "",
        window.id,
        ctx.span(window.start, window.end),
        needs,
        len({s.person for s in there}),
        ctx.who(there, span),
    ]
    if sector is not None:
        row.append(leaders_within(ctx, sector.id, span))
    return tuple(row)


def _needs(ctx: Context, post: str, span: Span) -> str:
    """What the post requires within ``span``: each role group (from coverage.csv) with the
    most people it asks for in any slot."""
    required = ctx.folder.required
    if not required:
        return ""
    step = timedelta(minutes=ctx.scenario.event.slot_minutes)
    most: dict[str, int] = {}
    moment = span[0]
    while moment < span[1]:
        for group, n in required.get((post, moment), {}).items():
            most[group] = max(most.get(group, 0), n)
        moment += step
    order = list(ctx.roles)
    return ctx.join(
        f"{ctx.group(group)} {n}"
        for group, n in sorted(most.items(), key=lambda g: (_rank(order, g[0]), g[0]))
    )


def _rank(order: list[str], group: str) -> int:
    first = group.partition("[")[0].split("+")[0]
    return order.index(first) if first in order else len(order)


def leaders_within(ctx: Context, led_key: str, span: Span) -> str:
    """Who leads a sector (or unit instance) within ``span``, with times when not throughout."""
    entries = []
    for stint in ctx.led.get(led_key, ()):
        parts = covered([stint], span)
        if not parts:
            continue
        text = ctx.person(stint.person)
        if parts != [span]:
            text += " " + ctx.span(*parts[0])
        entries.append(text)
    return ctx.join(entries)


def _facts(ctx: Context, sector: Sector) -> tuple[tuple[str, str], ...]:
    w = ctx.words
    leaders = ctx.join(
        f"{ctx.person(s.person)} {ctx.span(s.start, s.end)}" for s in ctx.led.get(sector.id, ())
    )
    facts = [
        (w["call_sign"], sector.call_sign or ""),
        (w["radio_channel"], sector.radio_channel or ""),
        (w["leader_role"], ctx.role(sector.leader.role) if sector.leader else ""),
        (w["leaders"], leaders),
        (w["posts"], ctx.join(post.name or post.id for post in _posts(ctx, sector.posts))),
    ]
    return tuple((label, text) for label, text in facts if text)
