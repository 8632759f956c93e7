"""Branch and price: the column generation's bound raised to the optimum by branching.

At a node the master's relaxation is solved by column generation
(:mod:`eventplan.rostering.colgen`) under the node's decisions. Two kinds of decision, tried in
this order:

* how many people work a shift on a day, when the relaxation gives a fraction: at most its
  floor or at least its ceiling. Both are bounds on the cover's under and over columns, so the
  pricing is unchanged; with a person short priced 100 and one over priced 1, one side is
  usually pruned at once;
* whether a person works a shift on a day: the pricing forbids the label (or every other one)
  that day, and the master's columns that disagree are bounded to zero.

When every count and every person-day is whole, each person's columns agree, and the roster
is whole too. The search is depth first, the side nearer the relaxation first, so that it
also finds rosters; a node is pruned when its bound rounds up to the best roster's objective.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from eventplan.rostering.colgen import (
    Chosen,
    Master,
    NoSchedule,
    Relaxation,
    default_slack_bounds,
    generate,
    roster_cost,
    roster_of,
)
from eventplan.rostering.pool import Pool, allowed, pool_relaxation

#: Values closer than this to a whole number count as whole.
WHOLE = 1e-6


@dataclass(frozen=True, slots=True)
class Bound:
    """A cover's count decided: the under (``slack`` even) or over column's new bound."""

    slack: int
    lower: float | None = None
    upper: float | None = None


@dataclass(frozen=True, slots=True)
class Assign:
    """A person works (``works``) or does not work ``label`` on ``day``."""

    person: int
    day: int
    label: int
    works: bool


Decision = Bound | Assign
#: A node left to search: its decisions, its parent's bound, what it may use of the pool.
Node = tuple[list[Decision], float, np.ndarray]


@dataclass(frozen=True, slots=True)
class Searched:
    """The best roster found (``None`` if none better than the one given) and the bound."""

    best: Chosen | None
    bound: int
    complete: bool  # the whole tree searched: the bound is the best roster's objective
    unexplored: tuple[Node, ...] = ()  # where a search stopped early may go on


def branch_and_price(
    master: Master,
    deadline: float,
    root_bound: float,
    incumbent: Chosen | None,
    pool: Pool | None = None,
    stop_at: int | None = None,
    resume: tuple[Node, ...] | None = None,
    weigh: bool = False,
    most_nodes: int | None = None,
) -> Searched:
    """Search the tree from the root (or the ``resume`` nodes) until ``deadline``.

    With a ``pool`` (every schedule a roster better than ``incumbent`` may use,
    :mod:`eventplan.rostering.pool`) a node's columns come from it instead of the pricing.
    ``stop_at`` stops the search at the first roster whose objective is at most that (the
    open nodes' bounds stay in the answer), so that the caller may list the schedules for the
    new margin; the answer's ``unexplored`` nodes resume it (with the same ``pool``).
    ``weigh`` weighs each share by the listed schedules its decision rules out (see
    :func:`_assign_branches`); ``most_nodes`` stops the search after that many nodes.
    """
    best = incumbent
    everything = np.ones(len(pool) if pool is not None else 0, dtype=bool)
    stack: list[Node] = list(resume) if resume is not None else [([], root_bound, everything)]
    nodes = 0
    while stack and time.perf_counter() < deadline:
        if most_nodes is not None and nodes >= most_nodes:
            break
        path, inherited, listed = stack.pop()
        if best is not None and math.ceil(inherited - WHOLE) >= best.objective:
            continue
        apply(master, path)
        cutoff = best.objective if best is not None else None
        try:
            relaxation, kept = _relaxation(master, path, pool, listed, deadline, cutoff)
        except NoSchedule:  # the decisions leave someone without a legal schedule
            continue
        bound = max(inherited, relaxation.bound)
        if not relaxation.converged:  # out of time inside the node: it stays open
            stack.append((path, bound, listed))
            break
        if best is not None and math.ceil(bound - WHOLE) >= best.objective:
            continue
        values = master.relaxed_values()
        nodes += 1
        children = _branches(master, values, pool, kept, weigh)
        if children is None:  # whole: a roster
            objective = roster_cost(master, values)
            if best is None or objective < best.objective:
                best = Chosen(objective, roster_of(master, values))
                if stop_at is not None and objective <= stop_at:
                    break
            continue
        stack += [([*path, d], bound, kept) for d in reversed(children)]
    open_bounds = [b for _, b, _ in stack]
    found = best if best is not incumbent else None
    if best is None:
        floor = min(open_bounds, default=root_bound)
        return Searched(found, math.ceil(floor - WHOLE), False, tuple(stack))
    floor = min([float(best.objective), *open_bounds])
    bound = min(best.objective, math.ceil(floor - WHOLE))
    return Searched(found, bound, not stack, tuple(stack))


def _relaxation(
    master: Master,
    path: list[Decision],
    pool: Pool | None,
    listed: np.ndarray,
    deadline: float,
    cutoff: int | None,
) -> tuple[Relaxation, np.ndarray]:
    """The node's relaxation: priced by dynamic programming, or from the listed schedules.

    ``listed`` is what the parent left of the pool; the node's own decision narrows it. The
    second answer is what the node leaves to its children.
    """
    if pool is None:
        return generate(master, deadline, cutoff), listed
    last = path[-1] if path else None
    if isinstance(last, Assign):
        listed = listed & allowed(pool, [(last.person, last.day, last.label, last.works)])
    return pool_relaxation(master, pool, listed, deadline, cutoff)


def apply(master: Master, path: list[Decision]) -> None:
    """Put the node's decisions into the master: slack bounds, forbidden labels, columns."""
    lower, upper = default_slack_bounds(master.instance)
    for forbidden in master.forbidden:
        forbidden[:] = 0.0
    allowed = np.ones(len(master.columns), dtype=bool)
    people, days = master.column_arrays()
    for decision in path:
        if isinstance(decision, Bound):
            if decision.lower is not None:
                lower[decision.slack] = max(lower[decision.slack], decision.lower)
            if decision.upper is not None:
                upper[decision.slack] = min(upper[decision.slack], decision.upper)
            continue
        forbidden = master.forbidden[decision.person]
        if decision.works:
            labels = [lab for lab in range(forbidden.shape[1]) if lab != decision.label]
            forbidden[decision.day, labels] = np.inf
        else:
            forbidden[decision.day, decision.label] = np.inf
        mine = people == decision.person
        agrees = (days[:, decision.day] == decision.label) == decision.works
        allowed &= ~mine | agrees
    master.slack_lower, master.slack_upper = lower, upper
    slacks = np.arange(len(lower), dtype=np.int32)
    master.highs.changeColsBounds(len(slacks), slacks, lower, upper)
    columns = np.arange(master.first_column, master.first_column + len(allowed), dtype=np.int32)
    ones = allowed.astype(float)
    master.highs.changeColsBounds(len(columns), columns, np.zeros(len(columns)), ones)
    master.needy = set(range(len(master.pricers))) - set(people[allowed].tolist())


def _branches(
    master: Master, values: np.ndarray, pool: Pool | None, listed: np.ndarray, weigh: bool
) -> list[Decision] | None:
    """The two sides of the next branching, the one nearer the relaxation first.

    Counts first when each node is priced (a count's side is usually pruned at once), people
    first over listed schedules (``pool``, of which the node keeps ``listed``): there the
    schedules each decision rules out are gone from the node's children (instance 6 at
    1,951: its optimum found and proven in 23 nodes, where counts first left the tree open
    after 2,000).
    """
    if pool is not None:
        sizes = _SplitSizes(pool, listed) if weigh else None
        by_person = _assign_branches(master, values, sizes)
        return by_person if by_person is not None else _count_branches(master, values)
    by_count = _count_branches(master, values)
    return by_count if by_count is not None else _assign_branches(master, values)


def _count_branches(master: Master, values: np.ndarray) -> list[Decision] | None:
    best, chosen = WHOLE, None
    for i, cover in enumerate(master.instance.covers):
        count = cover.requirement - values[2 * i] + values[2 * i + 1]
        fraction = count - math.floor(count)
        if min(fraction, 1 - fraction) > best:
            best, chosen = min(fraction, 1 - fraction), (i, count)
    if chosen is None:
        return None
    i, count = chosen
    requirement = master.instance.covers[i].requirement
    below = math.floor(count)
    at_most = (  # count <= below: fewer over, or more under
        Bound(2 * i + 1, upper=float(below - requirement))
        if below >= requirement
        else Bound(2 * i, lower=float(requirement - below))
    )
    at_least = (  # count >= below + 1: more over, or fewer under
        Bound(2 * i + 1, lower=float(below + 1 - requirement))
        if below + 1 > requirement
        else Bound(2 * i, upper=float(requirement - below - 1))
    )
    return [at_most, at_least] if count - below < 0.5 else [at_least, at_most]


def _assign_branches(
    master: Master, values: np.ndarray, sizes: _SplitSizes | None = None
) -> list[Decision] | None:
    """Whether a person works a label on a day, for the most fractional such share.

    Over listed schedules (``sizes``) the share's distance from whole is weighed by how many
    of the person's listed schedules the smaller side rules out: a decision that leaves
    either child with most of the person's schedules raises its bound little. On instance 7
    with 1,056 in hand the tree is then complete in 261 nodes, against 1,581 for the most
    fractional share alone; on instance 6 with 1,950 in hand it is the other way round (not
    complete after 5,000 nodes, against 5), and the most fractional share also finds better
    rosters sooner (instance 5 from 1,145: 10 nodes against 2,640). The search over a list
    therefore tries the most fractional share first, for a bounded number of nodes.
    """
    shares: dict[tuple[int, int, int], float] = {}
    for offset, (person, schedule) in enumerate(master.columns):
        share = values[master.first_column + offset]
        if share > WHOLE:
            for day, label in enumerate(schedule):
                key = (person, day, label)
                shares[key] = shares.get(key, 0.0) + share
    fractional = [(abs(v - 0.5), key) for key, v in shares.items() if WHOLE < v < 1 - WHOLE]
    if not fractional:
        return None
    if sizes is None:
        _, (person, day, label) = min(fractional)
    else:
        weighed = [((0.5 - away) * sizes.smaller(key), key) for away, key in fractional]
        _, (person, day, label) = max(weighed, key=lambda pair: pair[0])
    works = Assign(person, day, label, True)
    rests = Assign(person, day, label, False)
    return [works, rests] if shares[person, day, label] >= 0.5 else [rests, works]


class _SplitSizes:
    """How many of a person's listed schedules each side of a decision would keep."""

    def __init__(self, pool: Pool, listed: np.ndarray) -> None:
        self.pool, self.listed = pool, listed
        self.rows: dict[int, np.ndarray] = {}

    def smaller(self, key: tuple[int, int, int]) -> int:
        """The schedules left on the smaller side of ``key``'s decision (person, day, label)."""
        person, day, label = key
        if person not in self.rows:
            # the pool lists each person's schedules together, in the people's order
            start, end = np.searchsorted(self.pool.person, [person, person + 1])
            mine = self.pool.labels[start:end]
            self.rows[person] = mine[self.listed[start:end]]
        rows = self.rows[person]
        works = int(np.count_nonzero(rows[:, day] == label))
        return min(works, len(rows) - works)
