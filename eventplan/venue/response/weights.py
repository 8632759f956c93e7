"""What each node of the venue weighs for response reach (see :mod:`eventplan.venue.response`)."""

from __future__ import annotations

import numpy as np

from eventplan.scenario.model import Scenario
from eventplan.venue.graph import VenueGraph

#: Relative weight of a post at a node, by priority.
PRIORITY_WEIGHT: dict[str, float] = {"critical": 8.0, "high": 4.0, "normal": 2.0, "low": 1.0}
#: Shares of the venue weight: crowd, posts, and every node alike.
WEIGHT_MIX: dict[str, float] = {"crowd": 0.6, "posts": 0.3, "base": 0.1}


def node_weights(scenario: Scenario, graph: VenueGraph) -> np.ndarray:
    """Weight of each node (in ``graph.ids`` order), summing to 1 (see the module notes)."""
    parts = {k: np.zeros(len(graph)) for k in WEIGHT_MIX}
    parts["base"] += 1.0
    for zone in scenario.venue.zones:
        for node in zone.nodes:
            parts["crowd"][graph.index[node]] += zone.capacity / len(zone.nodes)
    for post in scenario.posts:
        parts["posts"][graph.index[post.node]] += PRIORITY_WEIGHT[post.priority]
    present = {k: v / v.sum() for k, v in parts.items() if v.sum() > 0}
    mix = sum(WEIGHT_MIX[k] for k in present)
    return sum(WEIGHT_MIX[k] / mix * v for k, v in present.items())  # type: ignore[return-value]
