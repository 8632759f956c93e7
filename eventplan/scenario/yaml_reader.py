"""Reading YAML safely: bounded before nodes are built, with the line of every place.

PyYAML alone would expand alias bombs, read ``16:00`` as the number 960, keep the last of two
equal keys and read ``on:`` as a key that is not text. This reader refuses or avoids each of
these, and records the line of every key and list item so later errors can name the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from eventplan.errors import InputError, Problem
from eventplan.scenario import limits
from eventplan.scenario.findings import LineMap, Place, format_path

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


def read_yaml(text: str, name: str, lines: LineMap) -> Any:
    """Read YAML text into plain data, recording in ``lines`` the line of every place.

    Raises
    ------
    InputError
        For text that is not YAML, or YAML a scenario file may not hold.
    """
    try:
        return _read(text, name, lines)
    except yaml.YAMLError as error:
        raise InputError(_yaml_problem(error, name, text)) from None


def _read(text: str, name: str, lines: LineMap) -> Any:
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
            if depth > limits.MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise InputError(limits.too_deep(name, line))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
            count += 1
            has_aliases = has_aliases or isinstance(event, yaml.AliasEvent)
        if count > limits.MAX_VALUES:
            raise InputError(limits.too_many(name))
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
        if depth > limits.MAX_DEPTH:
            raise InputError(limits.too_deep(name, node.start_mark.line + 1))
        children = list(_children(node))
        if done:
            total = 1 + sum(sizes.get(id(child), 1) for child in children)
            if total > limits.MAX_VALUES:
                raise InputError(
                    Problem(
                        name,
                        "",
                        "the document expands to too many values through YAML aliases "
                        f"(over {limits.MAX_VALUES:,}); write the values out instead",
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
            if node.tag in _NUMBERS and len(node.value) > limits.MAX_NUMBER_CHARS:
                problems.append(
                    Problem(
                        name,
                        format_path(path),
                        f"number is too long ({len(node.value)} characters, at most "
                        f"{limits.MAX_NUMBER_CHARS})",
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
        return Problem(name, "", f"nesting is too deep (limit {limits.MAX_DEPTH} levels)", line)
    if line and "\t" in "".join(text.splitlines()[line - 1 : line + 1]):
        message += "; YAML indents with spaces, never tabs"
    return Problem(name, "", message, line)
