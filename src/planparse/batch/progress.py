"""Progress reporting: a live rich bar on a terminal, nothing otherwise.

The runner calls ``start``/``advance``/``stop`` on whatever it is given; the
CLI picks ``RichProgress`` only when stderr is a TTY, so logs and pipes stay
clean.
"""

from __future__ import annotations

from typing import IO, Any, Protocol

from planparse.batch.model import FileRecord, FileStatus


class Progress(Protocol):
    def start(self, total: int, done: int) -> None: ...
    def advance(self, record: FileRecord) -> None: ...
    def stop(self) -> None: ...


class NoProgress:
    """Quiet: for pipes, logs, tests and the Python API."""

    def start(self, total: int, done: int) -> None:
        return None

    def advance(self, record: FileRecord) -> None:
        return None

    def stop(self) -> None:
        return None


class RichProgress:
    """Bar, files done / total, files/s, failures so far, elapsed and remaining time."""

    def __init__(self, stream: IO[str]) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            TextColumn("{task.fields[rate]} files/s"),
            TextColumn("[red]{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(file=stream),
            transient=False,
        )
        self._task: Any = None
        self._failed = 0

    def start(self, total: int, done: int) -> None:
        # files settled by an earlier run count as done from the start, not as speed
        self._task = self._progress.add_task("batch", total=total, completed=done, failed=0, rate="—")
        self._progress.start()

    def advance(self, record: FileRecord) -> None:
        if self._task is None:
            return
        if record.status is FileStatus.FAILED:
            self._failed += 1
        self._progress.advance(self._task)
        speed = self._progress.tasks[self._task].speed
        self._progress.update(self._task, failed=self._failed, rate="—" if speed is None else f"{speed:.1f}")

    def stop(self) -> None:
        self._progress.stop()
