"""What to call a role: the scenario's label, else a built-in word for the common role ids.

``roles.json`` beside this module lists, per language, the words a bureau uses for the roles
most scenarios have (``police`` 民警, ``auxiliary`` 辅警, ``traffic`` 交警, ``guard`` 保安员,
``volunteer`` 志愿者, ``volunteer-police`` 义警). A label counts only when it is written in
the language shown: an English label ("Police officer") does not stand in a Chinese sheet when
the vocabulary knows the role.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

#: A character of Chinese script: a label with one is taken as written in Chinese.
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def vocabulary(lang: str) -> dict[str, str]:
    """Role id -> the built-in word of a language (empty for a language without words)."""
    text = files(__package__).joinpath("roles.json").read_text(encoding="utf-8")
    return dict(json.loads(text).get(lang, {}))


def written_in(text: str, lang: str) -> bool:
    """Whether a label reads as the language: Chinese script for ``zh``, any text else."""
    return bool(_HAN.search(text)) if lang == "zh" else True


def role_label(role_id: str, label: str | None, lang: str) -> str:
    """The name of a role in a language.

    The scenario's label when it is written in that language, else the built-in word for the
    role id, else the label, else the id.

    Examples
    --------
    >>> role_label("police", "Police officer", "zh"), role_label("police", "特警", "zh")
    ('民警', '特警')
    >>> role_label("police", "Police officer", "en"), role_label("dog-handler", None, "zh")
    ('Police officer', 'dog-handler')
    """
    if label and written_in(label, lang):
        return label
    return vocabulary(lang).get(role_id) or label or role_id
