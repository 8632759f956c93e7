"""Finished English messages in another language, by pattern.

The scenario's validation, the checker and the solver's diagnosis write their messages in
English, with ids and values built in. A catalog maps each English message *pattern* to its
translation: ``"unknown {what:term} '{value}' (known: {known})"`` ->
``"未知的{what} '{value}'（已有：{known}）"``. A pattern's literal text must match the message
exactly; its fields take the rest. What a field holds is passed through untouched (ids,
numbers, times, values from the file) unless the field names a kind:

``{name:id}``
    one word without spaces (an id, a column, a role group), kept.
``{name:group}``
    a role group as the plan writes it (``police+guard[first-aid]``), each role by its label.
``{name:num}``
    a number (digits, sign, decimal point, thousands commas, exponent, ``inf``, ``nan``).
``{name:term}``
    a word of the catalog's ``terms`` (``role``, ``a post``, ``sector leader``), translated.
``{name:value}``
    a value as a message shows it: a term (``a mapping``) is translated, anything else kept.
``{name:choice}``
    ``a, b or c``: each item a value, joined the way the language lists alternatives.
``{name:roles}``
    role ids or labels joined by ``or`` (``police or guard carrying first-aid``), each shown
    by its label in the language.
``{name:spans}``
    times or ids listed, perhaps ending in ``and 3 more``: that ending is translated, and so is
    the ``to`` of a span whose times carry their UTC offsets
    (``2025-03-30T00:00+01:00 to 04:00+02:00``).
``{name:msg}``
    a message of its own (a parser's complaint inside ours), translated by pattern in turn.

Patterns are tried from the one with the most literal text down, so a specific pattern wins
over a general one that also fits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

_FIELD = re.compile(r"\{(\w+)(?::(\w+))?\}")
_NUMBER = r"[-+]?(?:inf|nan|\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?|\.\d+)"
#: Field kinds and what each matches (``term`` is built from the catalog's words).
_KIND_RULES = {
    "": ".*?",
    "num": _NUMBER,
    "value": ".*?",
    "choice": ".+?",
    "roles": ".+?",
    "spans": ".+?",
    "id": r"[\w.:+#<>\[\]-]+",
    "group": r"[\w.:+#<>\[\]-]+",
}
_MORE = re.compile(r"(?P<shown>.+) and (?P<n>\d+) more")
#: How a span of times with UTC offsets reads (``2025-03-30T00:00+01:00 to 04:00+02:00``).
_TO = " to "
#: How deep ``msg`` fields may nest (a parser's message inside a reader's inside a check's).
_MAX_DEPTH = 4

#: A role id or label -> the role as the language shows it.
RoleNames = Callable[[str], str]


@dataclass(frozen=True)
class Pattern:
    """One English pattern, compiled, with its translation."""

    source: str
    regex: re.Pattern[str]
    kinds: dict[str, str]
    target: str

    @property
    def weight(self) -> tuple[int, int]:
        """Literal characters first, fewer fields second: the most specific pattern wins."""
        literal = len(_FIELD.sub("", self.source))
        return (-literal, len(self.kinds))


def fields(template: str) -> dict[str, str]:
    """The fields of a template, name -> kind (``""`` for a plain field)."""
    return {m.group(1): m.group(2) or "" for m in _FIELD.finditer(template)}


def fill(template: str, **values: object) -> str:
    """Fill a template's ``{name}`` fields in one pass (a value's own braces stay as they are).

    Raises
    ------
    KeyError
        For a field no value is given for.
    """
    return _FIELD.sub(lambda m: str(values[m.group(1)]), template)


def compile_pattern(source: str, target: str, terms: Iterable[str]) -> Pattern:
    """Compile one English pattern; ``terms`` are the words a ``term`` field may hold."""
    words = sorted(terms, key=len, reverse=True)
    rules = {**_KIND_RULES, "term": "|".join(map(re.escape, words)) or "(?!)", "msg": ".+"}
    parts, at, kinds = [], 0, {}
    for match in _FIELD.finditer(source):
        name, kind = match.group(1), match.group(2) or ""
        if kind not in rules:
            raise ValueError(f"pattern {source!r}: unknown field kind {kind!r}")
        if name in kinds:
            raise ValueError(f"pattern {source!r}: field {name!r} appears twice")
        kinds[name] = kind
        parts.append(re.escape(source[at : match.start()]))
        parts.append(f"(?P<{name}>{rules[kind]})")
        at = match.end()
    parts.append(re.escape(source[at:]))
    return Pattern(source, re.compile("".join(parts), re.DOTALL), kinds, target)


class MessageCatalog:
    """The patterns of one language, and how to list and name things in it.

    Parameters
    ----------
    messages
        English pattern -> translated template.
    terms
        English word -> translated word (for ``term``, ``value`` and ``choice`` fields).
    lists
        How the language joins alternatives: ``{"or": ..., "last_or": ...}``.
    """

    def __init__(
        self, messages: Mapping[str, str], terms: Mapping[str, str], lists: Mapping[str, str]
    ) -> None:
        self.terms = dict(terms)
        self.lists = dict(lists)
        compiled = [compile_pattern(s, t, self.terms) for s, t in messages.items()]
        self.patterns = sorted(compiled, key=lambda p: p.weight)

    def translate(self, message: str, roles: RoleNames, depth: int = 0) -> str:
        """The message in the catalog's language; unchanged when no pattern fits it."""
        if depth > _MAX_DEPTH:
            return message
        for pattern in self.patterns:
            found = pattern.regex.fullmatch(message)
            if found is None:
                continue
            values = {
                name: self._field(found.group(name), kind, roles, depth)
                for name, kind in pattern.kinds.items()
            }
            return fill(pattern.target, **values)
        return message

    def _field(self, text: str, kind: str, roles: RoleNames, depth: int) -> str:
        if kind == "term":
            return self.terms[text]
        if kind == "value":
            return self.terms.get(text, text)
        if kind == "choice":
            return self.choice(text)
        if kind == "roles":
            return self.role_list(text, roles)
        if kind == "msg":
            return self.translate(text, roles, depth + 1)
        if kind == "spans":
            return self.spans(text)
        if kind == "group":
            return self.group(text, roles)
        return text

    def group(self, text: str, roles: RoleNames) -> str:
        """A role group label (``police+guard[first-aid]``) with each role by its name."""
        names, _, tags = text.partition("[")
        shown = self.lists["or_roles"].join(roles(name) for name in names.split("+"))
        return fill(self.lists["carrying"], roles=shown, tags=tags.rstrip("]")) if tags else shown

    def spans(self, text: str) -> str:
        """Listed items, perhaps ending in ``and 3 more``: the ending in the language, and
        ``A to B`` (times with UTC offsets) joined as the language joins a span."""
        found = _MORE.fullmatch(text)
        shown = text if found is None else found.group("shown")
        shown = shown.replace(_TO, self.lists["to"])
        if found is None:
            return shown
        return fill(self.lists["and_more"], shown=shown, n=found.group("n"))

    def choice(self, text: str) -> str:
        """``a, b or c`` with each item a value, joined as the language lists alternatives."""
        shown = [self.terms.get(item, item) for item in re.split(", | or ", text)]
        if len(shown) == 1:
            return shown[0]
        return self.lists["or"].join(shown[:-1]) + self.lists["last_or"] + shown[-1]

    def role_list(self, text: str, roles: RoleNames) -> str:
        """Roles joined by ``or`` or ``/``, perhaps ``carrying`` tags: each by its label."""
        names, _, tags = text.partition(" carrying ")
        shown = roles(names)
        if shown == names:  # not one role: a list of them
            parts = re.split(r" or |/|, ", names)
            shown = self.lists["or_roles"].join(roles(name) for name in parts)
        if not tags:
            return shown
        return fill(self.lists["carrying"], roles=shown, tags=tags)
