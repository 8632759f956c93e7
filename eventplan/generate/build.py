"""Assembling a generated scenario document from its parts."""

from __future__ import annotations

import math
import random

from eventplan.generate import forces, posts, sizing
from eventplan.generate.spec import CENTRES, Spec, resolve
from eventplan.generate.timeline import Timeline, build_timeline
from eventplan.generate.venue import VenueLayout, build_venue, venue_size

MAX_DAYS = 5
MIN_REST_HOURS = 11.0


def generate_document(spec: Spec) -> dict:
    """A scenario document (the structure of a scenario file) for ``spec``.

    The same spec (seed included) always gives the same document.
    """
    spec = resolve(spec)
    assert spec.attendance is not None and spec.posts is not None and spec.shortage is not None
    rng = random.Random(f"generate:{spec.seed}")
    timeline = build_timeline(spec, rng)
    stadium, city, lat, lon, timezone = CENTRES[rng.randrange(len(CENTRES))]
    size = venue_size(spec.posts, spec.attendance)
    venue = build_venue(stadium, lat, lon, size, spec.attendance, rng)
    seeds = posts.plan_posts(venue, spec.posts, spec.seed, spec.uneven)
    screenings = {
        p.id: posts.screening_block(p, size.gates, spec.attendance)
        for p in seeds
        if p.type is posts.SCREENING
    }
    unit_list = forces.units(spec.attendance, spec.staff, size.gates)
    patrol_list = forces.patrols(spec.staff, size.gates)
    drone_list = forces.drones(spec.attendance, venue.ids("plaza"))
    fixed = _fixed_load(timeline, spec.attendance, screenings, unit_list, patrol_list, drone_list)

    def needed(scale: float) -> dict[str, float]:
        load = sizing.add_posts(fixed, seeds, scale)
        return sizing.needed_people(load, timeline, spec.days, MAX_DAYS)

    target = spec.staff / (1 - spec.shortage)
    scale = sizing.solve_scale(lambda s: sum(needed(s).values()), target)
    counts = forces.role_counts(needed(scale), spec.staff)
    kind = _kind(spec, rng)
    event = {
        "id": f"generated-{kind}-{spec.staff}-s{spec.seed}",
        "name": f"Generated {kind} at {stadium}, {city} (seed {spec.seed})",
        "kind": kind,
        "timezone": timezone,
        "attendance": spec.attendance,
        "slot_minutes": spec.slot_minutes,
        **_times(timeline, spec.days),
    }
    load = sizing.add_posts(fixed, seeds, scale)
    return {
        "eventplan": 1,
        "event": event,
        "roles": forces.roles(spec.shift_hours),
        "pools": forces.pools(counts, spec.staff, timeline),
        "rules": {
            "min_rest_hours": MIN_REST_HOURS,
            "max_days": MAX_DAYS,
            "meal_break": {"after_hours": 6.0, "minutes": 30},
            "ratios": [_ratio(load, spec.attendance)],
        },
        "venue": _venue(venue),
        "posts": _posts(seeds, screenings, scale),
        "units": unit_list,
        "patrols": patrol_list,
        "drones": drone_list,
    }


def _fixed_load(
    timeline: Timeline,
    attendance: int,
    screenings: dict[str, dict],
    units: list[dict],
    patrols: list[dict],
    drones: list[dict],
) -> sizing.Load:
    """The load that does not scale with the posts: screening lanes, units, patrols, drones."""
    lanes = sum(
        min(s["lanes"], _peak_lanes(s, attendance, timeline)) * s["staff_per_lane"]
        for s in screenings.values()
    )
    crews = (
        [(u["composition"], u["count"], u["phases"]) for u in units]
        + [(p["composition"], p["teams"], p["phases"]) for p in patrols]
        + [({d["pilot_role"]: 1}, d["count"], d["phases"]) for d in drones]
    )
    return sizing.base_load(timeline, lanes, crews)


def _times(timeline: Timeline, days: int) -> dict[str, list]:
    """The event's days (several only), phases and arrival waves."""
    times: dict[str, list] = {}
    if days > 1:
        times["days"] = [d.isoformat() for d in timeline.days]
    times["phases"] = [
        {"id": p, "start": timeline.when(a), "end": timeline.when(b)} for p, a, b in timeline.phases
    ]
    times["arrivals"] = [
        {"start": timeline.when(a), "end": timeline.when(b), "share": share}
        for a, b, share in timeline.arrivals
    ]
    return times


def _posts(seeds: list[posts.PostSeed], screenings: dict[str, dict], scale: float) -> list[dict]:
    """The posts of the document, their needs scaled to the head count sought."""
    post_list = []
    for seed in seeds:
        post = {
            "id": seed.id,
            "name": seed.name,
            "node": seed.node,
            "kind": seed.type.kind,
            "priority": seed.type.priority,
            "needs": posts.needs_of(seed, scale),
        }
        if seed.id in screenings:
            post["screening"] = screenings[seed.id]
        post_list.append(post)
    return post_list


def _peak_lanes(screening: dict, attendance: int, timeline: Timeline) -> int:
    """Lanes the busiest arrival wave opens at a gate: arrivals a minute over lane throughput.

    The screening staff formula of ``docs/scenario.md`` (Screening) caps the lanes at this.
    """
    rate = max(attendance * share / (b - a) for a, b, share in timeline.arrivals)
    per_gate = rate * screening["arrival_share"]
    return math.ceil(per_gate / screening["persons_per_lane_per_minute"] - 1e-9)


def _kind(spec: Spec, rng: random.Random) -> str:
    assert spec.attendance is not None
    if spec.days > 1:
        return "expo" if spec.attendance >= 100000 else "festival"
    return rng.choice(("concert", "match"))


def _ratio(load: sizing.Load, attendance: int) -> dict:
    """Police, auxiliaries and guards on duty per attendee during the crowd hours.

    Set at 90 % of the quietest crowd phase's expected need, so it binds only when the pools
    run short.
    """
    roles = ("police", "auxiliary", "guard")
    quiet = min(sum(load[p].get(r, 0.0) for r in roles) for p in posts.CROWD)
    required = max(1, math.floor(0.9 * quiet))
    per = math.ceil(attendance / required * 10) / 10
    return {"roles": list(roles), "per_attendees": per, "phases": list(posts.CROWD)}


def _venue(venue: VenueLayout) -> dict:
    return {"name": venue.name, "nodes": venue.nodes, "edges": venue.edges, "zones": venue.zones}
