"""What-if sweeps: what a variant costs, what the warm start buys, what a second worker buys.

Protocol: the bundled concert (``scenarios/concert.yaml``; a generated 1,000-staff event when it
is absent), swept over ``--variants`` police head counts spread evenly from 10 % to 60 % of the
scenario's police (a police total scales every police pool in proportion).

1. A cold single solve of the base, as ``eventplan solve`` does it (venue analyses, then
   :func:`eventplan.planning.solve`), ``--runs`` times: the reference cost.
2. The sweep through the command line's machinery (a local process pool even for one worker):
   warm with 1 worker; cold (``--cold``: every variant analysed and solved from scratch) with 1
   worker; warm but without seeding the base's shifts (only the shared venue analyses, grid
   and demands) with 1 worker; warm with 2 workers. Wall time includes starting the pool and,
   when seeding, solving the base first; CPU time is that of this process and its finished
   children.

Printed: the medians, the cost of a variant (sweep wall time / variants) against the cold
single solve, the warm/cold ratio, the speed-up from 1 to 2 workers, and whether warm and cold
variants reached the same objectives. The machine is shared and has 2 cores: expect run-to-run
noise of tens of per cent; compare CPU times as well as wall times.

Run: ``python benchmarks/bench_whatif.py [--variants 50] [--time-limit 60] [--runs 3]``.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path
from typing import Any

import pandas as pd

from eventplan.planning import solve
from eventplan.scenario import Scenario, load
from eventplan.whatif import SolveOptions, run_sweep
from eventplan.whatif.jobs import Job
from eventplan.whatif.variants import Axis, pools_of

CONCERT = Path(__file__).resolve().parent.parent / "scenarios" / "concert.yaml"


def base_scenario(path: Path) -> Scenario:
    if path.exists():
        return load(path)
    from eventplan.generate import Spec, generate

    return generate(Spec(staff=1000, posts=100, seed=1))


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have finished."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cold_single(scenario: Scenario, time_limit: float, runs: int) -> dict[str, float]:
    walls, cpus = [], []
    for seed in range(runs):
        wall, cpu = time.perf_counter(), cpu_seconds()
        solve(scenario, time_limit=time_limit, seed=seed, workers=1)
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu_seconds() - cpu)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus)}


def timed_sweep(
    scenario: Scenario, axis: Axis, workers: int, options: SolveOptions
) -> tuple[pd.DataFrame, dict[str, float]]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    table = run_sweep(
        scenario, Job, vary=[axis], workers=workers, in_process=False, options=options
    )
    return table, {"wall": time.perf_counter() - wall, "cpu": cpu_seconds() - cpu}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=CONCERT)
    parser.add_argument("--role", default="police")
    parser.add_argument("--variants", type=int, default=50)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--configs",
        default="warm1,cold1,shared1,warm2",
        help="which sweeps to time (comma-separated): " + ", ".join(CONFIGS),
    )
    args = parser.parse_args(argv)

    scenario = base_scenario(args.scenario)
    total = sum(scenario.pool(p).count for p in pools_of(scenario, args.role))
    low, high = max(1, round(total * 0.1)), max(2, round(total * 0.6))
    counts = sorted(
        {round(low + (high - low) * i / max(1, args.variants - 1)) for i in range(args.variants)}
    )
    axis = Axis("count", args.role, tuple(float(c) for c in counts))
    print(
        f"scenario {scenario.source or scenario.event.id}: {len(counts)} variants, "
        f"{args.role} {counts[0]}..{counts[-1]} (base {total}), time limit {args.time_limit:g} s"
    )

    single = cold_single(scenario, args.time_limit, args.runs)
    print(
        f"cold single solve (median of {args.runs}): wall {single['wall']:.2f} s, "
        f"cpu {single['cpu']:.2f} s",
        flush=True,
    )
    results: dict[str, tuple[pd.DataFrame, dict[str, float]]] = {}
    for key in args.configs.split(","):
        label, workers, options = CONFIGS[key]
        options = SolveOptions(
            time_limit=args.time_limit, warm=options.warm, seed_shifts=options.seed_shifts
        )
        table, cost = timed_sweep(scenario, axis, workers, options)
        results[key] = (table, cost)
        report(label, table, cost, len(counts), single)

    def ratio(a: str, b: str, what: str) -> None:
        if a in results and b in results:
            print(
                f"{CONFIGS[a][0]} / {CONFIGS[b][0]} ({what}): "
                f"{results[a][1][what] / results[b][1][what]:.2f}"
            )

    for a, b in (("warm1", "cold1"), ("shared1", "cold1"), ("warm1", "shared1")):
        ratio(a, b, "wall")
        ratio(a, b, "cpu")
    if "warm1" in results and "warm2" in results:
        print(
            f"speed-up from 1 to 2 workers (warm, wall): "
            f"{results['warm1'][1]['wall'] / results['warm2'][1]['wall']:.2f}"
        )
    if "warm1" in results and "cold1" in results:
        same = agreement(results["warm1"][0], results["cold1"][0])
        print(f"warm and cold objectives equal (within 1e-6) in {same}")


CONFIGS: dict[str, tuple[str, int, SolveOptions]] = {
    "warm1": ("warm, 1 worker", 1, SolveOptions()),
    "cold1": ("cold, 1 worker", 1, SolveOptions(warm=False)),
    "shared1": (
        "shared analyses without seeded shifts, 1 worker",
        1,
        SolveOptions(seed_shifts=False),
    ),
    "warm2": ("warm, 2 workers", 2, SolveOptions()),
}


def report(
    name: str, table: pd.DataFrame, cost: dict[str, float], variants: int, single: dict[str, float]
) -> None:
    solver = pd.to_numeric(table["seconds"], errors="coerce")
    per_variant = cost["wall"] / variants
    errors = int(table["error"].notna().sum())
    print(
        f"{name}: total wall {cost['wall']:.1f} s, cpu {cost['cpu']:.1f} s; per variant "
        f"{per_variant:.2f} s wall = {per_variant / single['wall']:.2f} x a cold single "
        f"solve; median solver time {solver.median():.2f} s; statuses "
        f"{dict(table['status'].value_counts())}" + (f"; {errors} failed" if errors else "")
    )


def agreement(warm: pd.DataFrame, cold: pd.DataFrame) -> str:
    a = warm.set_index("index")["objective"]
    b = cold.set_index("index")["objective"]
    joined: Any = pd.concat([a, b], axis=1, keys=["warm", "cold"]).dropna()
    equal = (
        (joined["warm"] - joined["cold"]).abs() <= 1e-6 * joined["cold"].abs().clip(lower=1)
    ).sum()
    return f"{equal} of {len(joined)} variants"


if __name__ == "__main__":
    main()
