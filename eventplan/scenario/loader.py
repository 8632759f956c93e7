"""Loading a scenario: read the file, resolve the people CSV, validate, cross-check.

Every problem found is reported at once as ``FILE:LINE: path: message``. Only a valid
scenario leaves this module; the rest of eventplan trusts it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from eventplan.errors import InputError, Problem
from eventplan.scenario.checks import cross_check
from eventplan.scenario.model import Scenario
from eventplan.scenario.people import read_people
from eventplan.scenario.reader import LineMap, read_document

Path_ = tuple[str | int, ...]


@dataclass
class Locator:
    """Maps a place in the document to the file, line and dotted path to show the user."""

    file: str
    lines: LineMap = field(default_factory=dict)
    people_file: str = ""
    people_lines: list[int] = field(default_factory=list)

    def problem(self, path: Path_, message: str, severity: str = "error") -> Problem:
        if self.people_file and len(path) >= 2 and path[0] == "people" and isinstance(
            path[1], int
        ) and path[1] < len(self.people_lines):
            rest = ".".join(str(p) for p in path[2:])
            where = f"row {path[1] + 1}" + (f".{rest}" if rest else "")
            return Problem(self.people_file, where, message, self.people_lines[path[1]], severity)
        line = None
        for cut in range(len(path), -1, -1):  # nearest enclosing place with a known line
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                break
        return Problem(self.file, format_path(path), message, line, severity)


def format_path(path: Path_) -> str:
    """``("posts", 3, "needs", 0)`` -> ``posts[3].needs[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load(path: str | Path) -> Scenario:
    """Load and validate a scenario file (YAML, JSON or TOML).

    Raises
    ------
    InputError
        With every problem found, each naming the file, line and place.
    """
    path = Path(path)
    shown = str(path)
    document, lines = read_document(path, shown)
    locator = Locator(shown, lines)
    people_ref = document.get("people")
    if isinstance(people_ref, str):
        people_path = path.parent / people_ref
        locator.people_file = str(people_path)
        document["people"], locator.people_lines = read_people(people_path, str(people_path))
    return from_document(document, file=shown, locator=locator)


def from_document(
    document: dict[str, Any], *, file: str = "<scenario>", locator: Locator | None = None
) -> Scenario:
    """Validate a plain document (the structure of a scenario file) into a :class:`Scenario`."""
    locator = locator or Locator(file)
    try:
        scenario = Scenario.model_validate(document)
    except ValidationError as error:
        raise InputError(_translate(error, locator)) from None
    except RecursionError:
        raise InputError(Problem(file, "", "document is nested too deep")) from None
    found = [locator.problem(path, message, severity) for path, message, severity in
             cross_check(scenario)]
    errors = [p for p in found if p.severity == "error"]
    if errors:
        raise InputError(found)
    scenario._source = file
    scenario._warnings = tuple(found)
    return scenario


def _translate(error: ValidationError, locator: Locator) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Path_, str]] = set()
    items = [(tuple(p for p in i["loc"] if not _is_union_tag(p)), i)
             for i in error.errors(include_url=False)]
    inner = {path[:cut] for path, _ in items for cut in range(len(path))}
    for path, item in items:
        if item["type"] == "too_short" and path in inner:
            continue  # "too few items" only because some items were invalid themselves
        message = _message(item, path)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        problems.append(locator.problem(path, message))
    return sorted(problems, key=lambda p: (p.file, p.line or 0))


def _is_union_tag(part: str | int) -> bool:
    # pydantic names the member of a union it tried ("function-after[...]", "tuple[...]").
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "float", "literal"})


def _message(item: dict[str, Any], path: Path_) -> str:
    kind, text = item["type"], item["msg"]
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        allowed = _allowed_keys(path[:-1])
        hint = difflib.get_close_matches(key, allowed, n=1)
        if hint:
            return f"unknown key '{key}' (did you mean '{hint[0]}'?)"
        return f"unknown key '{key}'" + (f" (allowed: {', '.join(allowed)})" if allowed else "")
    if kind == "missing":
        return "required but missing"
    if kind == "value_error":
        return text.removeprefix("Value error, ")
    if kind == "literal_error":
        return f"{text}, got {_show(item.get('input'))}"
    if kind in {"string_pattern_mismatch"}:
        return (f"{_show(item.get('input'))} is not a valid id: use letters, digits and "
                "'_', '-', '.', ':' only, starting with a letter or digit")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"{text}, got {_show(item.get('input'))}"
    return text


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _allowed_keys(path: Path_) -> list[str]:
    """The keys the model accepts at a place in the document (for "did you mean")."""
    model: Any = Scenario
    for part in path:
        model = _inner(model, part)
        if model is None:
            return []
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _inner(annotation: Any, part: str | int) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        info = annotation.model_fields.get(str(part))
        return _unwrap(info.annotation) if info else None
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin in (tuple, list) and args:
        return _unwrap(args[0])
    if origin is dict and len(args) == 2:
        return _unwrap(args[1])
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated/Optional layers to the model class, if there is one."""
    for _ in range(6):
        args = get_args(annotation)
        if not args:
            return annotation
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if models:
            return models[0]
        if get_origin(annotation) in (tuple, list, dict):
            return annotation
        annotation = args[0]
    return annotation
