"""A progress bar on stderr: redrawn in place on a terminal, a line now and then otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """``[#####.....] 12/50 variants  0:34 elapsed  ~1:10 left  last: police=120``."""

    def __init__(self, stream: TextIO | None = None, width: int = 24) -> None:
        self.total = 1
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.perf_counter()
        self.shown = -1.0
        self.done = 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int, label: str = "") -> None:
        self.done, self.total = done, max(1, total)
        if done == 0:
            self.started = time.perf_counter()
            self.stream.write(f"{total} variant(s) to solve (the base first, to warm-start them)\n")
            self.stream.flush()
            return
        now = time.perf_counter() - self.started
        final = done >= self.total
        if not (self.tty or final or self.shown < 0 or now - self.shown >= 5):
            return
        self.shown = now
        filled = int(self.width * done / self.total)
        left = (now / done * (self.total - done)) if done else 0.0
        text = (
            f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total} variants"
            f"  {_clock(now)} elapsed"
            + (f"  ~{_clock(left)} left" if done and not final else "")
            + (f"  last: {label}" if label else "")
        )
        if self.tty:
            self.stream.write("\r\x1b[K" + text[:200] + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.done < self.total:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
