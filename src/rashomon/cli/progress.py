"""Progress on stderr: a rich progress bar per stage on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class PlainProgress:
    """One line per stage, for logs and CI."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr

    def stage_started(self, name: str, total: int) -> None:
        return None

    def advance(self, n: int) -> None:
        return None

    def stage_finished(self, name: str, seconds: float) -> None:
        print(f"rashomon: {name} done in {seconds:.2f}s", file=self.stream, flush=True)


class BarProgress:
    """A bar per stage, left on screen when the stage ends."""

    def __init__(self) -> None:
        self._progress = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
        )
        self._task: int | None = None

    def stage_started(self, name: str, total: int) -> None:
        if self._task is None:
            self._progress.start()
        self._task = self._progress.add_task(name, total=max(total, 1))

    def advance(self, n: int) -> None:
        if self._task is not None:
            self._progress.advance(self._task, n)  # type: ignore[arg-type]

    def stage_finished(self, name: str, seconds: float) -> None:
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[-1].total)  # type: ignore[arg-type]

    def close(self) -> None:
        self._progress.stop()


def choose_progress(quiet: bool) -> PlainProgress | BarProgress | None:
    if quiet:
        return None
    return BarProgress() if sys.stderr.isatty() else PlainProgress()
