"""The benchmark table replaces its own section of the docs and leaves the others."""

from __future__ import annotations

from benchmarks.curtois.table import HEADING, median_run, report_lines, splice

RESULTS = {
    "date": "2026-12-03",
    "time_limit": 60.0,
    "workers": 2,
    "seed": 0,
    "rows": [
        {"instance": "Instance1", "status": "infeasible", "reasons": ["employee C: too few"]},
        {
            "instance": "Instance2",
            "days": 14,
            "staff": 14,
            "shift_types": 2,
            "status": "optimal",
            "objective": 830,
            "bound": 830,
            "best_known": 828,
            "gap_to_best": 2 / 828,
            "seconds": 9.5,
            "verified": 830,
            "violations": [],
        },
    ],
}


def test_section_lists_each_instance_and_the_reasons() -> None:
    section = "\n".join(report_lines(RESULTS))
    assert (
        "| Instance2 | 14 | 14 | 2 | optimal | 830 | 830 | 828 | 0.24% | 9.5 | agrees | - | - |"
        in section
    )
    assert "- Instance1: employee C: too few" in section


def test_splice_replaces_only_its_section() -> None:
    document = f"# Benchmarks\n\n## A\n\na\n\n{HEADING}\n\nold\n\n## B\n\nb\n"
    spliced = splice(document, [HEADING, "", "new", ""])
    assert "old" not in spliced and "new" in spliced
    assert spliced.index("## A") < spliced.index(HEADING) < spliced.index("## B")
    appended = splice("# Benchmarks\n", [HEADING, "", "new", ""])
    assert appended.endswith(f"{HEADING}\n\nnew\n")


def test_the_median_run_is_kept_with_every_run_beside_it() -> None:
    # Objectives 1060, none, 1056: ordered 1056, 1060, none (no roster is worst): 1060 kept.
    runs = [
        {"objective": 1060, "seconds": 60.0},
        {"objective": None, "seconds": 60.0},
        {"objective": 1056, "seconds": 58.0},
    ]
    middle = median_run(runs)
    assert middle["objective"] == 1060
    assert middle["runs"] == [1060, None, 1056]
    assert middle["run_seconds"] == [60.0, 60.0, 58.0]
