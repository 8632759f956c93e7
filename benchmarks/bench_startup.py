"""Benchmark: how long the command line takes to start.

Protocol: ``eventplan --help`` and ``eventplan validate scenarios/concert.yaml`` are each run
``--runs`` times (5 by default), every run in a fresh Python process of this checkout
(``python -m eventplan``), timed from outside, wall clock, output discarded. Reported: the median
and every time, and, from one more run of each under ``python -X importtime``, the imports that
cost most (cumulative, that is with everything they import in turn). Target: a median of 0.8 s
or less for both commands; validating a file should not import the solver, the map or pandas.

Run from the repository root: ``python benchmarks/bench_startup.py [--runs 5]``. The same
measurement is the ``startup`` section of ``python -m benchmarks.run``.

``--small`` times a small event instead: the generated 100-staff, one-day event of the side by
side benchmark (10 posts, 15-minute slots, 16 h, no shortage, seed 1) planned ``--runs`` times
(3 by default) by ``solve()`` in a warm process (the venue analyses, the staffing search and
the plan's tables; imports and the scenario's reading excluded) and by ``eventplan solve`` as a
fresh process (everything, the map and the plan folder included); with ``--against CHECKOUT``
(an earlier commit unpacked with ``git archive``) both codes in turn, alternating, the
objective of each printed (a change that only saves time leaves it as it was). Target: under
1 s each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: The commands timed, by name: the arguments given to ``eventplan``.
COMMANDS: dict[str, tuple[str, ...]] = {
    "help": ("--help",),
    "validate": ("validate", "scenarios/concert.yaml"),
}
TARGET_SECONDS = 0.8
#: The small event of ``--small``: the generator's settings.
SMALL = ("--staff", "100", "--posts", "10", "--slot-minutes", "15", "--hours", "16",
         "--shortage", "0", "--seed", "1")  # fmt: skip
#: ``solve()`` timed in a warm process of one checkout: argv scenario file, runs.
WARM_SOLVE = """
import json, sys, time
from eventplan.planning import solve
from eventplan.scenario import load
scenario, times = load(sys.argv[1]), []
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    plan = solve(scenario, seed=0)
    times.append(time.perf_counter() - started)
print(json.dumps({"times": times, "objective": plan.report.objective,
                  "status": plan.report.status.value, "method": plan.report.method}))
"""
#: How many of the costliest imports to report per command.
TOP_IMPORTS = 8


def _environment() -> dict[str, str]:
    """The environment of a run: this checkout first on the path, whatever is installed."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path}


def time_command(arguments: tuple[str, ...]) -> float:
    """Seconds one ``eventplan`` run takes in a fresh process, start to exit."""
    command = [sys.executable, "-m", "eventplan", *arguments]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=_environment(), capture_output=True, check=True)
    return time.perf_counter() - started


def import_costs(arguments: tuple[str, ...], top: int = TOP_IMPORTS) -> list[dict[str, Any]]:
    """The costliest imports of one run: module, own and cumulative milliseconds."""
    command = [sys.executable, "-X", "importtime", "-m", "eventplan", *arguments]
    done = subprocess.run(
        command, cwd=ROOT, env=_environment(), capture_output=True, text=True, check=True
    )
    costs = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        own, cumulative, module = line.removeprefix("import time:").split("|")
        if own.strip().isdigit():  # skips the column header
            costs.append(
                {
                    "module": module.strip(),
                    "own_ms": int(own) / 1000,
                    "cumulative_ms": int(cumulative) / 1000,
                }
            )
    return sorted(costs, key=lambda c: c["cumulative_ms"], reverse=True)[:top]


def measure(runs: int = 5) -> dict[str, Any]:
    """Every command timed ``runs`` times, with its costliest imports."""
    results: dict[str, Any] = {
        "date": datetime.now().isoformat(timespec="minutes"),
        "load": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "runs": runs,
        "commands": {},
    }
    for name, arguments in COMMANDS.items():
        seconds = [time_command(arguments) for _ in range(runs)]
        results["commands"][name] = {
            "command": " ".join(("eventplan", *arguments)),
            "seconds": seconds,
            "median": statistics.median(seconds),
            "imports": import_costs(arguments),
        }
    return results


def report_lines(results: dict[str, Any]) -> list[str]:
    """The start-up section of ``docs/benchmarks.md``."""
    runs = results["runs"]
    lines = [
        "## Start-up",
        "",
        f"Measured on {results['date'][:10]} (load average {results['load']}) by "
        f"`benchmarks/bench_startup.py`: {runs} run{'s' * (runs != 1)} of each command in fresh "
        f"processes, wall clock. Target: a median of {TARGET_SECONDS:g} s or less.",
        "",
        "| Command | Median (s) | Runs (s) | Met |",
        "|---|---|---|---|",
    ]
    for entry in results["commands"].values():
        times = ", ".join(f"{s:.2f}" for s in entry["seconds"])
        met = "yes" if entry["median"] <= TARGET_SECONDS else "no"
        lines.append(f"| `{entry['command']}` | {entry['median']:.2f} | {times} | {met} |")
    for entry in results["commands"].values():
        lines += [
            "",
            f"Costliest imports of `{entry['command']}` (`python -X importtime`, one run):",
            "",
            "| Module | Own (ms) | With its imports (ms) |",
            "|---|---|---|",
        ]
        lines += [
            f"| `{c['module']}` | {c['own_ms']:.1f} | {c['cumulative_ms']:.1f} |"
            for c in entry["imports"]
        ]
    return [*lines, ""]


def measure_small(runs: int = 3, other: Path | None = None) -> dict[str, Any]:
    """The small event planned warm and from the command line, by this code and ``other``."""
    codes = {"this": ROOT} | ({"other": other.resolve()} if other else {})
    out: dict[str, Any] = {name: {"warm": [], "cli": [], "objective": None} for name in codes}
    with tempfile.TemporaryDirectory() as folder:
        scenario = Path(folder) / "small.yaml"
        run_in(ROOT, ["-m", "eventplan", "generate", *SMALL, "-o", str(scenario)])
        for k in range(runs):
            for name, code in codes.items():
                warm = json.loads(run_in(code, ["-c", WARM_SOLVE, str(scenario), "1"])[-1])
                started = time.perf_counter()
                run_in(code, ["-m", "eventplan", "solve", str(scenario), "-o", f"{folder}/{k}"])
                out[name]["cli"].append(time.perf_counter() - started)
                out[name]["warm"] += warm["times"]
                out[name]["objective"] = warm["objective"]
                out[name]["method"] = warm["method"]
                print(name, warm["times"], round(out[name]["cli"][-1], 2), flush=True)
    return out


def run_in(code: Path, arguments: list[str]) -> list[str]:
    """Run ``python ARGUMENTS`` with ``code`` first on the path; its output's lines."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, *arguments], cwd=code, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()


def print_small(results: dict[str, Any]) -> None:
    print("| code | solve() s, median (runs) | eventplan solve s, median (runs) | objective |")
    print("|---|---|---|---|")
    for name, r in results.items():
        warm = ", ".join(f"{t:.2f}" for t in r["warm"])
        cli = ", ".join(f"{t:.2f}" for t in r["cli"])
        print(
            f"| {name} | {statistics.median(r['warm']):.2f} ({warm}) "
            f"| {statistics.median(r['cli']):.2f} ({cli}) | {r['objective']:,.2f} |"
        )
    print(f"method: {results['this']['method']}; load average {os.getloadavg()[0]:.1f}")


def main(argv: list[str] | None = None) -> int:
    """Measure and print; exit 1 when a command misses the target."""
    parser = argparse.ArgumentParser(
        prog="python benchmarks/bench_startup.py", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--runs", type=int, default=None, help="runs per command (default 5)")
    parser.add_argument("--small", action="store_true", help="time the 100-staff event")
    parser.add_argument("--against", type=Path, metavar="CHECKOUT", help="with --small")
    args = parser.parse_args(argv)
    if args.small:
        print_small(measure_small(args.runs or 3, args.against))
        return 0
    args.runs = 5 if args.runs is None else args.runs
    results = measure(max(1, args.runs))
    for entry in results["commands"].values():
        times = ", ".join(f"{s:.3f}" for s in entry["seconds"])
        print(f"{entry['command']}: median {entry['median']:.3f} s ({times})")
        for cost in entry["imports"]:
            print(
                f"  {cost['cumulative_ms']:8.1f} ms  {cost['module']} (own {cost['own_ms']:.1f} ms)"
            )
    slow = [e for e in results["commands"].values() if e["median"] > TARGET_SECONDS]
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
