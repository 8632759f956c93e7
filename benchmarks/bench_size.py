"""Benchmark: the size estimate (``eventplan.staffing.size``) against what solves measure.

Protocol, per instance (the bundled concert and expo, generated events of 1,000 and 5,000
staff at 15-, 5- and 1-minute slots):

1. the estimate: coverage rows, the memory it predicts, the seconds it predicts pricing the
   shifts (column generation) needs (0 below the rows always solved);
2. the LP alone, in a fresh process: column generation to convergence (at most ``--cap``
   seconds), its seconds;
3. a whole ``eventplan solve --no-map --time-limit T`` in a fresh process: its peak memory
   with its children (the HiGHS worker) together, sampled every 0.1 s.

Reported: each figure and the ratios estimate / measured. The estimate is meant to stay
above the memory measured (a refusal must be certain to be right: it errs toward refusing
later) and below the LP's seconds.

Run from the repository root: ``python -m benchmarks.bench_size [--time-limit 120]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ("concert", "expo")
#: (staff, days, slot minutes) of the generated instances.
GENERATED = ((1000, 1, 15), (1000, 1, 5), (5000, 1, 15), (1000, 1, 1))


def lp_seconds(path: Path, cap: float) -> dict[str, Any]:
    """Column generation on the scenario's model, to convergence or ``cap`` seconds."""
    from eventplan.planning.stages import lay_groundwork
    from eventplan.scenario import load
    from eventplan.staffing.build import build_model
    from eventplan.staffing.colgen import column_generation

    groundwork = lay_groundwork(load(path))
    model = build_model(groundwork.scenario, groundwork.grid, groundwork.requirements, False)
    started = time.perf_counter()
    relaxation = column_generation(model, None, started + cap, None)
    return {
        "seconds": time.perf_counter() - started,
        "converged": relaxation.converged,
        "rows": model.linear.num_rows,
    }


def peak_memory(path: Path, time_limit: float) -> dict[str, Any]:
    """A whole solve in a fresh process: its peak memory with its children, in MB."""
    from benchmarks.memory import PeakMemory

    with tempfile.TemporaryDirectory() as folder, PeakMemory() as peak:
        command = [sys.executable, "-m", "eventplan", "solve", str(path), "-o", f"{folder}/p"]
        command += ["--no-map", "--time-limit", str(time_limit)]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        solver = {}
        if done.returncode == 0:
            solver = json.loads((Path(folder) / "p" / "plan.json").read_text())["solver"]
    return {"mb": peak.mb, "exit": done.returncode, "status": solver.get("status")}


def instances(folder: Path) -> list[tuple[str, Path]]:
    from eventplan.generate import Spec, generate
    from eventplan.scenario.writer import dump

    found = [(name, ROOT / "scenarios" / f"{name}.yaml") for name in BUNDLED]
    for staff, days, slot in GENERATED:
        spec = Spec(staff=staff, posts=staff // 10, days=days, slot_minutes=slot, seed=1)
        path = folder / f"generated-{staff}-{days}d-{slot}min.yaml"
        dump(generate(spec), path)
        found.append((f"generated {staff:,} staff, {days} day(s), {slot}-min slots", path))
    return found


def measure(time_limit: float = 120.0, cap: float = 600.0, quick: bool = False) -> dict[str, Any]:
    """Every instance (``quick``: the concert alone) measured; the results with their date."""
    rows = measure_rows(time_limit, cap, quick)
    return {"date": f"{datetime.now():%Y-%m-%d}", "time_limit": time_limit, "rows": rows}


def measure_rows(time_limit: float, cap: float, quick: bool = False) -> list[dict[str, Any]]:
    from eventplan.scenario import load
    from eventplan.staffing.size import estimate

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, path in instances(Path(folder))[: 1 if quick else None]:
            size = estimate(load(path))
            lp = _in_fresh_process("lp", path, cap)
            memory = peak_memory(path, time_limit)
            rows.append(
                {
                    "instance": name,
                    "rows": size.coverage_rows,
                    "slot_minutes": size.slot_minutes,
                    "memory_estimate_mb": size.memory_bytes / 2**20,
                    "memory_mb": memory["mb"],
                    "pricing_estimate_s": size.pricing_seconds,
                    "lp_s": lp["seconds"],
                    "lp_converged": lp["converged"],
                    "status": memory["status"],
                }
            )
            print(json.dumps(rows[-1]), flush=True)
    return rows


def _in_fresh_process(what: str, path: Path, cap: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.bench_size", f"--{what}", str(path)]
    done = subprocess.run(
        [*command, "--cap", str(cap)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def report_lines(results: dict[str, Any]) -> list[str]:
    """The section of docs/benchmarks.md."""
    return [
        "## Size estimate",
        "",
        f"Measured {results['date']} with `python -m benchmarks.bench_size` (protocol in its "
        f"docstring; whole solves with `--time-limit {results['time_limit']:g}`). The memory "
        "estimate should stay above the peak measured (process and HiGHS worker); the pricing "
        "estimate is 0 below 150,000 coverage rows, where the time limit is never judged too "
        "short.",
        "",
        *table_lines(results["rows"]),
        "",
    ]


def table_lines(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| Instance | Coverage rows | Memory: estimate / measured (MB) | ratio "
        "| Pricing: estimate / LP measured (s) |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = r["memory_estimate_mb"] / max(1.0, r["memory_mb"])
        lp = f"{r['lp_s']:.1f}" + ("" if r["lp_converged"] else " (capped)")
        lines.append(
            f"| {r['instance']} | {r['rows']:,} | {r['memory_estimate_mb']:,.0f} / "
            f"{r['memory_mb']:,.0f} | {ratio:.2f} | {r['pricing_estimate_s']:,.0f} / {lp} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--cap", type=float, default=600.0, help="most seconds for one LP")
    parser.add_argument("--lp", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.lp:
        print(json.dumps(lp_seconds(Path(args.lp), args.cap)))
        return
    results = measure(args.time_limit, args.cap)
    print("\n".join(table_lines(results["rows"])))


if __name__ == "__main__":
    main()
