"""One progress display on stderr for long commands (a solve's search, a what-if sweep).

On a terminal it is a live line drawn with rich and wiped when done; elsewhere (a log, a pipe)
it writes a plain line every few seconds, so a long run shows it is alive without flooding.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, TextIO

from eventplan.i18n import Texts

#: A solve shows progress only once it has run this long.
QUIET_SECONDS = 2.0
#: Seconds between plain lines when stderr is not a terminal.
PLAIN_EVERY_SECONDS = 5.0


class ProgressDisplay:
    """Call :meth:`stage` from a solve, :meth:`count` from a sweep; close it when done.

    ``texts`` gives the language of the lines (default English).
    """

    def __init__(self, stream: TextIO | None = None, texts: Texts | None = None) -> None:
        self.stream = stream or sys.stderr
        self.t = texts or Texts()
        self.started = time.perf_counter()
        self.shown = -PLAIN_EVERY_SECONDS
        self.live: Any = None  # a rich Progress on a terminal, started on first use
        self.task: Any = None
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def __enter__(self) -> ProgressDisplay:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def stage(self, stage: str, value: float) -> None:
        """A solve's progress: the stage it is in (``value`` is the stage's own count)."""
        elapsed = time.perf_counter() - self.started
        if elapsed < QUIET_SECONDS:
            return
        t = self.t
        stage, hint = t.message(stage), t("progress.hint")
        if self.tty:
            line = t("progress.stage_live", stage=stage, hint=hint)
            self._live(total=None).update(self.task, description=line)
        elif elapsed - self.shown >= PLAIN_EVERY_SECONDS:
            self.shown = elapsed
            self._plain(t("progress.stage", stage=stage, seconds=f"{elapsed:5.1f}", hint=hint))

    def count(self, done: int, total: int, label: str = "") -> None:
        """A sweep's progress: ``done`` of ``total`` variants, the last one named."""
        if done == 0:
            self.started = time.perf_counter()
            self._plain(self.t("progress.variants", total=total))
            return
        last = self.t("progress.last", label=label) if label else ""
        if self.tty:
            live = self._live(total=max(1, total))
            live.update(self.task, completed=done, total=max(1, total), description=last[:60])
            return
        elapsed = time.perf_counter() - self.started
        if done >= total or elapsed - self.shown >= PLAIN_EVERY_SECONDS:
            self.shown = elapsed
            left = elapsed / done * (total - done)
            estimate = self.t("progress.left", left=_clock(left)) if done < total else ""
            tail = f"  {last}" if last else ""
            line = self.t(
                "progress.count",
                done=done,
                total=total,
                elapsed=_clock(elapsed),
                estimate=estimate,
                tail=tail,
            )
            self._plain(line)

    def close(self) -> None:
        """Wipe the live line (a terminal keeps no trace of it) before the results print."""
        if self.live is not None:
            self.live.stop()
            self.live = None

    def _plain(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def _live(self, total: float | None) -> Any:
        if self.live is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            columns: list[Any] = [SpinnerColumn(), TimeElapsedColumn()]
            if total is not None:
                columns += [BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
            columns.append(TextColumn("{task.description}"))
            console = Console(file=self.stream)
            self.live = Progress(*columns, console=console, transient=True)
            self.live.start()
            self.task = self.live.add_task("", total=total)
        return self.live


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
