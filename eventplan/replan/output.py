"""What a replan hands the commander: changes.csv, the change list, and suggestions."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from eventplan.io.spreadsheet import csv_bytes
from eventplan.replan.api import ReplannedPlan
from eventplan.replan.apply import Change
from eventplan.replan.options import Situation, supervision_allows
from eventplan.staffing.roster import Shift

CHANGES_CSV = "changes.csv"
CHANGE_COLUMNS = ("time", "person", "name", "role", "change", "from", "to", "why")


def changes_table(changes: tuple[Change, ...]) -> pd.DataFrame:
    """changes.csv: one line per person, by time and post."""
    rows = [
        (
            c.start.strftime("%Y-%m-%dT%H:%M"),
            c.person,
            c.name,
            c.role,
            c.kind,
            c.before,
            c.after,
            c.why,
        )
        for c in changes
    ]
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))


def changes_csv(plan: ReplannedPlan) -> bytes:
    assert plan.revision is not None
    return csv_bytes(changes_table(plan.revision.changes))


def change_lines(plan: ReplannedPlan) -> list[str]:
    """The summary's change list: the count against the proven fewest, then one line each."""
    revision = plan.revision
    assert revision is not None
    proof = "proven" if revision.proven else "bound"
    lines = [
        f"  replan    version {revision.version} from {revision.at:%Y-%m-%dT%H:%M}: "
        f"{revision.made} change(s), fewest possible {revision.fewest} ({proof})"
    ]
    for c in revision.changes:
        lines.append(
            f"    {c.start:%H:%M} {c.person} ({c.role}) {c.kind}: {c.before} -> {c.after}: {c.why}"
        )
    return lines


@dataclass(frozen=True)
class Suggestion:
    """Someone who could go to a post now."""

    person: str
    role: str
    post: str
    walk_minutes: float
    leaves: int  # person-slots their own post would then lack
    rules: str


def suggest(
    plan: ReplannedPlan, post: str, first: int, walk: dict[tuple[str, str], float], count: int = 5
) -> list[Suggestion]:
    """The best people to send to ``post`` at slot ``first``: who leaves the least uncovered,
    then the nearest; only people whose move keeps supervision on both sides."""
    situation = Situation(plan.staffing.model, list(plan.roster.shifts), first)
    found = []
    for shift in plan.roster.shifts:
        if shift.station_id == post or shift.instance or (shift.station_id, post) not in walk:
            continue
        t = shift.template
        if not (t.work_start <= first < t.end):
            continue
        found.append(_suggestion(situation, shift, post, walk[(shift.station_id, post)], first))
    found = [f for f in found if f is not None]
    found.sort(key=lambda s: (s.leaves, s.walk_minutes, s.person))
    return found[:count]


def _suggestion(
    s: Situation, shift: Shift, post: str, minutes: float, first: int
) -> Suggestion | None:
    working = shift.template.working()
    gone = working[working >= first]
    if not supervision_allows(s, shift.role, post, gone, +1):
        return None
    if not supervision_allows(s, shift.role, shift.station_id, gone, -1):
        return None
    terms = s.terms((shift.role, shift.tags), shift.station_id, gone, -1)
    leaves = sum(1 for (i, t) in terms if s.assigned[i, t] - 1 < s.required[i, t])
    return Suggestion(
        shift.person,
        shift.role,
        shift.station_id,
        round(minutes, 1),
        leaves,
        "shift, break and supervision kept",
    )


def suggestion_lines(post: str, found: list[Suggestion], slot_hours: float) -> list[str]:
    lines = [f"  suggest   best {len(found)} to send to {post} now:"]
    for s in found:
        hours = s.leaves * slot_hours
        left = (
            f"leaves {s.post} short {hours:g} person-h" if s.leaves else f"{s.post} stays covered"
        )
        walk = f"{s.walk_minutes:g} min walk"
        lines.append(f"    {s.person} ({s.role}) from {s.post}: {walk}, {left}; {s.rules}")
    return lines
