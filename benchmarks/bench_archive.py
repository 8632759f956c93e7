"""Benchmark: the plan archive on SQLite and on PostgreSQL, side by side.

Protocol: the bundled concert is solved once (seed 1, one worker, no map); from its folder
``--events`` plan folders are made, each the same plan moved to another day of July 2025
(and a new event id), its identity written anew, as a solve would have. Each folder is added
to a fresh archive on SQLite (a file) and on PostgreSQL (a new database on the server
``--postgres`` names, default ``$EVENTPLAN_TEST_POSTGRES_URL``; ``. .ci/postgres`` starts a
throwaway one), then added again (nothing changes), a muster file is imported for the first
event, and the month's report and ledger are read ``--runs`` times. Reported: medians per
plan added, per plan added again, the import, the report and the ledger, with the ratio
PostgreSQL / SQLite. Without a server the PostgreSQL column says so.

Run from the repository root: ``python benchmarks/bench_archive.py [--events N] [--runs R]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventplan import cli  # noqa: E402
from eventplan.archive import add_plan, import_attendance, ledger, report  # noqa: E402
from eventplan.io.identity import FILES_KEY, file_hashes  # noqa: E402

DAY = "2025-07-12"
MONTH = (date(2025, 7, 1), date(2025, 7, 31))


def solve_concert(base: Path) -> Path:
    folder = base / "concert"
    code = cli.main(
        ["solve", str(ROOT / "scenarios" / "concert.yaml"), "-o", str(folder),
         "--seed", "1", "--workers", "1", "--no-map", "--time-limit", "120"]
    )  # fmt: skip
    if code != 0:
        raise SystemExit(f"eventplan solve exited {code}")
    return folder


def moved_copy(source: Path, target: Path, days: int, event_id: str) -> Path:
    """The plan of ``source`` moved ``days`` days later, for event ``event_id``."""
    shutil.copytree(source, target)
    day = (date.fromisoformat(DAY) + timedelta(days=days)).isoformat()
    for name in ("roster.csv", "coverage.csv", "scenario.json", "plan.json"):
        path = target / name
        text = path.read_text(encoding="utf-8").replace(DAY, day)
        path.write_text(text.replace('"city-stadium-concert"', json.dumps(event_id)), "utf-8")
    document = json.loads((target / "plan.json").read_text(encoding="utf-8"))
    contents = {p.name: p.read_bytes() for p in target.iterdir() if p.name != "plan.json"}
    document[FILES_KEY] = file_hashes(contents)
    (target / "plan.json").write_text(json.dumps(document), encoding="utf-8")
    return target


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def measure(db: str, folders: list[Path], muster: Path, runs: int) -> dict[str, float]:
    adds = [timed(lambda f=f: add_plan(db, f)) for f in folders]
    again = [timed(lambda f=f: add_plan(db, f)) for f in folders]
    imported = timed(lambda: import_attendance(db, "concert-0", muster))
    reports = [timed(lambda: report(db, *MONTH)) for _ in range(runs)]
    ledgers = [timed(lambda: ledger(db, *MONTH)) for _ in range(runs)]
    return {
        "add (per plan)": statistics.median(adds),
        "add again (per plan)": statistics.median(again),
        "all adds": sum(adds),
        "attendance import": imported,
        "report (month)": statistics.median(reports),
        "ledger (month)": statistics.median(ledgers),
    }


def muster_of(folder: Path, target: Path) -> Path:
    """Everyone on the first plan's roster present from their first to their last stint."""
    import csv

    spans: dict[str, list[str]] = {}
    with (folder / "roster.csv").open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            first, last = spans.setdefault(row["person"], [row["start"], row["end"]])
            spans[row["person"]] = [min(first, row["start"]), max(last, row["end"])]
    lines = ["person,arrived,left"] + [f"{p},{a},{b}" for p, (a, b) in spans.items()]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def postgres_database(server: str) -> tuple[str, Callable[[], None]]:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server)
    name = f"eventplan_bench_{uuid.uuid4().hex[:8]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url.set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10, help="plan folders to add")
    parser.add_argument("--runs", type=int, default=3, help="runs of the report and ledger")
    parser.add_argument("--postgres", default=os.environ.get("EVENTPLAN_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as temporary:
        base = Path(temporary)
        source = solve_concert(base)
        folders = [
            moved_copy(source, base / f"plan-{i}", i - 11, f"concert-{i}")
            for i in range(args.events)
        ]
        muster = muster_of(folders[0], base / "muster.csv")
        rows = sum(1 for _ in (source / "roster.csv").open(encoding="utf-8")) - 1
        print(f"{args.events} plan folders of the concert ({rows:,} roster rows each)")
        results = {"SQLite": measure(str(base / "archive.sqlite"), folders, muster, args.runs)}
        if args.postgres:
            url, drop = postgres_database(args.postgres)
            try:
                results["PostgreSQL"] = measure(url, folders, muster, args.runs)
            finally:
                drop()
    print_table(results)


def print_table(results: dict[str, dict[str, float]]) -> None:
    sqlite = results["SQLite"]
    postgres = results.get("PostgreSQL")
    print(f"{'seconds':<22} {'SQLite':>9} {'PostgreSQL':>11} {'PG / SQLite':>12}")
    for measure_name, value in sqlite.items():
        if postgres is None:
            print(f"{measure_name:<22} {value:>9.3f} {'not run':>11} {'':>12}")
            continue
        other = postgres[measure_name]
        print(f"{measure_name:<22} {value:>9.3f} {other:>11.3f} {other / value:>11.2f}x")
    if postgres is None:
        print("PostgreSQL not measured: give --postgres URL or set EVENTPLAN_TEST_POSTGRES_URL")


if __name__ == "__main__":
    main()
