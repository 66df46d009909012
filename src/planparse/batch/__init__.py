"""Batch import: many plans -> one Parquet dataset, in parallel, resumable.

    from planparse.batch import BatchOptions, run_batch, read_activities
    summary = run_batch(["plans/"], "out/", BatchOptions(jobs=2))
    summary.exit_code            # ExitCode.OK, or FINISHED_WITH_FAILURES
    table = read_activities("out/")

Modules: ``discovery`` (INPUT -> files), ``plan`` (hash keys, resume,
duplicates), ``worker`` (one file -> one part), ``backends`` (process pool or
Dask), ``runner`` (the loop, journal, crash and timeout handling), ``store``
(OUTDIR layout, journal, files.parquet), ``export`` (CSV, reading back),
``report`` and ``charts`` (report.html / report.md), ``progress``.
"""

from __future__ import annotations

from planparse.batch.discovery import PLAN_SUFFIXES, Found, find_inputs
from planparse.batch.export import read_activities
from planparse.batch.model import (
    FILES_SCHEMA,
    BatchOptions,
    BatchSummary,
    FileRecord,
    FileStatus,
    FileTask,
    NoInputsError,
    OutdirInUseError,
    SchedulerError,
    WorkersDyingError,
)
from planparse.batch.runner import run_batch
from planparse.batch.store import OutDir, file_hash, read_files_table, read_journal
from planparse.batch.worker import process_file

__all__ = [
    "FILES_SCHEMA",
    "PLAN_SUFFIXES",
    "BatchOptions",
    "BatchSummary",
    "FileRecord",
    "FileStatus",
    "FileTask",
    "Found",
    "NoInputsError",
    "OutDir",
    "OutdirInUseError",
    "file_hash",
    "find_inputs",
    "process_file",
    "read_activities",
    "read_files_table",
    "read_journal",
    "SchedulerError",
    "WorkersDyingError",
    "run_batch",
]
