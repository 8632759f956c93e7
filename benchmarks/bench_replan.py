"""Benchmark: replanning after 5% of the people are absent at the start of the ingress phase.

Protocol: the event is solved once (seed 0, two workers) and written as a plan folder. 5% of
the people rostered at or after the start of the ``ingress`` phase are drawn (seed 1) and
marked absent from that moment. Reported for each event: the seconds to read the parent
folder back, the median seconds of ``replan`` over ``--runs`` runs, the changes made against
the fewest possible (HiGHS's proven bound), and side by side a full re-solve of the scenario
without the absent people: its seconds and how many people it moves (anyone whose rows from
the start of ingress on differ from the published plan). Targets: the concert replans in
1 s or less, the 5,000-staff event in 5 s or less, changes at most 2% above the bound.

``--only expo`` runs the bundled three-day expo instead, and on its second day also closes
a screening point, adds a need and sends a unit away (times of day on the day of ``--at``),
then checks the new plan against its parent.

``--against CHECKOUT`` compares this code with another copy of eventplan (an earlier commit
unpacked with ``git archive``) side by side in one run: the concert (with ``--only
generated``, the generated event) solved once by this code,
the same 5% absent, then for each code in turn, alternating, ``--runs`` times: ``replan()``
called in a warm process (the parent folder read once; wall and processor seconds, the latter
steadier on a shared machine: the replan's solver runs on one thread), and ``eventplan
replan`` as a fresh command-line process that reads the folder and writes the new one with
its map. Reported: the medians and their ratios, the changes and the proven fewest of each
code.

Run from the repository root: ``python benchmarks/bench_replan.py [--staff N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_startup import run_in  # noqa: E402
from eventplan.generate import Spec, generate  # noqa: E402
from eventplan.planning import solve  # noqa: E402
from eventplan.planning.output import write_plan  # noqa: E402
from eventplan.replan import Events, read_parent, replan  # noqa: E402
from eventplan.scenario import Scenario, load  # noqa: E402
from eventplan.whatif.noshow import without  # noqa: E402

SHARE = 0.05
#: ``replan()`` timed in a warm process of one checkout: argv folder, time, absent file, runs.
IN_PROCESS = """
import json, sys, time
from datetime import datetime
from eventplan.replan import Events, read_parent, replan
folder, absent, runs = sys.argv[1], sys.argv[3], int(sys.argv[4])
at = datetime.fromisoformat(sys.argv[2])
started = time.perf_counter()
parent = read_parent(folder)
read = time.perf_counter() - started
events = Events(absent=tuple(open(absent).read().split(",")))
times, cpu = [], []
for _ in range(runs):
    started, processor = time.perf_counter(), time.process_time()
    new = replan(parent.plan, events, at=at, parent=parent.sha256)
    times.append(time.perf_counter() - started)
    cpu.append(time.process_time() - processor)
print(json.dumps({"read": read, "times": times, "cpu": cpu, "made": new.revision.made,
                  "fewest": new.revision.fewest, "proven": new.revision.proven,
                  "uncovered": new.kpis.uncovered_person_hours}))
"""


def ingress_start(scenario: Scenario, plan) -> object:
    windows = plan.grid.phase_windows.get("ingress") or next(iter(plan.grid.phase_windows.values()))
    return windows[0][0]


def rows_from(plan, at) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = defaultdict(list)
    for shift in plan.roster.shifts:
        if shift.end > at:
            out[shift.person].append((shift.station_id, shift.template.start, shift.template.end))
    return {p: sorted(v) for p, v in out.items()}


def measure(name: str, scenario: Scenario, runs: int, folder: Path) -> dict[str, object]:
    started = time.perf_counter()
    write_plan(solve(scenario, time_limit=300, seed=0, workers=2), folder)
    solved = time.perf_counter() - started
    started = time.perf_counter()
    parent = read_parent(folder)
    read = time.perf_counter() - started
    plan = parent.plan
    at = ingress_start(scenario, plan)
    people = sorted({s.person for s in plan.roster.shifts if s.end > at})
    absent = random.Random(1).sample(people, round(SHARE * len(people)))
    events = Events(absent=tuple(absent))
    times, new = [], None
    for _ in range(runs):
        started = time.perf_counter()
        new = replan(plan, events, at=at)
        times.append(time.perf_counter() - started)
    assert new is not None and new.revision is not None
    pools = {s.person: s.pool for s in plan.roster.shifts}
    started = time.perf_counter()
    again = solve(without(scenario, set(absent), Counter(pools[p] for p in absent)), seed=0)
    resolve = time.perf_counter() - started
    before, after = rows_from(plan, at), rows_from(again, at)
    everyone = (set(before) | set(after)) - set(absent)
    moved = sum(1 for p in everyone if before.get(p) != after.get(p))
    return {
        "event": name,
        "people": len(people),
        "absent": len(absent),
        "solve_s": round(solved, 2),
        "read_s": round(read, 2),
        "replan_s": round(statistics.median(times), 2),
        "changes": new.revision.made,
        "fewest": new.revision.fewest,
        "proven": new.revision.proven,
        "critical_h": new.kpis.uncovered_person_hours["critical"],
        "resolve_s": round(resolve, 2),
        "resolve_moved": moved,
        "resolve_critical_h": again.kpis.uncovered_person_hours["critical"],
    }


def day_two(folder: Path, out: Path) -> dict[str, object]:
    """The expo's second day: a screening point closed, a need added, a unit sent away, one
    officer absent; the new plan checked against its parent."""
    from eventplan.checker import check_plan
    from eventplan.cli import main as cli

    started = time.perf_counter()
    code = cli(["replan", str(folder), "--at", "2025-09-19T12:00", "--absent",
                "district-police-0004", "--close", "gate-N-screening@13:00", "--need",
                "plaza-crowd:police=6@14:00", "--unit-away", "rapid-response#1@14:00-15:30",
                "-o", str(out), "--no-map"])  # fmt: skip
    seconds = time.perf_counter() - started
    report = check_plan(load(out / "scenario.json"), out, folder)
    return {"day_two_exit": code, "day_two_s": round(seconds, 2), "check_ok": report.ok}


def side_by_side(other: Path, runs: int, scenario: Scenario) -> None:
    """This code and ``other`` on the same folder and absences, alternating."""
    codes = {"this": ROOT, "other": other.resolve()}
    with tempfile.TemporaryDirectory() as tmp:
        folder, absent_file = Path(tmp) / "plan", Path(tmp) / "absent.txt"
        write_plan(solve(scenario, time_limit=300, seed=0, workers=2), folder)
        plan = read_parent(folder).plan
        at = ingress_start(scenario, plan)
        people = sorted({s.person for s in plan.roster.shifts if s.end > at})
        absent = random.Random(1).sample(people, round(SHARE * len(people)))
        absent_file.write_text(",".join(absent))
        stamp = at.strftime("%Y-%m-%dT%H:%M")
        warm: dict[str, list[dict]] = defaultdict(list)
        cli: dict[str, list[float]] = defaultdict(list)
        for _ in range(runs):
            for name, code in codes.items():
                arguments = [str(folder), stamp, str(absent_file), "3"]
                warm[name].append(json.loads(run_in(code, ["-c", IN_PROCESS, *arguments])[-1]))
                started = time.perf_counter()
                run_in(code, ["-m", "eventplan", "replan", str(folder), "--at", stamp,
                              "--absent", ",".join(absent), "-o", f"{tmp}/new-{name}"])  # fmt: skip
                cli[name].append(time.perf_counter() - started)
                print(name, round(cli[name][-1], 2), warm[name][-1]["times"], flush=True)
    _print_side_by_side(warm, cli)


def _print_side_by_side(warm: dict[str, list[dict]], cli: dict[str, list[float]]) -> None:
    def median(name: str, key: str) -> float:
        if key == "cli":
            return statistics.median(cli[name])
        return statistics.median(t for run in warm[name] for t in run[key])

    print("| | other code | this code | this / other |")
    print("|---|---|---|---|")
    rows = (
        ("replan() s (warm process)", "times"),
        ("replan() processor s", "cpu"),
        ("command line s", "cli"),
    )
    for label, key in rows:
        a, b = median("other", key), median("this", key)
        print(f"| {label} | {a:.2f} | {b:.2f} | {b / a:.2f} |")
    for name in ("other", "this"):
        last = warm[name][-1]
        proof = f"fewest {last['fewest']} (proven {last['proven']})"
        print(f"{name}: changes {last['made']}, {proof}, uncovered {last['uncovered']}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["concert", "generated", "expo"], default=None)
    parser.add_argument("--against", type=Path, metavar="CHECKOUT", default=None)
    args = parser.parse_args()
    if args.against is not None:
        generated = generate(Spec(staff=args.staff, seed=1)) if args.only == "generated" else None
        side_by_side(args.against, args.runs, generated or load(ROOT / "scenarios/concert.yaml"))
        return
    if args.only == "expo":
        with tempfile.TemporaryDirectory() as tmp:
            print(
                measure("expo", load(ROOT / "scenarios" / "expo.yaml"), args.runs, Path(tmp) / "p")
            )
            print(day_two(Path(tmp) / "p", Path(tmp) / "v2"))
        return
    events = []
    if args.only in (None, "concert"):
        events.append(("concert", load(ROOT / "scenarios" / "concert.yaml")))
    if args.only in (None, "generated"):
        events.append((f"generated {args.staff}", generate(Spec(staff=args.staff, seed=1))))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, scenario) in enumerate(events):
            rows.append(measure(name, scenario, args.runs, Path(tmp) / f"plan{i}"))
            print(rows[-1], flush=True)
    print()
    print("| event | people | absent | replan s | changes | fewest | re-solve s | re-solve moves |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        ratio = f"{r['resolve_s'] / max(r['replan_s'], 1e-9):.0f}x"
        print(
            f"| {r['event']} | {r['people']} | {r['absent']} | {r['replan_s']} | {r['changes']} "
            f"| {r['fewest']} | {r['resolve_s']} ({ratio}) | {r['resolve_moved']} |"
        )


if __name__ == "__main__":
    main()
