"""Contracts that cannot be met whatever the others do, named before any search.

A person's minimum minutes must fit in the shifts their own limits allow: the days not off,
the most shifts of each type, the most minutes. When they cannot, the instance is infeasible
and the reason is a sentence, not a solver status.
"""

from __future__ import annotations

from collections.abc import Iterator

from eventplan.rostering.instance import Employee, Instance


def contract_conflicts(instance: Instance) -> Iterator[str]:
    """One sentence per employee whose own contract cannot be met."""
    for employee in instance.employees:
        most = most_minutes(instance, employee)
        if most < employee.min_minutes:
            yield (
                f"employee {employee.id}: at most {most} minutes can be worked "
                f"({_limits(instance, employee)}), less than MinTotalMinutes "
                f"{employee.min_minutes}"
            )


def most_minutes(instance: Instance, employee: Employee) -> int:
    """The most minutes the employee's own limits allow (longest shifts first)."""
    free_days = instance.days - len(instance.days_off.get(employee.id, ()))
    total = 0
    for shift in sorted(instance.shifts, key=lambda s: -s.minutes):
        count = min(free_days, employee.max_shifts.get(shift.id, instance.days))
        total += count * shift.minutes
        free_days -= count
    return min(total, employee.max_minutes)


def _limits(instance: Instance, employee: Employee) -> str:
    shown = ", ".join(
        f"{shift.id} at most {employee.max_shifts.get(shift.id, instance.days)} x "
        f"{shift.minutes} min"
        for shift in instance.shifts
    )
    off = len(instance.days_off.get(employee.id, ()))
    return f"{shown}; {off} of {instance.days} days off"
