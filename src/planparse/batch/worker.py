"""The per-file task: convert one file, send back its record and its rows.

It runs in a recycled worker process (local pool) or on a Dask worker, so it
takes and returns only small picklable values: the record and the rows as
JSON lines, which the parent writes to the file's Parquet part at once.  A
worker therefore never loads pyarrow, numpy or pandas (about 50 MB each
worker would otherwise carry), and a Dask worker needs no access to OUTDIR.
It never raises for a bad file; every failure becomes a ``FileRecord`` with
the error text.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from planparse.api import convert
from planparse.batch.memory import keep_within
from planparse.batch.model import FileRecord, FileStatus, FileTask, TaskResult
from planparse.confidence import REVIEW_BELOW
from planparse.errors import PlanparseError
from planparse.readers import sniff_format


class TaskTimeout(BaseException):
    """Raised inside the task by SIGALRM when the per-file time limit is reached.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` in
    a reader or library on the way swallows it.
    """


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise TaskTimeout


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the task after ``seconds`` (SIGALRM; only in a process's main thread).

    Dask runs tasks in threads, where no signal can be delivered: there the
    parent gives up on the task at the deadline instead (see ``runner``).
    """
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _format_of(path: Path) -> str | None:
    try:
        return sniff_format(path).value
    except (OSError, PlanparseError):
        return None


def process_file(task: FileTask) -> TaskResult:
    """Convert ``task.path`` with ``planparse.api.convert``; the rows come back as JSON lines."""
    start = time.perf_counter()
    path = Path(task.path)
    fmt = _format_of(path)
    try:
        result = convert(path, layout=task.layout)
        rows = result.to_json_lines()
    except PlanparseError as exc:
        return TaskResult(FileRecord.failure(task, str(exc), type(exc).__name__, error_code=int(exc.exit_code),
                                             seconds=time.perf_counter() - start, fmt=fmt))
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the batch
        return TaskResult(FileRecord.failure(task, f"unexpected {type(exc).__name__}: {exc}", type(exc).__name__,
                                             seconds=time.perf_counter() - start, fmt=fmt))
    conf = [a.confidence for a in result.activities]
    record = FileRecord(
        task.path,
        FileStatus.OK,
        task.hash,
        format=result.format or fmt,
        layout=result.layout.value,
        encoding=result.encoding,
        rows=len(conf),
        mean_confidence=round(sum(conf) / len(conf), 4) if conf else None,
        min_confidence=min(conf) if conf else None,
        rows_to_review=sum(c < REVIEW_BELOW for c in conf),
        seconds=round(time.perf_counter() - start, 4),
    )
    return TaskResult(record, rows)


def run_task(task_fn: Callable[[FileTask], TaskResult], task: FileTask) -> TaskResult:
    """What a backend runs: ``task_fn`` under the per-file time limit, never raising for a file;
    afterwards the worker is brought back under its memory budget."""
    start = time.perf_counter()
    try:
        with time_limit(task.timeout):
            return task_fn(task)
    except TaskTimeout:
        return TaskResult(FileRecord.failure(task, f"timed out after {task.timeout:g} s", "Timeout",
                                             seconds=time.perf_counter() - start, fmt=_format_of(Path(task.path))))
    except Exception as exc:  # noqa: BLE001 - a task function that raised instead of recording
        return TaskResult(FileRecord.failure(task, f"unexpected {type(exc).__name__}: {exc}", type(exc).__name__,
                                             seconds=time.perf_counter() - start))
    finally:
        keep_within(task.memory_mb)


def ignore_interrupts() -> None:
    """Pool initializer: Ctrl-C is the parent's to handle (it stops the pool and keeps the journal)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
