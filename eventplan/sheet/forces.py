"""The units, patrol teams and drone crews with their leaders and members over time, and the
reserves with their members per phase."""

from __future__ import annotations

from eventplan.sheet.context import Context
from eventplan.sheet.duty import covered
from eventplan.sheet.folder import Stint
from eventplan.sheet.model import Column, Section, Table, Value
from eventplan.sheet.stations import Station

CREW_KINDS = ("unit", "patrol", "drone")


def units_section(ctx: Context) -> Section | None:
    """Every crew instance on the roster, its leader first, then its members by time; None
    when the plan has no crews."""
    order = [u.id for u in ctx.scenario.units]
    order += [p.id for p in ctx.scenario.patrols] + [d.id for d in ctx.scenario.drones]
    crews = [ctx.stations(key) for key in ctx.at]
    crews = [c for c in crews if c.kind in CREW_KINDS]
    if not crews:
        return None
    crews.sort(key=lambda c: (order.index(c.base) if c.base in order else len(order), _index(c)))
    w = ctx.words
    columns = (
        Column(w["kind"]),
        Column(w["crew"]),
        Column(w["call_sign"]),
        Column(w["radio_channel"]),
        Column(w["task"]),
        Column(w["name"]),
        Column(w["person_id"]),
        Column(w["role"]),
        Column(w["from"], "time"),
        Column(w["to"], "time"),
    )
    rows = [row for crew in crews for row in _crew_rows(ctx, crew)]
    return Section("units", w["units"], (), (Table("", columns, tuple(rows)),))


def _index(crew: Station) -> int:
    index = crew.key.partition("#")[2]
    return int(index) if index.isdigit() else 0


def _crew_rows(ctx: Context, crew: Station) -> list[tuple[Value, ...]]:
    w = ctx.words
    by_person: dict[str, list[Stint]] = {}
    for stint in ctx.at[crew.key]:
        by_person.setdefault(stint.person, []).append(stint)
    rows = []
    for person, own in by_person.items():
        leads = any(s.leads == crew.key for s in own)
        for start, end in covered(own, (min(s.start for s in own), max(s.end for s in own))):
            rows.append(
                (
                    (not leads, start, ctx.person(person)),
                    (
                        w[f"kind_{crew.kind}"],
                        crew.name,
                        crew.call_sign,
                        crew.radio_channel,
                        w["leader"] if leads else w["member"],
                        ctx.person(person),
                        person,
                        ctx.role(own[0].role),
                        ctx.when(start),
                        ctx.when(end),
                    ),
                )
            )
    return [cells for _, cells in sorted(rows, key=lambda r: r[0])]


def reserves_section(ctx: Context) -> Section | None:
    """Each reserve's members in each phase; None when the scenario has no reserve."""
    if not ctx.scenario.reserves:
        return None
    w = ctx.words
    columns = (
        Column(w["reserve"]),
        Column(w["place"]),
        Column(w["phase"]),
        Column(w["time"]),
        Column(w["on_duty"], "count"),
        Column(w["members"], "long"),
    )
    rows: list[tuple[Value, ...]] = []
    for reserve in ctx.scenario.reserves:
        stints = ctx.at.get(reserve.id, [])
        for window in ctx.folder.phases:
            span = (window.start, window.end)
            there = [s for s in stints if covered([s], span)]
            if not there:
                continue
            rows.append(
                (
                    reserve.name or reserve.id,
                    ctx.stations.place(reserve.node),
                    window.id,
                    ctx.span(*span),
                    len({s.person for s in there}),
                    ctx.who(there, span),
                )
            )
    return Section("reserves", w["reserves"], (), (Table("", columns, tuple(rows)),))
