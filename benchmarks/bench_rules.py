"""Benchmark: what the rules of command cost the solver.

Protocol:

1. The bundled concert with its rules of command, and the same file with every rule taken out
   (windows, supervision, no-handover, sectors, reserves, command post, briefings, standing
   units, tags, per-gate arrival profiles and wait targets), solved alternately ``--runs``
   times each in a fresh process (``eventplan solve --seed N --no-map``, default workers).
   Reported: the solver's seconds (plan.json ``solver.seconds``) and status per run, the
   medians, their ratio (target: proven optimal with the rules, at most 1.5 times the
   time without them) and the machine's load average before and after. With ``--baseline
   DIR`` (another copy of the code, such as ``git archive COMMIT | tar -x -C DIR``), the same
   solves run with that code too, interleaved with these, so that before and after are
   measured under the same load.
2. A generated 5,000-staff event (500 posts, 15-minute slots, one day, seed ``--seed``) with
   supervision (at most 4 auxiliaries per police officer at a post; volunteers only with a
   police officer, an auxiliary or a guard) and no-handover windows (the last hour of ingress,
   15 minutes either side of the show's start), solved with ``--time-limit 60 --gap 0.01``:
   the seconds until the plan is within 1 % of the bound, and the gap reached.

Run from the repository root: ``python -m benchmarks.bench_rules [--runs 3] [--baseline DIR]
[--no-generated]``; the same
measurement is the ``rules`` section of ``python -m benchmarks.run``.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
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


def solve(path: Path, *options: str, code: Path = ROOT) -> dict[str, Any]:
    """Solve a scenario file in a fresh process with the code in ``code``; plan.json's
    ``solver`` section."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "eventplan", "solve", str(path), "-o", folder]
        environment = {**os.environ, "PYTHONPATH": str(code)}
        subprocess.run(
            [*command, "--no-map", *options],
            cwd=code,
            env=environment,
            capture_output=True,
            check=True,
        )
        return json.loads((Path(folder) / "plan.json").read_text())["solver"]


def concert(runs: int, folder: Path, codes: dict[str, Path] | None = None) -> dict[str, Any]:
    """The concert with and without its rules, alternately, ``runs`` times each, with each
    of ``codes`` (name: code folder; default this code as "now")."""
    codes = codes or {"now": ROOT}
    document = yaml.safe_load(CONCERT.read_text())
    plain = folder / "concert-without-rules.yaml"
    plain.write_text(yaml.safe_dump(without_rules(document), sort_keys=False))
    variants = {"with rules": CONCERT, "without rules": plain}
    rows: dict[str, list[dict[str, Any]]] = {
        _label(name, code): [] for code in codes for name in variants
    }
    for seed in range(runs):
        for code, where in codes.items():
            for name, path in variants.items():
                rows[_label(name, code)].append(solve(path, "--seed", str(seed), code=where))
    medians = {k: statistics.median(r["seconds"] for r in v) for k, v in rows.items()}
    ratios = {
        code: medians[_label("with rules", code)]
        / max(1e-9, medians[_label("without rules", code)])
        for code in codes
    }
    return {"runs": rows, "median": medians, "ratio": ratios[next(iter(codes))], "ratios": ratios}


def _label(variant: str, code: str) -> str:
    return variant if code == "now" else f"{variant} ({code})"


def generated(seed: int, folder: Path) -> dict[str, Any]:
    """The generated 5,000-staff event with supervision and no-handover windows."""
    from eventplan.generate import Spec, generate

    document = with_rules(generate(Spec(staff=5000, posts=500, seed=seed)).to_document())
    path = folder / "generated-5000-rules.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    solver = solve(path, "--time-limit", "60", "--gap", str(TARGET_GAP), "--seed", str(seed))
    return {"seed": seed, "solver": solver}


def measure(
    runs: int = 3, seed: int = 1, baseline: Path | None = None, with_generated: bool = True
) -> dict[str, Any]:
    codes = {"now": ROOT, **({"baseline": baseline} if baseline else {})}
    with tempfile.TemporaryDirectory() as folder:
        load_before = os.getloadavg()[0]
        results = {
            "date": f"{datetime.now():%Y-%m-%d}",
            "concert": concert(runs, Path(folder), codes),
            # the machine's 1-minute load average before and after the concert's solves
            "load": [load_before, os.getloadavg()[0]],
        }
        if with_generated:
            results["generated"] = generated(seed, Path(folder))
        return results


def report_lines(results: dict[str, Any]) -> list[str]:
    """The section of docs/benchmarks.md."""
    c = results["concert"]
    lines = [
        "## Rules of command",
        "",
        f"Measured {results['date']} with `python benchmarks/bench_rules.py` (protocol in its "
        "docstring), seconds of the solver as plan.json reports them"
        + (
            f"; load average {results['load'][0]:.1f} before, {results['load'][1]:.1f} after."
            if "load" in results
            else "."
        ),
        "",
        "| concert | runs (seconds, status) | median |",
        "|---|---|---|",
    ]
    for name, rows in c["runs"].items():
        shown = ", ".join(f"{r['seconds']:.1f} {r['status']}" for r in rows)
        lines.append(f"| {name} | {shown} | {c['median'][name]:.1f} s |")
    lines.append("")
    for code, ratio in c.get("ratios", {"now": c["ratio"]}).items():
        met = "met" if ratio <= TARGET_RATIO else "missed"
        lines.append(
            f"With the rules the concert takes {ratio:.2f} times as long"
            + ("" if code == "now" else f" with the {code} code")
            + f" (target {TARGET_RATIO}: {met})."
        )
    lines.append("")
    if "generated" in results:
        g = results["generated"]["solver"]
        lines += [
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
    parser.add_argument("--baseline", type=Path, help="another copy of the code, measured too")
    parser.add_argument("--no-generated", action="store_true", help="the concert only")
    args = parser.parse_args()
    results = measure(args.runs, args.seed, args.baseline, not args.no_generated)
    print("\n".join(report_lines(results)))


if __name__ == "__main__":
    main()
