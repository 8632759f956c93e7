"""Rostering problem data, read from the Curtois & Qu shift-scheduling text format.

The format (``SECTION_HORIZON``, ``SECTION_SHIFTS``, ``SECTION_STAFF``, ``SECTION_DAYS_OFF``,
``SECTION_SHIFT_ON_REQUESTS``, ``SECTION_SHIFT_OFF_REQUESTS``, ``SECTION_COVER``; ``#``
comments; a blank line ends a section) is described in ``docs/rostering.md``. Every problem in
a file is reported at once as ``FILE:LINE: SECTION: what is wrong`` in one
:class:`~eventplan.errors.InputError`; after :func:`load` the data is trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from eventplan.errors import InputError, Problem
from eventplan.io.bounded import Refused, decode, read_capped
from eventplan.rostering.sections import Line, split_sections

#: The largest instance file read (the published ones are under 1 MB).
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ShiftType:
    """A kind of shift: its length and the kinds that may not follow it the next day."""

    id: str
    minutes: int
    not_followed_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Employee:
    """One person's contract (all hard rules)."""

    id: str
    max_shifts: Mapping[str, int]  # per shift type; a type not listed is not limited
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int


@dataclass(frozen=True, slots=True)
class Request:
    """A wish to work (on) or not to work (off) a shift on a day; ``weight`` when unmet."""

    employee: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True, slots=True)
class Cover:
    """How many people a shift needs on a day, and the price of each one short or over."""

    day: int
    shift: str
    requirement: int
    under_weight: int
    over_weight: int


@dataclass(frozen=True, slots=True)
class Instance:
    """A whole rostering problem; days are numbered from 0, day 0 a Monday."""

    name: str
    days: int
    shifts: tuple[ShiftType, ...]
    employees: tuple[Employee, ...]
    days_off: Mapping[str, frozenset[int]] = field(default_factory=dict)
    on_requests: tuple[Request, ...] = ()
    off_requests: tuple[Request, ...] = ()
    covers: tuple[Cover, ...] = ()

    def shift(self, shift_id: str) -> ShiftType:
        return next(s for s in self.shifts if s.id == shift_id)


def load(path: str | Path) -> Instance:
    """The instance in a file (``InputError`` naming every problem)."""
    path = Path(path)
    try:
        text = decode(read_capped(path, str(path), MAX_BYTES), str(path))
    except Refused as error:
        raise InputError(Problem(error.file, "", error.message, error.line)) from None
    return parse(text, str(path), name=path.stem)


def parse(text: str, file: str, name: str = "") -> Instance:
    """The instance written in ``text``; ``file`` names it in messages."""
    reader = _Reader(file)
    sections = split_sections(text, file, reader.problems)
    horizon = reader.horizon(sections.get("SECTION_HORIZON"))
    shifts = reader.shifts(sections.get("SECTION_SHIFTS", []))
    shift_ids = {s.id for s in shifts}
    reader.check_successors(shifts, sections.get("SECTION_SHIFTS", []))
    employees = reader.staff(sections.get("SECTION_STAFF", []), shift_ids)
    staff_ids = {e.id for e in employees}
    days_off = reader.days_off(sections.get("SECTION_DAYS_OFF", []), staff_ids, horizon)
    known = (staff_ids, shift_ids, horizon)
    on = reader.requests(sections.get("SECTION_SHIFT_ON_REQUESTS", []), *known)
    off = reader.requests(sections.get("SECTION_SHIFT_OFF_REQUESTS", []), *known)
    covers = reader.covers(sections.get("SECTION_COVER", []), shift_ids, horizon)
    if reader.problems:
        raise InputError(reader.problems)
    return Instance(name, horizon, shifts, employees, days_off, on, off, covers)


class _Reader:
    """Reads each section's lines, collecting problems instead of stopping at the first."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, line: Line, message: str) -> None:
        self.problems.append(Problem(self.file, line.section, message, line.number))

    def number(self, line: Line, text: str, what: str) -> int | None:
        text = text.strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 12:
            self.fail(line, f"{what} '{text[:40]}' is not a whole number")
            return None
        return int(text)

    def fields(self, line: Line, count: int, names: str) -> list[str] | None:
        cells = line.cells
        if len(cells) != count:
            self.fail(line, f"expected {count} fields ({names}), found {len(cells)}")
            return None
        return cells

    def horizon(self, lines: list[Line] | None) -> int:
        if not lines:
            self.problems.append(Problem(self.file, "SECTION_HORIZON", "missing or empty"))
            return 0
        for extra in lines[1:]:
            self.fail(extra, "the horizon is one number; this line is one too many")
        days = self.number(lines[0], lines[0].text, "the number of days")
        if days == 0:
            self.fail(lines[0], "the horizon must be at least one day")
        return days or 0

    def shifts(self, lines: list[Line]) -> tuple[ShiftType, ...]:
        if not lines:
            self.problems.append(Problem(self.file, "SECTION_SHIFTS", "missing or empty"))
        found: dict[str, ShiftType] = {}
        for line in lines:
            cells = self.fields(line, 3, "ShiftID, minutes, shifts that may not follow")
            if cells is None:
                continue
            shift_id, minutes = cells[0].strip(), self.number(line, cells[1], "the length")
            following = tuple(s.strip() for s in cells[2].split("|") if s.strip())
            if not shift_id:
                self.fail(line, "the shift ID is empty")
            elif shift_id in found:
                self.fail(line, f"shift '{shift_id}' is defined twice")
            elif minutes is not None:
                found[shift_id] = ShiftType(shift_id, minutes, following)
        return tuple(found.values())

    def check_successors(self, shifts: tuple[ShiftType, ...], lines: list[Line]) -> None:
        known = {s.id for s in shifts}
        for shift, line in zip(shifts, [ln for ln in lines if ln.cells], strict=False):
            for follower in shift.not_followed_by:
                if follower not in known:
                    self.fail(line, f"unknown shift '{follower}' among those after '{shift.id}'")

    def staff(self, lines: list[Line], shift_ids: set[str]) -> tuple[Employee, ...]:
        if not lines:
            self.problems.append(Problem(self.file, "SECTION_STAFF", "missing or empty"))
        names = (
            "ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, "
            "MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends"
        )
        found: dict[str, Employee] = {}
        for line in lines:
            cells = self.fields(line, 8, names)
            if cells is None:
                continue
            staff_id = cells[0].strip()
            limits = self.max_shifts(line, cells[1], shift_ids)
            numbers = [
                self.number(line, c, w)
                for c, w in zip(cells[2:], names.split(", ")[2:], strict=True)
            ]
            if not staff_id:
                self.fail(line, "the employee ID is empty")
            elif staff_id in found:
                self.fail(line, f"employee '{staff_id}' is defined twice")
            elif limits is not None and None not in numbers:
                employee = Employee(staff_id, limits, *numbers)  # type: ignore[arg-type]
                self.check_contract(line, employee)
                found[staff_id] = employee
        return tuple(found.values())

    def max_shifts(self, line: Line, text: str, shift_ids: set[str]) -> dict[str, int] | None:
        limits: dict[str, int] = {}
        for part in (p.strip() for p in text.split("|") if p.strip()):
            shift_id, equals, value = part.partition("=")
            count = self.number(line, value, f"the most shifts of '{shift_id.strip()}'")
            if not equals or count is None:
                if not equals:
                    self.fail(line, f"'{part[:40]}' should read ShiftID=count")
                return None
            if shift_id.strip() not in shift_ids:
                self.fail(line, f"unknown shift '{shift_id.strip()}' in MaxShifts")
                return None
            limits[shift_id.strip()] = count
        return limits

    def check_contract(self, line: Line, employee: Employee) -> None:
        if employee.min_minutes > employee.max_minutes:
            self.fail(line, "MinTotalMinutes is more than MaxTotalMinutes")
        if employee.max_consecutive < 1:
            self.fail(line, "MaxConsecutiveShifts must be at least 1")
        if employee.min_consecutive > employee.max_consecutive:
            self.fail(line, "MinConsecutiveShifts is more than MaxConsecutiveShifts")

    def days_off(
        self, lines: list[Line], staff_ids: set[str], horizon: int
    ) -> dict[str, frozenset[int]]:
        found: dict[str, set[int]] = {}
        for line in lines:
            staff_id = line.cells[0].strip()
            if staff_id not in staff_ids:
                self.fail(line, f"unknown employee '{staff_id}'")
                continue
            for cell in line.cells[1:]:
                day = self.number(line, cell, "the day")
                if day is not None and self.day_known(line, day, horizon):
                    found.setdefault(staff_id, set()).add(day)
        return {k: frozenset(v) for k, v in found.items()}

    def day_known(self, line: Line, day: int, horizon: int) -> bool:
        if horizon and day >= horizon:
            self.fail(line, f"day {day} is outside the horizon (days 0 to {horizon - 1})")
            return False
        return True

    def requests(
        self, lines: list[Line], staff_ids: set[str], shift_ids: set[str], horizon: int
    ) -> tuple[Request, ...]:
        found: list[Request] = []
        for line in lines:
            cells = self.fields(line, 4, "EmployeeID, Day, ShiftID, Weight")
            if cells is None:
                continue
            staff_id, shift_id = cells[0].strip(), cells[2].strip()
            day = self.number(line, cells[1], "the day")
            weight = self.number(line, cells[3], "the weight")
            if staff_id not in staff_ids:
                self.fail(line, f"unknown employee '{staff_id}'")
            elif shift_id not in shift_ids:
                self.fail(line, f"unknown shift '{shift_id}'")
            elif day is not None and weight is not None and self.day_known(line, day, horizon):
                found.append(Request(staff_id, day, shift_id, weight))
        return tuple(found)

    def covers(self, lines: list[Line], shift_ids: set[str], horizon: int) -> tuple[Cover, ...]:
        found: dict[tuple[int, str], Cover] = {}
        for line in lines:
            cells = self.fields(line, 5, "Day, ShiftID, Requirement, WeightUnder, WeightOver")
            if cells is None:
                continue
            day = self.number(line, cells[0], "the day")
            shift_id = cells[1].strip()
            rest = [self.number(line, c, w) for c, w in zip(cells[2:], _COVER_WORDS, strict=True)]
            if shift_id not in shift_ids:
                self.fail(line, f"unknown shift '{shift_id}'")
            elif day is None or None in rest or not self.day_known(line, day, horizon):
                continue
            elif (day, shift_id) in found:
                self.fail(line, f"a second cover for shift '{shift_id}' on day {day}")
            else:
                found[day, shift_id] = Cover(day, shift_id, *rest)  # type: ignore[arg-type]
        return tuple(found.values())


_COVER_WORDS = ("the requirement", "the weight for under", "the weight for over")
