"""How evenly the period's load falls: per role and organisation, the spread and the Gini
coefficient of hours, overtime, weekends and nights per person (everyone counted, including
those who worked nothing); what the archive's ledger carries in is shown apart, then with
the plan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from eventplan.calendar.carried import Carried, week_of
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
    loaded: LoadedCalendar, assignments: Iterable[Assignment], carried: Carried | None = None
) -> dict[str, dict[str, float]]:
    """Each person's planned hours, overtime hours, weekends and nights.

    Overtime is counted per contract week (Monday to Sunday) over the normal week; a week
    that began before the period counts what the archive has in it first, so the plan's
    overtime is only what it adds.
    """
    totals = {p.id: dict.fromkeys(MEASURES, 0.0) for p in loaded.people}
    weeks: dict[tuple[str, date], int] = defaultdict(int)
    weekends: dict[str, set[date]] = defaultdict(set)
    for a in assignments:
        totals[a.person]["hours"] += a.minutes / 60
        totals[a.person]["nights"] += a.night
        weeks[a.person, week_of(a.day)] += a.minutes
        saturday = weekend_of(a.day)
        if saturday is not None:
            weekends[a.person].add(saturday)
    normal = _normal(loaded)
    earlier = {p.id: carried.week_minutes(p.id) for p in loaded.people} if carried else {}
    for (pid, monday), minutes in weeks.items():
        done = earlier.get(pid, {}).get(monday, 0)
        added = max(0, done + minutes - normal[pid]) - max(0, done - normal[pid])
        totals[pid]["overtime_hours"] += added / 60
    for pid, saturdays in weekends.items():
        totals[pid]["weekends"] = len(saturdays)
    return totals


def carried_per_person(loaded: LoadedCalendar, carried: Carried) -> dict[str, dict[str, float]]:
    """Each person's figures from the archive, from :attr:`Carried.since` to the day before
    the period: hours, overtime hours of those weeks, weekends and nights."""
    normal = _normal(loaded)
    totals = {p.id: dict.fromkeys(MEASURES, 0.0) for p in loaded.people}
    for pid, figures in totals.items():
        counted = [s for s in carried.of(pid) if s.day >= carried.since]
        weeks: dict[date, int] = defaultdict(int)
        for stretch in counted:
            weeks[week_of(stretch.day)] += stretch.minutes
        figures["hours"] = sum(s.minutes for s in counted) / 60
        figures["overtime_hours"] = sum(max(0, m - normal[pid]) for m in weeks.values()) / 60
        figures["weekends"] = len({weekend_of(s.day) for s in counted} - {None})
        figures["nights"] = carried.nights(pid, carried.since)
    return totals


def fairness_rows(
    loaded: LoadedCalendar, assignments: Iterable[Assignment], carried: Carried | None = None
) -> list[dict[str, object]]:
    """One row per role, organisation, measure and part: people, min, max, the spread (max
    less min), mean and Gini.

    The part is ``planned`` (the period); with a ledger from the archive also ``carried``
    (what it says people worked since :attr:`Carried.since`) and ``total`` (the two
    together; a weekend both in the archive and in the plan counts once).
    """
    assignments = list(assignments)
    parts = {"planned": per_person(loaded, assignments, carried)}
    if carried is not None:
        parts["carried"] = carried_per_person(loaded, carried)
        parts["total"] = _together(loaded, assignments, carried, parts)
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for person in loaded.people:
        groups[person.role, person.organisation].append(person.id)
    rows: list[dict[str, object]] = []
    for (role, organisation), members in sorted(groups.items()):
        for measure in MEASURES:
            for part, totals in parts.items():
                values = [totals[pid][measure] for pid in members]
                rows.append(
                    {
                        "role": role,
                        "organisation": organisation,
                        "measure": measure,
                        "part": part,
                        "people": len(values),
                        "min": round(min(values), 2),
                        "max": round(max(values), 2),
                        "spread": round(max(values) - min(values), 2),
                        "mean": round(sum(values) / len(values), 2),
                        "gini": round(gini(values), 4),
                    }
                )
    return rows


def _together(
    loaded: LoadedCalendar,
    assignments: list[Assignment],
    carried: Carried,
    parts: dict[str, dict[str, dict[str, float]]],
) -> dict[str, dict[str, float]]:
    """Carried plus planned; weekends as the distinct weekends of both."""
    saturdays: dict[str, set[date | None]] = defaultdict(set)
    for a in assignments:
        saturdays[a.person].add(weekend_of(a.day))
    for p in loaded.people:
        saturdays[p.id] |= {weekend_of(s.day) for s in carried.of(p.id) if s.day >= carried.since}
    together = {}
    for p in loaded.people:
        planned, before = parts["planned"][p.id], parts["carried"][p.id]
        figures = {measure: planned[measure] + before[measure] for measure in MEASURES}
        figures["weekends"] = len(saturdays[p.id] - {None})
        together[p.id] = figures
    return together


def _normal(loaded: LoadedCalendar) -> dict[str, float]:
    contracts = loaded.calendar.contracts
    return {p.id: contracts[p.contract].hours_per_week * 60 for p in loaded.people}
