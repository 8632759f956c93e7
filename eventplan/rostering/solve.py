"""Solving a rostering instance: column generation, branch and price, dives and searches.

"No roster in time" and "infeasible" are answers with a status, not exceptions.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace

from eventplan.rostering.branching import Node, Searched, apply, branch_and_price
from eventplan.rostering.colgen import (
    Chosen,
    Master,
    NoSchedule,
    Relaxation,
    build_master,
    choose_columns,
    generate,
    pricing_fits,
)
from eventplan.rostering.compact import solve_compact
from eventplan.rostering.diagnose import contract_conflicts
from eventplan.rostering.dive import dive
from eventplan.rostering.instance import Instance
from eventplan.rostering.lns import improve
from eventplan.rostering.mip import FlowMip, build_mip, read_roster, solve_mip
from eventplan.rostering.pool import TOLERANCE, Pool, enumerate_pool
from eventplan.rostering.result import RosterResult, bounded, since, timed

#: The most time for the best roster of the root's columns. When that roster is further than
#: FLOW_FIRST_GAP from the bound: where a first dive of the tree stops, where the searches
#: (HiGHS on the flow program, then the neighbourhood search) stop, where the tree stops
#: after them. Nearer, the tree goes on until TREE_SHARE.
CHOICE_SHARE = 0.08
FLOW_FIRST_GAP = 0.25
DIVE_SHARE = 0.2
SEARCH_SHARE = 0.45
FAR_TREE_SHARE = 0.55
#: Still further than FLOW_FIRST_GAP after that first dive: the priced dive, which prices
#: until PRICED_DIVE_SHARE and then ends without the pricing.
PRICED_DIVE_SHARE = 0.85
TREE_SHARE = 0.9
#: The tree branches over listed schedules (:mod:`eventplan.rostering.pool`) when the roster
#: is within LISTING_GAP of the bound and at most MOST_LISTED schedules, listed within
#: LISTING_SHARE of the tree's time, may be in a better one; otherwise each node is priced.
LISTING_GAP = 0.01
MOST_LISTED = 500_000
LISTING_SHARE = 0.25
#: The tree over a list runs in slices of SLICE_SHARE of the time left, HiGHS on the master's
#: whole columns between two (PICK_SHARE of the time left). With a margin below one it is
#: the proof: the most fractional share for PROBE_NODES nodes, then the weighed choice.
PROBE_NODES = 200
SLICE_SHARE = 0.15
PICK_SHARE = 0.15


def solve(
    instance: Instance,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    hint: bool = True,
) -> RosterResult:
    """The best roster found within ``time_limit`` seconds on ``workers`` threads.

    Column generation (:mod:`eventplan.rostering.colgen`) proves the root bound and HiGHS
    picks the best roster of its columns (at most :data:`CHOICE_SHARE` of the time). Branch
    and price (:mod:`eventplan.rostering.branching`, over listed schedules near the bound:
    :mod:`eventplan.rostering.pool`) searches for better rosters and a better bound until
    :data:`TREE_SHARE`, and the neighbourhood search on the flow program
    (:mod:`eventplan.rostering.lns`) has the time left. When the columns' roster is very far
    from the bound, a short dive of the tree and the priced dive (:mod:`eventplan.rostering.dive`)
    come first (then, if the roster is still that far, HiGHS on the flow program and the
    neighbourhood search), and the tree stops at :data:`FAR_TREE_SHARE`. Instances
    whose schedules are too many for the pricing are solved by the compact models alone
    (:func:`solve_compact`).
    """
    started = time.perf_counter()
    reasons = tuple(contract_conflicts(instance))
    if reasons:  # no need to search: some person's own contract cannot be met
        return RosterResult("infeasible", None, None, since(started), {}, reasons)
    master = build_master(instance, workers)
    if not pricing_fits(master):
        return solve_compact(instance, time_limit, workers, seed, hint)
    try:
        relaxation = generate(master, started + time_limit * TREE_SHARE)
    except NoSchedule as error:
        return RosterResult("infeasible", None, None, since(started), {}, (str(error),))
    bound = math.ceil(relaxation.bound - 1e-6)
    chosen = choose_columns(master, time_limit * CHOICE_SHARE)
    if chosen is None:  # no roster in time: the compact models in what remains
        found = solve_compact(instance, time_limit - since(started), workers, seed, hint)
        return timed(bounded(found, bound), started)
    result = bounded(RosterResult("feasible", chosen.objective, bound, 0.0, chosen.roster), bound)
    mip = build_mip(instance)
    # Very far from the bound, the tree's dives take longer than the time (instance 9: 36
    # people, the columns' roster 4 times the bound): it only gets a short slot, enough to
    # close small cases, and the searches get the rest.
    tree_share = FAR_TREE_SHARE if _very_far(result) else TREE_SHARE
    if _very_far(result):  # a first dive of the tree often finds a near roster (instance 7)
        result = _branched(master, relaxation, result, started + time_limit * DIVE_SHARE)
    if _very_far(result):  # the priced dive, whose every fixing is priced (instance 9)
        result = _dived(master, result, started + time_limit * PRICED_DIVE_SHARE)
    if _very_far(result):
        deadline = started + time_limit * max(SEARCH_SHARE, since(started) / time_limit + 0.2)
        result = _searched(mip, result, deadline, workers, seed)
    if result.status != "optimal":
        # Near the bound the tree over listed schedules keeps the time to the end: there it
        # is the proof (instance 7), and the neighbourhood search after it found nothing.
        listed_until = started + time_limit * (1.0 if tree_share == TREE_SHARE else tree_share)
        tree_until = started + time_limit * tree_share
        result = _branched(master, relaxation, result, tree_until, listed_until)
    if result.status != "optimal" and since(started) < time_limit:
        result = _polished(mip, result, started + time_limit, workers, seed)
    return timed(result, started)


def _very_far(result: RosterResult) -> bool:
    """Whether the roster is further than :data:`FLOW_FIRST_GAP` from the bound."""
    return (result.gap or 0.0) > FLOW_FIRST_GAP


def _dived(master: Master, result: RosterResult, deadline: float) -> RosterResult:
    """The priced dive's roster (:mod:`eventplan.rostering.dive`) where it is better."""
    found = dive(master, deadline)
    if result.objective is not None and found.objective >= result.objective:
        return result
    return bounded(replace(result, objective=found.objective, roster=found.roster), 0)


def _searched(
    mip: FlowMip, result: RosterResult, deadline: float, workers: int, seed: int
) -> RosterResult:
    """The neighbourhood search, after HiGHS on the flow program when the roster is very far.

    Far from the bound (more than :data:`FLOW_FIRST_GAP`) the neighbourhood search stalls
    (instance 9 at about 650 from the columns' 1,953); HiGHS's own search on the whole flow
    program, for half the time, brings the roster near enough for it to go on.
    """
    if not _very_far(result):
        return _polished(mip, result, deadline, workers, seed)
    seconds = (deadline - time.perf_counter()) / 2
    answer = solve_mip(mip, seconds, workers, result.roster, seed)
    better = answer.objective is not None and (
        result.objective is None or answer.objective < result.objective
    )
    if better and answer.roster is not None:
        result = bounded(replace(result, objective=answer.objective, roster=answer.roster), 0)
    return _polished(mip, result, deadline, workers, seed)


def _branched(
    master: Master,
    root: Relaxation,
    result: RosterResult,
    deadline: float,
    listed_until: float | None = None,
) -> RosterResult:
    """Branch and price from the master's root, the result's roster the one to beat.

    The tree over listed schedules may go on until ``listed_until`` (``deadline`` if not
    given); the priced tree stops at ``deadline``.

    Within :data:`LISTING_GAP` of the bound, the schedules a better roster may use are listed
    first and the tree branches over them; each better roster it finds narrows the margin, so
    the list is made again, shorter, until the tree is complete or the time is up. Further
    away, or when the schedules are too many, each node is priced, and the tree stops at the
    first roster near enough to list (and goes on from there if the list is still too long).
    """
    priced: tuple[Node, ...] | None = None  # the priced tree where it stopped
    while result.objective is not None and result.bound is not None:
        near = _near(result)
        until = listed_until if listed_until is not None else deadline
        pool = _listed(master, root, result.objective, until) if near else None
        if pool is not None:
            searched = _listed_search(master, pool, result, until, root.bound)
        else:  # priced: far from the bound (stop when near), or too many (stop at any better)
            incumbent = Chosen(result.objective, dict(result.roster))
            stop_at = result.objective - 1 if near else math.floor(result.bound * (1 + LISTING_GAP))
            searched = branch_and_price(
                master, deadline, result.bound, incumbent, None, stop_at, priced
            )
            priced = searched.unexplored
        if searched.best is not None:
            result = replace(result, objective=searched.best.objective, roster=searched.best.roster)
        result = bounded(result, searched.bound)
        if searched.complete or searched.best is None or result.status == "optimal":
            break
    return result


def _listed_search(
    master: Master, pool: Pool, result: RosterResult, deadline: float, root_bound: float
) -> Searched:
    """The tree over the listed schedules until a better roster, in slices of the time.

    Between two slices HiGHS picks the best roster of the master's columns, which the tree
    has filled with schedules near the bound (instance 6: 1,950 after two slices in which
    the tree's dives had not found it), while a better roster may lie two or more below the
    one in hand. With less than one between the roster and the root's bound, a better roster
    would sit at the bound rounded up and the tree is the proof: :func:`_listed_proof`.
    """
    incumbent = Chosen(result.objective or 0, dict(result.roster))
    bound = result.bound or 0
    stop_at = incumbent.objective - 1
    if incumbent.objective - 1 - root_bound < 1 - TOLERANCE:
        return _listed_proof(master, pool, incumbent, deadline, bound)
    resume: tuple[Node, ...] | None = None
    while True:
        now = time.perf_counter()
        until = min(deadline, now + (deadline - now) * SLICE_SHARE)
        searched = branch_and_price(master, until, bound, incumbent, pool, stop_at, resume)
        if searched.best is not None or searched.complete:
            return searched
        seconds = (deadline - time.perf_counter()) * PICK_SHARE
        apply(master, [])
        chosen = choose_columns(master, seconds) if seconds > 0 else None
        if chosen is not None and chosen.objective < incumbent.objective:
            return Searched(chosen, searched.bound, False)
        if time.perf_counter() >= deadline:
            return searched
        resume, bound = searched.unexplored, searched.bound


def _listed_proof(
    master: Master, pool: Pool, incumbent: Chosen, deadline: float, bound: int
) -> Searched:
    """The tree over a list of margin below one, in one piece and without picks.

    Its first :data:`PROBE_NODES` nodes branch on the most fractional share (instance 6 at
    1,950: complete in 5); then it starts again weighing each share by what its decision
    rules out (instance 7 at 1,056: complete in 261 nodes, against 1,581). On instance 7
    the picks between slices had taken 17 s of the 39 left and found nothing.
    """
    stop_at = incumbent.objective - 1
    probe = branch_and_price(
        master, deadline, bound, incumbent, pool, stop_at, most_nodes=PROBE_NODES
    )
    if probe.best is not None or probe.complete or time.perf_counter() >= deadline:
        return probe
    return branch_and_price(master, deadline, bound, incumbent, pool, stop_at, weigh=True)


def _near(result: RosterResult) -> bool:
    """Whether the roster is within :data:`LISTING_GAP` of the bound."""
    return result.gap is not None and result.gap <= LISTING_GAP


def _listed(master: Master, root: Relaxation, objective: int, deadline: float) -> Pool | None:
    """The schedules a roster better than ``objective`` may use, if at most MOST_LISTED."""
    apply(master, [])  # the root: no label forbidden
    now = time.perf_counter()
    until = now + (deadline - now) * LISTING_SHARE
    return enumerate_pool(master, root, objective, MOST_LISTED, until)


def _polished(
    mip: FlowMip, result: RosterResult, deadline: float, workers: int, seed: int
) -> RosterResult:
    """The neighbourhood search on the flow program, from the result's roster to its bound."""
    seconds = min(10.0, deadline - time.perf_counter())
    start = solve_mip(mip, seconds, workers, result.roster, seed, fixed=True)
    if start.values is None or start.objective is None or result.bound is None:
        return result
    objective, values = improve(
        mip, start.values, start.objective, deadline, workers, seed, result.bound
    )
    if result.objective is not None and objective < result.objective:
        result = replace(result, objective=objective, roster=read_roster(mip, values))
    return bounded(result, result.bound)
