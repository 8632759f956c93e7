"""``plan.json`` against the scenario and the roster: identity, assignments, cost.

Besides the cost, the checker reads two sections whose details the solver decides, and reads
them leniently (entries of another shape are passed over):

- ``patrols``: a list of ``{"id": <patrol id>, "team": ...}``, the team given as ``2``, ``"2"``
  or ``"perimeter#2"``;
- ``drones``: a list of ``{"id": <drone id>, "pilots": [...]}`` (or ``"pilots_per_slot"``),
  each entry ``{"start": ISO, "end": ISO, "pilots": n}`` (``slot_start``/``slot_end`` and
  ``count`` are read too; without an end, one slot), or a mapping ``{ISO start: n}``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from eventplan.checker import clock
from eventplan.checker.files import PLAN, Stint
from eventplan.checker.report import Violation
from eventplan.io.spreadsheet import neutralise
from eventplan.scenario.model import Scenario

RECORD_KEYS = ("person", "name", "role", "pool", "unit", "post", "start", "end", "leads")
COST_TOLERANCE = 1e-6
#: Pilots a plan lists for a drone over ``[start, end)``, in minutes.
PilotSpan = tuple[int, int, int]


def listed_teams(plan: dict[str, Any] | None) -> dict[str, set[str]]:
    """Patrol team labels per patrol id, as the plan's ``patrols`` section lists them."""
    teams: dict[str, set[str]] = defaultdict(set)
    for entry in _records((plan or {}).get("patrols")):
        patrol, team = entry.get("id"), entry.get("team")
        if not isinstance(patrol, str) or isinstance(team, bool):
            continue
        if isinstance(team, int) or (isinstance(team, str) and team.isdigit()):
            teams[patrol].add(f"{patrol}#{int(team)}")
        elif isinstance(team, str) and team.startswith(f"{patrol}#"):
            teams[patrol].add(team)
    return dict(teams)


def listed_pilots(plan: dict[str, Any] | None, slot: int) -> dict[str, list[PilotSpan]]:
    """Pilots per drone id as ``(start, end, pilots)`` spans, as the plan's ``drones`` lists."""
    pilots: dict[str, list[PilotSpan]] = defaultdict(list)
    for entry in _records((plan or {}).get("drones")):
        drone = entry.get("id", entry.get("drone"))
        per_slot = entry.get("pilots", entry.get("pilots_per_slot"))
        if not isinstance(drone, str):
            continue
        if isinstance(per_slot, dict):
            per_slot = [{"start": k, "pilots": v} for k, v in per_slot.items()]
        for item in _records(per_slot):
            start = item.get("start", item.get("slot_start"))
            end = item.get("end", item.get("slot_end"))
            count = item.get("pilots", item.get("count"))
            try:
                first = clock.parse(start)
                last = clock.parse(end) if isinstance(end, str) else first + slot
            except (TypeError, AttributeError, ValueError):
                continue
            if isinstance(count, int) and not isinstance(count, bool):
                pilots[drone].append((first, last, count))
    return dict(pilots)


def check_plan_json(
    scenario: Scenario,
    plan: dict[str, Any],
    roster: list[Stint] | None,
    cost: float | None,
) -> list[Violation]:
    """Violations of plan.json.

    Parameters
    ----------
    scenario
        The scenario the plan must be for.
    plan
        The plan.json document.
    roster
        Every roster row, to compare with ``assignments``; ``None`` to skip the comparison.
    cost
        The cost recomputed from the roster; ``None`` to skip the comparison.
    """
    found = []
    bad = lambda message: Violation("plan", PLAN, message)  # noqa: E731
    version = plan.get("eventplan")
    if not isinstance(version, int) or isinstance(version, bool):
        found.append(bad("has no format number under 'eventplan'"))
    ident = plan.get("scenario")
    if not isinstance(ident, dict) or ident.get("id") != scenario.event.id:
        shown = ident.get("id") if isinstance(ident, dict) else None
        found.append(bad(f"is for scenario {shown!r}, not '{scenario.event.id}' (scenario.id)"))
    kpis = plan.get("kpis")
    figure = kpis.get("cost") if isinstance(kpis, dict) else None
    if not isinstance(figure, int | float) or isinstance(figure, bool):
        found.append(bad("has no number under kpis.cost"))
    elif cost is not None and not math.isclose(
        figure, cost, rel_tol=COST_TOLERANCE, abs_tol=COST_TOLERANCE
    ):
        found.append(
            Violation(
                "cost",
                PLAN,
                f"kpis.cost is {figure:g}, but role cost x paid "
                f"hours of the roster's shifts is {cost:g}",
            )
        )
    found += _assignments(plan.get("assignments"), roster)
    return found


def _records(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


#: person, name, role, pool, unit, post, start, end, leads (an entry without it leads nothing)
Record = tuple[str, str, str, str, str, str, int, int, str]


def _assignments(value: object, roster: list[Stint] | None) -> list[Violation]:
    if not isinstance(value, list):
        return [Violation("plan", PLAN, "has no list under 'assignments'")]
    if roster is None:
        return []
    listed: Counter[Record] = Counter()
    for i, entry in enumerate(value):
        try:
            listed[_record(entry)] += 1
        except (AttributeError, TypeError, ValueError, KeyError) as error:
            return [
                Violation(
                    "plan",
                    PLAN,
                    f"assignments[{i}] is not a roster record ({RECORD_KEYS}): {error}",
                )
            ]
    rows = Counter(
        (s.person, s.name, s.role, s.pool, s.unit, s.post, s.start, s.end, s.leads) for s in roster
    )
    if listed == rows:
        return []
    only_plan, only_roster = listed - rows, rows - listed
    example = next(iter(only_plan or only_roster))
    where = "plan.json" if only_plan else "roster.csv"
    return [
        Violation(
            "plan",
            PLAN,
            f"assignments differ from roster.csv: "
            f"{only_plan.total()} record(s) only in plan.json, {only_roster.total()} "
            f"only in roster.csv; e.g. in {where} only: {example[0]} at "
            f"'{example[5]}' {clock.show_span(example[6], example[7])}",
        )
    ]


def _record(entry: object) -> Record:
    if not isinstance(entry, dict):
        raise TypeError("not an object")
    # roster.csv holds text as a spreadsheet may open it (a leading "=" behind a quote)
    text = {
        k: "" if entry.get(k) is None else neutralise(str(entry[k])).strip()
        for k in (*RECORD_KEYS[:6], "leads")
    }
    return (
        text["person"],
        text["name"],
        text["role"],
        text["pool"],
        text["unit"],
        text["post"],
        clock.parse(entry["start"]),
        clock.parse(entry["end"]),
        text["leads"],
    )
