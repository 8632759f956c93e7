"""The catalogs of the command line: one JSON file per language beside this module.

A language file holds

``texts``
    the commands' own lines by key (``"summary.solver": "  solver    {status}, ..."``);
    every language has the same keys, each text the same ``{fields}`` as its English one.
``terms``
    English words that messages build in (``role``, ``a post``) and their translation.
``lists``
    how the language joins lists and alternatives.
``messages``
    English message patterns and their translations, grouped by where the messages come
    from (see :mod:`eventplan.i18n.patterns`); English itself has none.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from eventplan.i18n.patterns import MessageCatalog, fill
from eventplan.i18n.roles import role_label

LANGUAGES: tuple[str, ...] = ("en", "zh")
DEFAULT_LANGUAGE = "en"
#: The environment variable that sets the default of ``--lang``.
LANGUAGE_VARIABLE = "EVENTPLAN_LANG"


@cache
def catalog_data(lang: str) -> dict[str, Any]:
    """The parsed language file (``en.json``, ``zh.json``)."""
    text = files(__package__).joinpath(f"{lang}.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


@cache
def _messages(lang: str) -> MessageCatalog:
    data = catalog_data(lang)
    patterns = {
        source: target
        for group in data.get("messages", {}).values()
        for source, target in group.items()
    }
    return MessageCatalog(patterns, data.get("terms", {}), data.get("lists", {}))


def language(text: str) -> str:
    """A language as ``--lang`` or ``EVENTPLAN_LANG`` give it (``zh``, ``zh-CN``, ``en_GB``).

    Raises
    ------
    ValueError
        For a language eventplan has no catalog for.
    """
    base = text.strip().lower().replace("_", "-").split("-")[0].split(".")[0]
    if base not in LANGUAGES:
        raise ValueError(f"unknown language {text!r} (available: {', '.join(LANGUAGES)})")
    return base


def default_language() -> str:
    """``EVENTPLAN_LANG`` when set, else English; checked where it is used (``--lang``)."""
    return os.environ.get(LANGUAGE_VARIABLE, "").strip() or DEFAULT_LANGUAGE


class Texts:
    """The words of one language, for one scenario's roles.

    Parameters
    ----------
    lang
        ``en`` or ``zh``.
    roles
        Role id -> the scenario's label (or None): how roles are named in this language.

    Examples
    --------
    >>> t = Texts("zh", {"police": "Police officer"})
    >>> t.role("police"), t("priority.critical")
    ('民警', '关键')
    """

    def __init__(
        self, lang: str = DEFAULT_LANGUAGE, roles: Mapping[str, str | None] | None = None
    ) -> None:
        self.lang = language(lang)
        roles = roles or {}
        data = catalog_data(self.lang)
        self.texts: dict[str, str] = data["texts"]
        self.terms: dict[str, str] = data.get("terms", {})
        self.lists: dict[str, str] = data["lists"]
        self._roles = {rid: role_label(rid, label, self.lang) for rid, label in roles.items()}
        # A message may name a role by its label: both lead to the role's name here.
        self._names = dict(self._roles)
        for rid, label in roles.items():
            if label:
                self._names.setdefault(label, self._roles[rid])

    def __call__(self, key: str, **values: object) -> str:
        """The text of ``key`` with its fields filled."""
        return fill(self.texts[key], **values)

    def get(self, key: str, default: str) -> str:
        """The text of ``key`` without fields, or ``default`` when the catalog has none."""
        return self.texts.get(key, default)

    def message(self, text: str) -> str:
        """A finished English message in this language (English: as it is)."""
        if self.lang == DEFAULT_LANGUAGE:
            return text
        return _messages(self.lang).translate(text, self.role)

    def role(self, name: str) -> str:
        """A role (by id or by its scenario label) as this language names it.

        English shows a role as the message or the plan has it (the id the planner wrote);
        another language shows its label in that language (see :func:`role_label`).
        """
        if self.lang == DEFAULT_LANGUAGE:
            return name
        if name in self._names:
            return self._names[name]
        return role_label(name, None, self.lang)

    def roles(self, names: list[str]) -> str:
        """Several roles, joined as alternatives (``police or guard``, ``民警或保安员``)."""
        return self.lists["or_roles"].join(self.role(name) for name in names)

    def group(self, group: str) -> str:
        """A role group label (``police+guard[first-aid]``) with each role by its name."""
        if self.lang == DEFAULT_LANGUAGE:
            return group
        return _messages(self.lang).group(group, self.role)

    def join(self, items: list[str]) -> str:
        """Items of a list (``a, b, c``; ``a、b、c``)."""
        return self.lists["and"].join(items)
