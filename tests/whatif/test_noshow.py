"""No-show trials: recounted coverage, seeded draws, re-planning with who came."""

from __future__ import annotations

import pandas as pd

from eventplan import whatif
from eventplan.scenario import PRIORITIES


def test_nobody_missing_keeps_everything(micro) -> None:
    table = whatif.no_show(micro(), 0.0, trials=2)
    assert (table["absent_total"] == 0).all()
    for p in PRIORITIES:
        assert (table[f"kept_coverage_{p}"] == table[f"coverage_{p}"]).all()


def test_everybody_missing_keeps_nothing(micro) -> None:
    table = whatif.no_show(micro(), 1.0, trials=1)
    row = table.iloc[0]
    assert row["absent_total"] == 12  # 6 police and 6 guards
    # Needs: critical gate 2 x 4 h, high stage 2 x 2 h, normal exit 1 x 2 h.
    assert (row["kept_coverage_critical"], row["kept_uncovered_h_critical"]) == (0.0, 8.0)
    assert row["kept_uncovered_h_high"] == 4.0 and row["kept_uncovered_h_normal"] == 2.0


def test_draws_are_seeded(micro) -> None:
    first = whatif.no_show(micro(), [0.3, 0.6], trials=4, seed=7)
    again = whatif.no_show(micro(), [0.3, 0.6], trials=4, seed=7)
    other = whatif.no_show(micro(), [0.3, 0.6], trials=4, seed=8)
    columns = ["no_show_rate", "trial", "absent_rostered", "absent_total", "kept_coverage_critical"]
    pd.testing.assert_frame_equal(first[columns], again[columns])
    assert not first[columns].equals(other[columns])


def test_replanning_with_who_came_does_no_worse(micro) -> None:
    # With 6 officers for 2 places, the ones left can fill the gaps of the ones who stayed
    # away: the plan solved again covers at least what the kept roster covers.
    table = whatif.no_show(micro(police=6, guards=6), 0.3, trials=6, replan=True)
    assert (table["replan_coverage_critical"] >= table["kept_coverage_critical"]).all()
    assert table["replan_coverage_critical"].mean() > table["kept_coverage_critical"].mean()


def test_summary_per_rate(micro) -> None:
    table = whatif.sweep(micro(), no_show=whatif.NoShowSettings((0.0, 0.5), 3, seed=1))
    assert table["no_show_rate"].tolist() == [0.0, 0.5] and (table["trials"] == 3).all()
    assert table.iloc[0]["kept_coverage_critical_mean"] == 1.0
    assert (
        table.iloc[1]["kept_coverage_critical_min"] <= table.iloc[1]["kept_coverage_critical_mean"]
    )
