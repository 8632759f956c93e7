"""How the commands show input problems to the user."""

from __future__ import annotations

import sys

from eventplan.errors import InputError


def print_problems(error: InputError) -> None:
    """Print every problem of an input error to stderr, errors before warnings."""
    for problem in sorted(error.problems, key=lambda p: p.severity != "error"):
        print(problem, file=sys.stderr)
