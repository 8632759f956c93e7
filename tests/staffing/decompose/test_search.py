"""The search by blocks: repeatable with a seed and one worker, inside its time limit, and
alike blocks solved once."""

from __future__ import annotations

import time

import numpy as np
import pytest

from eventplan.errors import InputError
from eventplan.generate import generate
from eventplan.generate.spec import Spec
from eventplan.planning.stages import lay_groundwork
from eventplan.staffing.build import build_model
from eventplan.staffing.decompose import BlockSettings, solve_by_blocks
from eventplan.staffing.decompose.blocks import build_blocks


@pytest.fixture(scope="module")
def groundwork():
    scenario = generate(Spec(staff=150, posts=12, seed=3, shortage=0.1, shift_hours=(4, 12)))
    return lay_groundwork(scenario)


def _model(groundwork):
    return build_model(
        groundwork.scenario, groundwork.grid, groundwork.requirements, all_columns=False
    )


def test_one_worker_and_a_seed_give_the_same_plan(groundwork):
    first_model, second_model = _model(groundwork), _model(groundwork)
    settings = BlockSettings(60, seed=5, workers=1, max_rounds=6)
    first, report = solve_by_blocks(first_model, settings)
    second, again = solve_by_blocks(second_model, settings)
    assert first_model.columns == second_model.columns
    assert np.array_equal(first, second)
    assert report.objective == again.objective
    assert report.bound == again.bound


def test_the_time_limit_holds(groundwork):
    # A limit far too short for the rounds to settle: the search still returns a plan with a
    # bound below it, in about the limit.
    model = _model(groundwork)
    started = time.perf_counter()
    counts, report = solve_by_blocks(model, BlockSettings(1.0, seed=0, workers=1))
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0 + 2.0  # the plan's assembly after the limit is short
    assert len(counts) == len(model.columns)
    assert 0.0 <= report.bound <= report.objective


def test_two_workers_give_a_valid_plan_and_bound(groundwork):
    model = _model(groundwork)
    counts, report = solve_by_blocks(model, BlockSettings(60, seed=0, workers=2, max_rounds=6))
    assert np.all(counts >= 0)
    assert 0.0 <= report.bound <= report.objective + 1e-6


def test_every_shift_enters_its_own_block_and_the_linking_rows(groundwork):
    model = _model(groundwork)
    blocks = build_blocks(model)
    # one block per station and day that has shifts or needs; alike blocks share a key
    stations = {station for (_supply, station) in model.candidates}
    assert set(blocks.stations.tolist()) >= stations
    # alike blocks kept once: no two distinct blocks are alike in every figure
    distinct = blocks.distinct
    assert not any(a.same(b) for i, a in enumerate(distinct) for b in distinct[i + 1 :])
    assert len(distinct) < len(blocks.instances)
    for block in blocks.distinct:
        assert block.link_rows.max(initial=-1) < len(blocks.linking.rows)
        # every shift enters its supply's day row (a linking row)
        assert set(range(block.shifts)) <= set(block.link_cols.tolist())
    # undominated shifts only: never more than the candidates
    shifts = sum(blocks.distinct[k].shifts for k in blocks.instances)
    assert shifts <= sum(len(p) for p in model.candidates.values())


def test_a_dask_cluster_solves_the_same_blocks(groundwork):
    from distributed import LocalCluster

    # One round at zero prices is the blocks' costs alone: the same bound on a cluster as
    # in this process.
    local_model, cluster_model = _model(groundwork), _model(groundwork)
    _counts, here = solve_by_blocks(local_model, BlockSettings(60, workers=1, max_rounds=1))
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        settings = BlockSettings(60, scheduler=cluster.scheduler_address, max_rounds=1)
        _counts, there = solve_by_blocks(cluster_model, settings)
    assert there.bound == pytest.approx(here.bound)
    assert 0.0 <= there.bound <= there.objective


def test_cluster_workers_keep_their_blocks_warm_across_rounds(groundwork, monkeypatch):
    from distributed import LocalCluster

    from eventplan.staffing.decompose import fanout

    # Three rounds on two workers give the bound of three rounds in this process, and each
    # block's solver is made once per run (the workers are threads here, so they share this
    # module) and dropped when the run ends.
    _counts, here = solve_by_blocks(_model(groundwork), BlockSettings(60, workers=1, max_rounds=3))
    made: list[int] = []
    real = fanout.BlockSolver
    monkeypatch.setattr(fanout, "BlockSolver", lambda b, seed: made.append(1) or real(b, seed))
    with LocalCluster(n_workers=2, processes=False, dashboard_address=None) as cluster:
        settings = BlockSettings(60, scheduler=cluster.scheduler_address, max_rounds=3)
        _counts, there = solve_by_blocks(_model(groundwork), settings)
    assert "3 pricing rounds" in there.method
    assert there.bound == pytest.approx(here.bound)
    assert len(made) == len(build_blocks(_model(groundwork)).distinct)
    assert not fanout._WARM


def test_an_unreachable_scheduler_is_named(groundwork):
    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        solve_by_blocks(
            _model(groundwork), BlockSettings(5, scheduler="tcp://127.0.0.1:9", max_rounds=1)
        )
