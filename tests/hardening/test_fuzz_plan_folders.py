"""Property tests: whatever a plan folder holds, ``check`` and ``map`` give a report, a map or
an InputError, never another exception (as ``tests/scenario/test_fuzz.py`` does for scenarios).

A real solved folder of the tiny concert is mutated: files truncated or bytes flipped, CSV
cells replaced by huge, non-finite, negative or odd values, rows duplicated, columns dropped,
plan.json keys removed or retyped and values replaced. Most examples then make plan.json's
``files`` list the mutated files again, so that the readers behind the identity check are
reached; the others meet the identity check itself.
"""

from __future__ import annotations

import contextlib
import copy
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventplan.checker import CheckReport, check_plan
from eventplan.errors import InputError
from eventplan.render import load_bundle, render_map
from eventplan.scenario import Scenario, load
from tests.hardening.folders import FILES_KEY, sha256

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
CELLS = st.sampled_from(
    [
        "inf",
        "-inf",
        "NaN",
        "1e400",
        "-1",
        "9" * 5000,
        "",
        "x",
        "2.5",
        "２",
        "²",
        "2025-13-40T25:61",
        "2025-07-12T16:00+08:00",
        "0001-01-01T00:00",
        "9999-12-31T23:59",
        "briefing:",
        "ratio:0",
        '"',
        "\n",
        "\r",
    ]
) | st.text(max_size=12)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["2025-07-12T16:00", "gate", "police", "guards-0001", "gate#1"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
CSV_EDIT = st.tuples(
    st.sampled_from(["roster.csv", "coverage.csv"]),
    st.sampled_from(["cell", "cell", "cell", "duplicate", "drop-column", "truncate", "flip"]),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    CELLS,
)
JSON_EDIT = st.tuples(
    st.sampled_from(["delete", "replace", "retype", "replace"]), st.integers(0, 10_000), JSON_VALUES
)


class Files(dict[str, bytes]):
    """The files of a folder by name (shown by name only when a property fails)."""

    def __repr__(self) -> str:
        return f"Files({sorted(self)})"


@pytest.fixture(scope="module")
def original(solved: dict[str, Path]) -> Files:
    folder = solved["concert"]
    return Files({path.name: path.read_bytes() for path in folder.iterdir()})


@pytest.fixture(scope="module")
def scenario(solved: dict[str, Path]) -> Scenario:
    return load(solved["concert-scenario"])


@FUZZ
@given(
    csv_edits=st.lists(CSV_EDIT, max_size=3),
    json_edits=st.lists(JSON_EDIT, max_size=3),
    rehash=st.booleans() | st.just(True),
    damage_plan=st.none() | st.tuples(st.sampled_from(["truncate", "flip"]), st.integers(0, 10**6)),
)
def test_check_and_map_never_raise_on_mutated_plan_folders(
    original, scenario, csv_edits, json_edits, rehash, damage_plan
):
    files = dict(original)
    for name, operation, row, column, value in csv_edits:
        files[name] = _edit_csv(files[name], operation, row, column, value)
    plan = json.loads(files["plan.json"])
    if rehash:
        plan[FILES_KEY] = {n: _digest(data) for n, data in files.items() if n != "plan.json"}
    for operation, where, value in json_edits:
        _edit_json(plan, operation, where, value)
    files["plan.json"] = json.dumps(plan).encode("utf-8")
    if damage_plan is not None:
        files["plan.json"] = _damage(files["plan.json"], *damage_plan)
    with _folder(files) as folder:
        assert isinstance(_outcome(lambda: check_plan(scenario, folder)), CheckReport | None)
        bundle = _outcome(lambda: load_bundle(folder))
        if bundle is not None:
            page = _outcome(lambda: render_map(bundle, unchecked=True))
            assert page is None or page.startswith("<!DOCTYPE html>")


def _outcome(run: Any) -> Any:
    """What ``run`` returns, or ``None`` for a well-formed InputError."""
    try:
        return run()
    except InputError as error:
        assert error.problems and all(p.message for p in error.problems)
        assert all(p.line is None or p.line >= 1 for p in error.problems)
        return None


@contextlib.contextmanager
def _folder(files: dict[str, bytes]) -> Any:
    folder = Path(tempfile.mkdtemp(prefix="eventplan-fuzz-"))
    try:
        for name, data in files.items():
            (folder / name).write_bytes(data)
        yield folder
    finally:
        shutil.rmtree(folder)


def _digest(data: bytes) -> str:
    with tempfile.NamedTemporaryFile() as handle:
        handle.write(data)
        handle.flush()
        return sha256(Path(handle.name))


def _edit_csv(data: bytes, operation: str, row: int, column: int, value: str) -> bytes:
    if operation in ("truncate", "flip"):
        return _damage(data, operation, row * 97 + column)
    lines = data.decode("utf-8", "surrogateescape").split("\n")
    body = [i for i, line in enumerate(lines[1:], 1) if line]
    if not body:
        return data
    at = body[row % len(body)]
    if operation == "duplicate":
        lines.insert(at, lines[at])
    elif operation == "drop-column":
        lines = [_without(line, column) for line in lines]
    else:
        cells = lines[at].split(",")
        cells[column % len(cells)] = value
        lines[at] = ",".join(cells)
    return "\n".join(lines).encode("utf-8", "surrogateescape")


def _without(line: str, column: int) -> str:
    cells = line.split(",")
    return ",".join(c for i, c in enumerate(cells) if i != column % max(1, len(cells)))


def _damage(data: bytes, operation: str, where: int) -> bytes:
    if not data:
        return data
    at = where % len(data)
    if operation == "truncate":
        return data[:at]
    return data[:at] + bytes([data[at] ^ 0xA5]) + data[at + 1 :]


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _places(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value[:5]):  # the first few entries of each list
            found += _places(child, (*path, i))
    return found


def _edit_json(document: dict[str, Any], operation: str, where: int, value: Any) -> None:
    paths = [p for p in _places(document) if p]
    path = paths[where % len(paths)]
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if operation == "delete":
        del parent[path[-1]]
    elif operation == "retype":
        parent[path[-1]] = str(parent[path[-1]])
    else:
        parent[path[-1]] = copy.deepcopy(value)
