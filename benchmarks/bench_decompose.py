"""Benchmark: the search by station-day blocks against the search on one LP, side by side.

Protocol (every run in a fresh process, the time limit counting the venue analyses and the
model's building, as ``eventplan solve --time-limit`` does; 2 worker processes or threads):

1. generated 5,000 staff, 500 posts, 15-minute slots, one day, pools 10 % short, shifts of
   4 to 12 hours, seeds 1-3: the blocks and today's LP path at ``--time-limit 60``; objective,
   bound (and which), gap to the bound, seconds, peak memory (with child processes);
2. generated 20,000 staff, 1,500 posts, five days (same knobs, seed 1): the blocks at 60 s,
   gap and peak memory; today's path with ``--with-lp-at-scale``;
3. speed-up of the blocks from 1 to 2 local workers: wall seconds of a fixed number of
   pricing rounds on the 5,000-staff event (seed 1);
4. the same rounds on a Dask ``LocalCluster`` of 2 single-threaded workers (``--scheduler``);
5. the scale curve: the blocks alone at the time limit on every shape of ``SHAPES`` (staff,
   posts, days) and seed, with the same knobs;
6. a larger event on Dask (``LARGE``: 50,000 staff, 3,750 posts, ten days, seed 1): the whole
   search on a ``LocalCluster`` of 2 workers at ``--large-time-limit`` (0 leaves it out),
   then the wall seconds of ``--large-rounds`` pricing rounds on clusters of 1 and of 2
   workers (the speed-up), in all and for the rounds after the first (warm blocks).

Reported: each run's figures and the medians by method. Run from the repository root:
``python -m benchmarks.bench_decompose [--time-limit 60] [--seeds 1 2 3]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KNOBS = {"shortage": 0.1, "shift_hours": (4.0, 12.0)}
#: (staff, posts, days) of the scale curve
SHAPES = ((5000, 500, 1), (20000, 1500, 1), (5000, 500, 5), (20000, 1500, 5))
#: (staff, posts, days) of the larger event planned on Dask
LARGE = (50000, 3750, 10)


def write_event(folder: Path, staff: int, posts: int, days: int, seed: int) -> Path:
    from eventplan.generate import Spec, generate
    from eventplan.scenario.writer import dump

    spec = Spec(staff=staff, posts=posts, days=days, seed=seed, **KNOBS)
    path = folder / f"generated-{staff}-{days}d-seed{seed}.yaml"
    dump(generate(spec), path)
    return path


def run_one(path: str, method: str, limit: float, workers: int, rounds: int | None) -> dict:
    """One search in this process (called in a fresh one): figures as a dict."""
    from benchmarks.memory import PeakMemory
    from eventplan.planning.stages import lay_groundwork
    from eventplan.scenario import load
    from eventplan.staffing.build import build_model
    from eventplan.staffing.decompose import BlockSettings, solve_by_blocks
    from eventplan.staffing.search import SearchSettings, solve_model

    with PeakMemory() as peak:
        started = time.perf_counter()
        groundwork = lay_groundwork(load(path))
        model = build_model(groundwork.scenario, groundwork.grid, groundwork.requirements, False)
        if rounds is not None:  # the speed-up: a fixed number of rounds, however long
            scheduler = None if method == "blocks" else method
            settings = BlockSettings(600, 0, workers, scheduler, max_rounds=rounds)
            marks: list[float] = []
            begun = time.perf_counter()
            solve_by_blocks(
                model, settings, progress=lambda _stage, _n: marks.append(time.perf_counter())
            )
            # the rounds after the first: warm blocks, without the blocks' building
            later = marks[-1] - marks[0]
            return {"seconds": marks[-1] - begun, "later_rounds": later, "rounds": len(marks)}
        on_dask = method.startswith("tcp://")
        settings = SearchSettings(
            limit,
            0.0,
            0,
            workers,
            started,
            blocks=method == "blocks" or on_dask,
            scheduler=method if on_dask else None,
        )
        _counts, report = solve_model(model, settings)
        wall = time.perf_counter() - started
    return {
        "objective": report.objective,
        "bound": report.bound,
        "gap": report.gap,
        "status": str(report.status),
        "seconds": wall,
        "mb": peak.mb,
        "rows": len(model.shortfall_var),
        "method": report.method,
    }


def in_fresh_process(
    path: Path, method: str, limit: float, workers: int = 2, rounds: int | None = None
) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.bench_decompose", "--one", str(path), method]
    command += [str(limit), str(workers), str(rounds or 0)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": done.stderr[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def with_local_cluster(
    path: Path, rounds: int | None, workers: int = 2, limit: float = 0
) -> dict[str, Any]:
    """A search on a fresh ``LocalCluster`` of single-threaded worker processes: ``rounds``
    pricing rounds, or (None) the whole search at ``limit``."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster:
        return in_fresh_process(path, cluster.scheduler_address, limit, workers, rounds)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--with-lp-at-scale", action="store_true")
    parser.add_argument("--large-time-limit", type=float, default=300.0)
    parser.add_argument("--large-rounds", type=int, default=4)
    parser.add_argument("--skip", nargs="*", default=[], help="sections to leave out: 1 to 6")
    parser.add_argument("--one", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        path, method, limit, workers, rounds = args.one
        found = run_one(path, method, float(limit), int(workers), int(rounds) or None)
        print(json.dumps(found))
        return
    with tempfile.TemporaryDirectory() as folder:
        results = _sections(Path(folder), args)
    print(json.dumps(results, indent=1))


def _sections(folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {}
    limit = args.time_limit
    if "1" not in args.skip:
        rows = []
        for seed in args.seeds:
            path = write_event(folder, 5000, 500, 1, seed)
            for method in ("blocks", "lp"):
                rows.append(
                    {"seed": seed, "method_asked": method, **in_fresh_process(path, method, limit)}
                )
                print(json.dumps(rows[-1]), flush=True)
        results["5000"] = rows
        for method in ("blocks", "lp"):
            gaps = [r["gap"] for r in rows if r["method_asked"] == method and "gap" in r]
            if gaps:
                print(f"median gap, {method}: {statistics.median(gaps):.4%}", flush=True)
    if "2" not in args.skip:
        path = write_event(folder, 20000, 1500, 5, 1)
        methods = ("blocks", "lp") if args.with_lp_at_scale else ("blocks",)
        results["20000x5"] = [
            {"method_asked": m, **in_fresh_process(path, m, limit)} for m in methods
        ]
        print(json.dumps(results["20000x5"]), flush=True)
    path = write_event(folder, 5000, 500, 1, args.seeds[0])
    if "3" not in args.skip:
        one = in_fresh_process(path, "blocks", 0, 1, args.rounds)
        two = in_fresh_process(path, "blocks", 0, 2, args.rounds)
        results["speed-up"] = {"one": one, "two": two, "ratio": one["seconds"] / two["seconds"]}
        print(json.dumps(results["speed-up"]), flush=True)
    if "4" not in args.skip:
        results["dask"] = with_local_cluster(path, args.rounds)
        print(json.dumps(results["dask"]), flush=True)
    if "5" not in args.skip:
        results["scale"] = _scale_curve(folder, args.seeds, limit)
    if "6" not in args.skip:
        results["large on dask"] = _large_on_dask(folder, args)
    return results


def _large_on_dask(folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    path = write_event(folder, *LARGE, 1)
    found: dict[str, Any] = {}
    if args.large_time_limit > 0:
        found["whole"] = with_local_cluster(path, None, 2, args.large_time_limit)
        print(json.dumps(found["whole"]), flush=True)
    one = with_local_cluster(path, args.large_rounds, 1)
    two = with_local_cluster(path, args.large_rounds, 2)
    found |= {"one": one, "two": two, "ratio": one["seconds"] / two["seconds"]}
    found["later_rounds_ratio"] = one["later_rounds"] / two["later_rounds"]
    print(json.dumps(found), flush=True)
    return found


def _scale_curve(folder: Path, seeds: list[int], limit: float) -> list[dict[str, Any]]:
    rows = []
    for staff, posts, days in SHAPES:
        for seed in seeds:
            path = write_event(folder, staff, posts, days, seed)
            found = {"staff": staff, "posts": posts, "days": days, "seed": seed}
            rows.append({**found, **in_fresh_process(path, "blocks", limit)})
            print(json.dumps(rows[-1]), flush=True)
    return rows


if __name__ == "__main__":
    main()
