"""What a check finds: a place in the document, a message, and how serious it is."""

from __future__ import annotations

from typing import NamedTuple

Place = tuple[str | int, ...]
#: place in the document (keys and indexes) -> 1-based line
LineMap = dict[Place, int]


class Finding(NamedTuple):
    """One cross-document problem.

    ``ref`` names the kind and id of an unknown reference, and ``whole`` marks findings about
    whole lists (sums, counts, the venue graph): the loader needs both to cross-check a
    document some of whose items it had to set aside as invalid.
    """

    path: Place
    message: str
    severity: str = "error"
    ref: tuple[str, str] | None = None
    whole: bool = False


def error(path: Place, message: str, *, whole: bool = False) -> Finding:
    return Finding(path, message, "error", whole=whole)


def warning(path: Place, message: str) -> Finding:
    return Finding(path, message, "warning")


def shorten(value: object, limit: int = 40) -> str:
    """A value as it appears in a message: its repr, cut short (input may be huge)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def format_path(path: Place) -> str:
    """``("posts", 3, "needs", 0)`` -> ``posts[3].needs[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
