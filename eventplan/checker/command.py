"""plan.json's command sections against the scenario and the roster: ``command``, ``sectors``
and ``reserves`` (rule ``plan``).

- ``command``: ``{name, node}`` of the scenario's command post, or null (or left out) without;
- ``sectors``: one entry per scenario sector, ``{id, name, posts, leader_role, leaders}``, its
  ``leaders`` (``[{person, name, start, end}]``) the roster's rows at the sector;
- ``reserves``: one entry per scenario reserve, ``{id, roles, node, members}``, its ``members``
  (``[{person, start, end}]``) the roster's rows at the reserve.

Leaders and members are compared as each person's times at the station, with touching or
overlapping times joined, so that one stretch may be listed in one entry or in several.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from eventplan.checker import clock
from eventplan.checker.files import PLAN, Stint
from eventplan.checker.report import Violation
from eventplan.scenario.model import Scenario

#: A person's stretch at a station: ``(person, start, end)``.
Stretch = tuple[str, int, int]


def check_command(
    scenario: Scenario, plan: dict[str, Any], roster: list[Stint] | None
) -> list[Violation]:
    """Violations of plan.json's ``command``, ``sectors`` and ``reserves``.

    ``roster`` holds every roster row, to compare leaders and members with; ``None`` skips
    that comparison.
    """
    found = _command(scenario, plan.get("command"))
    sectors = {
        s.id: {
            "posts": sorted(s.posts),
            "leader_role": s.leader.role if s.leader else None,
            **({"name": s.name} if s.name else {}),
        }
        for s in scenario.sectors
    }
    reserves = {r.id: {"roles": sorted(r.roles), "node": r.node} for r in scenario.reserves}
    found += _section(plan, "sectors", sectors, "leaders", roster)
    found += _section(plan, "reserves", reserves, "members", roster)
    return found


def _bad(message: str) -> Violation:
    return Violation("plan", PLAN, message)


def _command(scenario: Scenario, listed: object) -> list[Violation]:
    post = scenario.command
    if post is None:
        return [] if listed is None else [_bad("lists a command post; the scenario has none")]
    if not isinstance(listed, dict) or listed.get("node") != post.node:
        shown = listed.get("node") if isinstance(listed, dict) else None
        return [_bad(f"command is at {shown!r}, not at the scenario's node '{post.node}'")]
    if post.name and listed.get("name") != post.name:
        return [_bad(f"command is named {listed.get('name')!r}, not '{post.name}'")]
    return []


def _section(
    plan: dict[str, Any],
    key: str,
    expected: dict[str, dict[str, Any]],
    people_key: str,
    roster: list[Stint] | None,
) -> list[Violation]:
    """One section listing the scenario's stations of a kind, with their people."""
    value = plan.get(key)
    if value is None and not expected:
        return []
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        return [_bad(f"has no list of objects under '{key}'")]
    found = []
    ids = Counter(e["id"] if isinstance(e.get("id"), str) else repr(e.get("id")) for e in value)
    if ids != Counter(list(expected)):
        found.append(
            _bad(
                f"{key} lists {sorted(ids.elements())}, but the scenario has {sorted(expected)} "
                "(each once)"
            )
        )
    for entry in value:
        station = entry.get("id")
        if not isinstance(station, str) or station not in expected or ids[station] > 1:
            continue
        for field, want in expected[station].items():
            have = entry.get(field)
            if isinstance(have, list) and isinstance(want, list):
                have = sorted(map(str, have))
            if have != want:
                found.append(_bad(f"{key} '{station}': {field} is {have!r}, not {want!r}"))
        if roster is not None:
            found += _people(key, station, entry.get(people_key), people_key, roster)
    return found


def _people(
    key: str, station: str, listed: object, people_key: str, roster: list[Stint]
) -> list[Violation]:
    where = f"{key} '{station}': {people_key}"
    try:
        stretches = [
            (str(e["person"]), clock.parse(e["start"]), clock.parse(e["end"]))
            for e in listed  # type: ignore[union-attr]
        ]
    except (TypeError, KeyError, ValueError, AttributeError):
        return [_bad(f"{where} is not a list of {{person, start, end}}")]
    in_plan = _joined(stretches)
    in_roster = _joined([(s.person, s.start, s.end) for s in roster if s.post == station])
    if in_plan == in_roster:
        return []
    only_plan, only_roster = in_plan - in_roster, in_roster - in_plan
    person, start, end = next(iter(only_plan or only_roster))
    side = "plan.json" if only_plan else "roster.csv"
    return [
        _bad(
            f"{where} differ from roster.csv: {only_plan.total()} stretch(es) only in plan.json, "
            f"{only_roster.total()} only in roster.csv; e.g. in {side} only: {person} "
            f"{clock.show_span(start, end)}"
        )
    ]


def _joined(stretches: list[Stretch]) -> Counter[Stretch]:
    """Each person's stretches with touching or overlapping ones joined."""
    spans: defaultdict[str, list[clock.Window]] = defaultdict(list)
    for person, start, end in stretches:
        spans[person].append((start, end))
    return Counter(
        (person, start, end) for person, own in spans.items() for start, end in clock.merge(own)
    )
