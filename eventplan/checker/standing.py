"""Rules ``standing`` and ``unit-leader``: standing units keep their crews; units name leaders.

A **standing** unit's span runs from the first to the last slot of its phases (on a
multi-day event, of each day). Inside the span each instance's members change only as the
unit allows: without ``relief`` never (one crew stands the whole span, with no break: a
standing unit eats on standby); with ``relief`` only whole, every member of the outgoing crew
leaving and every member of the incoming one arriving at the same moment (no-handover windows
are checked for every stint by rule ``no-handover``). An instance with nobody at all is a
shortfall, which rule ``unit`` and the coverage check judge.

A unit with a ``leader`` role names, in every slot an instance has members, exactly one of its
members present as the leader (``leads`` = the instance), of the leader role; when no member of
that role is present there is nobody to name (the missing member is a shortfall). Nobody leads
an instance of a unit without a ``leader``.
"""

from __future__ import annotations

from collections import defaultdict

from eventplan.checker import clock
from eventplan.checker.files import Stint
from eventplan.checker.report import Violation
from eventplan.scenario.model import Scenario, Unit

#: Members present per (instance label, slot start).
Crews = dict[tuple[str, int], frozenset[str]]


def check_units(scenario: Scenario, stints: list[Stint]) -> list[Violation]:
    """Violations of standing units and of unit leaders."""
    slot = scenario.event.slot_minutes
    found: list[Violation] = []
    for unit in scenario.units:
        own = [s for s in stints if s.post == unit.id and s.unit]
        if unit.standing:
            found += _standing(scenario, unit, _crews(own, slot), slot)
        found += _leaders(unit, own, slot)
    return found


def _crews(stints: list[Stint], slot: int) -> Crews:
    members: defaultdict[tuple[str, int], set[str]] = defaultdict(set)
    for s in stints:
        for t in range(s.start, s.end, slot):
            members[(s.unit, t)].add(s.person)
    return {key: frozenset(people) for key, people in members.items()}


def _standing(scenario: Scenario, unit: Unit, crews: Crews, slot: int) -> list[Violation]:
    starts = clock.slot_starts(clock.phase_windows(scenario, unit.phases), slot)
    # One span a day on multi-day events; a single-day event's span may run past midnight.
    spans = (
        clock.day_spans(starts, slot) if scenario.event.days else [(starts[0], starts[-1] + slot)]
    )
    found = []
    for label in sorted({label for label, _ in crews}):
        for first, last in spans:
            for t in range(first + slot, last, slot):
                before = crews.get((label, t - slot), frozenset())
                after = crews.get((label, t), frozenset())
                if before == after or (unit.relief and not before & after):
                    continue
                found.append(_change(unit, label, t, before, after, (first, last)))
    return found


def _change(
    unit: Unit,
    label: str,
    at: int,
    before: frozenset[str],
    after: frozenset[str],
    span: clock.Window,
) -> Violation:
    moves = []
    if before - after:
        moves.append(f"{', '.join(sorted(before - after))} leave")
    if after - before:
        moves.append(f"{', '.join(sorted(after - before))} join")
    if unit.relief:
        stays = ", ".join(sorted(before & after))
        text = f"relieves only part of its crew ({stays} stay); crews relieve one another whole"
    else:
        text = (
            f"changes members; a standing unit keeps one crew "
            f"{clock.show_span(*span)}, breaks included"
        )
    return Violation(
        "standing", unit.id, f"{label} at {clock.show(at)} ({'; '.join(moves)}) {text}"
    )


def _leaders(unit: Unit, stints: list[Stint], slot: int) -> list[Violation]:
    found = []
    wrong = [s for s in stints if s.leads and (unit.leader is None or s.role != unit.leader)]
    for s in wrong:
        allowed = f"only a {unit.leader} leads it" if unit.leader else "the unit has no leader"
        found.append(
            Violation(
                "unit-leader",
                unit.id,
                f"{s.person} ({s.role}) leads {s.unit} (line {s.line}), but {allowed}",
            )
        )
    if unit.leader is None:
        return found
    led: defaultdict[tuple[str, int], set[str]] = defaultdict(set)
    of_role: defaultdict[tuple[str, int], int] = defaultdict(int)
    for s in stints:
        for t in range(s.start, s.end, slot):
            of_role[(s.unit, t)] += s.role == unit.leader
            if s.leads and s.role == unit.leader:
                led[(s.unit, t)].add(s.person)
    problems: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for (label, t), n in of_role.items():
        leaders = len(led.get((label, t), ()))
        if leaders > 1:
            problems[(label, f"has {leaders} leaders")].append(t)
        elif not leaders and n:
            problems[(label, f"names none of its {unit.leader} its leader")].append(t)
    for (label, what), starts in sorted(problems.items()):
        shown = clock.show_spans(clock.runs(starts, slot))
        found.append(Violation("unit-leader", unit.id, f"{label} {what} at {shown}"))
    return found
