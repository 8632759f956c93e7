"""The bundled district calendar planned for one month and, optionally, the school year.

Prints, for each run, the wall time of the whole run as ``eventplan calendar plan`` makes it
(loading, the archive's ledger with ``--db``, planning, the cross-day check and the folder
written to a temporary directory), the seconds of the search and of the outputs apart, the CPU
time, the load average, peak memory, duties assigned, people short, the rolling objective, the
sum of the weekly bounds and the gap, and whether the cross-day check passed.

    python -m benchmarks.bench_calendar [--month-limit 60] [--year] [--year-limit 600]
        [--from DATE --to DATE] [--db URL] [--repeat N]

``--from``/``--to`` plan another period as the month; ``--db`` starts it from the plan
archive's ledger (read inside the timed part, as ``eventplan calendar plan --db`` reads it);
``--repeat`` runs the month that many times and prints the medians.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from eventplan.calendar.carried import read_carried
from eventplan.calendar.loader import load_calendar
from eventplan.calendar.outputs import write_plan
from eventplan.calendar.plan import plan_calendar
from eventplan.calendar.verify import verify

CALENDAR = Path(__file__).resolve().parent.parent / "calendars" / "district.yaml"
MONTH = (date(2026, 9, 1), date(2026, 9, 30))
YEAR = (date(2026, 9, 1), date(2027, 7, 9))


def run(label: str, first: date, last: date, limit: float, db: str | None = None) -> float:
    """Plan once, write the folder and print a row; the wall seconds of the whole."""
    started, cpu = time.monotonic(), time.process_time()
    loaded = load_calendar(CALENDAR)
    carried = None
    if db:
        people = {person.id for person in loaded.people}
        carried = read_carried(db, first, people, loaded.calendar.settings.timezone)
    plan = plan_calendar(loaded, first, last, time_limit=limit, carried=carried)
    planned = time.monotonic()
    breaches = verify(loaded, plan.assignments, first, carried)
    with tempfile.TemporaryDirectory() as folder:
        write_plan(Path(folder) / "plan", loaded, plan, breaches)
        seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    outputs = started + seconds - planned
    load = os.getloadavg()[0]
    objective = sum(w.objective for w in plan.weeks)
    bound = sum(w.bound for w in plan.weeks)
    need = sum(n.count for day in plan.duties.values() for d in day for n in d.needs)
    short = sum(s.need - s.filled for s in plan.shortfalls)
    statuses = {w.status for w in plan.weeks}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"| {label} | {first} .. {last} | {limit:.0f} | {seconds:.1f} | {seconds - outputs:.1f} "
        f"| {outputs:.1f} | {cpu:.0f} | {load:.1f} "
        f"| {peak:.0f} | "
        f"{need} | {len(plan.assignments)} | {short} | {objective:.4g} | {bound:.4g} | "
        f"{(objective - bound) / max(objective, 1):.3%} | {'/'.join(sorted(statuses))} | "
        f"{'passed' if not breaches else f'{len(breaches)} breaches'} |"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--month-limit", type=float, default=60.0)
    parser.add_argument("--year", action="store_true", help="also plan the school year")
    parser.add_argument("--year-limit", type=float, default=600.0)
    parser.add_argument("--from", dest="first", type=date.fromisoformat, default=MONTH[0])
    parser.add_argument("--to", dest="last", type=date.fromisoformat, default=MONTH[1])
    parser.add_argument("--db", help="start the month from this archive's ledger")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the month")
    args = parser.parse_args()
    print(
        "| run | period | limit s | wall s | search s | outputs s | CPU s | load | peak MB "
        "| person-duties asked "
        "| assigned | short | objective | bound | gap | week statuses | cross-day check |"
    )
    print("|---" * 17 + "|")
    label = "month, ledger" if args.db else "month"
    walls = [
        run(label, args.first, args.last, args.month_limit, args.db) for _ in range(args.repeat)
    ]
    if args.repeat > 1:
        print(f"median wall of {args.repeat} runs: {statistics.median(walls):.1f} s")
    if args.year:
        run("school year", *YEAR, args.year_limit)


if __name__ == "__main__":
    main()
