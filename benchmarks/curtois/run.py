"""Solving one instance file and verifying the roster, as a record of plain values."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from eventplan.rostering.instance import load
from eventplan.rostering.solve import solve
from eventplan.rostering.verify import verify

BEST_KNOWN = Path(__file__).with_name("best_known.csv")


def best_known(name: str) -> int | None:
    """The published best objective of the instance of that name, if it is one of the set."""
    with BEST_KNOWN.open(newline="") as stream:
        for row in csv.DictReader(stream):
            if row["instance"] == name:
                return int(row["best_known_objective"])
    return None


def run(path: str | Path, time_limit: float, workers: int, seed: int) -> dict[str, Any]:
    """Solve, verify independently, compare with the best known (``InputError`` for bad files)."""
    path = Path(path)
    instance = load(path)
    result = solve(instance, time_limit=time_limit, workers=workers, seed=seed)
    record: dict[str, Any] = {
        "instance": instance.name,
        "days": instance.days,
        "staff": len(instance.employees),
        "shift_types": len(instance.shifts),
        "status": result.status,
        "objective": result.objective,
        "bound": result.bound,
        "seconds": round(result.seconds, 2),
        "best_known": best_known(instance.name),
        "reasons": list(result.reasons),
        "verified": None,
        "violations": [],
    }
    if result.roster:
        verdict = verify(path.read_text(encoding="utf-8-sig"), result.roster)
        record["verified"] = verdict.objective
        record["violations"] = verdict.violations
    known = record["best_known"]
    record["gap_to_best"] = (
        None if known is None or result.objective is None else (result.objective - known) / known
    )
    return record
