"""The languages eventplan speaks: catalogs as data files and a small API over them.

``Texts(lang, roles)`` gives a command's own lines by key, a finished English message (a
scenario problem, a checker violation, a shortfall's cause) in the language by pattern, and
the names of roles. English is the language of the code; ``zh.json`` holds Chinese. See
:mod:`eventplan.i18n.catalog` for the files' layout and :mod:`eventplan.i18n.patterns` for
the message patterns.

This package sits at the bottom of the layers with ``io`` and ``errors``: every layer may
name things in a language, and it imports nothing of eventplan's own.
"""

from eventplan.i18n.catalog import (
    DEFAULT_LANGUAGE,
    LANGUAGE_VARIABLE,
    LANGUAGES,
    Texts,
    default_language,
    language,
)
from eventplan.i18n.roles import role_label, vocabulary

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_VARIABLE",
    "Texts",
    "default_language",
    "language",
    "role_label",
    "vocabulary",
]
