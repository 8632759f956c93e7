"""A plan folder as the archive takes it in: one plan, whole, read within bounds.

The folder must pass the plan folder's identity checks (:mod:`eventplan.io.identity`): plan.json
lists the SHA-256 of every other file and each matches, no file a solve writes is there
unlisted, and scenario.json is the event plan.json names. A folder without that list (written
before plan folders carried one) is refused: the archive cannot know its files belong together.
The plan is known by the SHA-256 of its plan.json, which is also how a replanned plan names
its parent (plan.json's ``replan``: ``version``, ``at``, ``parent``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from eventplan.archive.roster import Stint, read_stints
from eventplan.archive.times import to_local, to_utc, zone_of
from eventplan.archive.travel import MAX_BYTES as TRAVEL_MAX_BYTES
from eventplan.archive.travel import TRAVEL_CSV, read_travel, travel_hours
from eventplan.errors import InputError, Problem
from eventplan.io.bounded import Refused, decode, parse_json, read_capped
from eventplan.io.identity import FILES_KEY, mismatches
from eventplan.io.plan_files import MAX_BYTES, PLAN_JSON, ROSTER_CSV, SCENARIO_JSON
from eventplan.scenario import Scenario, load

REPLAN_KEY = "replan"
_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Lineage:
    """Which version of its event a plan is: 1 without a parent, else the replan's number,
    the plan.json hash of the plan it replans, and when (naive UTC)."""

    version: int = 1
    parent: str | None = None
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Short:
    """Need left uncovered: ``missing`` people of a role group at a post (naive UTC)."""

    post: str
    role_group: str
    priority: str
    missing: int
    starts: datetime
    ends: datetime


@dataclass(frozen=True)
class PlanRecord:
    """What the archive keeps of a plan folder."""

    folder: Path
    sha256: str
    scenario: Scenario
    lineage: Lineage
    solver: Mapping[str, Any]
    stints: tuple[Stint, ...]
    shortfalls: tuple[Short, ...]
    #: each stint's hours of travel from the station and back (a calendar's day folder says
    #: them in travel.csv; none elsewhere)
    travel: tuple[float, ...] = ()

    @property
    def zone(self) -> tzinfo:
        return zone_of(self.scenario.event.timezone)

    def days(self) -> tuple[date, date]:
        """The first and last local day the plan has anyone (or anything short) on."""
        instants = [s.starts for s in self.stints] + [s.starts for s in self.shortfalls]
        if not instants:
            today = datetime.now().date()
            return today, today
        return to_local(min(instants), self.zone).date(), to_local(max(instants), self.zone).date()


def read_plan(folder: str | Path) -> PlanRecord:
    """Read a plan folder for the archive.

    Raises
    ------
    InputError
        For a folder that is not one whole plan, naming every file that does not belong, or a
        plan file that cannot be read (with its line).
    """
    path = Path(folder)
    if not path.is_dir():
        raise InputError(Problem(str(path), "", "no such folder (give a folder written by solve)"))
    plan_file = path / PLAN_JSON
    raw = _read(plan_file, PLAN_JSON)
    plan = _parse(plan_file, raw)
    roster_raw = _read(path / ROSTER_CSV, ROSTER_CSV)
    read = {ROSTER_CSV: roster_raw}
    listed = plan.get(FILES_KEY)
    if isinstance(listed, dict) and TRAVEL_CSV in listed:
        read[TRAVEL_CSV] = _read(path / TRAVEL_CSV, TRAVEL_CSV, TRAVEL_MAX_BYTES)
    _verify_identity(path, plan, read)
    scenario = load(path / SCENARIO_JSON)
    _same_event(plan_file, plan, scenario)
    zone = zone_of(scenario.event.timezone)
    stints = read_stints(path / ROSTER_CSV, roster_raw, zone)
    travel: tuple[float, ...] = ()
    if TRAVEL_CSV in read:
        minutes = read_travel(path / TRAVEL_CSV, read[TRAVEL_CSV])
        travel = tuple(travel_hours(path / TRAVEL_CSV, minutes, stints))
    return PlanRecord(
        folder=path,
        sha256=hashlib.sha256(raw).hexdigest(),
        scenario=scenario,
        lineage=_lineage(plan_file, plan.get(REPLAN_KEY), zone),
        solver=plan.get("solver") if isinstance(plan.get("solver"), dict) else {},
        stints=stints,
        shortfalls=_shortfalls(plan_file, plan.get("shortfalls"), zone),
        travel=travel,
    )


def _read(path: Path, name: str, most: int | None = None) -> bytes:
    if not path.exists():
        raise InputError(Problem(str(path.parent), "", f"no {name} here: not a plan folder"))
    try:
        return read_capped(path, str(path), most or MAX_BYTES[name])
    except Refused as refused:
        raise InputError(Problem(str(path), "", refused.message, refused.line)) from None


def _parse(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        plan = parse_json(decode(raw, str(path)), str(path))
    except Refused as refused:
        raise InputError(Problem(str(path), "", refused.message, refused.line)) from None
    if not isinstance(plan, dict) or "eventplan" not in plan:
        raise InputError(Problem(str(path), "", "not an eventplan plan (no 'eventplan' key)"))
    return plan


def _verify_identity(folder: Path, plan: Mapping[str, Any], read: Mapping[str, bytes]) -> None:
    if FILES_KEY not in plan:
        raise InputError(
            Problem(
                str(folder / PLAN_JSON),
                FILES_KEY,
                "the folder has no identity (written before plan folders carried one), so its "
                "files cannot be known to belong together: solve it again to archive it",
            )
        )
    wrong = mismatches(folder, plan[FILES_KEY], read)
    if wrong:
        raise InputError([Problem(str(folder / name), "", text) for name, text in wrong])


def _same_event(path: Path, plan: Mapping[str, Any], scenario: Scenario) -> None:
    ident = plan.get("scenario")
    planned = ident.get("id") if isinstance(ident, Mapping) else None
    if planned != scenario.event.id:
        raise InputError(
            Problem(
                str(path),
                "scenario.id",
                f"the plan is for scenario {str(planned)[:80]!r}, but its scenario is "
                f"'{scenario.event.id}': a mixed folder",
            )
        )


def _lineage(path: Path, section: Any, zone: tzinfo) -> Lineage:
    """plan.json's ``replan`` section, every problem in it named at once."""
    if section is None:
        return Lineage()
    where = str(path)
    if not isinstance(section, dict):
        raise InputError(Problem(where, REPLAN_KEY, "expected an object with version, at, parent"))
    problems = []
    version = section.get("version")
    if type(version) is not int or version < 1:
        problems.append(
            Problem(where, f"{REPLAN_KEY}.version", "expected a whole number, 1 or more")
        )
    parent = section.get("parent")
    if parent is not None and not (isinstance(parent, str) and _HEX.fullmatch(parent)):
        problems.append(
            Problem(
                where,
                f"{REPLAN_KEY}.parent",
                "expected the SHA-256 (64 hex digits) of the parent plan's plan.json",
            )
        )
    at = None
    if section.get("at") is not None:
        try:
            at = to_utc(datetime.fromisoformat(str(section["at"])), zone)
        except (ValueError, OverflowError):
            problems.append(Problem(where, f"{REPLAN_KEY}.at", "expected a date-time"))
    if problems:
        raise InputError(problems)
    return Lineage(version, parent, at)


def _shortfalls(path: Path, entries: Any, zone: tzinfo) -> tuple[Short, ...]:
    """plan.json's ``shortfalls``; an entry that cannot be read is an input error."""
    found, problems = [], []
    for index, entry in enumerate(entries if isinstance(entries, list) else ()):
        try:
            found.append(
                Short(
                    post=str(entry["post"]),
                    role_group=str(entry["role_group"]),
                    priority=str(entry.get("priority") or ""),
                    missing=int(entry["missing"]),
                    starts=to_utc(datetime.fromisoformat(str(entry["start"])), zone),
                    ends=to_utc(datetime.fromisoformat(str(entry["end"])), zone),
                )
            )
        except (KeyError, TypeError, ValueError, OverflowError) as error:
            problems.append(Problem(str(path), f"shortfalls[{index}]", f"cannot be read: {error}"))
    if problems:
        raise InputError(problems)
    return tuple(found)
