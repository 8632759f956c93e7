"""Reading values out of a plan that may be older, newer or hand-edited: anything of the wrong
shape reads as nothing rather than failing the whole map."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def entries(value: Any) -> list[Mapping[str, Any]]:
    """The mappings of a list (anything else reads as an empty list)."""
    if not isinstance(value, list | tuple):
        return []
    return [v for v in value if isinstance(v, Mapping)]


def section(value: Any) -> Mapping[str, Any]:
    """A mapping, or an empty one."""
    return value if isinstance(value, Mapping) else {}


def number(value: Any) -> float | None:
    """A finite number rounded to 3 decimals, or None (for null, text, NaN or infinity)."""
    if isinstance(value, bool):
        return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    if result != result or result in (float("inf"), float("-inf")):
        return None
    return round(result, 3)


def texts(value: Any) -> list[str]:
    """A list of texts: the items of a list as text, or one text alone."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list | tuple):
        return []
    return [str(v) for v in value if v is not None]
