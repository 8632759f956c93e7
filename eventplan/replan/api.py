"""``replan(plan, events, at=...) -> ReplannedPlan``: the smallest change that answers the day."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from eventplan.errors import InputError, Problem
from eventplan.planning.plan import Plan
from eventplan.planning.stages import Groundwork
from eventplan.replan.apply import (
    Change,
    drop_absent,
    name_changes,
    release_closed,
    units_away,
)
from eventplan.replan.events import Events
from eventplan.replan.free import free_classes
from eventplan.replan.lengthen import lengthen_options
from eventplan.replan.options import (
    Situation,
    call_in_options,
    move_options,
)
from eventplan.replan.parent import plan_of
from eventplan.replan.posts import changes_posts, with_post_events
from eventplan.replan.solve import Fix, ReplanSettings, proven_fewest, smallest_fix
from eventplan.scenario import Scenario, from_document
from eventplan.staffing.build import build_model
from eventplan.staffing.report import SolveReport, SolveStatus
from eventplan.staffing.roster import Shift
from eventplan.venue.graph import VenueGraph

#: Changes the events force rather than the replan chooses.
FORCED = ("absent", "released")


@dataclass(frozen=True)
class Revision:
    """What plan.json's ``replan`` section records."""

    version: int
    at: datetime
    parent: str
    events: Events
    changes: tuple[Change, ...]
    fewest: int
    proven: bool
    #: the changes chosen (weighted as the change tier counts them; absences and people sent
    #: home from a closed post are forced, not chosen)
    made: int = 0
    #: people released by the replans before this one (their cut shifts stay on record)
    earlier: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "at": self.at.strftime("%Y-%m-%dT%H:%M"),
            "parent": self.parent,
            "events": self.events.to_json(),
            "changes": self.made,
            "fewest_possible": self.fewest,
            "proven": self.proven,
            "released": sorted(
                {c.person for c in self.changes if c.kind in FORCED} | set(self.earlier)
            ),
            "posts_changed": sorted(
                {text.split(" ")[0] for c in self.changes for text in (c.before, c.after)}
                - {"-", "away"}
            ),
        }


@dataclass(frozen=True)
class ReplannedPlan(Plan):
    """A plan made from a parent plan: the parent's past, and the change list."""

    revision: Revision | None = field(default=None)

    @cached_property
    def document(self) -> dict[str, Any]:  # type: ignore[override]
        document = dict(Plan.document.func(self))  # type: ignore[attr-defined]
        if self.revision is not None:
            document["replan"] = self.revision.to_json()
        return document


def replan(
    plan: Plan,
    events: Events,
    *,
    at: datetime,
    parent: str = "",
    version: int = 2,
    settings: ReplanSettings | None = None,
    released: tuple[str, ...] = (),
) -> ReplannedPlan:
    """The plan after ``events``, changed from ``at`` on as little as possible.

    Nothing before ``at`` changes. Absent people leave their post at ``at`` (or never come);
    then the fewest people are moved or called in to cover what is short, tier by tier (see
    :mod:`eventplan.replan.solve`). ``parent`` is the parent plan.json's SHA-256; ``released``
    the people earlier replans released (plan.json's ``replan.released``), and ``version``
    this replan's number (the published plan is version 1).
    """
    settings = settings or ReplanSettings.of(plan.scenario)
    started = time.perf_counter()
    model, grid = plan.staffing.model, plan.grid
    first = next((i for i, s in enumerate(grid.starts) if s >= at), grid.size)
    scenario = _with_extra(plan.scenario, events.extra)
    groundwork = Groundwork(scenario, plan.venue, grid, model.requirements)  # type: ignore[arg-type]
    closed: dict[str, int] = {}
    if changes_posts(events):
        groundwork, closed = with_post_events(groundwork, events, at, version)
        scenario, grid = groundwork.scenario, groundwork.grid
        model = build_model(scenario, grid, groundwork.requirements, False, rows=False)
    absent = set(events.absent)
    shifts, changes = drop_absent(list(plan.roster.shifts), absent, first, grid)
    fewest, proven, made = 0, True, 0
    if not events.empty:
        situation = Situation(model, shifts, first, closed)
        out = set(events.absent) | set(released)
        shifts, chosen, fix = _fix(situation, plan, scenario, events, settings, out)
        shifts, sent_home = release_closed(shifts, closed, grid)
        changes += chosen + sent_home + units_away(shifts, events.unit_away, grid)
        fewest, proven, made = proven_fewest(fix), fix.optimal, round(fix.changes)
    changes.sort(key=lambda c: (c.start, c.after, c.person))
    report = SolveReport(
        SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE,
        float(made),
        float(fewest),
        time.perf_counter() - started,
        "replan (HiGHS MIP, tiers " + ", ".join(settings.tiers) + ")",
        plan.report.seed,
        1,
    )
    base = plan_of(groundwork, model, shifts, report)
    revision = Revision(
        version, at, parent, events, tuple(changes), fewest, proven, made, tuple(released)
    )
    return ReplannedPlan(base.scenario, grid, base.staffing, plan.venue, revision)


def _fix(
    situation: Situation,
    plan: Plan,
    scenario: Scenario,
    events: Events,
    settings: ReplanSettings,
    out: set[str],
) -> tuple[list[Shift], list[Change], Fix]:
    """The smallest fix of the situation: options, the tiers solved, people named. ``out``:
    the people nobody may call in (absent, or released by an earlier replan)."""
    model, grid = situation.model, situation.model.grid
    day = grid.day_of(min(situation.first, grid.size - 1))
    extra = _extra_ids(model, plan.scenario, events)
    free = free_classes(model, situation.shifts, out, list(events.arrived), extra, day)
    short = situation.short()
    targets = {d.station_id for d, row in zip(situation.demands, short, strict=True) if row.any()}
    posts = {p.id for p in scenario.posts}
    targets &= posts
    walk = walking_minutes(scenario, posts, targets)
    options = call_in_options(situation, free, targets)
    options += move_options(situation, targets, walk, posts)
    options += lengthen_options(situation, targets)
    fix = smallest_fix(situation, options, settings)
    names = {p.id: p.name for p in scenario.people}
    shifts, made = name_changes(situation, options, fix.counts, free, names)
    return shifts, made, fix


def _with_extra(scenario: Scenario, extra: dict[str, int]) -> Scenario:
    if not extra:
        return scenario
    document = scenario.to_document()
    for pool in document["pools"]:
        pool["count"] += extra.get(pool["id"], 0)
    return from_document(document, file=scenario.source or "<scenario>")


def _extra_ids(model: Any, scenario: Scenario, events: Events) -> dict[int, list[str]]:
    """The ids of the people called in with ``--extra``, by their pool's first supply (they
    are called after those who arrived and before the rest)."""
    counts = {p.id: p.count for p in scenario.pools}
    out: dict[int, list[str]] = {}
    for pool, n in events.extra.items():
        supply = next((s for s in model.supplies if s.pool == pool), None)
        if supply is None:
            raise InputError(
                Problem("command line", "--extra", f"pool '{pool}' has nobody available")
            )
        out[supply.index] = [f"{pool}-{counts[pool] + k:04d}" for k in range(1, n + 1)]
    return out


def walking_minutes(
    scenario: Scenario, posts: set[str], targets: set[str]
) -> dict[tuple[str, str], float]:
    """Walking minutes from every post to every short post, on the venue graph."""
    graph = VenueGraph.from_scenario(scenario)
    speed = scenario.response.walking_speed_mps
    node = {p.id: p.node for p in scenario.posts}
    out = {}
    for target in targets:
        minutes = graph.minutes_from(node[target], speed)  # the graph is undirected
        for post in posts:
            out[(post, target)] = float(minutes[graph.index[node[post]]])
    return out
