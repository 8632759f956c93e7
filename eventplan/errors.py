"""Error types shared by every layer.

Input problems are collected as :class:`Problem` records and raised together in one
:class:`InputError`, so that a planner sees every mistake in a file at once. The CLI turns an
``InputError`` into a list of messages and exit code 2; nothing else in the package prints.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a user-supplied file.

    Parameters
    ----------
    file
        The file name as the user gave it.
    path
        Where in the document, e.g. ``posts[3].needs[0].roles[1]``; empty for the whole file.
    message
        What is wrong, in words a planner understands.
    line
        1-based line in the file, when known.
    severity
        ``"error"`` or ``"warning"``; warnings do not make a file invalid.
    """

    file: str
    path: str
    message: str
    line: int | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "warning: " if self.severity == "warning" else ""
        return (
            f"{where}: {self.path}: {prefix}{self.message}"
            if self.path
            else (f"{where}: {prefix}{self.message}")
        )


class InputError(Exception):
    """Invalid user input: one or more problems, reported together (exit code 2)."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
