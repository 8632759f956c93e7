"""The sections measured by their own bench modules: start-up, the rules of command, the size
estimate. Each also runs alone (``python -m benchmarks.bench_<name>``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks import bench_rules, bench_size, bench_startup

SECTIONS = ("startup", "rules", "size")


def measure(
    name: str, quick: bool, runs: int, time_limit: float, log: Callable[[str], None]
) -> dict[str, Any]:
    """One section's results (``quick``: the least that checks the machinery)."""
    if name == "startup":
        results = bench_startup.measure(runs=1 if quick else max(5, runs))
        for entry in results["commands"].values():
            log(f"startup {entry['command']}: median {entry['median']:.2f} s")
    elif name == "rules":
        results = bench_rules.measure(runs=1 if quick else max(3, runs))
        log(f"rules: concert {results['concert']['ratio']:.2f} times as long with its rules")
    else:
        results = bench_size.measure(time_limit=2 * time_limit, quick=quick)
        for row in results["rows"]:
            log(f"size {row['instance']}: {row['memory_mb']:.0f} MB, LP {row['lp_s']:.1f} s")
    return results
