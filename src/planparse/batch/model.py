"""Values shared by the batch stages: what a task is, what is recorded per file.

A ``FileTask`` goes to a worker (possibly on another machine); a ``TaskResult``
comes back: the ``FileRecord`` the journal keeps and the file's rows as JSON
lines, which the parent writes to the file's Parquet part at once and drops.
Nothing else crosses a process boundary, so the parent's memory does not grow
with the batch.  Standard library only: workers never load the table libraries.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from planparse.errors import ExitCode, PlanparseError


class FileStatus(StrEnum):
    OK = "ok"  # converted; its rows are in activities/part-<hash>.parquet
    FAILED = "failed"  # error text in the record; the batch went on
    DUPLICATE = "duplicate"  # same content as ``duplicate_of``, not parsed again
    SKIPPED = "skipped"  # found in a folder walk: no plan format by its suffix, or a workbook planparse wrote


class OutdirInUseError(PlanparseError):
    """OUTDIR holds an earlier run and neither resume nor overwrite was asked for."""

    exit_code = ExitCode.BAD_ARGS


class NoInputsError(PlanparseError):
    """No file was found under the INPUT arguments."""

    exit_code = ExitCode.BAD_ARGS


class SchedulerError(PlanparseError):
    """The Dask scheduler given with --scheduler cannot be reached."""

    exit_code = ExitCode.BAD_ARGS


class WorkersDyingError(PlanparseError):
    """Worker processes die before finishing any file: the environment cannot run them."""

    exit_code = ExitCode.MISSING_DEPENDENCY


@dataclass(frozen=True, slots=True)
class FileTask:
    """One file to convert; plain strings so it pickles to any worker."""

    path: str  # absolute, as every worker must see it (shared filesystem for Dask)
    hash: str
    layout: str = "auto"
    timeout: float | None = None  # seconds; enforced inside the worker where signals allow
    memory_mb: float | None = None  # after the file, a worker above this releases caches and free heap


@dataclass(frozen=True, slots=True)
class FileRecord:
    """One input file's outcome: a journal line and a row of ``files.parquet``."""

    path: str
    status: FileStatus
    hash: str | None = None
    format: str | None = None
    layout: str | None = None
    encoding: str | None = None
    rows: int | None = None
    mean_confidence: float | None = None
    min_confidence: float | None = None
    rows_to_review: int | None = None
    error: str | None = None
    error_type: str | None = None  # exception class, "Timeout" or "WorkerCrash": groups failures in the report
    error_code: int | None = None  # the exit code `planparse convert` gives this file (PlanparseError only)
    seconds: float | None = None
    duplicate_of: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileRecord:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["status"] = FileStatus(values["status"])
        return cls(**values)

    @classmethod
    def failure(cls, task: FileTask, error: str, error_type: str, *, seconds: float | None = None,
                error_code: int | None = None, fmt: str | None = None) -> FileRecord:
        return cls(task.path, FileStatus.FAILED, task.hash, format=fmt, error=error, error_type=error_type,
                   error_code=error_code, seconds=None if seconds is None else round(seconds, 4))


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What a worker sends back for one file."""

    record: FileRecord
    rows: bytes | None = None  # an ok file's activities as JSON lines (``planparse.writers.rows``)


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How to run a batch (the CLI's options, typed)."""

    jobs: int | None = None  # worker processes; None = every core this process may use
    resume: bool = False
    overwrite: bool = False
    retry_failed: bool = False  # on resume, convert files that failed before once more
    csv: bool | None = None  # write activities.csv; None = as the resumed run did (else no)
    layout: str | None = None  # None = "auto", or what the resumed run used
    timeout: float | None = 600.0  # per file, seconds; None = no limit
    scheduler: str | None = None  # Dask scheduler address; None = local process pool
    max_tasks_per_child: int = 50  # recycle local workers (pdfplumber keeps memory per document)
    worker_memory_mb: float | None = 120.0  # per worker: above it, memo caches and free heap are released


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a finished batch did, for the one-line summary and the exit code."""

    outdir: Path
    counts: dict[str, int]  # status -> files, over the whole dataset (earlier runs included)
    converted_now: int  # files converted (or failed) by this run
    rows: int
    rows_to_review: int
    seconds: float
    written: tuple[Path, ...]

    @property
    def failed(self) -> int:
        return self.counts.get(FileStatus.FAILED.value, 0)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.FINISHED_WITH_FAILURES if self.failed else ExitCode.OK

    def line(self) -> str:
        total = sum(self.counts.values())
        rate = self.converted_now / self.seconds if self.seconds > 0 else 0.0
        parts = ", ".join(f"{self.counts.get(s.value, 0)} {s.value}" for s in FileStatus)
        return (f"batch: {total} files ({parts}); {self.rows} rows, {self.rows_to_review} to review; "
                f"{self.converted_now} converted in {self.seconds:.1f} s ({rate:.1f} files/s) -> {self.outdir}")
