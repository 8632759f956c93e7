"""Reading a scenario file into a plain document, safely and within bounds.

Every file a user hands us may be hostile. This module turns bytes into plain dicts, lists and
scalars and refuses, with a clear :class:`~eventplan.errors.InputError`, anything that is too
big, not UTF-8, not the format its extension says, nested too deep, an alias bomb, or
ambiguous (a key given twice, a key that is not text). For YAML it also records the line of
every key and list item so later errors can name the line.
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
from eventplan.scenario.findings import Place

#: Largest scenario file accepted. A 5,000-node venue with 2,000 posts is about 2 MB.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Most mappings and lists inside one another; real scenario files need fewer than 10.
MAX_DEPTH = 64
#: Most values (mappings, lists, keys and scalars) a document may hold once YAML aliases
#: are followed. Reading stops early at this bound, so a huge file cannot tie up memory and time.
MAX_VALUES = 2_000_000
#: Longest number accepted, in characters; longer ones are typing accidents or attacks.
MAX_NUMBER_CHARS = 100

_TOO_LONG = 10**MAX_NUMBER_CHARS

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}

#: place in the document (keys and indexes) -> 1-based line
LineMap = dict[Place, int]

# libyaml's parser is ten times faster than PyYAML's; both give the same nodes and marks.
_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
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

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_NUMBERS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_TAG_WORDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "empty (null)",
}


class _Refused(Exception):
    """A value the reader refuses while a parser is running (raised from parser hooks)."""


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
    raw = read_bounded(path, name)
    text = decode(raw, name)
    if not text.strip():
        raise fail("file is empty")
    lines: LineMap = {}
    try:
        if kind == "yaml":
            document = _read_yaml(text, name, lines)
        elif kind == "json":
            document = _read_json(text)
        else:
            document = tomllib.loads(text)
    except RecursionError:
        raise fail(f"nesting is too deep (limit {MAX_DEPTH} levels)") from None
    except _Refused as error:
        raise fail(str(error)) from None
    except yaml.YAMLError as error:
        raise InputError(_yaml_problem(error, name, text)) from None
    except json.JSONDecodeError as error:
        raise InputError(
            Problem(name, "", f"not valid JSON: {error.msg} (column {error.colno})", error.lineno)
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise fail(f"not valid TOML: {error}") from None
    except ValueError as error:  # e.g. TOML integers beyond Python's digit limit
        if "integer string conversion" in str(error):
            raise fail(f"a number is too long (more than {MAX_NUMBER_CHARS} digits)") from None
        raise fail(f"cannot read {kind.upper()}: {error}") from None
    check_shape(document, name)
    if not isinstance(document, dict):
        raise fail(
            f"a scenario is a mapping of sections (eventplan, event, roles, ...), "
            f"not {_kind_of(document)}"
        )
    return document, lines


def read_bounded(path: Path, name: str) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, or an InputError."""
    fail = lambda message: InputError(Problem(name, "", message))  # noqa: E731
    try:
        if not path.is_file():  # also keeps devices and pipes (which never end) out
            raise fail("no such file" if not path.exists() else "not a regular file")
        with path.open("rb") as stream:  # the size is checked on what is read, not on stat
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise fail(f"cannot read file: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise fail(
            f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, "
            "the limit for scenario files"
        )
    return raw


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), naming the first bad byte."""
    if b"\x00" in raw[:8192]:
        raise InputError(Problem(name, "", "binary data, not a text file (save it as UTF-8)"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - raw.rfind(b"\n", 0, error.start)
        byte = raw[error.start]
        message = f"not valid UTF-8 (byte 0x{byte:02X} at column {column}); save the file as UTF-8"
        raise InputError(Problem(name, "", message, line)) from None


def format_path(path: Place) -> str:
    """``("posts", 3, "needs", 0)`` -> ``posts[3].needs[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# --- YAML ---------------------------------------------------------------------------------


def _read_yaml(text: str, name: str, lines: LineMap) -> Any:
    has_aliases = _scan(text, name)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise InputError(Problem(name, "", "file holds no YAML document"))
        if has_aliases:  # without them the scan has bounded the size already
            _check_expansion(root, name)
        problems = _walk(root, name, lines)
        if problems:
            raise InputError(problems)
        return loader.construct_document(root)
    finally:
        loader.dispose()


def _scan(text: str, name: str) -> bool:
    """Bound nesting and size on the parser's event stream, before any node is built.

    Building nodes costs far more than parsing; a 20 MB list of numbers would take minutes
    and gigabytes. The event stream is cheap and lets us stop at the first excess. Returns
    whether the document uses aliases (whose expansion is bounded later, on the nodes).
    """
    depth = count = 0
    has_aliases = False
    for event in yaml.parse(text, Loader=_Loader):
        tag = getattr(event, "tag", None)
        if tag not in (None, "!", _STR):  # !!python/..., !!binary, !!set, !!bool maybe, ...
            line = event.start_mark.line + 1 if event.start_mark else None
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            message = (
                f"YAML tags such as {shown} are not used in scenario files: write plain values"
            )
            raise InputError(Problem(name, "", message, line))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            count += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise InputError(_too_deep(name, line))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
            count += 1
            has_aliases = has_aliases or isinstance(event, yaml.AliasEvent)
        if count > MAX_VALUES:
            raise InputError(_too_many(name))
    return has_aliases


def _check_expansion(root: yaml.Node, name: str) -> None:
    """Refuse documents whose aliases expand beyond bounds ("billion laughs").

    Sizes are memoised per node, so this costs one visit per distinct node, however many
    times aliases repeat it. An alias that contains itself shows up as unbounded depth.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if id(node) in sizes and not done:
            continue
        if depth > MAX_DEPTH:
            raise InputError(_too_deep(name, node.start_mark.line + 1))
        children = list(_children(node))
        if done:
            total = 1 + sum(sizes.get(id(child), 1) for child in children)
            if total > MAX_VALUES:
                raise InputError(
                    Problem(
                        name,
                        "",
                        "the document expands to too many values through YAML aliases "
                        f"(over {MAX_VALUES:,}); write the values out instead",
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


def _walk(root: yaml.Node, name: str, lines: LineMap) -> list[Problem]:
    """Record the line of every place and find what PyYAML would let pass silently.

    PyYAML keeps the last of two equal keys, and reads ``on:`` or ``1:`` as keys that are
    not text; both are mistakes in a scenario, reported here with their lines.
    """
    problems: list[Problem] = []
    stack: list[tuple[yaml.Node, Place]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        line = node.start_mark.line + 1
        lines.setdefault(path, line)
        if isinstance(node, yaml.ScalarNode):
            if node.tag in _NUMBERS and len(node.value) > MAX_NUMBER_CHARS:
                problems.append(
                    Problem(
                        name,
                        format_path(path),
                        f"number is too long ({len(node.value)} characters, at most "
                        f"{MAX_NUMBER_CHARS})",
                        line,
                    )
                )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, (*path, i)) for i, child in enumerate(node.value))
        elif isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                key_line = key.start_mark.line + 1
                if key.tag == _MERGE:  # '<<: *defaults'; explicit keys may override these
                    stack.append((value, path))
                    continue
                problem = _key_problem(key)
                if problem:
                    problems.append(Problem(name, format_path(path), problem, key_line))
                    continue
                if key.value in first:
                    problems.append(
                        Problem(
                            name,
                            format_path((*path, key.value)),
                            f"key '{key.value}' is given twice (first on line "
                            f"{first[key.value]}); only one may stay",
                            key_line,
                        )
                    )
                    continue
                first[key.value] = key_line
                lines.setdefault((*path, key.value), key_line)
                stack.append((value, (*path, key.value)))
    return sorted(problems, key=lambda p: p.line or 0)


def _key_problem(key: yaml.Node) -> str | None:
    if not isinstance(key, yaml.ScalarNode):
        return "a key must be text, not a list or mapping"
    if key.tag == _STR:
        return None
    shown = key.value if len(key.value) <= 40 else key.value[:37] + "..."
    what = _TAG_WORDS.get(key.tag, f"a value of type {key.tag.rsplit(':', 1)[-1]}")
    return f"key '{shown}' is read as {what}, not as text: put it in quotes"


def _yaml_problem(error: yaml.YAMLError, name: str, text: str) -> Problem:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"not valid YAML: {problem}" + (f" ({context})" if context else "")
    line = mark.line + 1 if mark else None
    if "maximum nesting depth" in str(problem):  # libyaml 0.2.6+ stops deep nesting itself
        return Problem(name, "", f"nesting is too deep (limit {MAX_DEPTH} levels)", line)
    if line and "\t" in "".join(text.splitlines()[line - 1 : line + 1]):
        message += "; YAML indents with spaces, never tabs"
    return Problem(name, "", message, line)


# --- JSON ---------------------------------------------------------------------------------


def _read_json(text: str) -> Any:
    return json.loads(
        text,
        object_pairs_hook=_json_object,
        parse_constant=_json_constant,
        parse_int=_json_int,
    )


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:  # json keeps the last silently, as PyYAML does
            raise _Refused(f"key '{key[:40]}' is given twice in one object; only one may stay")
        mapping[key] = value
    return mapping


def _json_constant(text: str) -> Any:
    raise _Refused(f"{text} is not a number JSON allows; give a finite number")


def _json_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(f"a number is too long ({len(text)} digits, at most {MAX_NUMBER_CHARS})")
    return int(text)


# --- all formats --------------------------------------------------------------------------


def check_shape(document: Any, name: str) -> None:
    """Refuse documents nested too deep, holding too many values, or numbers too long."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    count = 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise InputError(_too_many(name))
        if type(value) is int and abs(value) >= _TOO_LONG:  # TOML has no hook for integers
            raise InputError(
                Problem(name, "", f"a number is too long (more than {MAX_NUMBER_CHARS} digits)")
            )
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise InputError(_too_deep(name))
            children = value.values() if isinstance(value, dict) else value
            count += len(value) if isinstance(value, dict) else 0  # keys count, as in YAML
            stack.extend((child, depth + 1) for child in children)


def _too_deep(name: str, line: int | None = None) -> Problem:
    return Problem(name, "", f"nesting is too deep (limit {MAX_DEPTH} levels)", line)


def _too_many(name: str) -> Problem:
    return Problem(
        name, "", f"the document holds too many values (over {MAX_VALUES:,}); is it a scenario?"
    )


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a single text"
    if value is None:
        return "an empty document"
    return f"a single {type(value).__name__} value"
