"""The venue package reads only the scenario: no staffing, plans, maps or OpenStreetMap."""

from __future__ import annotations

import ast
from pathlib import Path

import eventplan.venue

FORBIDDEN = ("osm", "render", "staffing", "plan", "whatif", "commands")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_venue_imports_nothing_above_it() -> None:
    package = Path(eventplan.venue.__file__).parent
    modules = sorted(package.rglob("*.py"))
    assert len(modules) > 10
    found = {
        f"{path.relative_to(package)}: {name}"
        for path in modules
        for name in imported_modules(path)
        if any(name == f"eventplan.{x}" or name.startswith(f"eventplan.{x}.") for x in FORBIDDEN)
    }
    assert found == set()
