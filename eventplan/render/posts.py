"""Posts on the map: where they stand, how well each phase staffs them, who is there.

Status codes per phase window (the colour of the post's marker):
``0`` no need in this phase (grey), ``1`` every required person-slot staffed (green),
``2`` some but not all (amber), ``3`` none of it (red).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from eventplan.render.bundle import PlanBundle
from eventplan.render.crews import Crews
from eventplan.render.phases import PhaseWindow, WindowIndex, parse_time
from eventplan.scenario.realtime import EventClock
from eventplan.venue.geo import ring, rounded

NO_NEED, FULL, PARTIAL, NONE = 0, 1, 2, 3
PRIORITY_RANK = {"low": 0, "normal": 1, "high": 2, "critical": 3}


def post_data(
    bundle: PlanBundle, windows: list[PhaseWindow], node_index: Mapping[str, int], crews: Crews
) -> dict[str, Any]:
    """The ``posts``, ``status``, ``cover``, ``staff`` and ``short`` data blocks."""
    scenario = bundle.scenario
    posts = scenario.posts
    index = {p.id: i for i, p in enumerate(posts)}
    finder = WindowIndex(windows)
    status, cover = _coverage(bundle, windows, index, finder)
    return {
        "posts": _places(bundle, node_index),
        "status": status,
        "cover": cover,
        "staff": _staff(bundle, windows, crews),
        "short": _shortfalls(bundle.plan, windows, index, finder, bundle.clock),
    }


def _places(bundle: PlanBundle, node_index: Mapping[str, int]) -> list[dict[str, Any]]:
    scenario = bundle.scenario
    at_node: dict[str, list[int]] = defaultdict(list)
    for i, post in enumerate(scenario.posts):
        at_node[post.node].append(i)
    spots: dict[int, tuple[float, float]] = {}
    nodes = scenario.venue.nodes
    for node_id, members in at_node.items():
        if node_id not in node_index:
            continue
        node = nodes[node_index[node_id]]
        for i, point in zip(members, ring(node.lat, node.lon, len(members)), strict=True):
            spots[i] = point
    revision = bundle.plan.get("replan")
    listed = revision.get("posts_changed") if isinstance(revision, dict) else None
    changed = {p for p in listed if isinstance(p, str)} if isinstance(listed, list) else set()
    out: list[dict[str, Any]] = []
    for i, post in enumerate(scenario.posts):
        if i not in spots:
            continue
        lat, lon = spots[i]
        needs = [[list(n.phases), list(n.roles), n.min] for n in post.needs]
        entry: dict[str, Any] = {
            "i": i,
            "id": post.id,
            "name": post.name or "",
            "kind": post.kind or "",
            "prio": post.priority,
            "rank": PRIORITY_RANK.get(post.priority, 1),
            "ll": [rounded(lat), rounded(lon)],
            "node": node_index[post.node],
            "needs": needs,
            "call": post.call_sign or "",
            "channel": post.radio_channel or "",
        }
        if post.id in changed:
            entry["changed"] = 1
        if post.screening is not None:
            entry["screen"] = [
                post.screening.lanes,
                post.screening.staff_per_lane,
                list(post.screening.roles),
            ]
        out.append(entry)
    return out


def _coverage(
    bundle: PlanBundle, windows: list[PhaseWindow], index: Mapping[str, int], finder: WindowIndex
) -> tuple[list[str], list[dict[int, list[Any]]]]:
    required: Counter[tuple[int, int]] = Counter()
    short: Counter[tuple[int, int]] = Counter()
    groups: dict[tuple[int, int], dict[str, list[float]]] = defaultdict(dict)
    for row in bundle.coverage:
        post = index.get(row.post)
        if post is None:
            continue
        hours = (row.end - row.start).total_seconds() / 3600.0
        for w in finder.overlapping(row.start, row.end):
            key = (w, post)
            required[key] += row.required
            short[key] += min(row.shortfall, row.required)
            stats = groups[key].setdefault(row.role_group, [0, row.assigned, 0.0])
            stats[0] = max(stats[0], row.required)
            stats[1] = min(stats[1], row.assigned)
            stats[2] += row.shortfall * hours
    if not bundle.coverage:
        _coverage_from_needs(bundle, windows, required, short)
    status: list[str] = []
    cover: list[dict[int, list[Any]]] = [{} for _ in windows]
    for w in range(len(windows)):
        codes = []
        for p in range(len(bundle.scenario.posts)):
            codes.append(status_code(required[(w, p)], short[(w, p)]))
            if (w, p) in groups:
                cover[w][p] = [
                    [group, int(s[0]), int(s[1]), round(s[2], 2)]
                    for group, s in sorted(groups[(w, p)].items())
                ]
        status.append("".join(str(c) for c in codes))
    return status, cover


def status_code(required: int, missing: int) -> int:
    """The colour of a post in a window from its required and missing person-slots."""
    if required <= 0:
        return NO_NEED
    if missing <= 0:
        return FULL
    return PARTIAL if missing < required else NONE


def _coverage_from_needs(
    bundle: PlanBundle,
    windows: list[PhaseWindow],
    required: Counter[tuple[int, int]],
    short: Counter[tuple[int, int]],
) -> None:
    """Without ``coverage.csv``: a post with a need is staffed unless a shortfall says not."""
    short_posts = {
        str(s.get("post")) for s in bundle.plan.get("shortfalls") or () if isinstance(s, Mapping)
    }
    for p, post in enumerate(bundle.scenario.posts):
        phases = {ph for need in post.needs for ph in need.phases}
        for w, window in enumerate(windows):
            if window.id in phases or (post.screening and not post.needs):
                required[(w, p)] += 2
                short[(w, p)] += 1 if post.id in short_posts else 0


def _staff(bundle: PlanBundle, windows: list[PhaseWindow], crews: Crews) -> list[dict[int, Any]]:
    """Who is at each post in each window: person indices, or role counts when redacted."""
    staff: list[dict[int, Any]] = [{} for _ in windows]
    for p, post in enumerate(bundle.scenario.posts):
        rows = crews.by_post.get(post.id)
        if not rows:
            continue
        for w, window in enumerate(windows):
            found = crews.during(rows, window)
            if found:
                staff[w][p] = found
    return staff


def _shortfalls(
    plan: Mapping[str, Any],
    windows: list[PhaseWindow],
    index: Mapping[str, int],
    finder: WindowIndex,
    times: EventClock,
) -> list[dict[int, list[Any]]]:
    out: list[dict[int, list[Any]]] = [defaultdict(list) for _ in windows]
    for entry in plan.get("shortfalls") or ():
        if not isinstance(entry, Mapping) or str(entry.get("post")) not in index:
            continue
        start, end = parse_time(entry.get("start"), times), parse_time(entry.get("end"), times)
        if start is None or end is None:
            continue
        post = index[str(entry["post"])]
        for w in finder.overlapping(start, end):
            window = windows[w]
            out[w][post].append(
                [
                    str(entry.get("role_group", "")),
                    f"{max(start, window.start):%H:%M}",
                    f"{min(end, window.end):%H:%M}",
                    entry.get("missing", ""),
                    cause_text(entry.get("cause")),
                ]
            )
    return [dict(d) for d in out]


def cause_text(cause: Any) -> str:
    """A shortfall's cause as one line of text, whatever shape the plan gives it."""
    if cause is None:
        return ""
    if isinstance(cause, Mapping):
        return "; ".join(f"{k}: {v}" for k, v in cause.items())
    if isinstance(cause, list | tuple):
        return "; ".join(cause_text(c) for c in cause)
    return str(cause)
