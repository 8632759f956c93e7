"""Peak memory of a run together with its child processes, sampled from ``/proc``.

``ru_maxrss`` of the children is no help: a child's figure includes the parent's resident set
at the moment it was spawned. So the resident sets of this process and its descendants are
summed every ``interval`` seconds and the largest sum kept (with this process's own
``ru_maxrss`` as a floor).
"""

from __future__ import annotations

import contextlib
import os
import resource
import threading
from pathlib import Path


def _rss_kb(pid: int) -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError, ValueError):
                children = [int(c) for c in (task / "children").read_text().split()]
                found += children
                stack += children
    return found


class PeakMemory:
    """``with PeakMemory() as peak: ...`` then ``peak.mb``."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = os.getpid()
        while not self._stop.wait(self.interval):
            total = _rss_kb(me) + sum(_rss_kb(pid) for pid in _descendants(me))
            self.peak_kb = max(self.peak_kb, total)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mb(self) -> float:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return max(self.peak_kb, own) / 1024
