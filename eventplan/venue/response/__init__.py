"""Rapid-response standby points and the venue they reach in 1, 3 and 5 minutes.

Each unit entry of the scenario stands ``count`` units by; a unit with ``standby: auto`` gets a
standby node chosen here, explicit standby nodes are kept. The choice maximises the *weighted
share of the venue* that some unit on duty reaches within its own ``respond_within_minutes``,
walking at ``response.walking_speed_mps`` along venue edges (a maximal covering location
problem).

Weights (they sum to 1 over the venue, see :func:`node_weights`): 60 % crowd (each zone's
capacity spread evenly over its nodes), 30 % posts (``critical`` 8, ``high`` 4, ``normal`` 2,
``low`` 1 per post at the node), 10 % spread evenly over every node so that empty corridors
count a little. A part that is absent (no zones) hands its share to the others.

Units on duty in different phases do not cover for each other: the objective averages the
share reached over the phases in which any unit is on duty, weighted by phase length. A tiny
secondary term prefers standby nodes close to much weight, which places units that add no
coverage (the venue is already reached) where they back others up best.

Method: greedy placement then swaps of single units until none improves; on small venues
(:data:`EXACT_NODES` nodes or fewer) CP-SAT then proves the placement optimal or replaces it
with a better one within ``exact_time_limit_s``.

Modules: ``plan`` (the plan and :func:`plan_response`), ``weights`` (what the venue's parts
weigh), ``placement`` (coverage lists, greedy, swaps and the CP-SAT check).
"""

from eventplan.venue.response.plan import (
    EXACT_NODES,
    Reach,
    ResponsePlan,
    Standby,
    UnitReach,
    plan_response,
)
from eventplan.venue.response.weights import PRIORITY_WEIGHT, WEIGHT_MIX, node_weights

__all__ = [
    "EXACT_NODES",
    "PRIORITY_WEIGHT",
    "WEIGHT_MIX",
    "Reach",
    "ResponsePlan",
    "Standby",
    "UnitReach",
    "node_weights",
    "plan_response",
]
