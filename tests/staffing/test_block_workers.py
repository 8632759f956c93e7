"""Forked workers end at once when their pool is terminated.

The command line's SIGTERM handler raises SystemExit to unwind; a fork inherits it, and a
pool worker unwinding while another holds the pool's queue lock left ``Pool.terminate``
waiting forever. Every pool of forked workers sets SIGTERM back to its default.
"""

from __future__ import annotations

import multiprocessing
import signal

import pytest

from eventplan.staffing.block_solve import _quiet_worker
from eventplan.whatif.executors import _start_worker


def _handler_in_worker(_: int) -> object:
    return signal.getsignal(signal.SIGTERM)


def _raise(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


@pytest.mark.parametrize(("initializer", "args"), [(_quiet_worker, ()), (_start_worker, (None,))])
def test_pool_workers_take_sigterm_by_default(initializer, args):
    previous = signal.signal(signal.SIGTERM, _raise)  # as the command line sets it
    try:
        pool = multiprocessing.get_context("fork").Pool(1, initializer, args)
        try:
            assert pool.apply(_handler_in_worker, (0,)) == signal.SIG_DFL
        finally:
            pool.terminate()
            pool.join()
    finally:
        signal.signal(signal.SIGTERM, previous)
