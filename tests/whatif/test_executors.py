"""The same table from this process, a local process pool and a Dask cluster."""

from __future__ import annotations

import pandas as pd
import pytest

from eventplan import whatif

VARY = {"police": [0, 2, 4], "guards": [1, 3]}


def _comparable(table: pd.DataFrame) -> pd.DataFrame:
    return table.drop(columns=["seconds"]).reset_index(drop=True)


def test_process_pool_gives_the_serial_table(micro) -> None:
    serial = whatif.sweep(micro(), vary=VARY)
    pooled = whatif.sweep(micro(), vary=VARY, workers=2)
    pd.testing.assert_frame_equal(_comparable(serial), _comparable(pooled))


@pytest.mark.parametrize("processes", [False, True])
def test_dask_gives_the_local_table(micro, processes: bool) -> None:
    distributed = pytest.importorskip("distributed")
    local = whatif.sweep(micro(), vary=VARY)
    # In-process workers default to the inproc:// protocol, which takes no host: ask for TCP
    # so that the sweep's own client connects as it would to a real cluster.
    with distributed.LocalCluster(
        n_workers=2 if not processes else 1,
        threads_per_worker=1,
        processes=processes,
        host="127.0.0.1",
        protocol="tcp://",
        dashboard_address=None,
    ) as cluster:
        remote = whatif.sweep(micro(), vary=VARY, scheduler=cluster.scheduler_address)
        least = whatif.min_force(micro(), "police", scheduler=cluster.scheduler_address)
    pd.testing.assert_frame_equal(_comparable(local), _comparable(remote))
    assert least[least["answer"]]["count:police"].tolist() == [2]


def test_interrupted_pool_keeps_finished_rows(micro) -> None:
    def stop(done: int, total: int, label: str) -> None:
        if done == 1:
            raise KeyboardInterrupt

    table = whatif.sweep(micro(), vary={"police": range(0, 12)}, workers=2, progress=stop)
    assert table.attrs["interrupted"] is True
    assert 1 <= table["index"].nunique() < 12
    assert table["status"].eq("optimal").all()


def test_unreachable_scheduler_is_an_input_error(micro, monkeypatch) -> None:
    from eventplan.errors import InputError
    from eventplan.whatif import executors

    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 1.0)
    with pytest.raises(InputError, match="Dask scheduler"):
        whatif.sweep(micro(), vary={"police": [1]}, scheduler="tcp://127.0.0.1:1")
