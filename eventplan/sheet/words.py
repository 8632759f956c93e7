"""The duty sheet's own words, one JSON file per language in ``i18n/``, and role labels.

Names from the scenario and the plan are shown as written. A role is named as the terminal
and the map name it (:func:`eventplan.i18n.role_label`): by its label in the scenario when
that is written in the sheet's language, else by the built-in word for its id (``police``
民警, ``auxiliary`` 辅警, ...), else by its label or id. The plan's status, the priorities and
the causes of shortfalls are the command line's words (:class:`eventplan.i18n.Texts`).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from eventplan.errors import InputError
from eventplan.i18n import LANGUAGES, Texts, role_label
from eventplan.scenario import Scenario


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


def fill(template: str, **values: object) -> str:
    """Fill ``{name}`` fields, leaving unknown ones as they are."""
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


def role_labels(scenario: Scenario, lang: str) -> dict[str, str]:
    """The name of every role of the scenario in ``lang`` (see the module's docstring)."""
    return {rid: role_label(rid, role.label, lang) for rid, role in scenario.roles.items()}


def command_texts(scenario: Scenario, lang: str) -> Texts:
    """The command line's words in ``lang``, naming the scenario's roles."""
    return Texts(lang, {rid: role.label for rid, role in scenario.roles.items()})
