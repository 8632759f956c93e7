"""Time the venue import of Stade Louis-II from the bundled Monaco extract.

Protocol: five runs of the whole import (read the .osm.pbf, build, derive gates, link stops,
simplify, render the YAML and write it atomically) within one process, after one warm-up
run; the median is the figure, the target is 10 s or less. Run from the repository root:

    python benchmarks/bench_osm_import.py [--runs 5] [--radius 400]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from eventplan.osm import import_venue, write_venue

EXTRACT = Path(__file__).parents[1] / "tests" / "data" / "osm" / "monaco_stade_louis_ii.osm.pbf"
TARGET_S = 10.0


def run_once(radius: float, out: Path) -> tuple[float, object]:
    start = time.perf_counter()
    result = import_venue(EXTRACT, around="49209155", radius_m=radius)
    write_venue(result, out)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--radius", type=float, default=400.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "venue.yaml"
        run_once(args.radius, out)  # warm-up: imports, file cache
        times, result = [], None
        for _ in range(args.runs):
            seconds, result = run_once(args.radius, out)
            times.append(seconds)
        size = out.stat().st_size
    median = statistics.median(times)
    venue = result.venue
    print(f"extract        {EXTRACT.name} ({EXTRACT.stat().st_size / 1024:.0f} KiB)")
    print(f"venue          Stade Louis-II, way 49209155, radius {args.radius:g} m")
    print(
        f"graph          {len(venue['nodes'])} nodes, {len(venue['edges'])} edges, "
        f"{result.count('gate')} gates ({result.gates_derived} derived), "
        f"{result.count('transit')} transit, {result.count('parking')} parking"
    )
    print(
        f"before merge   {result.nodes_before} nodes; {result.parts_dropped} parts cut off "
        f"({result.nodes_dropped} nodes)"
    )
    print(f"output         {size / 1024:.0f} KiB of YAML")
    print(f"runs (s)       {' '.join(f'{t:.3f}' for t in times)}")
    print(
        f"median (s)     {median:.3f}   target <= {TARGET_S:g} s: "
        f"{'met' if median <= TARGET_S else 'MISSED'}"
    )
    return 0 if median <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
