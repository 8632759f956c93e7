"""Interface text of the map, one JSON file per language beside this module.

Only the map's own words are translated; names from the scenario and the plan are shown as
written. ``{n}``-style fields are filled in by the page script or by :func:`fill`. Every
language file has the same keys, and each text the same fields as its English one.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from eventplan.errors import InputError

LANGUAGES: tuple[str, ...] = ("en", "zh")


@cache
def _load(lang: str) -> dict[str, str]:
    text = files(__name__).joinpath(f"{lang}.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def texts(lang: str) -> dict[str, str]:
    """All interface strings of a language (``en`` or ``zh``).

    Raises
    ------
    InputError
        For a language the map has no text for.
    """
    if lang not in LANGUAGES:
        raise InputError(f"unknown map language '{lang}' (available: {', '.join(LANGUAGES)})")
    return dict(_load(lang))


def fill(template: str, **values: object) -> str:
    """Fill ``{name}`` fields, leaving unknown ones as they are."""
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out
