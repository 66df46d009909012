"""Batch import: many plans -> one Parquet dataset, in parallel, resumable.

    from planparse.batch import BatchOptions, run_batch, read_activities
    summary = run_batch(["plans/"], "out/", BatchOptions(jobs=2))
    summary.exit_code            # ExitCode.OK, or FINISHED_WITH_FAILURES
    table = read_activities("out/")

Modules: ``discovery`` (INPUT -> files), ``plan`` (hash keys, resume,
duplicates), ``worker`` (one file -> its record and rows), ``memory`` (a
worker's memory budget), ``backends`` (process pool or Dask), ``runner`` (the
loop, journal, crash and timeout handling), ``store`` (OUTDIR layout, parts,
journal, files.parquet), ``export`` (CSV, reading back), ``report`` and
``charts`` (report.html / report.md), ``progress``.

Names are loaded on first use: a worker process imports ``batch.worker``
(and so this package) without pulling in the parent's table libraries.
"""

from __future__ import annotations

from planparse._lazy import lazy_exports

_WHERE = {
    "PLAN_SUFFIXES": "discovery",
    "Found": "discovery",
    "find_inputs": "discovery",
    "read_activities": "export",
    "BatchOptions": "model",
    "BatchSummary": "model",
    "FileRecord": "model",
    "FileStatus": "model",
    "FileTask": "model",
    "NoInputsError": "model",
    "OutdirInUseError": "model",
    "SchedulerError": "model",
    "TaskResult": "model",
    "WorkersDyingError": "model",
    "run_batch": "runner",
    "FILES_SCHEMA": "store",
    "OutDir": "store",
    "file_hash": "store",
    "read_files_table": "store",
    "read_journal": "store",
    "process_file": "worker",
}
__all__ = sorted(_WHERE)

__getattr__ = lazy_exports(__name__, _WHERE)
