"""A pytest plugin that records every message the scenario and checker tests provoke.

Loaded with ``-p tests.i18n.collect`` and ``EVENTPLAN_MESSAGE_LOG=FILE``: every
:class:`~eventplan.errors.InputError`'s problems and every checked plan's violations go to
FILE as JSON lines, each with the text of the document it came from (the values a message
may quote). The corpus test translates them all and looks for English left over.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: The documents being read or checked right now, innermost last.
_SOURCES: list[str] = []


def _write(record: dict[str, Any]) -> None:
    with open(os.environ["EVENTPLAN_MESSAGE_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


@contextmanager
def _reading(text: str) -> Iterator[None]:
    _SOURCES.append(text)
    try:
        yield
    finally:
        _SOURCES.pop()


def _problem(problem: Any, source: str) -> None:
    _write(
        {
            "kind": "problem",
            "file": problem.file,
            "path": problem.path,
            "line": problem.line,
            "severity": problem.severity,
            "message": problem.message,
            "source": source,
        }
    )


def _folder_text(folder: Path) -> str:
    if not folder.is_dir():
        return ""
    parts = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.stat().st_size < 5_000_000:
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def _recording_load(load: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(load)
    def wrapper(path: Any, *args: Any, **kwargs: Any) -> Any:
        file = Path(path)
        text = ""
        if file.is_file():
            text = file.read_text(encoding="utf-8", errors="replace")
            for sibling in file.parent.glob("*.csv"):  # a people file beside it
                text += "\n" + sibling.read_text(encoding="utf-8", errors="replace")
        with _reading(text):
            return load(path, *args, **kwargs)

    return wrapper


def _recording_from_document(from_document: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(from_document)
    def wrapper(document: Any, *args: Any, **kwargs: Any) -> Any:
        text = json.dumps(document, ensure_ascii=False, default=str)
        with _reading(text):
            scenario = from_document(document, *args, **kwargs)
            for warning in scenario.warnings:  # the problems of a valid file
                _problem(warning, "\n".join(_SOURCES))
        return scenario

    return wrapper


def _recording_check(check_plan: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(check_plan)
    def wrapper(scenario: Any, plan_dir: Any, *args: Any, **kwargs: Any) -> Any:
        report = check_plan(scenario, plan_dir, *args, **kwargs)
        source = json.dumps(scenario.to_document(), ensure_ascii=False, default=str)
        source += "\n" + _folder_text(Path(plan_dir))
        roles = {rid: role.label for rid, role in scenario.roles.items()}
        for violation in report.violations:
            _write(
                {
                    "kind": "violation",
                    "rule": violation.rule,
                    "subject": violation.subject,
                    "message": violation.message,
                    "roles": roles,
                    "source": source,
                }
            )
        return report

    return wrapper


def pytest_configure(config: Any) -> None:
    """Wrap the loaders, the checker and InputError before any test module imports them."""
    import eventplan.checker
    import eventplan.checker.verify
    import eventplan.errors
    import eventplan.scenario
    import eventplan.scenario.loader

    for module in (eventplan.scenario, eventplan.scenario.loader):
        module.load = _recording_load(eventplan.scenario.loader.load)  # type: ignore[attr-defined]
    loader_from_document = _recording_from_document(eventplan.scenario.loader.from_document)
    for module in (eventplan.scenario, eventplan.scenario.loader):  # replace() calls it too
        module.from_document = loader_from_document  # type: ignore[attr-defined]
    check = _recording_check(eventplan.checker.verify.check_plan)
    eventplan.checker.check_plan = check  # type: ignore[attr-defined]
    eventplan.checker.verify.check_plan = check  # type: ignore[attr-defined]

    original = eventplan.errors.InputError.__init__

    def recording_init(self: Any, problems: Any) -> None:
        original(self, problems)
        for problem in self.problems:
            _problem(problem, "\n".join(_SOURCES))

    eventplan.errors.InputError.__init__ = recording_init  # type: ignore[method-assign]
