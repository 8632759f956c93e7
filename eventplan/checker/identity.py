"""The plan folder as one whole: its files are the ones plan.json lists, for this scenario.

plan.json lists the SHA-256 of every other file of its folder under ``files`` (see
:mod:`eventplan.io.identity`). A file that differs, is missing, or is present but not listed
means the folder mixes files of different solves; a ``scenario.json`` other than the scenario
given means the plan was made for another event. Either way there is no one plan to judge, so
both are input errors (exit 2), not violations. A folder written before plan.json carried
``files`` has no identity: it is checked with a warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventplan.checker.files import PlanFiles
from eventplan.errors import InputError, Problem
from eventplan.io.bounded import Refused, decode, parse_json, read_capped
from eventplan.io.identity import FILES_KEY, mismatches
from eventplan.io.plan_files import GROUND_GEOJSON, MAX_BYTES, PLAN_JSON, SCENARIO_JSON
from eventplan.scenario import from_document
from eventplan.scenario.model import Scenario

NO_IDENTITY = (
    f"{PLAN_JSON}: warning: the folder has no identity (no '{FILES_KEY}': written before plan "
    "folders carried one), so its files are not verified to belong together"
)
UNVERIFIED = f"{PLAN_JSON}: warning: unreadable, so the folder's files are not verified"


def verify_folder(scenario: Scenario, folder: Path, found: PlanFiles) -> list[str]:
    """Warnings about the folder's identity.

    Raises
    ------
    InputError
        Naming every file that does not belong to the plan, or a scenario.json of another
        scenario.
    """
    warnings = []
    if found.plan is None:
        warnings.append(UNVERIFIED)
    elif FILES_KEY not in found.plan:
        warnings.append(NO_IDENTITY)
    else:
        wrong = mismatches(folder, found.plan[FILES_KEY], found.raw)
        if wrong:
            raise InputError([Problem(str(folder / name), "", text) for name, text in wrong])
    foreign = foreign_scenario(scenario, folder)
    if foreign is not None:
        raise InputError(foreign)
    return warnings


def foreign_scenario(scenario: Scenario, folder: Path) -> Problem | None:
    """The problem of a scenario.json that is not ``scenario`` (``None`` when it is, or when
    the folder has none): the first place where the two differ."""
    path = folder / SCENARIO_JSON
    if not path.exists():
        return None
    shown = str(path)
    try:
        written = parse_json(
            decode(read_capped(path, shown, MAX_BYTES[SCENARIO_JSON]), shown), shown
        )
    except Refused as refused:
        return Problem(shown, "", refused.message, refused.line)
    given = scenario.to_document()
    if _same_ground(scenario, folder, written):
        given["venue"]["ground"] = GROUND_GEOJSON  # scenario.json names the file beside it
    if written == given:
        return None
    if isinstance(written, dict):  # a file written by another version may spell it otherwise
        try:
            if from_document(written).to_document() == given:
                return None
        except InputError:
            pass
    where, here, there = first_difference(_event_id(written), _event_id(given))
    if not where:
        where, here, there = first_difference(written, given)
    return Problem(
        shown,
        where,
        "differs from the scenario given: this plan was made for another scenario "
        f"(here {_short(here)}, given {_short(there)})",
    )


def _same_ground(scenario: Scenario, folder: Path, written: Any) -> bool:
    """Whether scenario.json names the ground file beside it, and that file is the given
    scenario's ground."""
    venue = written.get("venue") if isinstance(written, dict) else None
    if not isinstance(venue, dict) or venue.get("ground") != GROUND_GEOJSON:
        return False
    ground = scenario.venue.ground
    path = folder / GROUND_GEOJSON
    if ground is None or not path.is_file():
        return False
    try:
        return read_capped(path, str(path), MAX_BYTES[GROUND_GEOJSON]) == ground.to_bytes()
    except Refused:
        return False


def first_difference(one: Any, other: Any) -> tuple[str, Any, Any]:
    """The first place where two documents differ: its path (``posts[3].id``) and the two
    values there (``None`` where one has nothing)."""
    path = ""
    while True:
        if isinstance(one, dict) and isinstance(other, dict):
            key = next((k for k in sorted({*one, *other}) if one.get(k) != other.get(k)), None)
            if key is None:
                return path, one, other
            one, other, path = one.get(key), other.get(key), f"{path}.{key}".lstrip(".")
        elif isinstance(one, list) and isinstance(other, list) and len(one) == len(other):
            index = next(
                (i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b), None
            )
            if index is None:
                return path, one, other
            one, other, path = one[index], other[index], f"{path}[{index}]"
        else:
            return path, one, other


def _event_id(document: Any) -> dict[str, Any]:
    """The event id of a document, where it is looked at first."""
    event = document.get("event") if isinstance(document, dict) else None
    return {"event": {"id": event.get("id") if isinstance(event, dict) else None}}


def _short(value: Any) -> str:
    text = "nothing" if value is None else repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."
