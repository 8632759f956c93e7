"""Where sweep jobs run: this process, a local process pool, or an existing Dask cluster.

Every executor yields each job's rows as soon as the job finishes, in any order, and can be
closed early: ``close(abort=True)`` stops the work still running (terminates the pool's
processes, cancels the cluster's futures) so that Ctrl-C keeps the rows already finished.

Pool processes are started with ``spawn`` (no fork of a process that already runs solver or
Dask threads) and ignore SIGINT: Ctrl-C reaches the parent, which decides what to keep.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from eventplan.errors import InputError, Problem
from eventplan.whatif.jobs import Job, run_job
from eventplan.whatif.warm import Base

Rows = list[dict[str, Any]]
#: Seconds to wait for a Dask scheduler to answer.
CONNECT_TIMEOUT = 10.0


class Executor(Protocol):
    def results(self, jobs: Iterable[Job]) -> Iterator[Rows]: ...

    def close(self, abort: bool = False) -> None: ...


class SerialExecutor:
    """Jobs one after another in this process (one worker, notebooks, tests)."""

    def __init__(self, base: Base) -> None:
        self.base = base

    def results(self, jobs: Iterable[Job]) -> Iterator[Rows]:
        for job in jobs:
            yield run_job(self.base, job)

    def close(self, abort: bool = False) -> None:
        return None


# The base a pool process works from: set once by the pool's initializer, read by each job.
# A process holds one pool's worth of work, so one slot per process is all there is.
_worker_base: list[Base] = []


def _start_worker(base: Base) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Ended at once by Pool.terminate, not unwound by the command line's handler a fork
    # inherits (see eventplan.staffing.block_solve).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_base[:] = [base]


def _run_in_worker(job: Job) -> Rows:
    return run_job(_worker_base[0], job)


class ProcessExecutor:
    """A local pool of ``workers`` processes; each prepares the base model once."""

    def __init__(self, base: Base, workers: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.pool = context.Pool(workers, initializer=_start_worker, initargs=(base,))

    def results(self, jobs: Iterable[Job]) -> Iterator[Rows]:
        yield from self.pool.imap_unordered(_run_in_worker, jobs, chunksize=1)

    def close(self, abort: bool = False) -> None:
        if abort:
            self.pool.terminate()
        else:
            self.pool.close()
        self.pool.join()


class DaskExecutor:
    """An existing Dask distributed cluster; the base is sent once to every worker."""

    def __init__(self, base: Base, address: str, timeout: float | None = None) -> None:
        from distributed import Client

        try:
            self.client = Client(address, timeout=timeout or CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise InputError(
                Problem("--scheduler", address, f"cannot reach the Dask scheduler: {error}")
            ) from None
        self.base = self.client.scatter(base, broadcast=True, hash=False)
        self.futures: list[Any] = []

    def results(self, jobs: Iterable[Job]) -> Iterator[Rows]:
        from distributed import as_completed

        self.futures = [self.client.submit(run_job, self.base, job, pure=False) for job in jobs]
        for future in as_completed(self.futures, loop=self.client.loop):
            yield future.result()

    def close(self, abort: bool = False) -> None:
        if abort and self.futures:
            self.client.cancel(self.futures)
        self.client.close()


def executor_for(
    base: Base, workers: int = 1, scheduler: str | None = None, in_process: bool = True
) -> Executor:
    """The Dask cluster when an address is given; else a pool, or this process for 1 worker.

    ``in_process=False`` uses a pool even for one worker, so that Ctrl-C stops a running solve
    at once (the command line does this).
    """
    if scheduler:
        return DaskExecutor(base, scheduler)
    if workers <= 1 and in_process:
        return SerialExecutor(base)
    return ProcessExecutor(base, max(1, workers))
