"""Finding English left in a line meant to be Chinese.

A line may keep what is not a word of the interface: ids, numbers and times, file names and
paths, values from the file (quoted values, and any id-like string of the input: keys,
ids, times), the scenario format's own keys (``start``, ``event.days``), command-line options,
and the names of formats and programs listed in :data:`FORMAT_WORDS`. Every other run of Latin
letters is a leftover.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from pydantic import BaseModel

#: Names of formats, standards and programs, written the same in a Chinese text.
FORMAT_WORDS = frozenset(
    {
        "YAML",
        "JSON",
        "TOML",
        "CSV",
        "UTF-8",
        "ISO-8601",
        "ISO",
        "IANA",
        "UTC",
        "NUL",
        "HH:MM",
        "YYYY-MM-DD",
        "YYYY-MM-DDTHH:MM",
        "HiGHS",
        "SCIP",
        "Ctrl-C",
        "Dask",
        "GeoJSON",
        "FeatureCollection",
        "Feature",
        "Polygon",
        "MultiPolygon",
        "LineString",
        "MultiLineString",
        "Chromium",
        "EVENTPLAN_CHROMIUM",
        "PDF",
        "Debian",
        "Ubuntu",
        "eventplan",
        "true",
        "false",
        "null",
        "None",
        "True",
        "False",
        "inf",
        "nan",
        "Asia/Shanghai",
        "MB",
        "GiB",
        "uXXXX",
        "NaN",
        "Infinity",
        "<scenario>",
        # placeholders of ids in the checker's messages: police-<n>, rapid#<k>
        "n",
        "k",
    }
)
#: The keys of plan.json (docs/plan.md), which the checker's messages name.
PLAN_KEYS = [
    "arrivals_per_minute",
    "assignments",
    "bound",
    "by_pool",
    "by_role",
    "cause",
    "command",
    "cost",
    "coverage",
    "drones",
    "egress",
    "eventplan",
    "gap",
    "kpis",
    "lanes_open",
    "leader_role",
    "leaders",
    "max_wait_minutes",
    "members",
    "method",
    "missing",
    "no_handover",
    "objective",
    "paid_hours_by_role",
    "patrols",
    "queue",
    "queues",
    "required_person_hours",
    "reserves",
    "response",
    "role_group",
    "scenario",
    "seconds",
    "sectors",
    "seed",
    "shifts",
    "shortfalls",
    "slot_minutes",
    "slots",
    "solver",
    "staff",
    "staff_required",
    "staff_used",
    "standby",
    "status",
    "supervision",
    "total",
    "uncovered_person_hours",
    "unfilled_shifts",
    "wait_minutes",
    "workers",
    "worst_wait_minutes",
]
#: A run of characters that may make up an id, a path, a time or a word.
_TOKEN = re.compile(r"[-!.<]{0,2}\w[\w.:+#/\\<>\[\]@-]*")
#: A quoted value, or one cut short with "..." (long values are shortened in messages).
_QUOTED = re.compile(r"('|\")[^\n]*?(\1|\.\.\.)|\S+\.\.\.")
_FILE_NAME = r"(^|\.)(csv|json|yaml|yml|toml|txt|html|xlsx|pdf|parquet|pq|geojson)$"
_SEGMENT = re.compile(r"[^\W\d_]+", re.ASCII)


def tokens(text: str) -> list[str]:
    """The id-like runs of a text, without trailing punctuation."""
    return [t.rstrip(".:,;") for t in _TOKEN.findall(text)]


def source_words(text: str) -> set[str]:
    """What a message may quote from an input: every whitespace-free string in it.

    Free text of the input (a name with spaces, a sentence) is left out, so that an
    untranslated English word is not excused by a name that happens to contain it.
    """
    words: set[str] = set()
    for value in _strings(text):
        if value and not any(c.isspace() for c in value):
            words.add(value)
            words.update(tokens(value))
    return words


def _strings(text: str) -> Iterable[str]:
    """The strings of a JSON text, else the cells and words of a YAML, CSV or plain text."""
    try:
        yield from _json_strings(json.loads(text))
        return
    except ValueError:
        pass
    for line in text.splitlines():
        for part in re.split(r"[\s,{}\[\]\"']+", line):
            yield part.strip(":")


def _json_strings(value: Any) -> Iterable[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)
    elif value is not None:
        yield str(value)


@cache
def schema_words() -> frozenset[str]:
    """The keys of the scenario format (a ground file's kinds included), the plan folder's
    columns, plan.json's keys and the names of eventplan's commands: words of the files and the
    command line, not of English."""
    from eventplan.cli import COMMANDS
    from eventplan.io.plan_files import COVERAGE_COLUMNS, ROSTER_COLUMNS
    from eventplan.scenario.ground import GROUND_KINDS
    from eventplan.scenario.model import Scenario

    words = set(ROSTER_COLUMNS) | set(COVERAGE_COLUMNS) | _fields(Scenario, set())
    words |= set(PLAN_KEYS) | {"scenario.id", "kpis.cost", "event.days", "event.windows"}
    words |= {"event.arrivals", *COMMANDS, *GROUND_KINDS, "features"}
    return frozenset(words)


def _fields(model: type[BaseModel], seen: set[type]) -> set[str]:
    if model in seen:
        return set()
    seen.add(model)
    found = set()
    for name, info in model.model_fields.items():
        found.add(name)
        for inner in _models(info.annotation):
            found |= _fields(inner, seen)
    return found


def _models(annotation: Any) -> Iterable[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and hasattr(annotation, "__metadata__"):  # Annotated
        yield from _models(origin)


def english_left(line: str, allowed: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The words of a line that are English and not excused (see the module docstring)."""
    left = []
    for token in tokens(_QUOTED.sub(" ", line)):
        if _excused(token, allowed):
            continue
        left.append(token)
    return left


def _excused(token: str, allowed: set[str] | frozenset[str]) -> bool:
    if re.fullmatch(r"[-+]?\d[\d,.]*(e[-+]?\d+)?", token):
        return True  # a number, perhaps with an exponent
    if not _SEGMENT.search(token) or token.startswith(("--", "!")) or re.fullmatch(r"-\w", token):
        return True  # numbers, times, command-line options, YAML tags from the file
    if re.fullmatch(r"#?(0|#)?x[0-9A-Fa-f]+", token):
        return True  # a byte or a character code
    bare = re.sub(r":\d+$", "", token).lstrip("-")  # FILE:LINE, -inf
    if {token, bare} & (allowed | FORMAT_WORDS | schema_words()):
        return True
    if "/" in token or "\\" in token or re.search(_FILE_NAME, bare):
        return True  # a path or a file name
    if re.fullmatch(r"\d{4}-\d\d-\d\d(T[\d:]+)?(-[\dT:-]+)?", token):
        return True
    # A place in the document (posts[3].needs[0]) or a compound id: each part excused.
    parts = [p for p in re.split(r"[.\[\]:#+<>@]+", token) if p]
    if parts == [token]:
        parts = [p for p in token.split("-") if p]
    return parts != [token] and all(_excused(p, allowed) for p in parts)
