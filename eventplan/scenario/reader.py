"""Reading a scenario file into a plain document, safely and within bounds.

Every file a user hands us may be hostile. This module turns bytes into plain dicts, lists and
scalars and refuses, with a clear :class:`~eventplan.errors.InputError`, anything that is too
big, not UTF-8, not the format its extension says, nested too deep, an alias bomb, or
ambiguous (a key given twice, a key that is not text). YAML is read by
:mod:`eventplan.scenario.yaml_reader`, which also records the line of every key and list item.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from eventplan.errors import InputError, Problem
from eventplan.scenario import limits
from eventplan.scenario.findings import LineMap
from eventplan.scenario.yaml_reader import read_yaml

#: Largest scenario file accepted. A 5,000-node venue with 2,000 posts is about 2 MB.
MAX_FILE_BYTES = 20 * 1024 * 1024

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


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
            document = read_yaml(text, name, lines)
        elif kind == "json":
            document = _read_json(text)
        else:
            document = tomllib.loads(text)
    except RecursionError:
        raise fail(f"nesting is too deep (limit {limits.MAX_DEPTH} levels)") from None
    except _Refused as error:
        raise fail(str(error)) from None
    except json.JSONDecodeError as error:
        raise InputError(
            Problem(name, "", f"not valid JSON: {error.msg} (column {error.colno})", error.lineno)
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise fail(f"not valid TOML: {error}") from None
    except ValueError as error:  # e.g. TOML integers beyond Python's digit limit
        if "integer string conversion" in str(error):
            raise fail(
                f"a number is too long (more than {limits.MAX_NUMBER_CHARS} digits)"
            ) from None
        raise fail(f"cannot read {kind.upper()}: {error}") from None
    limits.check_shape(document, name)
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
    if len(text) > limits.MAX_NUMBER_CHARS:
        raise _Refused(
            f"a number is too long ({len(text)} digits, at most {limits.MAX_NUMBER_CHARS})"
        )
    return int(text)


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a single text"
    if value is None:
        return "an empty document"
    return f"a single {type(value).__name__} value"
