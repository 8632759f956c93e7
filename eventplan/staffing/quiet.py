"""Silencing the banners native MIP solvers print on the process's stdout."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator


class _Silencer:
    """Points descriptor 1 at /dev/null while any caller asks for quiet.

    Reference-counted under a lock, so threads solving side by side (a threaded Dask worker)
    never save a silenced descriptor as "the" stdout and lose it for good. Descriptor 1 is one
    per process, so one silencer per process is the right number.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.saved = -1

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self.lock:
            if self.depth == 0:
                try:
                    self.saved = os.dup(1)
                    devnull = os.open(os.devnull, os.O_WRONLY)
                    os.dup2(devnull, 1)
                    os.close(devnull)
                except OSError:
                    self.saved = -1
            self.depth += 1
        try:
            yield
        finally:
            with self.lock:
                self.depth -= 1
                if self.depth == 0 and self.saved >= 0:
                    os.dup2(self.saved, 1)
                    os.close(self.saved)
                    self.saved = -1


#: ``with quiet_stdout(): ...`` silences native solver output for the block.
quiet_stdout = _Silencer()
