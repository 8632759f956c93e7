"""``check_plan``: every check of a plan folder against its scenario, in one pass."""

from __future__ import annotations

from pathlib import Path

from eventplan.checker import (
    briefings,
    clock,
    command,
    coverage,
    demand,
    files,
    forces,
    groups,
    handover,
    identity,
    planfile,
    queues,
    revision,
    roster,
    shifts,
    standing,
    supervision,
    tags,
)
from eventplan.checker.report import CheckReport, Violation
from eventplan.errors import InputError, Problem
from eventplan.scenario.model import Scenario
from eventplan.scenario.realtime import event_clock


def check_plan(
    scenario: Scenario, plan_dir: str | Path, parent: str | Path | None = None
) -> CheckReport:
    """Re-verify a plan folder (``plan.json``, ``roster.csv``, ``coverage.csv``) from scratch.

    The plan is read from its files only and every figure is recomputed from the scenario and
    the roster; nothing of the solver is used. A broken folder gives violations, not errors.

    Parameters
    ----------
    scenario
        The scenario the plan was made for.
    plan_dir
        The folder ``eventplan solve`` (or ``replan``) wrote.
    parent
        For a replanned folder: its parent's folder, which must not differ before the time of
        the replan (see :mod:`eventplan.checker.revision`).

    Returns
    -------
    CheckReport
        Every violation found (``ok`` when there is none) and the counts checked.

    Raises
    ------
    InputError
        When ``plan_dir`` is not a folder, a file is too large to read, or the folder is not
        one plan of this scenario (see :mod:`eventplan.checker.identity`).
    """
    with clock.using(event_clock(scenario)):  # plan times are local times of the event's zone
        return _check(scenario, plan_dir, parent)


def _check(scenario: Scenario, plan_dir: str | Path, parent: str | Path | None) -> CheckReport:
    folder = Path(plan_dir)
    if not folder.is_dir():
        raise InputError(Problem(str(plan_dir), "", "no such plan folder"))
    slot = scenario.event.slot_minutes
    found = files.read_plan_dir(folder, slot)
    warnings = identity.verify_folder(scenario, folder, found)
    violations = found.violations
    rows = found.roster or []
    stints, problems = roster.usable_stints(scenario, rows)
    violations += problems
    unknown = _unknown(found, stints, slot)
    whole = unknown is None
    if unknown is not None and found.roster is not None:
        violations.append(_unused_rows(found, stints, unknown))
    people = shifts.by_person(stints)
    all_shifts = shifts.shifts(scenario, people)
    violations += shifts.overlaps(people)
    violations += shifts.check_shifts(scenario, all_shifts)
    violations += briefings.check_briefings(scenario, all_shifts)
    book = groups.TagBook(scenario)
    presence = coverage.Presence(people, slot, book)
    needed = None
    if found.coverage is not None:
        needed = {(row.post, row.start) for row in found.coverage if row.required > 0}
    violations += _command_rules(scenario, stints, people, presence, book, needed)
    violations += _forces_and_coverage(scenario, found, stints, people, book, presence, unknown)
    if found.plan is not None:
        violations += planfile.check_plan_json(
            scenario,
            found.plan,
            rows if whole else None,
            shifts.cost(scenario, all_shifts) if whole else None,
        )
        violations += command.check_command(scenario, found.plan, rows if whole else None)
    violations = revision.excuse_cut_shifts(found.plan, violations)
    if parent is not None:
        violations += revision.check_parent(found.plan, stints, Path(parent), slot)
    return CheckReport(violations, len(people), len(stints), len(found.coverage or ()), warnings)


def _unknown(
    found: files.PlanFiles, stints: list[files.Stint], slot: int
) -> coverage.Unknown | None:
    """Where the roster rows that could not be used may have stood: everywhere without a
    roster, ``None`` when every row could be used."""
    if found.roster is None:
        return coverage.Unknown(everywhere=True)
    kept = {stint.line for stint in stints}
    unread = [
        *found.roster_unread,
        *(
            files.Unread(s.line, s.post, s.start, s.end)
            for s in found.roster or ()
            if s.line not in kept
        ),
    ]
    return coverage.Unknown.of(unread, slot) if unread else None


def _unused_rows(
    found: files.PlanFiles, stints: list[files.Stint], unknown: coverage.Unknown
) -> Violation:
    """The violation that says how many roster rows could not be used and what was therefore
    not compared."""
    unused = found.roster_rejected + len(found.roster or ()) - len(stints)
    rows = found.coverage or ()
    blind = sum(1 for row in rows if unknown.covers(row.post, row.start))
    return Violation(
        "files",
        files.ROSTER,
        f"{unused} row(s) could not be used, so cost and assignments were not compared, "
        f"nor assigned and shortfall of the {blind} coverage row(s) at the stations and "
        "slots they may touch",
    )


def _command_rules(
    scenario: Scenario,
    stints: list[files.Stint],
    people: dict[str, list[files.Stint]],
    presence: coverage.Presence,
    book: groups.TagBook,
    needed: handover.Needed | None,
) -> list[Violation]:
    """Supervision, no-handover windows, standing units and leaders, tagged stations."""
    return [
        *supervision.check_supervision(scenario, presence),
        *handover.check_no_handover(scenario, people, needed),
        *standing.check_units(scenario, stints),
        *tags.check_station_tags(scenario, stints, book),
    ]


def _forces_and_coverage(
    scenario: Scenario,
    found: files.PlanFiles,
    stints: list[files.Stint],
    people: dict[str, list[files.Stint]],
    book: groups.TagBook,
    presence: coverage.Presence,
    unknown: coverage.Unknown | None,
) -> list[Violation]:
    """Units, patrols and drones as listed, then the coverage table and the queues against
    the roster (not where ``unknown`` says unusable roster rows may have stood)."""
    slot = scenario.event.slot_minutes
    teams = planfile.listed_teams(found.plan)
    reported = {
        (row.post, row.group, t): row.shortfall
        for row in found.coverage or ()
        for t in range(row.start, row.end, slot)
    }
    violations = forces.check_forces(scenario, people, teams, reported, book)
    if found.coverage is None:
        return violations
    auto = forces.patrol_teams(scenario, forces.roster_labels(stints), teams)
    required = demand.required_staff(
        scenario,
        {k: len(v) for k, v in auto.items()},
        planfile.listed_pilots(found.plan, slot),
        _chosen_screening(scenario, found.coverage, found.plan),
    )
    violations += coverage.check_coverage(
        found.coverage, required, presence, slot, not found.coverage_rejected, unknown
    )
    violations += queues.check_queues(scenario, found.plan, presence, found.coverage, unknown)
    return violations


def _chosen_screening(
    scenario: Scenario, rows: list[files.CoverageRow], plan: object
) -> dict[tuple[str, int], int]:
    """The staff the plan provides for at screening posts with a wait target: plan.json's
    ``queues[].staff_required`` where given, else what coverage.csv requires."""
    picked = {
        (p.id, groups.group_name(p.screening.roles))
        for p in scenario.posts
        if p.screening is not None and p.screening.max_wait_minutes is not None
    }
    listed = queues.required_staff(scenario, plan, {post for post, _group in picked})
    if listed is not None:
        return listed
    return {(r.post, r.start): r.required for r in rows if (r.post, r.group) in picked}
