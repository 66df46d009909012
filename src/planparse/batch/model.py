"""Values shared by the batch stages: what a task is, what is recorded per file.

A ``FileTask`` goes to a worker (possibly on another machine), a ``FileRecord``
comes back and is appended to the journal; nothing bigger crosses a process
boundary, so the parent's memory does not grow with the batch.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyarrow as pa

from planparse.errors import ExitCode, PlanparseError


class FileStatus(StrEnum):
    OK = "ok"  # converted; its rows are in activities/part-<hash>.parquet
    FAILED = "failed"  # error text in the record; the batch went on
    DUPLICATE = "duplicate"  # same content as ``duplicate_of``, not parsed again
    SKIPPED = "skipped"  # found in a folder walk with a suffix that is no plan format


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
    part_dir: str
    layout: str = "auto"
    timeout: float | None = None  # seconds; enforced inside the worker where signals allow


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


FILES_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("hash", pa.string()),
        ("format", pa.string()),
        ("layout", pa.string()),
        ("encoding", pa.string()),
        ("rows", pa.int32()),
        ("mean_confidence", pa.float64()),
        ("min_confidence", pa.float64()),
        ("rows_to_review", pa.int32()),
        ("status", pa.string()),
        ("error", pa.string()),
        ("error_type", pa.string()),
        ("error_code", pa.int8()),
        ("seconds", pa.float64()),
        ("duplicate_of", pa.string()),
    ]
)
assert set(FILES_SCHEMA.names) == {f.name for f in dataclasses.fields(FileRecord)}, "files schema and record disagree"


def files_table(records: list[FileRecord]) -> pa.Table:
    """Records -> the ``files.parquet`` table, one row per input path, sorted by path."""
    ordered = sorted(records, key=lambda r: r.path)
    columns = {name: [getattr(r, name) for r in ordered] for name in FILES_SCHEMA.names}
    columns["status"] = [str(s) for s in columns["status"]]
    return pa.table(columns, schema=FILES_SCHEMA)


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
