"""The terminal summary of a plan: what a planner reads first after ``eventplan solve``."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from eventplan.i18n import Texts
from eventplan.planning.plan import Plan
from eventplan.scenario import PRIORITIES

MAX_SHORTFALL_LINES = 12


def summary_lines(plan: Plan, lang: str = "en") -> list[str]:
    """The summary printed after a solve: solver, coverage, cost, shortfalls, analyses.

    Parameters
    ----------
    plan
        The finished plan.
    lang
        ``en`` or ``zh``: the words, the roles' names and the shortfalls' causes; ids and
        names from the scenario are shown as written.
    """
    data = plan.document
    event = plan.scenario.event
    t = Texts(lang, {rid: role.label for rid, role in plan.scenario.roles.items()})
    lines = [t("summary.title", name=event.name, id=event.id), _solver(data["solver"], t)]
    lines += _coverage(data["kpis"], t)
    lines += _shortfalls(data["shortfalls"], t)
    lines += _analyses(data, t)
    return lines


def _solver(solver: Mapping[str, Any], t: Texts) -> str:
    gap = solver["gap"]
    return t(
        "summary.solver",
        status=t.get(f"status.{solver['status']}", str(solver["status"])),
        objective=f"{solver['objective']:,.2f}",
        bound=t("summary.no_gap") if solver["bound"] is None else f"{solver['bound']:,.2f}",
        gap=t("summary.no_gap") if gap is None else f"{gap:.2%}",
        seconds=f"{solver['seconds']:.1f}",
        method=method_text(str(solver["method"]), t),
    )


def method_text(method: str, t: Texts) -> str:
    """How the solver went about it (``LP (HiGHS, ...); station blocks (...)``) in words."""
    return t.lists["steps"].join(t.message(step) for step in method.split("; "))


def _coverage(kpis: Mapping[str, Any], t: Texts) -> list[str]:
    coverage = t.join(
        [
            t("summary.coverage_item", priority=_priority(p, t), share=f"{kpis['coverage'][p]:.1%}")
            for p in PRIORITIES
            if kpis["required_person_hours"][p]
        ]
    )
    lines = [t("summary.coverage", items=coverage or t("summary.no_need"))]
    uncovered = {p: h for p, h in kpis["uncovered_person_hours"].items() if h}
    if uncovered:
        items = [
            t("summary.uncovered_item", priority=_priority(p, t), hours=f"{h:g}")
            for p, h in uncovered.items()
        ]
        lines.append(t("summary.uncovered", items=t.join(items)))
    staff = kpis["staff_used"]
    roles = [
        t("summary.role_count", n=f"{n:,}", role=t.role(r)) for r, n in staff["by_role"].items()
    ]
    cost = f"{kpis['cost']:,.1f}"
    lines.append(t("summary.cost", cost=cost, people=f"{staff['total']:,}", roles=t.join(roles)))
    return lines


def _shortfalls(shortfalls: list[Mapping[str, Any]], t: Texts) -> list[str]:
    if not shortfalls:
        return [t("summary.no_shortfalls")]
    lines = [t("summary.shortfalls", n=len(shortfalls))]
    width = max(_width(_priority(p, t)) for p in PRIORITIES)
    ranked = sorted(shortfalls, key=lambda s: (PRIORITIES.index(s["priority"]), s["start"]))
    for s in ranked[:MAX_SHORTFALL_LINES]:
        priority = _priority(s["priority"], t)
        line = t(
            "summary.shortfall",
            priority=priority + " " * (width - _width(priority)),
            post=s["post"],
            missing=s["missing"],
            group=t.group(s["role_group"]),
            start=s["start"][11:16],
            end=s["end"][11:16],
            day=_day(s["start"], s["end"]),
            cause=t.message(s["cause"]),
        )
        lines.append(line)
    if len(ranked) > MAX_SHORTFALL_LINES:
        lines.append(t("summary.more_shortfalls", n=len(ranked) - MAX_SHORTFALL_LINES))
    return lines


def _analyses(data: Mapping[str, Any], t: Texts) -> list[str]:
    """Response reach, egress and patrols, when the plan has them."""
    lines = []
    reach = (data.get("response") or {}).get("reach") or {}
    if reach:
        items = [
            t("summary.response_item", minutes=m, share=f"{float(v):.0%}") for m, v in reach.items()
        ]
        lines.append(t("summary.response", items=t.join(items)))
    for row in data.get("egress") or []:
        lines.append(
            t(
                "summary.egress",
                zone=row["zone"],
                minutes=f"{row['minutes']:.1f}",
                verdict=t("summary.egress_ok" if row.get("target_met") else "summary.egress_over"),
                bottleneck=row.get("bottleneck"),
            )
        )
    for row in data.get("patrols") or []:
        lines.append(
            t(
                "summary.patrol",
                patrol=row["id"],
                team=row["team"],
                loop=f"{row['loop_minutes']:.1f}",
                revisit=f"{row['max_revisit_minutes']:.1f}",
            )
        )
    return lines


def _day(start: str, end: str) -> str:
    """``2025-07-12``; with the UTC offsets when the plan writes them (clocks change during the
    event): ``2025-04-05, UTC-03:00–UTC-04:00``."""
    offsets = f", UTC{start[16:]}" if start[16:] else ""
    if end[16:] != start[16:]:
        offsets += f"–UTC{end[16:]}"
    return f"{start[:10]}{offsets}"


def _priority(priority: str, t: Texts) -> str:
    return t.get(f"priority.{priority}", priority)


def _width(text: str) -> int:
    """Columns a text takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
