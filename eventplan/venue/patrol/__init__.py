"""Patrol loops: closed walks that revisit every target of a patrol in time.

A patrol team walks one closed loop over and over, so each target on it is passed again after
at most one loop: a loop meets the patrol's ``revisit_minutes`` when its duration does. With
``teams: auto`` the plan uses the fewest loops that all meet it; with a given number of teams it
uses exactly that many and minimises the longest loop, reporting the targets then revisited too
late. Loop durations are walking times at the patrol's ``speed_mps`` along venue edges (stairs
and ramps slower, see :mod:`eventplan.venue.passages`); no time is spent standing at a target.

Method (a minimum-fleet routing problem with a maximum route duration and no depot):

1. Walking times between targets (one shortest-path search per target).
2. One tour through all targets (OR-Tools routing), cut into consecutive pieces, each closed
   into a loop; the best cut over every starting point is exact for that tour order, because
   closing a longer piece never gives a shorter loop (triangle inequality).
3. OR-Tools routing improves the loops, each team anchored at the first target of its piece.
   In ``auto`` mode it then dissolves the smallest loop into the others and keeps the result
   while every loop still meets the revisit time (durations beyond it are penalised, so the
   search may pass through over-long loops). Steps 1-3 are deterministic.
4. Guided local search shortens the loops within ``time_limit_s`` (0 skips it, keeping the
   result deterministic). It never changes the number of teams.

The fewest teams found is an upper bound; ``teams_lower_bound`` counts targets so far apart
pairwise that no loop can hold two of them.

Modules: ``plan`` (the plans and :func:`plan_patrol`), ``loops`` (construction and search over
the matrix of walking minutes), ``routing`` (the OR-Tools model).
"""

from eventplan.venue.patrol.plan import (
    SECONDS_PER_TARGET,
    Loop,
    PatrolPlan,
    patrol_targets,
    plan_patrol,
    team_counts,
)

__all__ = [
    "SECONDS_PER_TARGET",
    "Loop",
    "PatrolPlan",
    "patrol_targets",
    "plan_patrol",
    "team_counts",
]
