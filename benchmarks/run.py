"""Run the benchmark protocol (``benchmarks/README.md``) and write ``docs/benchmarks.md``.

    python -m benchmarks.run                # everything, about an hour on 2 cores
    python -m benchmarks.run --quick        # tiny instances, seconds: checks the machinery
    python -m benchmarks.run --sections compare --runs 3
    python -m benchmarks.run --sections startup   # start-up of the command line only

Every run is a subprocess of its own (``benchmarks.worker``) with a wall-time cap; ``--quick``
runs in-process. Raw results go to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks import machine, report, side_sections
from benchmarks.worker import execute

ROOT = Path(__file__).resolve().parent.parent
CONCERT = ROOT / "scenarios" / "concert.yaml"
#: Every method that builds its own model gets this much memory (address space) at most.
MEMORY_CAP_GB = 12.0
#: Sections that solve; the header of the report (date, machine, budget) describes their run.
SOLVER_SECTIONS = ("compare", "targets", "scale")
SECTIONS = (*SOLVER_SECTIONS, *side_sections.SECTIONS)


@dataclass(frozen=True)
class Settings:
    quick: bool
    runs: int
    time_limit: float
    timefold: bool
    sections: tuple[str, ...]
    #: called with (section, rows so far) so that an interrupted run keeps what it measured
    on_progress: Any = None

    @property
    def in_process(self) -> bool:
        return self.quick


def generated(staff: int, days: int = 1, seed: int = 1, **extra: Any) -> dict[str, Any]:
    """A generated instance: posts = staff / 10, 15-minute slots, 16 h a day, no shortage."""
    spec = {
        "staff": staff,
        "posts": max(1, staff // 10),
        "days": days,
        "seed": seed,
        "slot_minutes": 15,
        "hours": 16,
        "shortage": 0.0,
        **extra,
    }
    return {
        "name": f"generated {staff:,} staff" + (f", {days} days" if days > 1 else ""),
        "generate": spec,
    }


def run_task(task: dict[str, Any], settings: Settings, wall_cap: float) -> dict[str, Any]:
    """One run in its own process (or in this one with --quick); failures become statuses."""
    if settings.in_process:
        return execute(task)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "result.json"
        command = [sys.executable, "-m", "benchmarks.worker", json.dumps(task), str(out)]
        started = time.perf_counter()
        try:
            done = subprocess.run(
                command, cwd=ROOT, capture_output=True, text=True, timeout=wall_cap
            )
        except subprocess.TimeoutExpired:
            return {"status": f"killed after {wall_cap:.0f} s"}
        if done.returncode != 0 or not out.exists():
            tail = (done.stderr or "").strip().splitlines()[-3:]
            oom = any("MemoryError" in line or "bad_alloc" in line for line in tail)
            cap = task.get("memory_cap_gb")
            what = (
                f"out of memory (cap {cap:g} GB)"
                if oom and cap
                else (f"crashed (exit {done.returncode})")
            )
            return {
                "status": what,
                "error": " | ".join(tail),
                "seconds": time.perf_counter() - started,
            }
        return json.loads(out.read_text())


def task(instance: dict, method: str, limit: float, seed: int = 0, **extra: Any) -> dict:
    return {
        "instance": {k: v for k, v in instance.items() if k != "name"},
        "method": method,
        "time_limit": limit,
        "seed": seed,
        **extra,
    }


def scale_section(settings: Settings, done: list[dict[str, Any]] | None = None) -> list[dict]:
    """Time to first plan, to 1 % gap and to proven optimum, and peak memory, by size.

    The 5-day instances come last: they take longest. The 1 % run is skipped when the default
    run needed more than three budgets (the LP alone then outlasts any budget).
    """
    sizes = (
        [(20, 1)]
        if settings.quick
        else [(1000, 1), (1000, 5), (5000, 1), (20000, 1), (5000, 5), (20000, 5)]
    )
    finished = {(row["staff"], row["days"]): row for row in done or []}
    rows = []
    for staff, days in sizes:
        if (staff, days) in finished:
            rows.append(finished[(staff, days)])
            continue
        instance = generated(staff, days)
        limit = settings.time_limit
        cap = 10 * limit
        default = run_task(task(instance, "eventplan", limit, count_options=True), settings, cap)
        took = default.get("seconds")
        if took is None or took > 3 * limit:
            to_gap = {
                "status": "not run: the default run took "
                + (f"{took:.0f} s" if took is not None else "too long")
            }
        else:
            to_gap = run_task(
                task(instance, "eventplan", limit, options={"gap_tolerance": 0.01}), settings, cap
            )
        rows.append(
            {
                "instance": instance["name"],
                "staff": staff,
                "days": days,
                "default": default,
                "gap1": to_gap,
            }
        )
        _log(f"scale {instance['name']}: {_brief(default)}")
        if settings.on_progress:
            settings.on_progress("scale", rows)
    return rows


def targets_section(settings: Settings) -> dict[str, Any]:
    """The concert optimum within 10 s; 5,000 staff at 1 % gap within 60 s under 4 GB."""
    runs = 1 if settings.quick else max(3, settings.runs)
    limit = settings.time_limit
    out: dict[str, Any] = {"runs": runs}
    if settings.quick:
        concert = generated(20) | {"name": "generated 20 staff (quick stand-in)"}
    elif CONCERT.exists():
        concert = {"name": "scenarios/concert.yaml", "file": str(CONCERT)}
    else:
        concert = None
    if concert is not None:
        out["concert"] = {
            "instance": concert["name"],
            "runs": [
                run_task(task(concert, "eventplan", limit, seed), settings, 600)
                for seed in range(runs)
            ],
        }
        _log(f"targets concert: {[_brief(r) for r in out['concert']['runs']]}")
    big = generated(20) if settings.quick else generated(5000)
    out["large"] = {
        "instance": big["name"] + f", {big['generate']['posts']} posts, 15-min slots, 16 h",
        "runs": [
            run_task(task(big, "eventplan", limit, seed), settings, 900) for seed in range(runs)
        ],
        "gap1": [
            run_task(
                task(big, "eventplan", limit, seed, options={"gap_tolerance": 0.01}), settings, 900
            )
            for seed in range(runs)
        ],
    }
    _log(f"targets large: {[_brief(r) for r in out['large']['runs']]}")
    return out


#: Timefold's Python front end had not finished its construction heuristic at 500 staff within
#: 60 s (measured 2026-11); larger instances would only repeat that at 5 minutes a run.
TIMEFOLD_MAX_STAFF = 500


def compare_section(settings: Settings, done: list[dict[str, Any]] | None = None) -> list[dict]:
    """All methods side by side on the same instances and the same time budget.

    ``done`` holds instances finished by an interrupted earlier run (``--resume``).
    """
    sizes = [20] if settings.quick else [100, 500, 1500, 5000]
    limit = settings.time_limit
    rows = []
    finished = {row["staff"]: row for row in done or []}
    for staff in sizes:
        if staff in finished:
            rows.append(finished[staff])
            continue
        instance = generated(staff)
        results: dict[str, Any] = {}
        results["eventplan"] = run_task(
            task(instance, "eventplan", limit), settings, 4 * limit + 120
        )
        _log(f"compare {instance['name']} eventplan: {_brief(results['eventplan'])}")
        lp = run_task(
            task(instance, "lp", 2 * limit, count_options=True), settings, 4 * limit + 120
        )
        if lp.get("bound") is None:  # fall back on eventplan's own LP bound (column generation)
            lp["bound"] = results["eventplan"].get("bound")
            lp["bound_source"] = "eventplan"
        bound = lp.get("bound")
        results["lp"] = lp
        results["eventplan"]["gap_to_bound"] = _gap(results["eventplan"], bound)
        for method in ("cpsat-person", "greedy", "timefold"):
            if method == "timefold" and not settings.timefold:
                results[method] = {"status": "skipped in --quick mode (use --timefold)"}
                continue
            if method == "timefold" and staff > TIMEFOLD_MAX_STAFF:
                results[method] = {"status": f"not run above {TIMEFOLD_MAX_STAFF} staff"}
                continue
            extra: dict[str, Any] = {"bound": bound}
            if method == "cpsat-person":
                extra["memory_cap_gb"] = MEMORY_CAP_GB
            results[method] = run_task(
                task(instance, method, limit, **extra), settings, 6 * limit + 120
            )
            _log(f"compare {instance['name']} {method}: {_brief(results[method])}")
        rows.append({"instance": instance["name"], "staff": staff, "results": results})
        if settings.on_progress:
            settings.on_progress("compare", rows)
    return rows


def refresh_lp(results: dict[str, Any], settings: Settings) -> None:
    """Rerun the LP bound of every side-by-side instance (the other columns are kept)."""
    limit = settings.time_limit
    for row in results.get("compare", []):
        instance = generated(row["staff"])
        lp = run_task(
            task(instance, "lp", 2 * limit, count_options=True), settings, 4 * limit + 120
        )
        if lp.get("bound") is None:
            lp["bound"] = row["results"]["eventplan"].get("bound")
            lp["bound_source"] = "eventplan"
        row["results"]["lp"] = lp
        _log(f"lp {instance['name']}: {lp.get('status')} {lp.get('bound')}")


def _gap(result: dict[str, Any], bound: float | None) -> float | None:
    objective = (result.get("evaluation") or {}).get("objective")
    if objective is None or bound is None:
        return None
    return max(0.0, objective - bound) / max(1e-9, abs(objective))


def _brief(result: dict[str, Any]) -> str:
    evaluation = result.get("evaluation") or {}
    return (
        f"{result.get('status')} obj={evaluation.get('objective')} "
        f"t={result.get('seconds')} rss={result.get('peak_rss_mb')}"
    )


def _log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def parse(argv: list[str] | None) -> tuple[Settings, argparse.Namespace]:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick", action="store_true", help="tiny instances and 3-second budgets, in-process"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per target (at least 3)")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=None,
        help="budget per run in seconds (default 60; 3 with --quick)",
    )
    parser.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument(
        "--timefold",
        action="store_true",
        help="include Timefold in --quick mode (always included otherwise)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument(
        "--results", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json"
    )
    parser.add_argument(
        "--from-results", action="store_true", help="only re-render the report from --results"
    )
    parser.add_argument(
        "--refresh-lp",
        action="store_true",
        help="rerun only the LP bounds of the side-by-side instances in --results",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep the rows of an interrupted run in --results and measure only the rest",
    )
    args = parser.parse_args(argv)
    limit = args.time_limit or (3.0 if args.quick else 60.0)
    settings = Settings(
        args.quick, args.runs, limit, args.timefold or not args.quick, tuple(args.sections)
    )
    return settings, args


#: What follows this line in docs/benchmarks.md is written by hand and kept on every rewrite.
HAND_WRITTEN = "<!-- written by hand below: kept by benchmarks.run -->"


def _json(results: dict[str, Any], previous: dict[str, Any]) -> str:
    """The results as JSON, keys where the previous file had them, so that reruns diff small."""
    keys = [*(k for k in previous if k in results), *(k for k in results if k not in previous)]
    return json.dumps({k: results[k] for k in keys}, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    from eventplan.io.atomic import write_text

    settings, args = parse(argv)
    if args.from_results or args.refresh_lp:
        results = json.loads(args.results.read_text())
        if args.refresh_lp:
            refresh_lp(results, settings)
            write_text(args.results, json.dumps(results, indent=1) + "\n")
    else:
        saved = json.loads(args.results.read_text()) if args.results.exists() else {}
        results = {
            "date": datetime.now().isoformat(timespec="minutes"),
            "machine": machine.describe(),
            "settings": dict(settings.__dict__, on_progress=None),
            "memory_cap_gb": MEMORY_CAP_GB,
        }
        if not set(settings.sections) & set(SOLVER_SECTIONS):  # the start-up stamps itself
            results.update({k: saved[k] for k in (*results, "wall_seconds") if k in saved})
        # keep the sections not rerun this time, and with --resume the rows already measured
        results.update({k: saved[k] for k in SECTIONS if k in saved and k not in settings.sections})
        previous = {k: saved.get(f"partial_{k}", []) for k in SECTIONS} if args.resume else {}

        def save(section: str, rows: list) -> None:
            results[f"partial_{section}"] = rows
            write_text(args.results, _json(results, saved))

        settings = Settings(**dict(settings.__dict__, on_progress=save))
        started = time.perf_counter()
        for name in settings.sections:
            if name == "compare":
                results[name] = compare_section(settings, previous.get("compare"))
            elif name == "scale":
                results[name] = scale_section(settings, previous.get("scale"))
            elif name in side_sections.SECTIONS:
                results[name] = side_sections.measure(
                    name, settings.quick, settings.runs, settings.time_limit, _log
                )
            else:
                results[name] = targets_section(settings)
            results.pop(f"partial_{name}", None)
            if name in SOLVER_SECTIONS:
                results["wall_seconds"] = time.perf_counter() - started
            write_text(args.results, _json(results, saved))  # keep what is done
    kept = args.out.read_text().partition(HAND_WRITTEN)[2] if args.out.exists() else ""
    write_text(args.out, report.render(results) + (HAND_WRITTEN + kept if kept else ""))
    _log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
