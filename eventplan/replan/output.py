"""What a replan hands the commander: changes.csv, the change list, and suggestions."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from eventplan.i18n import Texts
from eventplan.io.spreadsheet import csv_bytes
from eventplan.replan.api import ReplannedPlan
from eventplan.replan.apply import Change, span
from eventplan.replan.free import free_classes
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


def change_lines(plan: ReplannedPlan, t: Texts) -> list[str]:
    """The summary's change list: the count against the proven fewest, then one line each."""
    revision = plan.revision
    assert revision is not None
    lines = [
        t(
            "replan.summary",
            v=revision.version,
            at=f"{revision.at:%Y-%m-%dT%H:%M}",
            made=revision.made,
            fewest=revision.fewest,
            proof=t("replan.proven" if revision.proven else "replan.bound"),
        )
    ]
    for c in revision.changes:
        lines.append(
            t(
                "replan.change",
                time=f"{c.start:%H:%M}",
                person=c.person,
                role=t.role(c.role),
                kind=t(f"replan.kind.{c.kind}"),
                before=c.before,
                after=c.after,
                why=t.message(c.why),
            )
        )
    return lines


@dataclass(frozen=True)
class Suggestion:
    """Someone who could go to a post now: moved from their post, or called in."""

    person: str
    role: str
    post: str  # where they are now ("" when free)
    walk_minutes: float
    leaves: int  # person-slots their own post would then lack
    arrives: int = 0  # the slot they would be at the post from
    span: str = ""  # called in: the hours of their new shift


def suggest(
    plan: ReplannedPlan, post: str, first: int, walk: dict[tuple[str, str], float], count: int = 5
) -> list[Suggestion]:
    """The best people to send to ``post`` at slot ``first``: who leaves the least uncovered,
    then who is there soonest, then the nearest. People on duty elsewhere keep their hours
    and break and move only where supervision holds on both sides; members of standing
    units, patrol teams and drone crews are never taken one by one. Free people (see
    :mod:`eventplan.replan.free`) work the earliest legal shift there, one of each class."""
    situation = Situation(plan.staffing.model, list(plan.roster.shifts), first)
    found = []
    for shift in plan.roster.shifts:
        if shift.station_id == post or shift.instance or (shift.station_id, post) not in walk:
            continue
        t = shift.template
        if not (t.work_start <= first < t.end):
            continue
        found.append(_suggestion(situation, shift, post, walk[(shift.station_id, post)], first))
    found += _free(plan, situation, post)
    found = [f for f in found if f is not None]
    found.sort(key=lambda s: (s.leaves, s.arrives, s.walk_minutes, s.person))
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
    arrives = first + math.ceil(minutes / s.model.grid.slot_minutes - 1e-9)
    return Suggestion(
        shift.person, shift.role, shift.station_id, round(minutes, 1), leaves, arrives
    )


def _free(plan: ReplannedPlan, s: Situation, post: str) -> list[Suggestion]:
    """The first person of each class of free people, on the earliest legal shift at the
    post that starts at the first slot that may change or later."""
    model, grid = s.model, s.model.grid
    station = next((i for i, st in enumerate(model.requirements.stations) if st.id == post), None)
    revision = plan.revision
    out = set(revision.events.absent) if revision is not None else set()
    if revision is not None:
        out |= {c.person for c in revision.changes if c.kind in ("absent", "released")}
        out |= set(revision.earlier)
    day = grid.day_of(min(s.first, grid.size - 1))
    found = []
    for group in free_classes(model, s.shifts, out, [], {}, day):
        picks = model.candidates.get((group.supply, station), ()) if station is not None else ()
        supply = model.supplies[group.supply]
        templates = [model.templates[group.supply][int(i)] for i in picks]
        legal = [
            t
            for t in templates
            if t.start >= s.first
            and not t.standing
            and group.fits(t, grid.start(t.start), grid.end(t.end - 1))
            and supervision_allows(s, supply.role, post, t.working(), +1)
        ]
        if not legal:
            continue
        t = min(legal, key=lambda t: (t.work_start, t.length))
        found.append(
            Suggestion(group.people[0], supply.role, "", 0.0, 0, t.work_start, span(grid, t))
        )
    return found


def suggestion_lines(post: str, found: list[Suggestion], slot_hours: float, t: Texts) -> list[str]:
    lines = [t("replan.suggest", n=len(found), post=post)]
    for s in found:
        if not s.post:  # free: called in
            lines.append(
                t(
                    "replan.suggestion_free",
                    person=s.person,
                    role=t.role(s.role),
                    span=s.span,
                    rules=t("replan.rules"),
                )
            )
            continue
        hours = f"{s.leaves * slot_hours:g}"
        left = (
            t("replan.leaves", post=s.post, hours=hours)
            if s.leaves
            else t("replan.covered", post=s.post)
        )
        lines.append(
            t(
                "replan.suggestion",
                person=s.person,
                role=t.role(s.role),
                post=s.post,
                walk=f"{s.walk_minutes:g}",
                left=left,
                rules=t("replan.rules"),
            )
        )
    return lines
