"""Bounds on what a scenario document may hold, shared by the readers of every format.

The bounds are read when a check runs (``limits.MAX_VALUES``), so that tests can lower them.
"""

from __future__ import annotations

from typing import Any

from eventplan.errors import InputError, Problem

#: Most mappings and lists inside one another; real scenario files need fewer than 10.
MAX_DEPTH = 64
#: Most values (mappings, lists, keys and scalars) a document may hold once YAML aliases
#: are followed. Reading stops early at this bound, so a huge file cannot tie up memory and time.
MAX_VALUES = 2_000_000
#: Longest number accepted, in characters; longer ones are typing accidents or attacks.
MAX_NUMBER_CHARS = 100

_TOO_LONG = 10**MAX_NUMBER_CHARS


def check_shape(document: Any, name: str) -> None:
    """Refuse documents nested too deep, holding too many values, or numbers too long."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    count = 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise InputError(too_many(name))
        if type(value) is int and abs(value) >= _TOO_LONG:  # TOML has no hook for integers
            raise InputError(
                Problem(name, "", f"a number is too long (more than {MAX_NUMBER_CHARS} digits)")
            )
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise InputError(too_deep(name))
            children = value.values() if isinstance(value, dict) else value
            count += len(value) if isinstance(value, dict) else 0  # keys count, as in YAML
            stack.extend((child, depth + 1) for child in children)


def too_deep(name: str, line: int | None = None) -> Problem:
    """The problem of a document nested deeper than :data:`MAX_DEPTH`."""
    return Problem(name, "", f"nesting is too deep (limit {MAX_DEPTH} levels)", line)


def too_many(name: str) -> Problem:
    """The problem of a document holding more than :data:`MAX_VALUES` values."""
    return Problem(
        name, "", f"the document holds too many values (over {MAX_VALUES:,}); is it a scenario?"
    )
