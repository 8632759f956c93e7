"""Posts and their needs by phase, modelled on a stadium concert's deployment.

Every gate gets a screening post (critical: police at the line, guards at the lanes, sized by
the arrival profile), every stand section stewards, the command post police all day. The rest
are spread over plazas (crowd control, information desks), streets (traffic control, vehicle
barriers), car parks and transit stops. Needs follow the phases: most staff are wanted for the
ingress and egress peaks, fewer during the show and a skeleton crew during setup.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from eventplan.generate.venue import VenueLayout

ALL = ("setup", "ingress", "show", "egress")
CROWD = ("ingress", "show", "egress")
PEAKS = ("ingress", "egress")

#: A need before scaling: (phases, roles, people at scale 1, scales with the event?).
BaseNeed = tuple[tuple[str, ...], tuple[str, ...], float, bool]


@dataclass(frozen=True)
class PostType:
    """A kind of post: where it stands, how much it matters and what it needs."""

    kind: str
    node_kind: str
    priority: str
    needs: tuple[BaseNeed, ...]


SCREENING = PostType(
    "screening",
    "gate",
    "critical",
    (
        (("setup",), ("guard",), 1, False),
        (("ingress",), ("police",), 1, False),
        (("show", "egress"), ("police", "auxiliary"), 1, False),
        (("egress",), ("guard", "volunteer"), 2, True),
    ),
)
COMMAND = PostType("command", "command", "critical", ((ALL, ("police",), 2, False),))
STAND = PostType(
    "stewarding",
    "stand",
    "normal",
    (
        (CROWD, ("guard", "volunteer"), 3, True),
        (("show",), ("police", "auxiliary"), 1, False),
    ),
)
FIRST_AID = PostType("first-aid", "medical", "normal", ((CROWD, ("volunteer",), 2, True),))
#: Further post types and their share of the posts left after the ones above.
OTHERS: tuple[tuple[PostType, float], ...] = (
    (
        PostType(
            "crowd-control",
            "plaza",
            "high",
            (
                (PEAKS, ("police", "auxiliary"), 1, True),
                (PEAKS, ("guard", "volunteer"), 2, True),
                (("show",), ("guard",), 1, False),
            ),
        ),
        0.23,
    ),
    (
        PostType("information", "plaza", "low", ((("ingress", "show"), ("volunteer",), 1, True),)),
        0.10,
    ),
    (
        PostType(
            "traffic-control",
            "road",
            "high",
            (
                (PEAKS, ("traffic",), 2, True),
                (("show",), ("traffic",), 1, False),
            ),
        ),
        0.12,
    ),
    (
        PostType(
            "vehicle-barrier",
            "road",
            "high",
            (
                (("setup", "show"), ("auxiliary", "police"), 1, False),
                (PEAKS, ("auxiliary", "police"), 2, True),
            ),
        ),
        0.20,
    ),
    (
        PostType(
            "parking",
            "parking",
            "normal",
            (
                (PEAKS, ("guard",), 2, True),
                (("show",), ("guard",), 1, False),
            ),
        ),
        0.15,
    ),
    (
        PostType(
            "transit-guidance",
            "transit",
            "high",
            (
                (PEAKS, ("police",), 1, False),
                (PEAKS, ("volunteer", "guard"), 3, True),
                (("show",), ("volunteer",), 1, False),
            ),
        ),
        0.15,
    ),
)


@dataclass(frozen=True)
class PostSeed:
    """A post's identity and fixed random traits; its needs depend on the event's scale."""

    id: str
    name: str
    node: str
    type: PostType
    #: multiplier of scalable needs, drawn once so every scale sees the same post
    jitter: float


def plan_posts(venue: VenueLayout, count: int, seed: int, uneven: float = 0.0) -> list[PostSeed]:
    """Which posts the event has (``count`` of them) and where they stand; ``uneven`` spreads
    their needs further (see :class:`~eventplan.generate.spec.Spec`)."""
    gates, stands = venue.ids("gate"), venue.ids("stand")
    left = count
    chosen: list[tuple[PostType, str]] = []
    for post_type, nodes in (
        (SCREENING, gates),
        (COMMAND, ["command"]),
        (STAND, stands),
        (FIRST_AID, venue.ids("medical")),
    ):
        take = min(left, len(nodes))
        chosen += [(post_type, node) for node in nodes[:take]]
        left -= take
    shares = _apportion(left, [share for _t, share in OTHERS])
    for (post_type, _share), n in zip(OTHERS, shares, strict=True):
        nodes = venue.ids(post_type.node_kind)
        chosen += [(post_type, nodes[i % len(nodes)]) for i in range(n)]
    seen: dict[tuple[str, str], int] = {}
    out = []
    for post_type, node in chosen:
        key = (node, post_type.kind)
        seen[key] = seen.get(key, 0) + 1
        number = seen[key]
        post_id = f"{node}-{post_type.kind}" + (f"-{number}" if number > 1 else "")
        rng = random.Random(f"post:{seed}:{post_id}")
        label = next(n.get("name", node) for n in venue.nodes if n["id"] == node)
        name = f"{label} {post_type.kind.replace('-', ' ')}" + (f" {number}" if number > 1 else "")
        jitter = rng.uniform(0.6, 1.5)
        if uneven:
            jitter *= random.Random(f"uneven:{seed}:{post_id}").lognormvariate(0.0, uneven)
        out.append(PostSeed(post_id, name, node, post_type, jitter))
    return out


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into whole parts in proportion to ``weights`` (largest remainders)."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def needs_of(post: PostSeed, scale: float) -> list[dict]:
    """The post's needs at a scale (scalable minimums grow with it, the rest stay)."""
    needs = []
    for phases, roles, base, scalable in post.type.needs:
        people = base * post.jitter * scale if scalable else base
        needs.append({"phases": list(phases), "roles": list(roles), "min": max(1, round(people))})
    return needs


def screening_block(post: PostSeed, gates: int, attendance: int) -> dict:
    """Lanes sized for the gate's share of the crowd at the peak arrival wave."""
    rng = random.Random(f"screening:{post.id}")
    rate = rng.choice((4.0, 5.0, 6.0))
    # Peak wave: 55 % of the crowd over ~45 % of a 3.5 h ingress.
    peak_per_minute = attendance / gates * 0.55 / 95
    lanes = max(2, math.ceil(peak_per_minute / rate * rng.uniform(0.8, 1.1)))
    return {
        "lanes": lanes,
        "persons_per_lane_per_minute": rate,
        "staff_per_lane": 2,
        "arrival_share": math.floor(1e6 / gates) / 1e6,
        "roles": ["guard"],
    }
