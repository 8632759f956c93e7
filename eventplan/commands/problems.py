"""How the commands show input problems to the user, in the language asked for."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from eventplan.errors import InputError, Problem
from eventplan.i18n import Texts


def problem_text(problem: Problem, t: Texts) -> str:
    """One problem as ``FILE:LINE: path: message``, the message in the language of ``t``."""
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    message = t.message(problem.message)
    if problem.severity == "warning":
        message = t("problem.warning", message=message)
    if problem.path:
        return t("problem.at", where=where, path=problem.path, message=message)
    return t("problem.whole", where=where, message=message)


def print_problems(error: InputError | Iterable[Problem], t: Texts | None = None) -> None:
    """Print every problem to stderr, errors before warnings (English without ``t``)."""
    t = t or Texts()
    problems = error.problems if isinstance(error, InputError) else list(error)
    for problem in sorted(problems, key=lambda p: p.severity != "error"):
        print(problem_text(problem, t), file=sys.stderr)
