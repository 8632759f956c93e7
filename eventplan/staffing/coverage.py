"""Coverage of the roster against every demand, slot by slot, and the shortfalls it leaves.

Coverage is always derived from the named roster (not from the model's counts), so the tables
a planner reads and the checker recomputes describe the same people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import numpy as np
import pandas as pd

from eventplan.plan_files import COVERAGE_COLUMNS
from eventplan.staffing.demand import Requirements
from eventplan.staffing.roster import Shift
from eventplan.timegrid import TimeGrid


def duty_from_shifts(
    shifts: tuple[Shift, ...] | list[Shift], size: int
) -> dict[tuple[str, str], np.ndarray]:
    """People working (not on break) per (station id, role) and slot."""
    duty: dict[tuple[str, str], np.ndarray] = defaultdict(lambda: np.zeros(size, np.int64))
    for shift in shifts:
        duty[(shift.station, shift.role)][shift.template.working()] += 1
    return duty


def coverage_table(
    requirements: Requirements, grid: TimeGrid, shifts: tuple[Shift, ...] | list[Shift]
) -> pd.DataFrame:
    """One row per demand and slot where people are required (coverage.csv, plus priority)."""
    duty = duty_from_shifts(shifts, grid.size)
    by_role: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(grid.size, np.int64))
    for (_station, role), counts in duty.items():
        by_role[role] += counts
    frames = []
    starts = np.array(grid.starts, dtype="datetime64[m]")
    step = np.timedelta64(grid.slot_minutes, "m")
    for demand in requirements.all_demands():
        slots = np.flatnonzero(demand.required)
        if not len(slots):
            continue
        if demand.source == "ratio":
            have = sum((by_role[r] for r in demand.roles), np.zeros(grid.size, np.int64))
        else:
            have = sum(
                (duty[(demand.station, r)] for r in demand.roles if (demand.station, r) in duty),
                np.zeros(grid.size, np.int64),
            )
        required = demand.required[slots]
        assigned = np.asarray(have)[slots]
        frames.append(
            pd.DataFrame(
                {
                    "post": demand.station,
                    "slot_start": starts[slots],
                    "slot_end": starts[slots] + step,
                    "role_group": demand.group,
                    "required": required,
                    "assigned": assigned,
                    "shortfall": np.maximum(0, required - assigned),
                    "priority": demand.priority,
                    "slot": slots,
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=[*COVERAGE_COLUMNS, "priority", "slot"])
    return pd.concat(frames, ignore_index=True)


def shortfall_runs(
    coverage: pd.DataFrame, grid: TimeGrid, cause: Callable[[str, str, int], str]
) -> list[dict]:
    """Uncovered need as runs: consecutive slots of one post and role group with the same
    number missing and the same cause."""
    short = coverage[coverage["shortfall"] > 0]
    runs: list[dict] = []
    for (post, group), rows in short.groupby(["post", "role_group"], sort=False):
        current: dict | None = None
        for slot, missing, priority in zip(
            rows["slot"], rows["shortfall"], rows["priority"], strict=True
        ):
            slot, missing = int(slot), int(missing)
            why = cause(group, priority, slot)
            if (
                current
                and current["_last"] == slot - 1
                and current["missing"] == missing
                and (grid.block_of(slot) == grid.block_of(current["_last"]))
                and current["cause"] == why
            ):
                current["_last"] = slot
                continue
            current = {
                "post": post,
                "role_group": group,
                "_first": slot,
                "_last": slot,
                "missing": missing,
                "priority": priority,
                "cause": why,
            }
            runs.append(current)
    for run in runs:
        run["start"] = grid.start(run["_first"])
        run["end"] = grid.end(run["_last"])
    return runs
