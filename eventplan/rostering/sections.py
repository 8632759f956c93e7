"""Splitting an instance file into its sections of comma-separated lines."""

from __future__ import annotations

from dataclasses import dataclass

from eventplan.errors import Problem

SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)


@dataclass(frozen=True, slots=True)
class Line:
    """One data line: the section it is in, its 1-based number, its text and its fields."""

    section: str
    number: int
    text: str

    @property
    def cells(self) -> list[str]:
        return self.text.split(",")


def split_sections(text: str, file: str, problems: list[Problem]) -> dict[str, list[Line]]:
    """The data lines of each section; a blank line ends a section, ``#`` starts a comment.

    Unknown section names, repeated sections and data outside any section are added to
    ``problems``.
    """
    sections: dict[str, list[Line]] = {}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#"):
            continue
        if not line:
            current = None
        elif line.startswith("SECTION_"):
            current = _open(line, number, file, sections, problems)
        elif current is None:
            problems.append(Problem(file, "", f"'{line[:40]}' is outside any section", number))
        elif current:
            sections[current].append(Line(current, number, line))
    return sections


def _open(
    name: str, number: int, file: str, sections: dict[str, list[Line]], problems: list[Problem]
) -> str:
    """The section a header line opens ('' to skip the lines of a bad one)."""
    if name not in SECTIONS:
        known = ", ".join(SECTIONS)
        problems.append(
            Problem(file, "", f"unknown section '{name[:40]}' (known: {known})", number)
        )
        return ""
    if name in sections:
        problems.append(Problem(file, name, "the section appears twice", number))
        return ""
    sections[name] = []
    return name
