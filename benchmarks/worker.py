"""One benchmark run: load an instance, run one method, evaluate its plan, report memory.

Run as ``python -m benchmarks.worker TASK_JSON RESULT_FILE`` so that every run has a process
of its own (peak memory is then the run's own, and a method that runs out of memory or time
cannot take the others down). The runner can also call :func:`execute` in-process (--quick).
"""

from __future__ import annotations

import json
import math
import resource
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.evaluate import evaluate, gap
from benchmarks.memory import PeakMemory
from benchmarks.problem import Problem, build_problem

#: Address-space caps for the methods that build big models of their own, so that a run that
#: grows too large fails alone instead of pushing the machine into swap or the OOM killer.
DEFAULT_CAPS_GB = {"lp": 12.0, "cpsat-person": 12.0}


def load_instance(instance: dict[str, Any]):
    """The scenario of an instance: a generated one (``generate``) or a file (``file``)."""
    if "file" in instance:
        from eventplan.scenario import load

        return load(instance["file"])
    from eventplan.generate import Spec, generate

    return generate(Spec(**instance["generate"]))


def _method(name: str):
    from benchmarks.methods import cpsat_person, eventplan_run, greedy, lp_bound, timefold_person

    return {
        "eventplan": eventplan_run.run,
        "cpsat-person": cpsat_person.run,
        "greedy": greedy.run,
        "lp": lp_bound.run,
        "timefold": timefold_person.run,
    }[name]


def execute(task: dict[str, Any]) -> dict[str, Any]:
    """Run one task: ``{"instance", "method", "time_limit", "seed", "options"}``."""
    started = time.perf_counter()
    scenario = load_instance(task["instance"])
    problem: Problem = build_problem(scenario)
    loaded = time.perf_counter() - started
    run = _method(task["method"])
    with PeakMemory() as peak:
        result = run(problem, task["time_limit"], task.get("seed", 0), **task.get("options", {}))
    counts = result.pop("counts", None)
    if counts is not None:
        evaluation = evaluate(problem, counts)
        result["evaluation"] = evaluation.to_json()
        if task.get("bound") is not None:
            result["gap_to_bound"] = gap(evaluation.objective, task["bound"])
    result["load_seconds"] = loaded
    result["size"] = {
        "staff": sum(s.count for s in problem.supplies),
        "posts": len(scenario.posts),
        "stations": len(problem.stations),
        "slots": problem.grid.size,
        "days": len(problem.grid.days),
        "templates": sum(len(t) for t in problem.templates),
    }
    if task.get("count_options"):
        result["size"]["options"] = problem.option_count()
    # With its child processes (eventplan's HiGHS worker, Timefold's JVM runs in-process).
    result["peak_rss_mb"] = peak.mb
    return _plain(result)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def main(argv: list[str]) -> int:
    task = json.loads(argv[0])
    cap = task.get("memory_cap_gb") or DEFAULT_CAPS_GB.get(task["method"])
    if cap:
        limit = int(cap * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    result = execute(task)
    Path(argv[1]).write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
