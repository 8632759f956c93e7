"""An independent check of a roster against a Curtois & Qu instance file.

This module shares no code with the reader or the model of :mod:`eventplan.rostering` (an
import-linter contract keeps it so): it reads the instance text itself, walks the roster day
by day and recomputes the objective as the benchmark defines it, the sum of

- cover: ``WeightUnder`` per person short and ``WeightOver`` per person over, per day and shift;
- shift-on requests: ``Weight`` when the person does not work that shift that day;
- shift-off requests: ``Weight`` when the person works that shift that day;

and lists every broken hard rule: unknown people or shifts, days off worked, most shifts per
type, total minutes, most and least consecutive shifts, least consecutive days off, most
weekends worked, forbidden successions. Runs of work or rest that touch the horizon's first or
last day may be shorter than their minimum.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class Verdict:
    """The recomputed objective, its parts and the broken hard rules (empty when none)."""

    objective: int = 0
    parts: dict[str, int] = field(default_factory=lambda: {"cover": 0, "on": 0, "off": 0})
    violations: list[str] = field(default_factory=list)

    @property
    def feasible(self) -> bool:
        return not self.violations


def verify(instance_text: str, roster: Mapping[str, Sequence[str | None]]) -> Verdict:
    """Check ``roster`` (employee id -> shift id or ``None`` per day) against the instance."""
    data = _read(instance_text)
    verdict = Verdict()
    days = int(data["SECTION_HORIZON"][0][0])
    lengths = {row[0]: int(row[1]) for row in data["SECTION_SHIFTS"]}
    banned = {(row[0], nxt) for row in data["SECTION_SHIFTS"] for nxt in row[2].split("|") if nxt}
    staff = {row[0]: row for row in data["SECTION_STAFF"]}
    for person in roster:
        if person not in staff:
            verdict.violations.append(f"{person}: not an employee of the instance")
    for person, row in staff.items():
        line = list(roster.get(person, [None] * days))
        if len(line) != days:
            verdict.violations.append(f"{person}: {len(line)} days in the roster, not {days}")
            line = (line + [None] * days)[:days]
        for day, shift in enumerate(line):
            if shift is not None and shift not in lengths:
                verdict.violations.append(f"{person} day {day}: unknown shift '{shift}'")
                line[day] = None
        _contract(verdict, person, row, line, lengths, banned)
        _days_off(verdict, person, line, data)
    _penalties(verdict, roster, data, days)
    verdict.objective = sum(verdict.parts.values())
    return verdict


def _read(text: str) -> dict[str, list[list[str]]]:
    data: dict[str, list[list[str]]] = {}
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            continue
        if not line:
            section = ""
        elif line.startswith("SECTION_"):
            section = line
            data[section] = []
        elif section:
            data[section].append([cell.strip() for cell in line.split(",")])
    return data


def _contract(
    verdict: Verdict,
    person: str,
    row: list[str],
    line: list[str | None],
    lengths: dict[str, int],
    banned: set[tuple[str, str]],
) -> None:
    fail = verdict.violations.append
    most_max, most_minutes, least_minutes, most_run, least_run, least_rest, most_weekends = (
        row[1],
        *(int(v) for v in row[2:8]),
    )
    for item in filter(None, most_max.split("|")):
        shift, _, limit = item.partition("=")
        count = sum(1 for s in line if s == shift)
        if count > int(limit):
            fail(f"{person}: {count} shifts of {shift}, more than MaxShifts {limit}")
    minutes = sum(lengths[s] for s in line if s is not None)
    if not least_minutes <= minutes <= most_minutes:
        fail(f"{person}: {minutes} minutes, outside {least_minutes} to {most_minutes}")
    for working, start, length in _runs(line):
        touches_edge = start == 0 or start + length == len(line)
        if working and length > most_run:
            fail(f"{person}: {length} shifts in a row from day {start}, more than {most_run}")
        if working and length < least_run and not touches_edge:
            fail(f"{person}: {length} shifts in a row from day {start}, fewer than {least_run}")
        if not working and length < least_rest and not touches_edge:
            fail(f"{person}: {length} days off in a row from day {start}, fewer than {least_rest}")
    weekends = {d // 7 for d, s in enumerate(line) if s is not None and d % 7 in (5, 6)}
    if len(weekends) > most_weekends:
        fail(f"{person}: {len(weekends)} weekends worked, more than {most_weekends}")
    for day in range(len(line) - 1):
        if (line[day], line[day + 1]) in banned:
            fail(f"{person} day {day + 1}: {line[day + 1]} may not follow {line[day]}")


def _runs(line: list[str | None]) -> list[tuple[bool, int, int]]:
    """(working, first day, length) of each maximal run of work or of rest."""
    runs: list[tuple[bool, int, int]] = []
    for day, shift in enumerate(line):
        working = shift is not None
        if runs and runs[-1][0] == working:
            runs[-1] = (working, runs[-1][1], runs[-1][2] + 1)
        else:
            runs.append((working, day, 1))
    return runs


def _days_off(
    verdict: Verdict, person: str, line: list[str | None], data: dict[str, list[list[str]]]
) -> None:
    for row in data.get("SECTION_DAYS_OFF", []):
        if row[0] != person:
            continue
        for day in (int(d) for d in row[1:] if d):
            if line[day] is not None:
                verdict.violations.append(f"{person} day {day}: works on a day off")


def _penalties(
    verdict: Verdict,
    roster: Mapping[str, Sequence[str | None]],
    data: dict[str, list[list[str]]],
    days: int,
) -> None:
    def works(person: str, day: int, shift: str) -> bool:
        line = roster.get(person, ())
        return day < len(line) and line[day] == shift

    for person, day, shift, weight in data.get("SECTION_SHIFT_ON_REQUESTS", []):
        if not works(person, int(day), shift):
            verdict.parts["on"] += int(weight)
    for person, day, shift, weight in data.get("SECTION_SHIFT_OFF_REQUESTS", []):
        if works(person, int(day), shift):
            verdict.parts["off"] += int(weight)
    for day, shift, need, under, over in data.get("SECTION_COVER", []):
        count = sum(1 for person in roster if works(person, int(day), shift))
        short, extra = max(0, int(need) - count), max(0, count - int(need))
        verdict.parts["cover"] += short * int(under) + extra * int(over)
