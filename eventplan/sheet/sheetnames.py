"""Worksheet names Excel accepts: at most 31 characters, none of ``[]:*?/\\``, not beginning
or ending with an apostrophe, not ``History``, and unique regardless of case."""

from __future__ import annotations

import re

MAX_CHARS = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
#: Excel keeps this name for itself.
RESERVED = "history"


def _utf16_length(text: str) -> int:
    """Excel counts a name's length in UTF-16 code units (a character beyond the BMP is two)."""
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, limit: int) -> str:
    while _utf16_length(text) > limit:
        text = text[:-1]
    return text


def valid_name(title: str, fallback: str = "Sheet") -> str:
    """``title`` made into a valid worksheet name (not yet unique); a long title loses its
    part in brackets first, then its end."""
    name = " ".join(_FORBIDDEN.sub(" ", title).split())
    if _utf16_length(name) > MAX_CHARS and " (" in name:  # "新城区辅警大队 (District ...)"
        name = name.split(" (", 1)[0]
    name = _cut(name, MAX_CHARS).strip().strip("'").strip()
    if not name:
        name = fallback
    if name.lower() == RESERVED:
        name += "_"
    return name


class SheetNames:
    """Hands out valid worksheet names, each different from those before it."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def add(self, title: str) -> str:
        """A valid name for ``title``, numbered ``(2)``, ``(3)``... when already taken."""
        base = valid_name(title)
        name, number = base, 1
        while name.lower() in self._taken:
            number += 1
            suffix = f" ({number})"
            name = _cut(base, MAX_CHARS - len(suffix)).rstrip().rstrip("'") + suffix
        self._taken.add(name.lower())
        return name
