"""Benchmark: what the rules of command cost the solver.

Protocol:

1. The bundled concert with its rules of command, and the same file with every rule taken out
   (windows, supervision, no-handover, sectors, reserves, command post, briefings, standing
   units, tags, per-gate arrival profiles and wait targets), solved alternately ``--runs``
   times each in a fresh process (``eventplan solve --seed N --no-map``, default workers).
   Reported: the solver's seconds (plan.json ``solver.seconds``) and status per run, the
   medians, and their ratio (target: proven optimal with the rules, at most 1.5 times the
   time without them).
2. A generated 5,000-staff event (500 posts, 15-minute slots, one day, seed ``--seed``) with
   supervision (at most 4 auxiliaries per police officer at a post; volunteers only with a
   police officer, an auxiliary or a guard) and no-handover windows (the last hour of ingress,
   15 minutes either side of the show's start), solved with ``--time-limit 60 --gap 0.01``:
   the seconds until the plan is within 1 % of the bound, and the gap reached.

Run from the repository root: ``python benchmarks/bench_rules.py [--runs 3]``; the same
measurement is the ``rules`` section of ``python -m benchmarks.run``.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONCERT = ROOT / "scenarios" / "concert.yaml"
TARGET_RATIO = 1.5
TARGET_GAP = 0.01


def without_rules(document: dict[str, Any]) -> dict[str, Any]:
    """The scenario document with every rule of command taken out."""
    doc = copy.deepcopy(document)
    doc["event"].pop("windows", None)
    doc["event"].pop("arrival_profiles", None)
    for key in ("sectors", "reserves", "command"):
        doc.pop(key, None)
    doc.get("rules", {}).pop("supervision", None)
    doc.get("rules", {}).pop("no_handover", None)
    for role in doc["roles"].values():
        role.pop("briefing", None)
    for pool in doc["pools"]:
        pool.pop("briefing", None)
        pool.pop("tags", None)
    for unit in doc.get("units", []):
        for key in ("standing", "relief", "leader", "needs_tags"):
            unit.pop(key, None)
    for post in doc["posts"]:
        screening = post.get("screening") or {}
        for key in ("tagged", "max_wait_minutes", "arrival_profile"):
            screening.pop(key, None)
        post["needs"] = [n for n in post.get("needs", []) if not n.get("tags")]
    return doc


def with_rules(document: dict[str, Any]) -> dict[str, Any]:
    """A generated event's document with supervision and no-handover windows added."""
    doc = copy.deepcopy(document)
    phases = {p["id"]: p for p in doc["event"]["phases"]}
    ingress_end = datetime.fromisoformat(phases["ingress"]["end"])
    show_start = datetime.fromisoformat(phases["show"]["start"])
    doc["event"]["windows"] = [
        _window("ingress-peak", ingress_end - timedelta(hours=1), ingress_end),
        _window(
            "show-start", show_start - timedelta(minutes=15), show_start + timedelta(minutes=15)
        ),
    ]
    doc.setdefault("rules", {})
    doc["rules"]["supervision"] = [
        {"roles": ["auxiliary"], "by": ["police", "traffic"], "per_supervisor": 4},
        {"roles": ["volunteer"], "by": ["police", "auxiliary", "guard"]},
    ]
    doc["rules"]["no_handover"] = ["ingress-peak", "show-start"]
    return doc


def _window(name: str, start: datetime, end: datetime) -> dict[str, str]:
    return {"id": name, "start": f"{start:%Y-%m-%dT%H:%M}", "end": f"{end:%Y-%m-%dT%H:%M}"}


def solve(path: Path, *options: str) -> dict[str, Any]:
    """Solve a scenario file in a fresh process; plan.json's ``solver`` section."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "eventplan", "solve", str(path), "-o", folder]
        subprocess.run([*command, "--no-map", *options], cwd=ROOT, capture_output=True, check=True)
        return json.loads((Path(folder) / "plan.json").read_text())["solver"]


def concert(runs: int, folder: Path) -> dict[str, Any]:
    """The concert with and without its rules, alternately, ``runs`` times each."""
    document = yaml.safe_load(CONCERT.read_text())
    plain = folder / "concert-without-rules.yaml"
    plain.write_text(yaml.safe_dump(without_rules(document), sort_keys=False))
    rows: dict[str, list[dict[str, Any]]] = {"with rules": [], "without rules": []}
    for seed in range(runs):
        rows["with rules"].append(solve(CONCERT, "--seed", str(seed)))
        rows["without rules"].append(solve(plain, "--seed", str(seed)))
    medians = {k: statistics.median(r["seconds"] for r in v) for k, v in rows.items()}
    return {
        "runs": rows,
        "median": medians,
        "ratio": medians["with rules"] / max(1e-9, medians["without rules"]),
    }


def generated(seed: int, folder: Path) -> dict[str, Any]:
    """The generated 5,000-staff event with supervision and no-handover windows."""
    from eventplan.generate import Spec, generate

    document = with_rules(generate(Spec(staff=5000, posts=500, seed=seed)).to_document())
    path = folder / "generated-5000-rules.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    solver = solve(path, "--time-limit", "60", "--gap", str(TARGET_GAP), "--seed", str(seed))
    return {"seed": seed, "solver": solver}


def measure(runs: int = 3, seed: int = 1) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        return {
            "date": f"{datetime.now():%Y-%m-%d}",
            "concert": concert(runs, Path(folder)),
            "generated": generated(seed, Path(folder)),
        }


def report_lines(results: dict[str, Any]) -> list[str]:
    """The section of docs/benchmarks.md."""
    c, g = results["concert"], results["generated"]["solver"]
    lines = [
        "## Rules of command",
        "",
        f"Measured {results['date']} with `python benchmarks/bench_rules.py` (protocol in its "
        "docstring), seconds of the solver as plan.json reports them.",
        "",
        "| concert | runs (seconds, status) | median |",
        "|---|---|---|",
    ]
    for name, rows in c["runs"].items():
        shown = ", ".join(f"{r['seconds']:.1f} {r['status']}" for r in rows)
        lines.append(f"| {name} | {shown} | {c['median'][name]:.1f} s |")
    met = "met" if c["ratio"] <= TARGET_RATIO else "missed"
    lines += [
        "",
        f"With the rules the concert takes {c['ratio']:.2f} times as long (target "
        f"{TARGET_RATIO}: {met}).",
        "",
        f"Generated 5,000 staff with supervision and no-handover windows (seed "
        f"{results['generated']['seed']}, 60 s, stop within 1 %): {g['status']} after "
        f"{g['seconds']:.1f} s, gap {_percent(g['gap'])}.",
        "",
    ]
    return lines


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print("\n".join(report_lines(measure(args.runs, args.seed))))


if __name__ == "__main__":
    main()
