"""The benchmark runner end to end on its smallest instance (--quick, in-process)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ sits beside the package, not inside it
    sys.path.insert(0, str(ROOT))

from benchmarks.run import main  # noqa: E402


def test_quick_run_writes_the_report(tmp_path: Path) -> None:
    out, raw = tmp_path / "benchmarks.md", tmp_path / "latest.json"
    assert (
        main(
            [
                "--quick",
                "--time-limit",
                "1",
                "--sections",
                "compare",
                "--out",
                str(out),
                "--results",
                str(raw),
            ]
        )
        == 0
    )
    results = json.loads(raw.read_text())
    row = results["compare"][0]["results"]
    bound = row["lp"]["bound"]
    for method in ("eventplan", "greedy"):
        evaluation = row[method]["evaluation"]
        assert evaluation["violations"] == []
        assert evaluation["objective"] >= bound - 1e-6  # nobody beats the LP bound
    text = out.read_text()
    assert "## Side by side" in text and "LP relaxation (bound)" in text
    assert "cores" in text and "OR-Tools" in text
