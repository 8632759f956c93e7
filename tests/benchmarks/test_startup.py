"""The start-up benchmark measures both commands and renders its section of the report."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ sits beside the package, not inside it
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_startup import COMMANDS, measure, report_lines  # noqa: E402


def test_one_run_of_each_command_is_timed_and_reported() -> None:
    results = measure(runs=1)
    assert list(results["commands"]) == list(COMMANDS)
    for entry in results["commands"].values():
        assert len(entry["seconds"]) == 1 and entry["median"] == entry["seconds"][0] > 0
        assert entry["imports"], "python -X importtime lists the imports"
        costs = [c["cumulative_ms"] for c in entry["imports"]]
        assert costs == sorted(costs, reverse=True)
    validate = {c["module"] for c in results["commands"]["validate"]["imports"]}
    assert "eventplan.scenario" in validate
    text = "\n".join(report_lines(results))
    assert "## Start-up" in text and "`eventplan validate scenarios/concert.yaml`" in text
