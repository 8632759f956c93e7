"""Egress: how long each zone takes to empty through its exits, and what holds it up.

What is computed, precisely (the hydraulic model of the SFPE handbook -- flow per metre of
effective width, effective width = clear width minus a boundary layer on each side -- on the
venue graph):

- **Persons** of a zone: its capacity, scaled down in proportion when the event's attendance is
  below the sum of all zone capacities (rounded to whole persons by largest remainders, so they
  add up to the attendance). They start spread evenly over the zone's nodes and leave through
  the zone's own exits.
- **Capacity** of a passage (edge): ``flow_per_m_per_min[kind] x (width - 2 x boundary_layer)``
  persons per minute, shared by both directions; a node with ``width_m`` (a gate) passes
  ``flow_per_m_per_min[walkway] x (width - 2 x boundary_layer)`` -- people starting at such a
  node pass it too. Widths missing from the file take the defaults of
  :data:`eventplan.venue.passages.DEFAULT_WIDTH_M` and the bottleneck says so.
- **Flow**: every zone leaves at a steady rate, each of its nodes sending its share, and all
  zones together respect every capacity (a multi-commodity flow, solved as a linear program).
  Rates are *max-min fair in queue time*: the zone that queues longest is made as quick as
  possible, then the next, and so on; zones that share a passage therefore finish their queues
  together, and a zone that shares nothing is as quick as it would be alone.
- **Minutes** of a zone = walk + queue, where walk is the longest walk from one of its nodes to
  the nearest of its exits (at ``egress.walking_speed_mps``, default
  :data:`WALKING_SPEED_MPS`; stairs at :func:`stair_speed_factor` of it) and queue = persons /
  rate. ``minutes_alone`` is the same with no other zone leaving. The same speeds weigh the
  routes people keep to.
- **Bottleneck**: the saturated elements (edges and gates) that stop the zone going faster: the
  cut nearest the zone, in the residual of the final flow, between a zone node and the zone's
  exits, keeping the elements the zone's people use; ``bottleneck`` names the one that passes
  most of them.

By hand: 1,000 people whose only way out is a 2 m gate at 82 persons/m/min queue
1000 / (82 x 2) = 6.1 minutes, plus their walk to it.

Modules: ``plan`` (:func:`plan_egress`), ``network`` (capacities and usable routes), ``flow``
(the linear programs), ``cut`` (bottlenecks), ``results`` (the result types).
"""

from eventplan.venue.egress.network import ROUTE_DETOUR, ROUTE_SLACK_M
from eventplan.venue.egress.plan import (
    WALKING_SPEED_MPS,
    plan_egress,
    stair_speed_factor,
    zone_persons,
)
from eventplan.venue.egress.results import Bottleneck, EgressPlan, ZoneEgress

__all__ = [
    "ROUTE_DETOUR",
    "ROUTE_SLACK_M",
    "WALKING_SPEED_MPS",
    "Bottleneck",
    "EgressPlan",
    "ZoneEgress",
    "plan_egress",
    "stair_speed_factor",
    "zone_persons",
]
