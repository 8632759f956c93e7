"""pydantic's validation errors in a planner's words, at places of the document.

pydantic reports locations with its own markers (the member of a union it tried, ``[key]``
for mapping keys) and messages in its own terms ("Input should be a valid integer"). Here
they become document paths (``posts[3].needs[0].min``) and messages such as "expected a whole
number, got '2'"; the model's annotations tell which marker is which.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Iterable
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from eventplan.scenario.findings import Place, shorten
from eventplan.scenario.model import Scenario


def causes(error: ValidationError) -> list[tuple[Place, int | None, dict[str, Any]]]:
    """The errors as (path in the document, where a union was entered, pydantic's record).

    "Too few items" is left out where it only follows from invalid items of the list.
    """
    items = [(*_clean(item["loc"]), item) for item in error.errors(include_url=False)]
    inner = {path[:cut] for path, _, _ in items for cut in range(len(path))}
    return [i for i in items if not (i[2]["type"] == "too_short" and i[0] in inner)]


def explained(error: ValidationError) -> list[tuple[Place, str]]:
    """Each error as (path in the document, message), one message per failed union."""
    unions: dict[Place, list[tuple[Place, dict[str, Any]]]] = {}
    result: list[tuple[Place, str]] = []
    for path, union_at, item in causes(error):
        if union_at is None:
            result.append((path, _message(item, path)))
        else:
            unions.setdefault(path[:union_at], []).append((path, item))
    for at, members in unions.items():
        # A member that accepted the kind of value and failed deeper (a list with a bad
        # item, a number out of range) explains the problem; plain type mismatches do not.
        telling = [(p, i) for p, i in members if len(p) > len(at) or not _mismatch(i)]
        if telling:
            result += [(p, _message(i, p)) for p, i in telling]
        else:
            wanted = " or ".join(dict.fromkeys(_member_word(i) for _, i in members))
            result.append((at, f"expected {wanted}, got {_show(members[0][1].get('input'))}"))
    return result


def _mismatch(item: dict[str, Any]) -> bool:
    kind = item["type"]
    return kind == "literal_error" or kind.endswith(("_type", "_parsing"))


def _member_word(item: dict[str, Any]) -> str:
    tag = str(item["loc"][-1]) if item["loc"] else ""
    if item["type"] == "literal_error":
        return str(item.get("ctx", {}).get("expected", tag))
    for start, word in (("tuple", "a list"), ("list", "a list"), ("dict", "a mapping")):
        if tag.startswith(start):
            return word
    if "int" in tag:
        return "a whole number"
    if "float" in tag:
        return "a number"
    return "an id" if "str" in tag else tag


#: pydantic error types in a planner's words; ``{got}`` is the value found.
_WORDS = {
    "missing": "required but missing",
    "int_type": "expected a whole number, got {got}",
    "int_from_float": "expected a whole number, got {got}",
    "float_type": "expected a number, got {got}",
    "string_type": "expected text, got {got}",
    "bool_type": "expected true or false, got {got}",
    "tuple_type": "expected a list, got {got}",
    "list_type": "expected a list, got {got}",
    "dict_type": "expected a mapping, got {got}",
    "model_type": "expected a mapping, got {got}",
    "model_attributes_type": "expected a mapping, got {got}",
    "finite_number": "expected a finite number, got {got}",
    "greater_than": "must be greater than {gt}, got {got}",
    "greater_than_equal": "must be at least {ge}, got {got}",
    "less_than": "must be less than {lt}, got {got}",
    "less_than_equal": "must be at most {le}, got {got}",
    "too_short": "give at least {min_length} item(s)",
    "too_long": "give at most {max_length} item(s), not {actual_length}",
    "string_too_short": "must not be empty",
    "string_too_long": "is too long (at most {max_length} characters)",
    "literal_error": "expected {expected}, got {got}",
    "string_pattern_mismatch": (
        "{got} is not a valid id: use letters, digits and '_', '-', '.', ':', '+', "
        "starting with a letter, digit or '_'"
    ),
}


def _message(item: dict[str, Any], path: Place) -> str:
    kind = item["type"]
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        allowed = _allowed_keys(path[:-1])
        hint = difflib.get_close_matches(key, allowed, n=1)
        if hint:
            return f"unknown key '{key}' (did you mean '{hint[0]}'?)"
        return f"unknown key '{key}'" + (f" (allowed: {', '.join(allowed)})" if allowed else "")
    if kind == "value_error":
        return item["msg"].removeprefix("Value error, ")
    template = _WORDS.get(kind)
    if template is None:
        return str(item["msg"])
    context = {k: _number(v) for k, v in item.get("ctx", {}).items()}
    try:
        return template.format(got=_show(item.get("input")), **context)
    except (KeyError, IndexError, ValueError):  # a context pydantic did not give
        return str(item["msg"])


def _number(value: Any) -> Any:
    """``0.0`` -> ``0`` in messages: bounds are written as planners write them."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return shorten(value, 60)


def strip(annotation: Any) -> Any:
    """Remove ``Annotated`` and ``| None`` layers."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) > 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _child(annotation: Any, part: str | int) -> Any:
    """The annotation one step further down, or None if the model has no such place."""
    annotation = strip(annotation)
    if _is_union(annotation):
        for member in get_args(annotation):
            found = _child(member, part)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        info = annotation.model_fields.get(part) if isinstance(part, str) else None
        return info.annotation if info else None
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (tuple, list) and isinstance(part, int) and args:
        if origin is list or (len(args) == 2 and args[1] is Ellipsis):
            return args[0]
        return args[part] if part < len(args) else None
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def annotation_at(path: Iterable[str | int]) -> Any:
    annotation: Any = Scenario
    for part in path:
        annotation = _child(annotation, part)
        if annotation is None:
            return None
    return annotation


def _clean(loc: tuple[str | int, ...]) -> tuple[Place, int | None]:
    """A pydantic location without its union-member tags, and where a union was entered.

    pydantic names the member of a union it tried (``literal['auto']``, ``tuple[...]``) and
    marks dictionary keys with ``[key]``; neither is a place in the document.
    """
    path: list[str | int] = []
    annotation: Any = Scenario
    union_at = None
    skip_tag = False
    for part in loc:
        if part == "[key]":
            continue
        if skip_tag:
            skip_tag = False
            continue
        path.append(part)
        annotation = _child(annotation, part) if annotation is not None else None
        if annotation is not None and _is_union(strip(annotation)):
            skip_tag, union_at = True, len(path)
    return tuple(path), union_at


def _allowed_keys(path: Place) -> list[str]:
    """The keys the model accepts at a place in the document (for "did you mean")."""
    model = strip(annotation_at(path))
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []
