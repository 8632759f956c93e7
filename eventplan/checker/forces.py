"""Units and patrol teams deployed whole.

Every unit instance and patrol team that has members in the roster must, in every slot of its
phases, hold at least its composition (people per role) under its label. An instance with no
members at all is not deployed: that is a shortfall, which ``coverage.csv`` must report. In the
same way, members missing from deployed instances are allowed only as far as ``coverage.csv``
reports that role short at that unit and slot (the coverage figures are verified separately):
a pool that runs dry leaves a unit incomplete, and the plan must say so. With
``teams: auto``, the teams are those plan.json lists under ``patrols`` (or, when it lists none,
the team labels of the roster); a roster team the plan does not list is a violation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from eventplan.checker import clock
from eventplan.checker.files import Stint
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
) -> list[Violation]:
    """Violations of units and patrol teams that are deployed but not whole.

    ``reported`` maps (force id, role, slot start) to the shortfall coverage.csv reports.
    """
    slot = scenario.event.slot_minutes
    present: Counter[tuple[str, str, int, str]] = Counter()
    stints = [s for own in people.values() for s in own]
    for own in people.values():
        here = {(s.post, s.unit, t) for s in own if s.unit for t in range(s.start, s.end, slot)}
        present.update((post, label, t, own[0].role) for post, label, t in here)
    labels = roster_labels(stints)
    found: list[Violation] = []
    forces: list[tuple[Unit | Patrol, str]] = [(u, "unit") for u in scenario.units]
    forces += [(p, "patrol") for p in scenario.patrols]
    for force, kind in forces:
        slots = clock.slot_starts(clock.phase_windows(scenario, force.phases), slot)
        excused = _excused(force, labels.get(force.id, set()), slots, present, reported or {})
        for label in sorted(labels.get(force.id, ())):
            found += _whole(force, kind, label, slots, present, slot, excused)
        plan_teams = listed.get(force.id)
        if kind == "patrol" and plan_teams:
            for label in sorted(labels.get(force.id, set()) - plan_teams):
                found.append(
                    Violation(
                        "patrol",
                        force.id,
                        f"team {label} has members in "
                        "roster.csv but plan.json lists no such patrol team",
                    )
                )
    return found


def _whole(
    force: Unit | Patrol,
    kind: str,
    label: str,
    slots: list[int],
    present: Counter[tuple[str, str, int, str]],
    slot: int,
    excused: set[tuple[str, int]],
) -> list[Violation]:
    found = []
    for role, size in force.composition.items():
        short = [
            t
            for t in slots
            if present[(force.id, label, t, role)] < size and (role, t) not in excused
        ]
        if not short:
            continue
        fewest = min(present[(force.id, label, t, role)] for t in short)
        shown = clock.show_spans(clock.runs(short, slot))
        found.append(
            Violation(
                kind,
                force.id,
                f"{label} has {fewest} of {size} {role} at {shown}; a {kind} is deployed whole "
                "through its phases",
            )
        )
    return found


def _excused(
    force: Unit | Patrol,
    labels: set[str],
    slots: list[int],
    present: Counter[tuple[str, str, int, str]],
    reported: Mapping[tuple[str, str, int], int],
) -> set[tuple[str, int]]:
    """(role, slot) where every member missing from deployed instances is reported short."""
    out = set()
    for role, size in force.composition.items():
        for t in slots:
            missing = sum(max(0, size - present[(force.id, label, t, role)]) for label in labels)
            if missing and missing <= reported.get((force.id, role, t), 0):
                out.add((role, t))
    return out
