"""Posts closed or given new needs from a time: the scenario of the new plan says so.

The new plan's ``scenario.json`` must describe what is now required, so that ``eventplan
check`` (which reads only the scenario and the plan folder) can verify it. So:

- ``--need POST:ROLE=N@T`` adds a named window from ``T`` to the end of its working day (the
  end of a one-day event) and a need of at least ``N`` people of ``ROLE`` at the post in it
  (needs of one post are not added up: a person counts toward every need that lists their
  role);
- ``--close POST@T`` rewrites the post's needs (and its screening, whose staff were worked out
  from the crowd) as what the parent plan required there outside ``T`` to the end of its
  working day, run by run within a day, each run a named window of its own;
- ``--open POST@T`` adds, from ``T`` to the end of its working day, a need of each role group the
  post required people of, at the level it last had before ``T`` (closed by an earlier
  replan, or by its phases), else at the first it has after.

Window ids are ``replan<version>-<n>``; they are date-times, so on multi-day events too they
name one stretch, not a time of every day. The ``Groundwork`` of the new scenario is laid by
the stage a solve uses.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np

from eventplan.errors import InputError, Problem
from eventplan.planning.stages import Groundwork, lay_groundwork
from eventplan.replan.events import Events
from eventplan.scenario import from_document
from eventplan.staffing.demand import Requirements
from eventplan.timegrid import TimeGrid


def changes_posts(events: Events) -> bool:
    return bool(events.close or events.need or events.reopen)


def with_post_events(
    groundwork: Groundwork, events: Events, at: datetime, version: int
) -> tuple[Groundwork, dict[str, int]]:
    """The groundwork of the scenario with the posts closed and the needs added; and the slot
    each closed post closes at."""
    scenario, grid = groundwork.scenario, groundwork.grid
    _refuse_both(events)
    document = scenario.to_document()
    windows: list[dict[str, Any]] = list(document["event"].get("windows", []))
    posts = {p["id"]: p for p in document["posts"]}
    closed: dict[str, int] = {}

    def window(start: datetime, end: datetime) -> str:
        name = f"replan{version}-{len(windows) + 1}"
        windows.append({"id": name, "start": _iso(start), "end": _iso(end)})
        return name

    for post, moment in events.close:
        first = _slot(grid, moment or at)
        closed[post] = first
        stop = day_end(grid, first)
        needs = _needs_outside(groundwork.requirements, grid, post, (first, stop), window)
        posts[post]["needs"] = needs
        posts[post].pop("screening", None)
    never = []
    for post, moment in events.reopen:
        first = _slot(grid, moment or at)
        added = _needs_reopened(groundwork.requirements, grid, post, first, window)
        posts[post].setdefault("needs", []).extend(added)
        if not added:
            never.append(post)
    if never:
        raise InputError(
            [
                Problem("command line", "--open", f"post '{p}' never needs anyone: give --need")
                for p in never
            ]
        )
    for need in events.need:
        first = _slot(grid, need.start or at)
        span = window(grid.start(first), grid.end(day_end(grid, first) - 1))
        entry = {"phases": [span], "roles": [need.role], "min": need.count}
        posts[need.post].setdefault("needs", []).append(entry)
    idle = [p for p in closed if not posts[p]["needs"]]
    if idle:
        raise InputError(
            [
                Problem("command line", "--close", f"post '{p}' needs nobody before it closes")
                for p in idle
            ]
        )
    document["event"]["windows"] = windows
    new = from_document(document, file=scenario.source or "<scenario>")
    return lay_groundwork(new, groundwork.venue), closed


def day_end(grid: TimeGrid, slot: int) -> int:
    """The end (last slot + 1) of the working day of ``slot``: a change holds to then."""
    return grid.days[grid.day_of(min(slot, grid.size - 1))][1]


def _slot(grid: TimeGrid, moment: datetime) -> int:
    return next((i for i, s in enumerate(grid.starts) if s >= moment), grid.size)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def _needs_outside(
    requirements: Requirements, grid: TimeGrid, post: str, closed: tuple[int, int], window: Any
) -> list[dict[str, Any]]:
    """The post's required people outside the ``closed`` slots, as needs over runs of equal
    count inside one working day."""
    needs = []
    for demand in requirements.all_demands():
        if demand.station_id != post:
            continue
        required = np.array(demand.required)
        required[closed[0] : closed[1]] = 0
        for first, last in grid.days:
            start = first
            while start < last:
                end = start
                while end < last and required[end] == required[start]:
                    end += 1
                if required[start] > 0:
                    need: dict[str, Any] = {
                        "phases": [window(grid.start(start), grid.end(end - 1))],
                        "roles": list(demand.roles),
                        "min": int(required[start]),
                    }
                    if demand.tags:
                        need["tags"] = list(demand.tags)
                    needs.append(need)
                start = end
    return needs


def _refuse_both(events: Events) -> None:
    both = sorted({p for p, _ in events.close} & {p for p, _ in events.reopen})
    if both:
        raise InputError(
            [
                Problem("command line", "--open", f"post '{p}' is both closed and opened")
                for p in both
            ]
        )


def _needs_reopened(
    requirements: Requirements, grid: TimeGrid, post: str, first: int, window: Any
) -> list[dict[str, Any]]:
    """A need from slot ``first`` to the end for each role group the post requires people of,
    at the level it last had before ``first`` (else the first it has after)."""
    needs = []
    name = ""
    for demand in requirements.all_demands():
        if demand.station_id != post:
            continue
        required = np.asarray(demand.required)
        before, after = np.flatnonzero(required[:first]), np.flatnonzero(required[first:])
        if not len(before) and not len(after):
            continue
        level = required[before[-1]] if len(before) else required[first + after[0]]
        start = min(first, grid.size - 1)
        name = name or window(grid.start(start), grid.end(day_end(grid, start) - 1))
        need: dict[str, Any] = {"phases": [name], "roles": list(demand.roles), "min": int(level)}
        if demand.tags:
            need["tags"] = list(demand.tags)
        needs.append(need)
    return needs
