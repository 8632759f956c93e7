"""Rule ``queue``: screening queues predicted from the roster, against plan.json and the
wait targets.

For every screening post the checker runs its own fluid queue
(:func:`eventplan.checker.screening.predict_queue`) over the phases' slots, the slots with
arrivals and the slots plan.json lists, with the staff of the screening roles the roster puts
at the post in each slot. Then:

- plan.json ``queues`` lists an entry ``{post, max_wait_minutes, worst_wait_minutes, slots}``
  for every post with ``max_wait_minutes`` (and may list the other screening posts); each
  listed slot ``{start, arrivals_per_minute, lanes_open, queue, wait_minutes}`` holds the
  checker's figures, every slot with arrivals or a queue is listed, and the worst wait is the
  largest. An infinite wait (a queue and no lane open) is written ``null`` (JSON has no infinity;
  ``Infinity`` is refused with every other non-finite number).
  Figures agree within a thousandth or 0.01, so two decimals are enough;
- the predicted wait exceeds ``max_wait_minutes`` only in slots where coverage.csv reports a
  shortfall of the post's screening row: a plan that staffs the post as it requires keeps the
  wait on target, and one that cannot must say so;
- a screening row of such a post asks for no more staff than its lanes can use.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from eventplan.checker import clock
from eventplan.checker.coverage import Presence, Unknown
from eventplan.checker.files import COVERAGE, CoverageRow
from eventplan.checker.groups import group_name
from eventplan.checker.report import Violation
from eventplan.checker.screening import QueueSlot, arrivals_per_minute, predict_queue
from eventplan.scenario.model import Post, Scenario, Screening

REL_TOLERANCE, ABS_TOLERANCE = 1e-3, 0.01
FIGURES = ("arrivals_per_minute", "queue", "wait_minutes")


def check_queues(
    scenario: Scenario,
    plan: dict[str, Any] | None,
    presence: Presence,
    rows: list[CoverageRow],
    unknown: Unknown | None = None,
) -> list[Violation]:
    """Violations of the plan's queue figures, wait targets and wait-target staffing; posts
    where ``unknown`` says unusable roster rows may have stood are left alone (a queue carries
    over from slot to slot, so one unknown slot leaves every later one unknown)."""
    slot = scenario.event.slot_minutes
    listed = _entries((plan or {}).get("queues"))
    screened = {p.id: p for p in scenario.posts if p.screening is not None}
    found = [
        Violation("queue", post, "plan.json lists a queue here, but it has no screening")
        for post in sorted(set(listed) - set(screened))
    ]
    shortfall = {(r.post, r.group, r.start): r.shortfall for r in rows}
    phase_slots = clock.slot_starts(clock.phase_windows(scenario), slot)
    for post in screened.values():
        block = post.screening
        assert block is not None
        entry = listed.get(post.id)
        if entry is None and block.max_wait_minutes is None:
            continue
        if unknown is not None and unknown.touches(post.id):
            continue
        starts = _listed_starts(entry)
        arrivals = arrivals_per_minute(scenario, block)
        slots = sorted({*phase_slots, *arrivals, *starts})
        group = group_name(block.roles)
        staff = {t: presence.count(post.id, t, group) for t in slots}
        predicted = predict_queue(block, arrivals, staff, slots, slot)
        if entry is not None:
            found += _figures(post, entry, predicted)
        elif block.max_wait_minutes is not None:
            found.append(Violation("queue", post.id, "plan.json lists no queue for this post"))
        if block.max_wait_minutes is not None:
            found += _waits(post, block, predicted, shortfall, slot)
            found += _capacity(post, block, rows)
    return found


def _entries(value: object) -> dict[str, dict[str, Any]]:
    entries = value if isinstance(value, list) else []
    return {e["post"]: e for e in entries if isinstance(e, dict) and isinstance(e.get("post"), str)}


def _listed_starts(entry: dict[str, Any] | None) -> dict[int, dict[str, Any]]:
    """The entry's slots by start; slots that cannot be read are left out (and so missed)."""
    found: dict[int, dict[str, Any]] = {}
    items = (entry or {}).get("slots")
    for item in items if isinstance(items, list) else []:
        try:
            found[clock.parse(item["start"])] = item
        except (TypeError, KeyError, ValueError, AttributeError):
            continue
    return found


def _same(listed: object, truth: float) -> bool:
    if math.isinf(truth):
        return listed is None or listed == math.inf
    if isinstance(listed, bool) or not isinstance(listed, int | float):
        return False
    return math.isclose(listed, truth, rel_tol=REL_TOLERANCE, abs_tol=ABS_TOLERANCE)


def _figures(post: Post, entry: dict[str, Any], predicted: list[QueueSlot]) -> list[Violation]:
    """The entry's figures against the checker's queue."""
    assert post.screening is not None
    bad = lambda text: Violation("queue", post.id, f"plan.json queues: {text}")  # noqa: E731
    found = []
    if entry.get("max_wait_minutes") != post.screening.max_wait_minutes:
        found.append(
            bad(
                f"max_wait_minutes is {entry.get('max_wait_minutes')!r}, not the scenario's "
                f"{post.screening.max_wait_minutes!r}"
            )
        )
    worst = max((q.wait_minutes for q in predicted), default=0.0)
    if not _same(entry.get("worst_wait_minutes"), worst):
        found.append(
            bad(f"worst_wait_minutes is {entry.get('worst_wait_minutes')!r}, not {worst:g}")
        )
    wrong = _differences(predicted, _listed_starts(entry))
    if wrong:
        shown = f"{len(wrong)} figure(s) differ from the queue of the roster's staff"
        found.append(bad(f"{shown}, e.g. {wrong[0]}"))
    return found


def _differences(predicted: list[QueueSlot], listed: dict[int, dict[str, Any]]) -> list[str]:
    """Each listed figure that is not the checker's, and each slot with a queue left out."""
    wrong = []
    for q in predicted:
        item, when = listed.get(q.start), clock.show(q.start)
        if item is None:
            if q.arrivals_per_minute > 0 or q.queue > 0:
                wrong.append(f"{when} is not listed")
            continue
        if item.get("lanes_open") != q.lanes_open:
            wrong.append(f"{when} lanes_open is {item.get('lanes_open')!r}, not {q.lanes_open}")
        for figure in FIGURES:
            truth = getattr(q, figure)
            if not _same(item.get(figure), truth):
                wrong.append(f"{when} {figure} is {item.get(figure)!r}, not {truth:g}")
    return wrong


def _waits(
    post: Post,
    block: Screening,
    predicted: list[QueueSlot],
    shortfall: Mapping[tuple[str, str, int], int],
    slot: int,
) -> list[Violation]:
    """Slots whose predicted wait misses the target with no shortfall reported."""
    target = block.max_wait_minutes or math.inf
    group = group_name(block.roles)
    late = [
        q
        for q in predicted
        if q.wait_minutes > target + ABS_TOLERANCE and not shortfall.get((post.id, group, q.start))
    ]
    if not late:
        return []
    worst = max(late, key=lambda q: q.wait_minutes)
    shown = clock.show_spans(clock.runs([q.start for q in late], slot))
    return [
        Violation(
            "queue",
            post.id,
            f"the predicted wait exceeds the {target:g}-minute target at {shown} (worst "
            f"{worst.wait_minutes:.1f} min at {clock.show(worst.start)}, {worst.lanes_open} "
            f"lane(s) open), but coverage.csv reports no shortfall of {group} there",
        )
    ]


def _capacity(post: Post, block: Screening, rows: list[CoverageRow]) -> list[Violation]:
    """Screening rows asking for more staff than the lanes can use."""
    group, most = group_name(block.roles), block.lanes * block.staff_per_lane
    over = [r for r in rows if r.post == post.id and r.group == group and r.required > most]
    return [
        Violation(
            "coverage",
            post.id,
            f"{group} {clock.show_span(r.start, r.end)} ({COVERAGE} "
            f"line {r.line}): required is {r.required}, more than the {block.lanes} lane(s) x "
            f"{block.staff_per_lane} staff the post can use ({most})",
        )
        for r in over
    ]


def required_staff(
    scenario: Scenario, plan: object, posts: set[str]
) -> dict[tuple[str, int], int] | None:
    """plan.json's ``queues[].staff_required`` for ``posts`` by (post, slot start); None when
    the plan does not list it for all of them (older plans)."""
    entries = _entries(plan.get("queues") if isinstance(plan, dict) else None)
    found: dict[tuple[str, int], int] = {}
    for post in posts:
        items = entries.get(post, {}).get("staff_required")
        if not isinstance(items, list):
            return None
        for item in items:
            try:
                staff = item["staff"]
                if isinstance(staff, bool) or not isinstance(staff, int) or staff < 0:
                    continue
                found[(post, clock.parse(item["start"]))] = staff
            except (TypeError, KeyError, ValueError, AttributeError):
                continue
    return found
