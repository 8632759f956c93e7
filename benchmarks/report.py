"""Rendering the benchmark results as ``docs/benchmarks.md``."""

from __future__ import annotations

import math
import statistics
from typing import Any

from benchmarks.bench_rules import report_lines as rules_lines
from benchmarks.bench_size import report_lines as size_lines
from benchmarks.bench_startup import report_lines as startup_lines
from eventplan.scenario import PRIORITIES

METHODS = (
    ("eventplan", "eventplan (aggregated model)"),
    ("cpsat-person", "CP-SAT, one Boolean per person x template x post"),
    ("greedy", "greedy, as a spreadsheet planner would"),
    ("timefold", "Timefold 1.24 (Python), per person"),
)
DASH = "–"


def _s(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return DASH
    return f"{value:,.{digits}f}"


def _pct(value: Any) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return DASH
    return f"{100 * value:.2f} %"


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def _objective(result: dict) -> float | None:
    return (result.get("evaluation") or {}).get("objective")


def _optimum_seconds(result: dict) -> float | None:
    return result.get("solver_end_seconds") if result.get("status") == "optimal" else None


def _gap1_seconds(result: dict) -> float | None:
    """When a plan within 1 % of the bound first existed (the rounded LP plan, or the end)."""
    gap, bound = result.get("gap"), result.get("bound")
    first = result.get("first_plan_objective")
    if first is None and str(result.get("method", "")).endswith("LP rounded and repaired"):
        first = result.get("objective")  # the final plan is the rounded one
    if first is not None and bound is not None and first - bound <= 0.01 * abs(first) + 1e-9:
        return result.get("first_plan_seconds")
    if gap is not None and gap <= 0.01 + 1e-9:
        return result.get("solver_end_seconds")
    return None


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    settings = results["settings"]
    lines = [
        "# Benchmarks",
        "",
        f"Measured on {results['date'][:10]} with `python -m benchmarks.run"
        f"{' --quick' if settings['quick'] else ''}`; the protocol (instances, budgets, seeds, "
        "runs, what is reported) is in [benchmarks/README.md](../benchmarks/README.md), the raw "
        "results in `benchmarks/results/latest.json`.",
        "",
        f"Machine: {m['cores']} cores, {m['memory']}, {m['cpu']}, {m['os']}; Python "
        f"{m['python']}, OR-Tools {m['ortools']}, {m['java']}, timefold {m['timefold']}. "
        f"Load average at the start: {m['load']} (a shared machine: compare columns measured "
        "in the same run, not absolute times across runs).",
        "",
        f"Budget: {settings['time_limit']:g} s per run, 2 solver threads.",
        "",
    ]
    if "compare" in results:
        lines += _headline(results["compare"], settings["time_limit"])
    if "targets" in results:
        lines += _targets(results["targets"], settings["time_limit"])
    scale = results.get("scale") or results.get("partial_scale")
    if scale:
        lines += _scale(scale, settings["time_limit"])
    if "compare" in results:
        lines += _compare(results["compare"], settings["time_limit"], results)
    lines += _profile(results)
    if "startup" in results:
        lines += startup_lines(results["startup"])
    if "rules" in results:
        lines += rules_lines(results["rules"])
    if "size" in results:
        lines += size_lines(results["size"])
    return "\n".join(lines) + "\n"


def _targets(targets: dict, limit: float) -> list[str]:
    lines = [
        "## Staffing targets",
        "",
        f"Median of {targets['runs']} run(s), solver seeds 0, 1, 2.",
        "",
        "| Target | Goal | Measured (median) | Runs | Met |",
        "|---|---|---|---|---|",
    ]
    concert = targets.get("concert")
    lines.append(_concert_target(concert))
    large = targets["large"]
    lines += _large_targets(large, limit)
    for name, runs in (
        (concert["instance"] if concert else "", concert["runs"] if concert else []),
        (large["instance"], large["runs"]),
    ):
        if runs:
            lines += ["", _per_run(name, runs)]
    return [*lines, ""]


def _concert_target(concert: dict | None) -> str:
    """The table row of the concert's proven optimum."""
    if not concert:
        return (
            "| scenarios/concert.yaml: proven optimum | <= 10 s | not measured: the "
            "file is missing | 0 | – |"
        )
    runs = concert["runs"]
    times = [_optimum_seconds(r) for r in runs]
    median = _median(times) if all(t is not None for t in times) else None
    shown = (
        f"{_s(median)} s"
        if median is not None
        else (
            "not proven in every run: "
            + ", ".join(f"{r.get('status')} (gap {_pct(r.get('gap'))})" for r in runs)
        )
    )
    return (
        f"| {concert['instance']}: proven optimum | <= 10 s | {shown} | "
        f"{len(runs)} | {'yes' if median is not None and median <= 10 else 'no'} |"
    )


def _large_targets(large: dict, limit: float) -> list[str]:
    """The table rows of the large instance: gap at the budget, time to 1 %, memory."""
    gaps = [r.get("gap") for r in large["runs"]]
    gap = _median(gaps)
    reach = [_gap1_seconds(r) for r in large["gap1"]]
    reached = _median(reach) if all(t is not None for t in reach) else None
    memory = _median([r.get("peak_rss_mb") for r in large["runs"] + large["gap1"]])
    return [
        f"| {large['instance']}: gap at {limit:g} s | <= 1 % | {_pct(gap)} | "
        f"{len(gaps)} | {'yes' if gap is not None and gap <= 0.01 else 'no'} |",
        f"| same: time to a plan within 1 % of the bound | <= {limit:g} s | "
        f"{_s(reached) + ' s' if reached is not None else 'not reached in every run'}"
        f" | {len(reach)} | "
        f"{'yes' if reached is not None and reached <= limit else 'no'} |",
        f"| same: peak memory | < 4 GB | {_s(memory, 0)} MB | "
        f"{len(large['runs']) + len(large['gap1'])} | "
        f"{'yes' if memory is not None and memory < 4096 else 'no'} |",
    ]


def _per_run(name: str, runs: list[dict]) -> str:
    """One line on every run of an instance."""
    return (
        f"{name}, per run (default settings): "
        + "; ".join(
            f"seed {i}: {r.get('status')}, objective {_s(_objective(r))}, bound "
            f"{_s(r.get('bound'))}, gap {_pct(r.get('gap'))}, first plan at "
            f"{_s(r.get('first_plan_seconds'))} s, search ended at "
            f"{_s(r.get('solver_end_seconds'))} s, {_s(r.get('peak_rss_mb'), 0)} MB"
            for i, r in enumerate(runs)
        )
        + "."
    )


def _scale(rows: list[dict], limit: float) -> list[str]:
    lines = [
        "## Scale",
        "",
        "Generated events (posts = staff / 10, 15-minute slots, 16 h a day, pools sized "
        "with no shortage, seed 1), one run each. Times are from the call of "
        "`eventplan.staffing.run.staff` on a loaded scenario until the solver holds the plan "
        "(the roster is built after that; see the profile below). *First plan*: the LP "
        "is solved and rounded into a valid plan. *1 % gap*: when a plan within 1 % of the "
        "bound first existed: the first plan if it already was, else the end of a second "
        "run asked to stop at 1 %. *Proven optimum*: when the solver reported `optimal` "
        "(by default eventplan searches for a proof until the time limit). Memory: peak "
        "resident set of the run's process and its child (the HiGHS worker) together.",
        "",
        "| Instance | Templates | Shift options | First plan (s) | 1 % gap (s) | "
        f"Proven optimum (s) | At the end ({limit:g} s budget) | Peak memory (MB) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        d, g = row["default"], row["gap1"]
        size = d.get("size", {})
        optimum = _optimum_seconds(d)
        reached = [t for t in (_gap1_seconds(d), _gap1_seconds(g)) if t is not None]
        gap1 = min(reached) if reached else None
        end = f"{d.get('status')}, gap {_pct(d.get('gap'))}, {_s(d.get('seconds'))} s"
        if d.get("seconds") is None:  # killed or crashed: no figures to show
            end = str(d.get("status"))
        lines.append(
            f"| {row['instance']} | {_n(size.get('templates'))} | "
            f"{_n(size.get('options'))} | {_s(d.get('first_plan_seconds'))} | "
            f"{_s(gap1) if gap1 is not None else _not_reached(g)} | "
            f"{_s(optimum) if optimum is not None else 'not proven'} | {end} | "
            f"{_s(d.get('peak_rss_mb'), 0)} |"
        )
    return [*lines, ""]


def _not_reached(result: dict) -> str:
    status = str(result.get("status", ""))
    return status if status.startswith("not run") else "not reached"


def _n(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else DASH


def _compare(rows: list[dict], limit: float, results: dict) -> list[str]:
    cap = results.get("memory_cap_gb")
    lines = [
        "## Side by side",
        "",
        f"Same instances, same templates, same objective, {limit:g} s each (the per-person "
        f"CP-SAT gets {limit:g} s to build, then {limit:g} s to solve, and at most "
        f"{cap:g} GB). Every plan is re-evaluated by one evaluator "
        "(`benchmarks/evaluate.py`) from its shift counts; *uncovered* is person-hours "
        "by priority (critical / high / normal / low); the gap is to the LP bound. "
        "Timefold's time includes translating the Python model for the JVM and a "
        "construction heuristic that its spent limit does not stop; people it had not "
        "reached when it stopped stay unassigned. Its Python front end is much slower than "
        "its Java engine, so this column is a floor for Timefold, not its best.",
        "",
    ]
    for row in rows:
        res = row["results"]
        lp = res["lp"]
        bound = lp.get("bound")
        size = lp.get("size", {})
        reference = _objective(res.get("eventplan", {}))
        lines += [
            f"### {row['instance']}",
            "",
            f"{size.get('posts', DASH)} posts, {size.get('stations', DASH)} stations, "
            f"{size.get('slots', DASH)} slots, {_n(size.get('templates'))} templates, "
            f"{_n(size.get('options'))} shift options (template x post) for "
            f"{size.get('staff', 0):,} people. LP bound {_s(bound)} "
            f"({lp.get('status')}, {_s(lp.get('seconds'))} s).",
            "",
            "| Method | Result | Objective | Uncovered (h) | Gap to bound | "
            "Objective / eventplan | Time (s) | Peak memory (MB) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for key, label in METHODS:
            r = res.get(key, {})
            objective = _objective(r)
            uncovered = (r.get("evaluation") or {}).get("uncovered_hours")
            unc = " / ".join(_s(uncovered.get(p), 1) for p in PRIORITIES) if uncovered else DASH
            gap = (objective - bound) / objective if objective and bound is not None else None
            if gap is not None:
                gap = max(0.0, gap)
            ratio = objective / reference if objective and reference else None
            lines.append(
                f"| {label} | {_status(r)} | {_s(objective)} | {unc} | {_pct(gap)} | "
                f"{_s(ratio, 2) if ratio else DASH} | {_s(r.get('seconds'))} | "
                f"{_s(r.get('peak_rss_mb'), 0)} |"
            )
        lines.append(
            f"| LP relaxation (bound) | {lp.get('status')} | {_s(bound)} | {DASH} | "
            f"0 % | {_s(bound / reference, 2) if bound and reference else DASH} | "
            f"{_s(lp.get('seconds'))} | {_s(lp.get('peak_rss_mb'), 0)} |"
        )
        lines.append("")
    return lines


def _status(result: dict) -> str:
    status = str(result.get("status", DASH))
    if status == "unknown":  # CP-SAT's word for "no solution found within the time limit"
        status = "no plan found in time"
    if "booleans" in result:
        status += f", {result['booleans']:,} Booleans"
        if result.get("build_seconds") is not None:
            status += f" built in {result['build_seconds']:.0f} s"
    if "booleans_built" in result:
        status += f" ({result['booleans_built']:,} Booleans made)"
    if result.get("evaluation", {}).get("violations"):
        status += ", breaks supply rules"
    return status


def _profile(results: dict) -> list[str]:
    runs = []
    for row in results.get("scale") or results.get("partial_scale") or []:
        runs.append((row["instance"], row["default"]))
    large = results.get("targets", {}).get("large")
    if large and large["runs"]:
        runs.append((large["instance"] + " (seed 0)", large["runs"][0]))
    if not runs:
        return []
    lines = [
        "## Where eventplan's time goes",
        "",
        "Seconds per stage of `eventplan.staffing.run.staff` (default settings): model build, "
        "LP with column generation, rounding into a plan, MIP, roster, coverage table, "
        "shortfall explanations.",
        "",
        "| Instance | Build | LP | Rounding | MIP | Roster | Coverage | Shortfalls | "
        "Total | Method |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in runs:
        st = r.get("stages", {})
        lines.append(
            f"| {name} | "
            + " | ".join(
                _s(st.get(k))
                for k in ("build", "lp", "rounding", "mip", "roster", "coverage", "shortfalls")
            )
            + f" | {_s(r.get('seconds'))} | {r.get('method', r.get('status', DASH))} |"
        )
    return [*lines, ""]


def _headline(rows: list[dict], limit: float) -> list[str]:
    """The few ratios worth quoting, computed from the side-by-side section."""
    lines = ["## Headline", ""]
    gaps, times, greedy, greedy_unc, ep_unc = [], [], [], [], []
    others: dict[str, list[str]] = {"cpsat-person": [], "timefold": []}
    for row in rows:
        res = row["results"]
        ep = res.get("eventplan", {})
        reference = _objective(ep)
        bound = res.get("lp", {}).get("bound")
        name = f"{row['staff']:,} staff"
        if reference is not None and bound is not None:
            gaps.append(max(0.0, (reference - bound) / reference))
            times.append(ep.get("seconds"))
            ep_unc.append((ep.get("evaluation") or {}).get("uncovered_hours", {}))
        g = res.get("greedy", {})
        if reference and _objective(g):
            greedy.append((name, _objective(g) / reference))
            greedy_unc.append((g.get("evaluation") or {}).get("uncovered_hours", {}))
        for key in others:
            r = res.get(key, {})
            if _objective(r) and reference:
                others[key].append(
                    f"objective {_objective(r) / reference:.1f}x eventplan's at {name}"
                )
            elif r and not str(r.get("status", "")).startswith("not run above"):
                others[key].append(f"{_status(r)} at {name}")
    if gaps:
        lines.append(
            f"- eventplan ends within {_pct(max(gaps))} of the LP bound on every side-by-side "
            f"instance ({rows[0]['staff']:,} to {rows[-1]['staff']:,} staff), in at most "
            f"{_s(max(t for t in times if t is not None))} s ({limit:g} s budget)."
        )
    if greedy:
        crit = [u.get("critical", 0.0) for u in greedy_unc]
        ep_crit = [u.get("critical", 0.0) for u in ep_unc]
        total = [sum(u.values()) for u in greedy_unc]
        ep_total = [sum(u.values()) for u in ep_unc]
        lines.append(
            "- The greedy plan a spreadsheet planner would make: objective "
            + ", ".join(f"{ratio:.1f}x eventplan's at {name}" for name, ratio in greedy)
            + f"; it leaves {_s(min(crit))} to {_s(max(crit))} critical and "
            f"{_s(min(total), 0)} to {_s(max(total), 0)} person-hours in all uncovered "
            f"(eventplan: {_s(min(ep_crit))} to {_s(max(ep_crit))} critical, "
            f"{_s(min(ep_total), 0)} to {_s(max(ep_total), 0)} in all)."
        )
    if others["cpsat-person"]:
        lines.append(
            "- CP-SAT with one Boolean per person x template x post: "
            + "; ".join(others["cpsat-person"])
            + "."
        )
    if others["timefold"]:
        lines.append(
            "- Timefold 1.24 (Python front end, per person): " + "; ".join(others["timefold"]) + "."
        )
    return [*lines, ""]
