"""Writing a scenario back to YAML, JSON or TOML (the same structure in each)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from eventplan.io.atomic import write_text
from eventplan.scenario.model import Scenario
from eventplan.scenario.reader import SUFFIXES


def dumps(scenario: Scenario, kind: str = "yaml") -> str:
    """The scenario as text in one of the three formats (``yaml``, ``json``, ``toml``)."""
    document = scenario.to_document()
    if kind == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if kind == "toml":
        import tomli_w  # only TOML output needs it

        return tomli_w.dumps(document)
    if kind == "yaml":
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    raise ValueError(f"unknown scenario format '{kind}' (yaml, json or toml)")


def dump(scenario: Scenario, path: str | Path) -> None:
    """Write the scenario atomically, in the format its file extension names."""
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"unsupported scenario file type '{path.suffix}'")
    write_text(path, dumps(scenario, kind))
