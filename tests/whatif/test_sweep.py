"""Sweeps on the micro concert: monotone coverage, warm equals cold, interrupted sweeps."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from eventplan import whatif
from eventplan.errors import InputError
from eventplan.scenario import PRIORITIES
from eventplan.whatif import SolveOptions


def test_coverage_never_falls_when_staff_are_added(micro) -> None:
    table = whatif.sweep(
        micro(police=6, guards=1), vary={"police": range(0, 7)}, scale={"guards": [1.0, 3.0]}
    )
    assert table["error"].isna().all()
    for _, group in table.groupby("scale:guards"):
        group = group.sort_values("count:police")
        for p in PRIORITIES:
            assert np.all(np.diff(group[f"coverage_{p}"]) >= -1e-9), p
        assert np.all(np.diff(group["objective"]) <= 1e-6)
    # The gate needs 2 police 16-20, so 0, 1, 2 police cover 0, 1/2 and all of it.
    by_count = table[table["scale:guards"] == 3.0].set_index("count:police")
    assert by_count.loc[[0, 1, 2], "coverage_critical"].tolist() == [0.0, 0.5, 1.0]
    assert by_count.loc[[0, 1, 2], "uncovered_h_critical"].tolist() == [8.0, 4.0, 0.0]


def test_warm_start_gives_the_cold_optimum(micro) -> None:
    vary = {"police": [1, 3, 5], "guards": [1, 4]}
    warm = whatif.sweep(micro(), vary=vary)
    cold = whatif.sweep(micro(), vary=vary, options=SolveOptions(warm=False))
    assert (warm["status"] == "optimal").all() and (cold["status"] == "optimal").all()
    assert np.allclose(warm["objective"], cold["objective"])
    assert warm["method"].str.contains("warm").all()
    assert not cold["method"].str.contains("warm").any()


def test_named_variants_run_over_the_grid(micro) -> None:
    variants = {"stage-critical": {"posts": [{"id": "stage", "priority": "critical"}]}}
    table = whatif.sweep(micro(guards=1), vary={"guards": [1, 2]}, variants=variants)
    assert table["scenario"].tolist() == ["base", "base", "stage-critical", "stage-critical"]
    assert table["variant"].tolist()[2] == "stage-critical guards=1"
    # One guard for a 2-guard need through the 2-hour show leaves 2 person-hours open, which
    # counts as high priority in the base and as critical in the variant.
    first = table.iloc[0]
    assert first["uncovered_h_high"] == 2.0 and first["uncovered_h_critical"] == 0.0
    assert table.iloc[2]["uncovered_h_critical"] == 2.0


def test_interrupted_sweep_keeps_its_finished_rows(micro) -> None:
    seen: list[int] = []

    def stop_after_two(done: int, total: int, label: str) -> None:
        seen.append(done)
        if done == 2:
            raise KeyboardInterrupt

    table = whatif.sweep(micro(), vary={"police": range(0, 7)}, progress=stop_after_two)
    assert table.attrs["interrupted"] is True
    assert table["index"].tolist() == [0, 1]
    assert table["status"].eq("optimal").all()
    assert table.attrs["variants"] == 7


def test_interrupt_event_stops_the_sweep(micro) -> None:
    stop = threading.Event()

    def set_after_three(done: int, total: int, label: str) -> None:
        if done == 3:
            stop.set()

    table = whatif.sweep(
        micro(), vary={"police": range(0, 7)}, progress=set_after_three, interrupt=stop
    )
    assert table.attrs["interrupted"] is True and len(table) == 3


def test_a_failed_variant_is_a_row(micro) -> None:
    # A smallest-force search for a role that only the variant lacks fails in that variant.
    variants = {"no-guard-pool": {"pools": [{"id": "guards", "role": "police"}]}}
    table = whatif.min_force(micro(), "guard", variants=variants)
    failed = table[table["scenario"] == "no-guard-pool"]
    assert failed["status"].tolist() == ["error"]
    assert "neither a pool nor a role" in failed["error"].iloc[0]
    assert table[table["scenario"] == "base"]["error"].isna().all()


def test_min_force_and_no_show_together_are_refused(micro) -> None:
    with pytest.raises(InputError):
        whatif.sweep(
            micro(),
            min_force=whatif.MinForceSettings("police"),
            no_show=whatif.NoShowSettings((0.1,), 2),
        )
