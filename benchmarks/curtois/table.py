"""Run the Curtois & Qu instances and write their section of ``docs/benchmarks.md``.

``python -m benchmarks.curtois.table [--instances DIR] [--time-limit 60] [--workers 2]``
solves every ``Instance*.txt`` in DIR (default ``shared/refdata/rostering`` in the nearest
folder above the repository that holds one), verifies each roster independently, keeps the
raw records in ``benchmarks/results/curtois.json`` and replaces the section in the docs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.curtois.run import run
from eventplan.errors import InputError
from eventplan.io.atomic import write_text

ROOT = Path(__file__).resolve().parents[2]
HEADING = "## Curtois & Qu employee scheduling"


def measure(
    folder: Path, time_limit: float, workers: int, seed: int, repeats: int = 1
) -> dict[str, Any]:
    """One record per instance file, in the order of their numbers: the median of the runs.

    The time limit makes a run's roster depend on the machine's load, so each instance is
    run ``repeats`` times; the record kept is the run of median objective (then time), with
    every run's objective beside it.
    """
    files = sorted(folder.glob("Instance*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    rows = []
    for path in files:
        try:
            runs = [run(path, time_limit, workers, seed) for _ in range(max(1, repeats))]
        except InputError as error:
            rows.append({"instance": path.stem, "status": "bad file", "reasons": [str(error)]})
        else:
            rows.append(median_run(runs))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return {
        "date": f"{datetime.now(UTC):%Y-%m-%d}",
        "load": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "time_limit": time_limit,
        "workers": workers,
        "seed": seed,
        "repeats": max(1, repeats),
        "python": platform.python_version(),
        "rows": rows,
    }


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median objective (no roster counts as worst), then of median time."""
    worst = float("inf")
    ordered = sorted(
        runs, key=lambda r: (worst if r["objective"] is None else r["objective"], r["seconds"])
    )
    middle = dict(ordered[(len(ordered) - 1) // 2])
    middle["runs"] = [r["objective"] for r in runs]
    middle["run_seconds"] = [r["seconds"] for r in runs]
    return middle


def report_lines(results: dict[str, Any]) -> list[str]:
    """The section of docs/benchmarks.md."""
    lines = [
        HEADING,
        "",
        f"Measured {results['date']} with `python -m benchmarks.curtois.table` "
        f"({results['time_limit']:g} s, {results['workers']} workers, seed {results['seed']}, "
        f"the median of {results.get('repeats', 1)} run(s) of each instance, every run's "
        "objective and time in the last columns); every roster re-checked by "
        "`eventplan.rostering.verify`. Best known: the proven optima of Curtois and Qu (2014). "
        "The engine and its model: [rostering.md](rostering.md).",
        "",
        f"Load average when the run ended: {results.get('load', 'not recorded')} on "
        f"{os.cpu_count()} cores (a shared machine: the times and the rosters found in them "
        "vary with the load).",
        "",
        "| instance | days | staff | types | status | objective | bound | best known | gap to "
        "best | seconds | verifier | runs | runs' seconds |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    notes = []
    for row in results["rows"]:
        gap = row.get("gap_to_best")
        verdict = _verdict(row)
        lines.append(
            f"| {row['instance']} | {row.get('days', '-')} | {row.get('staff', '-')} | "
            f"{row.get('shift_types', '-')} | {row['status']} | {_n(row.get('objective'))} | "
            f"{_n(row.get('bound'))} | {_n(row.get('best_known'))} | "
            f"{'-' if gap is None else f'{gap:.2%}'} | {row.get('seconds', 0):.1f} | {verdict} | "
            f"{_listed(row.get('runs'), '{}')} | {_listed(row.get('run_seconds'), '{:.1f}')} |"
        )
        notes += [f"- {row['instance']}: {reason}" for reason in row.get("reasons", [])]
    lines += [
        "",
        "The set's larger instances (10 to 24, up to 364 days and 150 staff) are not in the "
        "offline reference data and are not measured.",
    ]
    if notes:
        lines += [
            "",
            "Instances that cannot be solved as given (not replaced by other copies):",
            "",
            *notes,
        ]
    return [*lines, ""]


def _verdict(row: dict[str, Any]) -> str:
    if row.get("verified") is None:
        return "-"
    if row.get("violations"):
        return f"{len(row['violations'])} violations"
    return "agrees" if row["verified"] == row.get("objective") else "disagrees"


def _listed(values: list[Any] | None, form: str) -> str:
    if not values:
        return "-"
    return ", ".join("-" if v is None else form.format(v) for v in values)


def _n(value: Any) -> str:
    return "-" if value is None else str(value)


def splice(document: str, section: list[str]) -> str:
    """``document`` with the section replaced (or added at the end)."""
    text = "\n".join(section)
    start = document.find(HEADING)
    if start < 0:
        return document.rstrip("\n") + "\n\n" + text
    end = document.find("\n## ", start + len(HEADING))
    rest = "" if end < 0 else document[end + 1 :]
    return document[:start] + text + ("\n" + rest if rest else "")


def _reference_folder() -> Path:
    """``shared/refdata/rostering`` in the nearest folder above the repository that has it."""
    for above in ROOT.parents:
        if (above / "shared/refdata/rostering").is_dir():
            return above / "shared/refdata/rostering"
    return ROOT.parent / "shared/refdata/rostering"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=Path, default=_reference_folder())
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=1, help="runs per instance (median)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs/benchmarks.md")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks/results/curtois.json")
    parser.add_argument(
        "--from-results", action="store_true", help="only re-render the section from --results"
    )
    args = parser.parse_args(argv)
    if args.from_results:
        results = json.loads(args.results.read_text(encoding="utf-8"))
        write_text(args.docs, splice(args.docs.read_text(encoding="utf-8"), report_lines(results)))
        return 0
    if not args.instances.is_dir():
        print(f"{args.instances}: not a folder of instance files", file=sys.stderr)
        return 2
    results = measure(args.instances, args.time_limit, args.workers, args.seed, args.repeats)
    write_text(args.results, json.dumps(results, indent=1) + "\n")
    section = report_lines(results)
    write_text(args.docs, splice(args.docs.read_text(encoding="utf-8"), section))
    print("\n".join(section))
    return 0


if __name__ == "__main__":
    sys.exit(main())
