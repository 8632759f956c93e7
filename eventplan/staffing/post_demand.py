"""What a post requires: its needs, its screening point and the tagged share of screeners."""

from __future__ import annotations

import math

import numpy as np

from eventplan.scenario import Scenario
from eventplan.scenario.model import Post, Screening
from eventplan.staffing.demand import Demand, Station
from eventplan.staffing.queues import lanes_within_wait, lanes_without_queue, post_arrivals
from eventplan.timegrid import TimeGrid

#: (roles, tags): needs of one group at one post are merged (the largest count per slot).
Group = tuple[tuple[str, ...], tuple[str, ...]]


def post_station(scenario: Scenario, grid: TimeGrid, post: Post) -> Station:
    """The station of a post: one demand per role group (and tags) it needs."""
    by_group: dict[Group, np.ndarray] = {}
    sources: dict[Group, str] = {}
    for need in post.needs:
        required = grid.period_mask(need.phases) * need.min
        group = (tuple(need.roles), tuple(need.tags))
        by_group[group] = np.maximum(by_group.get(group, 0), required)
        sources.setdefault(group, "need")
    if post.screening is not None:
        _add_screening(scenario, grid, post.screening, by_group, sources)
    demands = tuple(
        Demand(post.id, roles, post.priority, np.asarray(req, dtype=np.int64), sources[group], tags)
        for group, req in by_group.items()
        for roles, tags in [group]
    )
    return Station(post.id, "post", post.priority, demands)


def _add_screening(
    scenario: Scenario,
    grid: TimeGrid,
    screening: Screening,
    by_group: dict[Group, np.ndarray],
    sources: dict[Group, str],
) -> None:
    group = (tuple(screening.roles), ())
    staff = screening_staff(scenario, grid, screening)
    by_group[group] = np.maximum(by_group.get(group, 0), staff)
    sources[group] = "screening" if group not in sources else sources[group] + "+screening"
    if screening.tagged is not None:
        tagged = (tuple(screening.roles), tuple(screening.tagged.tags))
        share = np.array([math.ceil(n / screening.tagged.per_staff) for n in staff])
        by_group[tagged] = np.maximum(by_group.get(tagged, 0), share)
        sources.setdefault(tagged, "screening")


def screening_staff(scenario: Scenario, grid: TimeGrid, screening: Screening) -> np.ndarray:
    """Screening staff per slot: lanes x staff per lane.

    Lanes: enough that no queue forms (ceil(arrivals / lane rate), at most ``lanes``); with
    ``max_wait_minutes``, the fewest that keep the predicted wait within it.
    """
    arrivals = post_arrivals(scenario, grid, screening)
    if screening.max_wait_minutes is None:
        lanes = lanes_without_queue(arrivals, screening, grid.slot_minutes)
    else:
        lanes = lanes_within_wait(
            arrivals, screening, grid.slot_minutes, screening.max_wait_minutes
        )
    return (lanes * screening.staff_per_lane).astype(np.int64)
