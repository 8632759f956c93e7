"""Cross-checks of the valid parts of a document that also has structural errors.

pydantic stops at structure: a count that is not a number, a missing key. So that one run
reports (nearly) everything, the items with such errors are set aside (a list item, an
optional key, an entry of a mapping), the rest is validated again, and its cross-checks are
reported with their paths mapped back to the places they have in the file.
"""

from __future__ import annotations

import copy
import re
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from eventplan.scenario.checks import cross_check
from eventplan.scenario.checks_common import PERIOD
from eventplan.scenario.explain import annotation_at, causes, strip
from eventplan.scenario.findings import Finding, Place
from eventplan.scenario.model import Scenario
from eventplan.scenario.values import ID_MAX_LENGTH, ID_PATTERN

#: Stands for the id of an item set aside whose id is itself invalid: it could be any id.
ANY_ID = "*"
_ID = re.compile(ID_PATTERN)
#: Rounds of setting invalid items aside before cross-checking the rest.
PRUNE_ROUNDS = 4
#: Places that cannot be set aside: without them the rest of the document means other things.
_KEEP = {("event", "days")}
#: Where the things that other sections refer to by id live, and what they are called.
_REFERENCED = {("roles",): "role", ("venue", "nodes"): "node", ("venue", "zones"): "zone"}
_REFERENCED |= {("pools",): "pool", ("posts",): "post"}
_REFERENCED |= {("event", "phases"): PERIOD, ("event", "windows"): PERIOD}
_REFERENCED |= {("event", "arrival_profiles"): "arrival profile"}


def partial_checks(document: dict[str, Any], error: ValidationError) -> list[Finding]:
    """Cross-check errors of the parts of a document that are valid on their own.

    Items with structural errors are set aside (a list item, an optional key, an entry of a
    mapping), the rest is validated again, and its cross-checks are reported with paths
    mapped back to the original places. Findings that could be caused by setting items aside
    (a reference to a removed id, a sum over a list) are left out. When the error sits
    where nothing can be set aside (a required field of the event, say), this gives up.
    """
    pruned = copy.deepcopy(document)
    index_maps: list[dict[Place, list[int]]] = []
    removed_ids: set[tuple[str, str]] = set()
    for _ in range(PRUNE_ROUNDS):
        targets = {_removable(pruned, path, item) for path, _, item in causes(error)}
        if None in targets or not targets:
            return []
        index_maps.append(_remove(pruned, targets, removed_ids))  # type: ignore[arg-type]
        try:
            scenario = Scenario.model_validate(pruned)
            break
        except ValidationError as again:
            error = again
    else:
        return []
    found = []
    for finding in cross_check(scenario):
        if _reliable(finding, removed_ids):
            path = finding.path
            for index_map in reversed(index_maps):
                path = _original(path, index_map)
            found.append(finding._replace(path=path))
    return found


def _reliable(finding: Finding, removed_ids: set[tuple[str, str]]) -> bool:
    if finding.severity != "error" or finding.whole:
        return False
    return finding.ref is None or (
        finding.ref not in removed_ids and (finding.ref[0], ANY_ID) not in removed_ids
    )


def _removable(document: Any, path: Place, item: dict[str, Any]) -> Place | None:
    """The deepest place at or above ``path`` that can be removed, or None."""
    if item["type"] == "extra_forbidden":
        return path
    for cut in range(len(path), 0, -1):
        place, parent = path[:cut], strip(annotation_at(path[: cut - 1]))
        if place in _KEEP or not _holds(document, place):
            continue
        if get_origin(parent) is dict or (
            get_origin(parent) is tuple and get_args(parent)[-1:] == (Ellipsis,)
        ):
            return place
        if isinstance(parent, type) and issubclass(parent, BaseModel):
            info = parent.model_fields.get(str(place[-1]))
            if info is not None and not info.is_required():
                return place
    return None


def _holds(document: Any, place: Place) -> bool:
    value = document
    for part in place:
        in_list = isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
        if not (in_list or (isinstance(value, dict) and part in value)):
            return False
        value = value[part]
    return True


def _remove(
    document: Any, targets: set[Place], removed_ids: set[tuple[str, str]]
) -> dict[Place, list[int]]:
    """Remove the places; return, per list that lost items, the old index of each kept item."""
    targets = {t for t in targets if not any(t[:cut] in targets for cut in range(len(t)))}
    removed: dict[Place, set[int]] = {}
    for target in targets:
        parent_path, key = target[:-1], target[-1]
        parent = document
        for part in parent_path:
            parent = parent[part]
        what = _REFERENCED.get(parent_path)
        value = parent[key]
        if what and isinstance(parent, dict):
            removed_ids.add((what, str(key)))
        elif what and isinstance(value, dict):
            removed_ids.add((what, _id_of(value)))
        if isinstance(parent, list):
            removed.setdefault(parent_path, set()).add(int(key))
        else:
            del parent[key]
    index_map = {}
    for parent_path, indexes in sorted(removed.items(), key=lambda item: -len(item[0])):
        # inner lists first: their paths hold indexes of outer lists that are still valid
        parent = document
        for part in parent_path:
            parent = parent[part]
        index_map[parent_path] = [i for i in range(len(parent)) if i not in indexes]
        parent[:] = [v for i, v in enumerate(parent) if i not in indexes]
    return index_map


def _id_of(item: dict[str, Any]) -> str:
    """The id of an item set aside; :data:`ANY_ID` when the id itself is broken (the other
    sections may then refer to the item by the id it was meant to have)."""
    item_id = item.get("id")
    if isinstance(item_id, str) and len(item_id) <= ID_MAX_LENGTH and _ID.match(item_id):
        return item_id
    return ANY_ID


def _original(path: Place, index_map: dict[Place, list[int]]) -> Place:
    """A path after one round of removals, as a path before it."""
    result: list[str | int] = []
    for part in path:
        kept = index_map.get(tuple(result))
        if kept is not None and isinstance(part, int) and part < len(kept):
            part = kept[part]
        result.append(part)
    return tuple(result)
