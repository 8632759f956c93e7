"""Property tests: whatever the input, loading gives a Scenario or an InputError, nothing else.

Documents start valid and are mutated (keys deleted, values replaced by other values or
types, junk keys inserted, items duplicated), or are random altogether; some go through a
file so the reader and its line map take part. A scenario that is accepted must survive a
round trip through its own document.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventplan.errors import InputError
from eventplan.scenario import Scenario, from_document, load

from .documents import deployable, multi_day, small

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: The other properties run half as many examples, to keep the suite fast.
QUICK = settings(FUZZ, max_examples=100)


def _all_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _all_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _all_keys(v)}
    return set()


#: The keys of the format, so random mappings often look almost right.
KEYS = sorted(
    _all_keys(small()) | _all_keys(multi_day()) | _all_keys(deployable())
    | set(Scenario.model_fields)
)  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(
        ["16:00", "24:00", "2025-07-12T16:00", "2025-07-12", "gate-N", "police", "auto", ""]
    )
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)


def places(value: Any, path: tuple = ()) -> list[tuple]:
    """Every place in a document, the root first."""
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += places(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += places(child, (*path, i))
    return found


def at(document: Any, path: tuple) -> Any:
    for part in path:
        document = document[part]
    return document


def mutate(document: dict[str, Any], data: st.DataObject) -> None:
    paths = places(document)
    path = data.draw(st.sampled_from(paths))
    operation = data.draw(
        st.sampled_from(["delete", "replace", "insert", "duplicate", "wrap", "text", "copy"])
    )
    if not path and operation != "insert":
        return
    parent = at(document, path[:-1]) if path else None
    value = at(document, path)
    if operation == "delete":
        del parent[path[-1]]
    elif operation == "replace":
        parent[path[-1]] = data.draw(VALUES)
    elif operation == "insert" and isinstance(value, dict):
        value[data.draw(st.sampled_from(KEYS) | st.text(max_size=8))] = data.draw(VALUES)
    elif operation == "duplicate" and isinstance(value, list) and value:
        value.append(copy.deepcopy(data.draw(st.sampled_from(value))))
    elif operation == "wrap":
        parent[path[-1]] = [value]
    elif operation == "text":
        parent[path[-1]] = str(value)
    elif operation == "copy":
        parent[path[-1]] = copy.deepcopy(at(document, data.draw(st.sampled_from(paths))))


def outcome(load_it) -> Scenario | None:
    """Run a load; None for an InputError (a well-formed one), the scenario otherwise."""
    try:
        return load_it()
    except InputError as error:
        assert error.problems
        assert all(p.message and isinstance(p.path, str) for p in error.problems)
        assert all(p.line is None or p.line >= 1 for p in error.problems)
        return None


def accepted_round_trip(scenario: Scenario | None) -> None:
    if scenario is not None:
        assert from_document(scenario.to_document()) == scenario


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(data=st.data())
def test_mutated_documents(data):
    document = data.draw(st.sampled_from([small, multi_day, deployable]))()
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        mutate(document, data)
    accepted_round_trip(outcome(lambda: from_document(document, file="fuzz.yaml")))


@QUICK
@given(data=st.data())
def test_mutated_files(folder, data):
    document = data.draw(st.sampled_from([small, multi_day, deployable]))()
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        mutate(document, data)
    kind = data.draw(st.sampled_from(["yaml", "json"]))
    path = folder / f"fuzz.{kind}"
    if kind == "yaml":
        text = yaml.dump(document, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper))
        path.write_text(text, encoding="utf-8")
    else:
        path.write_text(json.dumps(document, default=str), encoding="utf-8")
    accepted_round_trip(outcome(lambda: load(path)))


@QUICK
@given(document=st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), VALUES, max_size=8))
def test_random_documents(document):
    assert outcome(lambda: from_document(document)) is None


@QUICK
@given(
    kind=st.sampled_from(["yaml", "json", "toml"]),
    content=st.binary(max_size=300)
    | st.text(max_size=300).map(str.encode)
    | st.sampled_from([b"a: &a [*a]\n", b"{", b"[[[[", b"a = [", b"\t- x", b"\xef\xbb\xbf"]),
)
def test_random_bytes(folder, kind, content):
    path = folder / f"bytes.{kind}"
    path.write_bytes(content)
    assert outcome(lambda: load(path)) is None
