"""Units and patrol teams deployed whole.

Every unit instance and patrol team that has members in the roster must, in every slot of its
phases, hold at least its composition (people per role) under its label. An instance with no
members at all is not deployed: that is a shortfall, which ``coverage.csv`` must report. In the
same way, members missing from deployed instances are allowed only as far as ``coverage.csv``
reports that role short at that unit and slot (the coverage figures are verified separately):
a pool that runs dry leaves a unit incomplete, and the plan must say so. With
``teams: auto``, the teams are those plan.json lists under ``patrols`` (or, when it lists none,
the team labels of the roster); a roster team the plan does not list is a violation. A unit's
``needs_tags`` hold per instance like its composition: at least ``min`` members of those roles
carrying the tags, in every slot.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from eventplan.checker import clock
from eventplan.checker.files import Stint
from eventplan.checker.groups import Kind, TagBook, count, group_name
from eventplan.checker.report import Violation
from eventplan.scenario.model import Patrol, Scenario, Unit


def roster_labels(stints: list[Stint]) -> dict[str, set[str]]:
    """Well-formed instance labels (``<id>#<k>``) per unit, patrol or drone id."""
    labels: dict[str, set[str]] = defaultdict(set)
    for stint in stints:
        number = stint.unit.removeprefix(f"{stint.post}#")
        if number != stint.unit and number.isdigit():
            labels[stint.post].add(stint.unit)
    return labels


def patrol_teams(
    scenario: Scenario, labels: Mapping[str, set[str]], listed: Mapping[str, set[str]]
) -> dict[str, set[str]]:
    """The teams of each patrol with ``teams: auto``: the plan's, else the roster's."""
    return {
        p.id: set(listed.get(p.id) or labels.get(p.id, set()))
        for p in scenario.patrols
        if p.teams == "auto"
    }


def check_forces(
    scenario: Scenario,
    people: dict[str, list[Stint]],
    listed: Mapping[str, set[str]],
    reported: Mapping[tuple[str, str, int], int] | None = None,
    tags: TagBook | None = None,
) -> list[Violation]:
    """Violations of units and patrol teams that are deployed but not whole.

    ``reported`` maps (force id, role group, slot start) to the shortfall coverage.csv
    reports; ``tags`` tells the tags people carry (without it, nobody carries any).
    """
    slot = scenario.event.slot_minutes
    present: Present = defaultdict(Counter)
    stints = [s for own in people.values() for s in own]
    for own in people.values():
        kind = tags.kind(own[0]) if tags else (own[0].role, frozenset())
        for here in {
            (s.post, s.unit, t) for s in own if s.unit for t in range(s.start, s.end, slot)
        }:
            present[here][kind] += 1
    labels = roster_labels(stints)
    found: list[Violation] = []
    forces: list[tuple[Unit | Patrol, str]] = [(u, "unit") for u in scenario.units]
    forces += [(p, "patrol") for p in scenario.patrols]
    for force, kind_name in forces:
        slots = clock.slot_starts(clock.phase_windows(scenario, force.phases), slot)
        asked = _asked(force)
        own = labels.get(force.id, set())
        excused = _excused(force.id, asked, own, slots, present, reported or {})
        for label in sorted(own):
            found += _whole(force.id, kind_name, asked, label, slots, present, slot, excused)
        plan_teams = listed.get(force.id)
        if kind_name == "patrol" and plan_teams:
            for label in sorted(own - plan_teams):
                found.append(
                    Violation(
                        "patrol",
                        force.id,
                        f"team {label} has members in "
                        "roster.csv but plan.json lists no such patrol team",
                    )
                )
    return found


#: People by role and tags per (force id, instance label, slot start).
Present = defaultdict[tuple[str, str, int], Counter[Kind]]


def _asked(force: Unit | Patrol) -> list[tuple[str, int]]:
    """What one instance holds in every slot: people per role group."""
    asked = list(force.composition.items())
    if isinstance(force, Unit):
        asked += [(group_name(n.roles, n.tags), n.min) for n in force.needs_tags]
    return asked


def _whole(
    force_id: str,
    kind: str,
    asked: list[tuple[str, int]],
    label: str,
    slots: list[int],
    present: Present,
    slot: int,
    excused: set[tuple[str, int]],
) -> list[Violation]:
    found = []
    for group, size in asked:
        held = {t: count(present.get((force_id, label, t), Counter()), group) for t in slots}
        short = [t for t in slots if held[t] < size and (group, t) not in excused]
        if not short:
            continue
        fewest = min(held[t] for t in short)
        shown = clock.show_spans(clock.runs(short, slot))
        found.append(
            Violation(
                kind,
                force_id,
                f"{label} has {fewest} of {size} {group} at {shown}; a {kind} is deployed whole "
                "through its phases",
            )
        )
    return found


def _excused(
    force_id: str,
    asked: list[tuple[str, int]],
    labels: set[str],
    slots: list[int],
    present: Present,
    reported: Mapping[tuple[str, str, int], int],
) -> set[tuple[str, int]]:
    """(group, slot) where every member missing from deployed instances is reported short."""
    out = set()
    for group, size in asked:
        for t in slots:
            missing = sum(
                max(0, size - count(present.get((force_id, label, t), Counter()), group))
                for label in labels
            )
            if missing and missing <= reported.get((force_id, group, t), 0):
                out.add((group, t))
    return out
