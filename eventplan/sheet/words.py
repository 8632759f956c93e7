"""The duty sheet's own words, one JSON file per language in ``i18n/``, and role labels.

Names from the scenario and the plan are shown as written. A role is shown by its label in the
scenario; in Chinese, a role whose label is missing or has no Chinese in it is shown by the
built-in vocabulary of common role ids (``i18n/roles_zh.json``) when it has an entry there.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib.resources import files

from eventplan.errors import InputError
from eventplan.scenario import Scenario

LANGUAGES: tuple[str, ...] = ("en", "zh")


@cache
def _load(name: str) -> dict[str, str]:
    text = (files("eventplan.sheet") / "i18n" / name).read_text(encoding="utf-8")
    return dict(json.loads(text))


def texts(lang: str) -> dict[str, str]:
    """All words of the sheet in a language (``en`` or ``zh``).

    Raises
    ------
    InputError
        For a language the sheet has no words for.
    """
    if lang not in LANGUAGES:
        raise InputError(f"unknown language '{lang}' (available: {', '.join(LANGUAGES)})")
    return dict(_load(f"{lang}.json"))


def role_vocabulary(lang: str) -> dict[str, str]:
    """Built-in labels of common role ids in a language (empty when it has none)."""
    if lang == "en":
        return {}
    return dict(_load(f"roles_{lang}.json"))


def fill(template: str, **values: object) -> str:
    """Fill ``{name}`` fields, leaving unknown ones as they are."""
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese, Japanese or Korean character."""
    return any(unicodedata.east_asian_width(ch) in "WF" and ch.isalpha() for ch in text)


def role_labels(scenario: Scenario, lang: str) -> dict[str, str]:
    """The label of every role of the scenario in ``lang`` (see the module's docstring)."""
    vocabulary = role_vocabulary(lang)
    labels = {}
    for role_id, role in scenario.roles.items():
        label = role.label or ""
        if lang != "en" and not has_cjk(label) and role_id in vocabulary:
            label = vocabulary[role_id]
        labels[role_id] = label or role_id
    return labels
