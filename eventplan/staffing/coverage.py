"""Coverage of the roster against every demand, slot by slot, and the shortfalls it leaves.

Coverage is always derived from the named roster (not from the model's counts), so the tables
a planner reads and the checker recomputes describe the same people.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from eventplan.io.plan_files import COVERAGE_COLUMNS
from eventplan.staffing.demand import Requirements
from eventplan.staffing.roster import Shift
from eventplan.staffing.supply import SupplyKind
from eventplan.timegrid import TimeGrid


def duty_from_shifts(
    shifts: tuple[Shift, ...] | list[Shift], size: int
) -> dict[str, dict[SupplyKind, np.ndarray]]:
    """People working (not on break) per station id, then kind (role, tags), and slot."""
    duty: dict[str, dict[SupplyKind, np.ndarray]] = defaultdict(dict)
    for shift in shifts:
        at = duty[shift.station_id]
        kind = (shift.role, shift.tags)
        if kind not in at:
            at[kind] = np.zeros(size, np.int64)
        at[kind][shift.template.working()] += 1
    return duty


def coverage_table(
    requirements: Requirements, grid: TimeGrid, shifts: tuple[Shift, ...] | list[Shift]
) -> pd.DataFrame:
    """One row per demand and slot where people are required (coverage.csv, plus priority)."""
    duty = duty_from_shifts(shifts, grid.size)
    everywhere: dict[SupplyKind, np.ndarray] = defaultdict(lambda: np.zeros(grid.size, np.int64))
    for at in duty.values():
        for kind, counts in at.items():
            everywhere[kind] += counts
    starts = np.array(grid.starts, dtype="datetime64[m]")
    step = np.timedelta64(grid.slot_minutes, "m")
    parts: dict[str, list] = defaultdict(list)  # column -> one piece per demand, joined once
    for demand in requirements.all_demands():
        slots = np.flatnonzero(demand.required)
        if not len(slots):
            continue
        counted = everywhere if demand.source == "ratio" else duty.get(demand.station_id, {})
        have = sum(
            (counts for kind, counts in counted.items() if demand.admits(kind)),
            np.zeros(grid.size, np.int64),
        )
        required = demand.required[slots]
        assigned = np.asarray(have)[slots]
        n = len(slots)
        parts["post"].append([demand.station_id] * n)
        parts["slot_start"].append(starts[slots])
        parts["slot_end"].append(starts[slots] + step)
        parts["role_group"].append([demand.group] * n)
        parts["required"].append(required)
        parts["assigned"].append(assigned)
        parts["shortfall"].append(np.maximum(0, required - assigned))
        parts["priority"].append([demand.priority] * n)
        parts["slot"].append(slots)
    if not parts:
        return pd.DataFrame(columns=[*COVERAGE_COLUMNS, "priority", "slot"])
    text = ("post", "role_group", "priority")
    return pd.DataFrame(
        {
            column: [v for piece in pieces for v in piece] if column in text
            else np.concatenate(pieces)
            for column, pieces in parts.items()
        }
    )  # fmt: skip


@dataclass(frozen=True)
class ShortfallRun:
    """Uncovered need: consecutive slots of one post and role group, as many missing in each,
    for the same cause."""

    post: str
    role_group: str
    first_slot: int
    last_slot: int
    start: datetime
    end: datetime
    missing: int
    priority: str
    cause: str


def shortfall_runs(
    coverage: pd.DataFrame, grid: TimeGrid, cause: Callable[[str, str, str, int], str]
) -> list[ShortfallRun]:
    """Uncovered need as runs (see :class:`ShortfallRun`), in the coverage table's order."""
    short = coverage[coverage["shortfall"] > 0]
    runs: list[ShortfallRun] = []
    for (post, group), rows in short.groupby(["post", "role_group"], sort=False):
        for slot, missing, priority in zip(
            rows["slot"], rows["shortfall"], rows["priority"], strict=True
        ):
            slot, missing = int(slot), int(missing)
            why = cause(post, group, priority, slot)
            last = runs[-1] if runs else None
            if (
                last is not None
                and (last.post, last.role_group) == (post, group)
                and last.last_slot == slot - 1
                and last.missing == missing
                and grid.day_of(slot) == grid.day_of(last.last_slot)
                and last.cause == why
            ):
                runs[-1] = dataclasses.replace(last, last_slot=slot, end=grid.end(slot))
                continue
            runs.append(
                ShortfallRun(
                    post,
                    group,
                    slot,
                    slot,
                    grid.start(slot),
                    grid.end(slot),
                    missing,
                    priority,
                    why,
                )
            )
    return runs
