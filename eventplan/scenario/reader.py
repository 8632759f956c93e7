"""Reading a scenario file into a plain document, safely and within bounds.

Every file a user hands us may be hostile. This module turns bytes into plain dicts, lists and
scalars and refuses, with a clear :class:`~eventplan.errors.InputError`, anything that is too
big, not UTF-8, not the format its extension says, nested too deep, or an alias bomb. For YAML
it also records the line of every key and list item so later errors can name the line.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from eventplan.errors import InputError, Problem

#: Largest scenario file accepted. A 5,000-node venue with 2,000 posts is about 2 MB.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Deepest nesting accepted; real scenario files need fewer than 10 levels.
MAX_DEPTH = 64
#: Most values a YAML document may expand to once aliases are followed.
MAX_EXPANDED_NODES = 2_000_000

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}

#: path (tuple of keys and indexes) -> 1-based line
LineMap = dict[tuple[str | int, ...], int]


class _Loader(yaml.SafeLoader):
    """Safe YAML without the YAML 1.1 surprises that break times.

    ``16:00`` stays the text "16:00" (not the base-60 number 960) and ``2025-07-12 16:00:00``
    stays text for our own time parser.
    """


# YAML 1.1 ints and floats without the base-60 forms; no implicit timestamps.
_INT = re.compile(
    r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"
)
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_DROPPED = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))


def read_document(path: Path, shown: str | None = None) -> tuple[dict[str, Any], LineMap]:
    """Read a scenario file into a plain mapping and a map of YAML lines.

    Parameters
    ----------
    path
        The file to read.
    shown
        How to name the file in messages (defaults to the path as given).
    """
    name = shown or str(path)
    fail = lambda message: InputError(Problem(name, "", message))  # noqa: E731
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise fail(
            f"unsupported file type '{path.suffix or '(none)'}': "
            "give a .yaml, .yml, .json or .toml scenario"
        )
    try:
        if not path.is_file():
            raise fail("no such file" if not path.exists() else "not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(
                f"file is {size / 1e6:.1f} MB; scenario files are limited to "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        raw = path.read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as error:
        raise fail(f"cannot read file: {error.strerror or error}") from None
    text = decode(raw, name)
    if not text.strip():
        raise fail("file is empty")
    lines: LineMap = {}
    try:
        if kind == "yaml":
            document = _read_yaml(text, name, lines)
        elif kind == "json":
            document = json.loads(text)
        else:
            document = tomllib.loads(text)
    except RecursionError:
        raise fail(f"nesting is too deep (limit {MAX_DEPTH} levels)") from None
    except yaml.YAMLError as error:
        raise InputError(_yaml_problem(error, name)) from None
    except json.JSONDecodeError as error:
        raise InputError(
            Problem(name, "", f"not valid JSON: {error.msg} (column {error.colno})", error.lineno)
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise fail(f"not valid TOML: {error}") from None
    except ValueError as error:  # e.g. JSON numbers too long to convert
        raise fail(f"cannot read {kind.upper()}: {error}") from None
    check_depth(document, name)
    if not isinstance(document, dict):
        raise fail(
            f"a scenario is a mapping of sections (eventplan, event, roles, ...), "
            f"not {_kind_of(document)}"
        )
    return document, lines


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), naming the first bad byte."""
    if b"\x00" in raw[:8192]:
        raise InputError(Problem(name, "", "binary data, not a text scenario file"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            Problem(name, "", f"not valid UTF-8 (byte {error.start}); save the file as UTF-8", line)
        ) from None


def _read_yaml(text: str, name: str, lines: LineMap) -> Any:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise InputError(Problem(name, "", "file holds no YAML document"))
        _check_yaml_size(root, name)
        _record_lines(root, lines)
        return loader.construct_document(root)
    finally:
        loader.dispose()


def _check_yaml_size(root: yaml.Node, name: str) -> None:
    """Refuse documents whose aliases expand beyond bounds ("billion laughs").

    Sizes are memoised per node, so this costs one visit per distinct node, however many
    times aliases repeat it.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        if id(node) in sizes and not done:
            continue
        if depth > MAX_DEPTH:
            raise InputError(Problem(name, "", f"nesting is too deep (limit {MAX_DEPTH} levels)"))
        children = list(_children(node))
        if done:
            total = 1 + sum(sizes.get(id(child), 1) for child in children)
            if total > MAX_EXPANDED_NODES:
                raise InputError(
                    Problem(
                        name,
                        "",
                        "the document expands to too many values through YAML aliases "
                        f"(over {MAX_EXPANDED_NODES:,}); write the values out instead",
                        node.start_mark.line + 1,
                    )
                )
            sizes[id(node)] = total
            continue
        sizes.setdefault(id(node), 1)  # guards against recursive aliases while visiting
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in sizes)


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        yield from node.value
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value


def _record_lines(root: yaml.Node, lines: LineMap) -> None:
    stack: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, (*path, i)) for i, child in enumerate(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    lines.setdefault((*path, key.value), key.start_mark.line + 1)
                    stack.append((value, (*path, key.value)))


def check_depth(document: Any, name: str) -> None:
    """Refuse documents nested deeper than :data:`MAX_DEPTH` (JSON and TOML included)."""
    stack: list[tuple[Any, int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(Problem(name, "", f"nesting is too deep (limit {MAX_DEPTH} levels)"))
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _yaml_problem(error: yaml.YAMLError, name: str) -> Problem:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"not valid YAML: {problem}" + (f" ({context})" if context else "")
    return Problem(name, "", message, mark.line + 1 if mark else None)


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a single text"
    if value is None:
        return "an empty document"
    return f"a single {type(value).__name__} value"
