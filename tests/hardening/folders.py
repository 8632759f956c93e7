"""Real plan folders of a tiny event for the hardening tests, and tools to damage them.

The event is the checker's tiny concert (``tests/checker/conftest.py``); a second event, the
same concert under another id and name, gives a foreign plan to mix in. Folders are solved by
``eventplan solve`` (map included) and copied for each test.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from eventplan import cli
from tests.checker.conftest import DOCUMENT

#: plan.json's list of the folder's files (spelled out: the tests must run on older code).
FILES_KEY = "files"


def concert_document(event_id: str = "tiny-concert", name: str = "Tiny concert") -> dict[str, Any]:
    """The tiny concert's scenario document, under an id and name of choice."""
    document = copy.deepcopy(DOCUMENT)
    document["event"]["id"], document["event"]["name"] = event_id, name
    return document


def write_scenario(folder: Path, document: dict[str, Any], name: str) -> Path:
    path = folder / name
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


def solve(scenario: Path, out: Path, *options: str) -> Path:
    """Solve with the real solver into ``out`` (seeded, one worker)."""
    argv = ["solve", str(scenario), "-o", str(out), "--time-limit", "20", "--seed", "1"]
    with contextlib.redirect_stdout(None):
        code = cli.main([*argv, "--workers", "1", *options])
    assert code == 0, f"eventplan solve {scenario.name} exited {code}"
    return out


def copy_folder(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def rehash(folder: Path) -> None:
    """Make plan.json's ``files`` list the folder's files as they now are (a folder whose
    content was changed after the solve, but which is whole again)."""
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    if FILES_KEY not in plan:
        return
    names = [n for n in plan[FILES_KEY] if (folder / n).is_file()]
    plan[FILES_KEY] = {n: sha256(folder / n) for n in names}
    (folder / "plan.json").write_text(json.dumps(plan, indent=1), encoding="utf-8")


def edit_text(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
