"""A generated document as scenario text: YAML, JSON or TOML."""

from __future__ import annotations

import json
from typing import Any

import tomli_w
import yaml


def document_text(document: dict[str, Any], kind: str) -> str:
    """A generated document as YAML, JSON or TOML text."""
    if kind == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if kind == "toml":
        return tomli_w.dumps(document)
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=200)


class _Dumper(yaml.SafeDumper):
    """Block style for sections, one flow mapping per line for small records.

    Written like the bundled scenarios: a venue of a thousand nodes is a thousand short lines.
    """


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flat = all(
        _scalar(v) or (isinstance(v, list | dict) and all(map(_scalar, _items(v))))
        for v in data.values()
    )
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flat)


def _scalar(value: object) -> bool:
    return not isinstance(value, list | dict)


def _items(value: list[Any] | dict[str, Any]) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    return [i for v in value for i in (v if isinstance(v, list) else [v])]


_Dumper.add_representer(dict, _represent_dict)
