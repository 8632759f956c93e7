"""Solve one Curtois & Qu instance file, verify the roster, print the objective and its gap.

Exit codes: 0 a roster that passes the verifier (or a proof of infeasibility), 1 a roster the
verifier rejects or none found in time, 2 a bad instance file or bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from benchmarks.curtois.run import run
from eventplan.errors import InputError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.curtois", description=__doc__)
    parser.add_argument("instance", help="an instance file in the benchmark's text format")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--workers", type=int, default=2, help="solver threads (default 2)")
    parser.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")
    args = parser.parse_args(argv)
    try:
        record = run(args.instance, args.time_limit, args.workers, args.seed)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    print(describe(record))
    if record["violations"]:
        return 1
    return 0 if record["status"] in ("optimal", "feasible", "infeasible") else 1


def describe(record: dict[str, Any]) -> str:
    """The lines printed for one solved instance."""
    lines = [
        f"instance   {record['instance']} ({record['days']} days, {record['staff']} staff, "
        f"{record['shift_types']} shift types)",
        f"status     {record['status']}",
        f"objective  {_n(record['objective'])}",
        f"bound      {_n(record['bound'])}",
        f"best known {_n(record['best_known'])}",
        f"gap        {_gap(record['gap_to_best'])} to the best known",
        f"time       {record['seconds']:.1f} s",
    ]
    for reason in record["reasons"]:
        lines.append(f"infeasible: {reason}")
    if record["verified"] is not None:
        verdict = "agrees" if record["verified"] == record["objective"] else "DISAGREES"
        lines.append(f"verifier   objective {record['verified']} ({verdict})")
    for violation in record["violations"]:
        lines.append(f"violation: {violation}")
    return "\n".join(lines)


def _n(value: Any) -> str:
    return "-" if value is None else str(value)


def _gap(value: float | None) -> str:
    return "-" if value is None else f"{value:.2%}"


if __name__ == "__main__":
    sys.exit(main())
