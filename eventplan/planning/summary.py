"""The terminal summary of a plan: what a planner reads first after ``eventplan solve``."""

from __future__ import annotations

from eventplan.planning.plan import Plan
from eventplan.scenario import PRIORITIES

MAX_SHORTFALL_LINES = 12


def summary_lines(plan: Plan) -> list[str]:
    """The summary printed after a solve: solver, coverage, cost, shortfalls, analyses."""
    data = plan.document
    solver, kpis = data["solver"], data["kpis"]
    gap, bound = solver["gap"], solver["bound"]
    lines = [
        f"{plan.scenario.event.name} [{plan.scenario.event.id}]",
        f"  solver    {solver['status']}, objective {solver['objective']:,.2f}, "
        f"bound {'none' if bound is None else f'{bound:,.2f}'}, "
        f"gap {'n/a' if gap is None else f'{gap:.2%}'}, "
        f"{solver['seconds']:.1f} s ({solver['method']})",
    ]
    coverage = ", ".join(
        f"{p} {kpis['coverage'][p]:.1%}" for p in PRIORITIES if kpis["required_person_hours"][p]
    )
    lines.append(f"  coverage  {coverage or 'no need'}")
    uncovered = {p: h for p, h in kpis["uncovered_person_hours"].items() if h}
    if uncovered:
        lines.append(
            "  uncovered " + ", ".join(f"{p} {h:g} person-h" for p, h in uncovered.items())
        )
    staff = kpis["staff_used"]
    lines.append(
        f"  cost      {kpis['cost']:,.1f} ({staff['total']:,} people, "
        + ", ".join(f"{n:,} {r}" for r, n in staff["by_role"].items())
        + ")"
    )
    shortfalls = data["shortfalls"]
    if shortfalls:
        lines.append(f"  shortfalls ({len(shortfalls)}):")
        ranked = sorted(shortfalls, key=lambda s: (PRIORITIES.index(s["priority"]), s["start"]))
        for s in ranked[:MAX_SHORTFALL_LINES]:
            lines.append(
                f"    {s['priority']:<8} {s['post']}: {s['missing']} x {s['role_group']}"
                f" {_span(s['start'], s['end'])}: {s['cause']}"
            )
        if len(ranked) > MAX_SHORTFALL_LINES:
            lines.append(f"    ... and {len(ranked) - MAX_SHORTFALL_LINES} more in plan.json")
    else:
        lines.append("  shortfalls none")
    response = data.get("response") or {}
    reach = response.get("reach") or {}
    if reach:
        lines.append(
            "  response  " + ", ".join(f"{m} min {float(v):.0%}" for m, v in reach.items())
        )
    for row in data.get("egress") or []:
        ok = "ok" if row.get("target_met") else "OVER TARGET"
        lines.append(
            f"  egress    {row['zone']}: {row['minutes']:.1f} min ({ok}), "
            f"bottleneck {row.get('bottleneck')}"
        )
    for row in data.get("patrols") or []:
        lines.append(
            f"  patrol    {row['id']} team {row['team']}: loop "
            f"{row['loop_minutes']:.1f} min, worst revisit "
            f"{row['max_revisit_minutes']:.1f} min"
        )
    return lines


def _span(start: str, end: str) -> str:
    """``20:00-20:45 (2025-07-12)``; with the UTC offsets when the plan writes them (clocks
    change during the event): ``22:30-23:45 (2025-04-05, UTC-03:00 to UTC-04:00)``."""
    offsets = f", UTC{start[16:]}" if start[16:] else ""
    if end[16:] != start[16:]:
        offsets += f" to UTC{end[16:]}"
    return f"{start[11:16]}-{end[11:16]} ({start[:10]}{offsets})"
