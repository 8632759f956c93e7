"""A replanned plan against its parent: nothing before the time of the replan differs.

plan.json's ``replan`` section names the time of the change (``at``) and the people released
by an absence (``released``). Each person's roster rows, cut at ``at``, must be the same in the
parent folder and the new one. A shift cut short by an absence keeps what was worked (a
briefing alone, a shift shorter than the role's minimum): those shifts of released people are
not held to the length and briefing rules, since they record what happened.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from eventplan.checker import clock
from eventplan.checker.files import Stint, read_plan_dir
from eventplan.checker.report import Violation

#: Rules a shift cut short by an absence cannot keep, and need not.
CUT_RULES = ("shift-length", "briefing", "meal-break")


def replan_section(plan: Any) -> dict[str, Any] | None:
    section = plan.get("replan") if isinstance(plan, dict) else None
    return section if isinstance(section, dict) else None


def excuse_cut_shifts(plan: Any, violations: list[Violation]) -> list[Violation]:
    """The violations less those of shifts cut short by an absence."""
    section = replan_section(plan)
    if section is None:
        return violations
    released = set(section.get("released") or ())
    return [v for v in violations if not (v.rule in CUT_RULES and v.subject in released)]


def past_of(stints: list[Stint], at: int) -> dict[str, list[tuple[str, str, int, int]]]:
    """Each person's stints before ``at`` (minutes), cut there."""
    out: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for s in stints:
        if s.start < at:
            out[s.person].append((s.post, s.unit, s.start, min(s.end, at)))
    return {p: sorted(v) for p, v in out.items()}


def check_parent(new_plan: Any, stints: list[Stint], parent: Path, slot: int) -> list[Violation]:
    """Violations where the new roster differs from the parent's before the replan's time."""
    section = replan_section(new_plan)
    if section is None or not isinstance(section.get("at"), str):
        return [Violation("replan", "plan.json", "no 'replan' section naming the time of change")]
    at = clock.parse(section["at"])
    old = read_plan_dir(parent, slot)
    before, after = past_of(old.roster or [], at), past_of(stints, at)
    found = []
    for person in sorted(set(before) | set(after)):
        if before.get(person, []) != after.get(person, []):
            found.append(
                Violation(
                    "replan",
                    person,
                    f"differs from the parent plan before {section['at']}: "
                    f"{_show(before.get(person, []))} then, {_show(after.get(person, []))} now",
                )
            )
    return found


def _show(rows: list[tuple[str, str, int, int]]) -> str:
    return "; ".join(f"{post} {clock.show_span(a, b)}" for post, _unit, a, b in rows) or "nothing"
