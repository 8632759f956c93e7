"""How evenly the period's load falls: per role and organisation, the spread and the Gini
coefficient of hours, overtime, weekends and nights per person (everyone counted, including
those who worked nothing)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from eventplan.calendar.history import Assignment, weekend_of
from eventplan.calendar.loader import LoadedCalendar

MEASURES = ("hours", "overtime_hours", "weekends", "nights")


def gini(values: Sequence[float]) -> float:
    """The Gini coefficient: 0 when all are equal, towards 1 when one has everything.

    Examples
    --------
    >>> gini([1, 1, 1]), gini([0, 0, 3])
    (0.0, 0.6666666666666666)
    """
    total = sum(values)
    if not values or total == 0:
        return 0.0
    ordered = sorted(values)
    n = len(ordered)
    weighted = sum((2 * (i + 1) - n - 1) * v for i, v in enumerate(ordered))
    return weighted / (n * total)


def per_person(
    loaded: LoadedCalendar, assignments: Iterable[Assignment], first: date
) -> dict[str, dict[str, float]]:
    """Each person's hours, overtime hours (over their normal week, weeks from ``first``),
    weekends and nights worked."""
    totals = {p.id: dict.fromkeys(MEASURES, 0.0) for p in loaded.people}
    weeks: dict[tuple[str, int], int] = defaultdict(int)
    weekends: dict[str, set[date]] = defaultdict(set)
    for a in assignments:
        totals[a.person]["hours"] += a.minutes / 60
        totals[a.person]["nights"] += a.night
        weeks[a.person, (a.day - first).days // 7] += a.minutes
        saturday = weekend_of(a.day)
        if saturday is not None:
            weekends[a.person].add(saturday)
    normal = {
        p.id: loaded.calendar.contracts[p.contract].hours_per_week * 60 for p in loaded.people
    }
    for (pid, _), minutes in weeks.items():
        totals[pid]["overtime_hours"] += max(0.0, minutes - normal[pid]) / 60
    for pid, saturdays in weekends.items():
        totals[pid]["weekends"] = len(saturdays)
    return totals


def fairness_rows(
    loaded: LoadedCalendar, assignments: Iterable[Assignment], first: date
) -> list[dict[str, object]]:
    """One row per role, organisation and measure: people, min, max, mean and Gini."""
    totals = per_person(loaded, assignments, first)
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for person in loaded.people:
        groups[person.role, person.organisation].append(person.id)
    rows: list[dict[str, object]] = []
    for (role, organisation), members in sorted(groups.items()):
        for measure in MEASURES:
            values = [totals[pid][measure] for pid in members]
            rows.append(
                {
                    "role": role,
                    "organisation": organisation,
                    "measure": measure,
                    "people": len(values),
                    "min": round(min(values), 2),
                    "max": round(max(values), 2),
                    "mean": round(sum(values) / len(values), 2),
                    "gini": round(gini(values), 4),
                }
            )
    return rows
