"""Loading a scenario: read the file, resolve the people CSV and the ground file, validate,
cross-check.

Every problem found is reported at once as ``FILE:LINE: path: message``. Only a valid
scenario leaves this module; the rest of eventplan trusts it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from eventplan.errors import InputError, Problem
from eventplan.scenario.checks import cross_check
from eventplan.scenario.explain import explained
from eventplan.scenario.findings import Finding, LineMap, Place, format_path
from eventplan.scenario.ground import read_ground
from eventplan.scenario.model import Scenario
from eventplan.scenario.partial import partial_checks
from eventplan.scenario.people import read_people
from eventplan.scenario.reader import read_document


@dataclass
class Locator:
    """Maps a place in the document to the file, line and dotted path to show the user."""

    file: str
    lines: LineMap = field(default_factory=dict)
    people_file: str = ""
    people_lines: list[int] = field(default_factory=list)

    def problem(self, path: Place, message: str, severity: str = "error") -> Problem:
        if (
            self.people_file
            and len(path) >= 2
            and path[0] == "people"
            and isinstance(path[1], int)
            and path[1] < len(self.people_lines)
        ):  # a row of the people CSV: its line, and the column as the place
            column = str(path[2]) if len(path) > 2 else ""  # (a tag's index is not a column)
            return Problem(self.people_file, column, message, self.people_lines[path[1]], severity)
        line = None
        for cut in range(len(path), -1, -1):  # nearest enclosing place with a known line
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                break
        return Problem(self.file, format_path(path), message, line, severity)


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
    venue = document.get("venue")
    if isinstance(venue, dict) and isinstance(venue.get("ground"), str):
        ground_path = path.parent / venue["ground"]
        venue["ground"] = read_ground(ground_path, str(ground_path))
    return from_document(document, file=shown, locator=locator)


def from_document(
    document: dict[str, Any], *, file: str = "<scenario>", locator: Locator | None = None
) -> Scenario:
    """Validate a plain document (the structure of a scenario file) into a :class:`Scenario`."""
    locator = locator or Locator(file)
    try:
        scenario = Scenario.model_validate(document)
    except ValidationError as error:
        found = [Finding(path, message) for path, message in explained(error)]
        found += partial_checks(document, error)
        raise InputError(_problems(found, document, locator)) from None
    except RecursionError:
        raise InputError(Problem(file, "", "document is nested too deep")) from None
    problems = _problems(cross_check(scenario), document, locator)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    scenario._source = file
    scenario._warnings = tuple(problems)
    return scenario


def replace(scenario: Scenario, **changes: Any) -> Scenario:
    """A validated copy of a scenario with some top-level sections replaced (what-if variants).

    Values may be models or plain mappings; the result is checked like a loaded file.

    Raises
    ------
    InputError
        When the changed scenario is invalid.
    """
    document = scenario.to_document()
    for key, value in changes.items():
        document[key] = _plain(value)
    return from_document(document, file=scenario.source or "<scenario>")


def _plain(value: Any) -> Any:
    """A model, or a structure holding models, as plain JSON-ready data."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _problems(found: Iterable[Finding], document: Any, locator: Locator) -> list[Problem]:
    """Findings as problems, each once, in the order of the file (a people CSV after it)."""
    keyed = []
    for finding in {(f.path, f.message): f for f in found}.values():
        problem = locator.problem(finding.path, finding.message, finding.severity)
        where = (problem.file != locator.file, problem.line or 0, _order(document, finding.path))
        keyed.append((where, problem))
    return [problem for _, problem in sorted(keyed, key=lambda pair: pair[0])]


def _order(document: Any, path: Place) -> tuple[int, ...]:
    """Where a place comes in the document: the position of each step among its siblings."""
    key: list[int] = []
    value = document
    for part in path:
        if isinstance(value, dict):
            key.append(list(value).index(part) if part in value else len(value))
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int):
            key.append(part)
            value = value[part] if 0 <= part < len(value) else None
        else:
            break
    return tuple(key)
