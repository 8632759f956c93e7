"""Every message the scenario, checker, clock and ground tests provoke, in Chinese, with no
English left.

The scenario tests break documents in every way validation knows (references, ids, times,
command rules, the people file, unreadable and hostile files, fuzzed documents); the checker
tests break plan folders in every way the checker knows; the clock tests (``tests/dst``) give
times that do not exist, happen twice or carry the wrong UTC offset, in scenarios and in plan
folders; the ground tests refuse hostile GeoJSON files of the map's ground (only those of the
map's tests: the others solve and draw). Running them with the recording plugin
(:mod:`tests.i18n.collect`) gives their messages, each with the document it came from; each
is shown as ``validate --lang zh`` and ``check --lang zh`` show it, and every line is scanned
for English words outside ids, numbers, file names and values from the file. The checker's
messages are scanned once more as a plan whose clocks change during the event writes them:
every time with its UTC offset, every span ``A to B``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventplan.checker.report import Violation
from eventplan.commands.problems import problem_text
from eventplan.errors import Problem
from eventplan.i18n import Texts
from tests.i18n.leftovers import english_left, source_words, tokens

ROOT = Path(__file__).resolve().parents[2]
#: Fewer distinct messages than this means the recording lost its hold on the tests.
LEAST_PROBLEMS, LEAST_VIOLATIONS = 600, 250
#: The ground file's refusals among the map's tests.
GROUND_TESTS = [
    f"tests/render/test_map_ground.py::test_{name}"
    for name in (
        "a_hostile_ground_file_is_refused_with_its_place",
        "a_ground_file_past_a_bound_is_refused",
        "missing_or_odd_ground_files_are_refused",
        "a_document_built_in_code_gives_the_collection_itself",
    )
]
#: A span as the checker shows it when clocks keep one offset, and a time on its own.
_SPAN = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d)-(\d{4}-\d\d-\d\dT\d\d:\d\d|\d\d:\d\d)")
_TIME = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d)(?![\d:+-])")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    log = tmp_path_factory.mktemp("corpus") / "messages.jsonl"
    env = {**os.environ, "EVENTPLAN_MESSAGE_LOG": str(log), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += ["-p", "tests.i18n.collect", "--hypothesis-seed=0"]
    command += ["tests/scenario", "tests/checker", "tests/dst", *GROUND_TESTS]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    assert done.returncode in (0, 1), done.stdout[-2000:] + done.stderr[-2000:]
    records = {}
    for line in filter(None, log.read_text(encoding="utf-8").split("\n")):  # (not splitlines:
        # a value may hold a Unicode line separator)
        record = json.loads(line)
        key = (record["kind"], record["message"], record.get("file"), record.get("path"))
        records.setdefault(key, record)
    return list(records.values())


def _shown(record: dict[str, Any]) -> str:
    if record["kind"] == "problem":
        problem = Problem(
            record["file"], record["path"], record["message"], record["line"], record["severity"]
        )
        return problem_text(problem, Texts("zh"))
    violation = Violation(record["rule"], record["subject"], record["message"])
    return violation.text(Texts("zh", record["roles"]))


def _leftovers(records: list[dict[str, Any]]) -> dict[str, list[str]]:
    found = {}
    for record in records:
        allowed = source_words(record["source"]) | set(tokens(record.get("path") or ""))
        line = _shown(record)
        left = english_left(line, allowed)
        if left:
            found[f"{record['message']}\n    -> {line}"] = left
    return found


def test_the_corpus_holds_every_kind_of_message(corpus: list[dict[str, Any]]) -> None:
    problems = {r["message"] for r in corpus if r["kind"] == "problem"}
    violations = {r["message"] for r in corpus if r["kind"] == "violation"}
    assert len(problems) >= LEAST_PROBLEMS and len(violations) >= LEAST_VIOLATIONS
    rules = {r["rule"] for r in corpus if r["kind"] == "violation"}
    assert {"overlap", "shift-length", "coverage", "queue", "plan", "files", "briefing"} <= rules
    assert any(r["severity"] == "warning" for r in corpus if r["kind"] == "problem")
    # the clock tests': a time in the gap, one that happens twice, one at a wrong offset
    clock = ("does not exist in", "happens twice in", " is at +")
    assert all(any(words in r["message"] for r in corpus) for words in clock)


def test_every_scenario_problem_is_shown_in_chinese(corpus: list[dict[str, Any]]) -> None:
    left = _leftovers([r for r in corpus if r["kind"] == "problem"])
    assert not left, "\n".join(f"{k}  {v}" for k, v in list(left.items())[:30])


def test_every_checker_violation_is_shown_in_chinese(corpus: list[dict[str, Any]]) -> None:
    left = _leftovers([r for r in corpus if r["kind"] == "violation"])
    assert not left, "\n".join(f"{k}  {v}" for k, v in list(left.items())[:30])


def _with_offsets(message: str) -> str:
    """A checker message as a plan whose clocks change during the event would word it."""
    message = _SPAN.sub(r"\1+02:00 to \2+01:00", message)
    return _TIME.sub(r"\1+02:00", message)


def test_every_checker_violation_with_utc_offsets_is_shown_in_chinese(
    corpus: list[dict[str, Any]],
) -> None:
    violations = [r for r in corpus if r["kind"] == "violation"]
    shifted = [dict(r, message=_with_offsets(r["message"])) for r in violations]
    assert sum(" to " in r["message"] for r in shifted) >= 100
    left = _leftovers(shifted)
    assert not left, "\n".join(f"{k}  {v}" for k, v in list(left.items())[:30])


def test_the_scan_finds_english_left_over(corpus: list[dict[str, Any]]) -> None:
    # The same lines in English: the scan must find words in nearly all of them.
    english = [r for r in corpus if r["kind"] == "problem"][:200]
    found = 0
    for record in english:
        problem = Problem(record["file"], record["path"], record["message"], record["line"])
        allowed = source_words(record["source"]) | set(tokens(record["path"] or ""))
        found += bool(english_left(problem_text(problem, Texts("en")), allowed))
    assert found >= 0.9 * len(english)
