"""``check_plan``: every check of a plan folder against its scenario, in one pass."""

from __future__ import annotations

from pathlib import Path

from eventplan.checker import coverage, demand, files, forces, planfile, roster, shifts
from eventplan.checker.report import CheckReport, Violation
from eventplan.errors import InputError, Problem
from eventplan.scenario.model import Scenario


def check_plan(scenario: Scenario, plan_dir: str | Path) -> CheckReport:
    """Re-verify a plan folder (``plan.json``, ``roster.csv``, ``coverage.csv``) from scratch.

    The plan is read from its files only and every figure is recomputed from the scenario and
    the roster; nothing of the solver is used. A broken folder gives violations, not errors.

    Parameters
    ----------
    scenario
        The scenario the plan was made for.
    plan_dir
        The folder ``eventplan solve`` wrote.

    Returns
    -------
    CheckReport
        Every violation found (``ok`` when there is none) and the counts checked.

    Raises
    ------
    InputError
        When ``plan_dir`` is not a folder.
    """
    folder = Path(plan_dir)
    if not folder.is_dir():
        raise InputError(Problem(str(plan_dir), "", "no such plan folder"))
    slot = scenario.event.slot_minutes
    found = files.read_plan_dir(folder, slot)
    violations = found.violations
    rows = found.roster or []
    stints, problems = roster.usable_stints(scenario, rows)
    violations += problems
    # Totals (assigned, shortfall, cost, assignments) are compared only with a whole roster.
    whole = found.roster is not None and not found.roster_rejected and len(stints) == len(rows)
    if found.roster is not None and not whole:
        violations.append(
            Violation(
                "files",
                files.ROSTER,
                f"{found.roster_rejected + len(rows) - len(stints)} row(s) "
                "could not be used, so coverage figures, cost and assignments were not compared",
            )
        )
    people = shifts.by_person(stints)
    all_shifts = shifts.shifts(scenario, people)
    violations += shifts.overlaps(people)
    violations += shifts.check_shifts(scenario, all_shifts)
    violations += _forces_and_coverage(scenario, found, stints, people, whole)
    if found.plan is not None:
        violations += planfile.check_plan_json(
            scenario,
            found.plan,
            rows if whole else None,
            shifts.cost(scenario, all_shifts) if whole else None,
        )
    return CheckReport(violations, len(people), len(stints), len(found.coverage or ()))


def _forces_and_coverage(
    scenario: Scenario,
    found: files.PlanFiles,
    stints: list[files.Stint],
    people: dict[str, list[files.Stint]],
    whole: bool,
) -> list[Violation]:
    """Units, patrols and drones as listed, then the coverage table against the roster."""
    slot = scenario.event.slot_minutes
    teams = planfile.listed_teams(found.plan)
    reported = {
        (row.post, row.group, t): row.shortfall
        for row in found.coverage or ()
        for t in range(row.start, row.end, slot)
    }
    violations = forces.check_forces(scenario, people, teams, reported)
    if found.coverage is not None:
        auto = forces.patrol_teams(scenario, forces.roster_labels(stints), teams)
        required = demand.required_staff(
            scenario, {k: len(v) for k, v in auto.items()}, planfile.listed_pilots(found.plan, slot)
        )
        presence = coverage.Presence(people, slot) if whole else None
        violations += coverage.check_coverage(
            found.coverage, required, presence, slot, complete=not found.coverage_rejected
        )
    return violations
