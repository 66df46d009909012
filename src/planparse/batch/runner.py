"""``run_batch``: inputs -> OUTDIR, in parallel, resumable, never stopped by one file.

    find_inputs -> hash -> plan_batch (resume, duplicates) -> backend (pool or Dask)
        -> journal line per finished file -> files.parquet, activities.csv, report

Robustness, in the order things go wrong:

* a file that raises: the worker returns a failed record (``worker``);
* a file that hangs: the worker's own alarm stops it at ``timeout``; if it is
  stuck where no signal reaches (C code), the runner kills the workers at
  ``timeout + grace`` and resubmits the other files that were in flight;
* a worker that dies (segfault, OOM kill): the local pool is lost with every
  task in flight.  Those tasks are retried one at a time; a file that kills
  its worker while running alone is the culprit and is recorded as failed;
* Ctrl-C or kill -9 of the whole run: every file in the journal is complete,
  ``--resume`` converts the rest.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from planparse import __version__
from planparse.batch.backends import Backend, Crash, DaskBackend, LocalBackend, TaskFn, default_jobs
from planparse.batch.discovery import Found, find_inputs
from planparse.batch.export import write_combined_csv
from planparse.batch.model import (
    BatchOptions,
    BatchSummary,
    FileRecord,
    FileStatus,
    FileTask,
    NoInputsError,
    OutdirInUseError,
    TaskResult,
    WorkersDyingError,
)
from planparse.batch.plan import HashOrError, plan_batch
from planparse.batch.progress import NoProgress, Progress
from planparse.batch.report import write_batch_report
from planparse.batch.store import (
    Journal,
    OutDir,
    file_hash,
    part_is_complete,
    prepare,
    read_journal,
    remove_orphan_parts,
    save_settings,
    write_files_table,
    write_part,
)
from planparse.batch.worker import process_file
from planparse.errors import PlanparseError

FILES_TABLE_EVERY = 30.0  # seconds between rewrites of files.parquet while the batch runs
POLL = 0.5  # seconds; how often deadlines are checked while waiting for results
STARTUP_CRASHES = 3  # pool crashes before any file finished: the workers cannot run at all; stop


def hard_grace(timeout: float) -> float:
    """Extra time before a task that ignores its own alarm is killed from outside."""
    return max(2.0, min(30.0, timeout / 2))


def _settings(options: BatchOptions, previous: dict[str, Any]) -> dict[str, Any]:
    """The settings a run keeps across --resume: the layout may not change midway."""
    earlier = previous.get("layout")
    if options.layout and earlier and options.layout != earlier:
        raise OutdirInUseError(f"was converted with --layout {earlier}; resume with the same layout or --overwrite")
    csv = options.csv if options.csv is not None else bool(previous.get("csv", False))
    return {"layout": options.layout or earlier or "auto", "csv": csv, "planparse": __version__}


def _hash_all(found: Sequence[Found]) -> dict[Path, HashOrError]:
    hashes: dict[Path, HashOrError] = {}
    for item in found:
        if item.wanted:
            try:
                hashes[item.path] = file_hash(item.path)
            except OSError as exc:
                hashes[item.path] = exc
    return hashes


@dataclass
class _Flight:
    task: FileTask
    submitted: float
    isolated: bool  # retried alone after a pool crash


class _Execution:
    """The scheduling loop of ``execute``, with the state crash and timeout handling need."""

    def __init__(self, backend: Backend, tasks: Iterable[FileTask], on_result: Callable[[TaskResult], None],
                 timeout: float | None) -> None:
        self.backend = backend
        self.queue = deque(tasks)
        self.suspects: deque[FileTask] = deque()  # lost in a pool crash: retried one at a time
        self.flying: dict[Any, _Flight] = {}
        self.on_result = on_result
        self.timeout = timeout
        self.limit = None if timeout is None else timeout + hard_grace(timeout)
        self.records = 0
        self.crashes = 0

    def record(self, result: TaskResult) -> None:
        self.records += 1
        self.on_result(result)

    def fail(self, flight: _Flight, error: str, kind: str) -> None:
        failure = FileRecord.failure(flight.task, error, kind, seconds=time.monotonic() - flight.submitted)
        self.on_result(TaskResult(failure))

    def run(self) -> None:
        while self.queue or self.suspects or self.flying:
            self.fill()
            for handle in self.backend.wait(list(self.flying), POLL):
                if handle in self.flying:  # else already settled by a pool crash handled in this loop
                    self.settle(handle)
            if self.limit is not None:
                self.stop_hung(self.limit)

    def fill(self) -> None:
        isolating = bool(self.suspects) or any(f.isolated for f in self.flying.values())
        while len(self.flying) < (1 if isolating else self.backend.slots) and (self.suspects or self.queue):
            task = self.suspects.popleft() if self.suspects else self.queue.popleft()
            self.flying[self.backend.submit(task)] = _Flight(task, time.monotonic(), isolated=isolating)

    def settle(self, handle: Any) -> None:
        flight = self.flying.pop(handle)
        result = self.backend.outcome(handle)
        if isinstance(result, TaskResult):
            self.record(result)
        elif not result.pool_broken:
            self.fail(flight, result.error, "WorkerCrash")
        else:
            self.settle_crash(flight, result)

    def settle_crash(self, flight: _Flight, crash: Crash) -> None:
        """The local pool died: every task in flight is lost; find the file that killed it."""
        lost = [flight]
        for handle, other in list(self.flying.items()):
            result = self.backend.outcome(handle) if handle.done() else None
            if isinstance(result, TaskResult):
                self.record(result)  # finished before the crash
            else:
                lost.append(other)
        self.flying.clear()
        self.crashes += 1
        if self.records == 0 and self.crashes >= STARTUP_CRASHES:
            raise WorkersDyingError(f"worker processes died {self.crashes} times before finishing any file "
                                    f"({crash.error}); they cannot run here (a script must guard its code "
                                    "with `if __name__ == '__main__':`)")
        if len(lost) == 1:
            self.fail(flight, f"{crash.error} while converting this file", "WorkerCrash")
        else:
            self.suspects.extend(f.task for f in lost)  # innocent ones succeed when retried alone
        self.backend.restart()

    def stop_hung(self, limit: float) -> None:
        now = time.monotonic()
        hung = [h for h, f in self.flying.items() if now - f.submitted > limit]
        if not hung:
            return
        for handle in hung:
            self.fail(self.flying.pop(handle), f"timed out after {self.timeout:g} s; its worker was stopped",
                      "Timeout")
        if self.backend.abandon(hung):  # the other tasks in flight were lost with the workers: run them again
            self.queue.extendleft(reversed([f.task for f in self.flying.values()]))
            self.flying.clear()


def execute(backend: Backend, tasks: Iterable[FileTask], on_result: Callable[[TaskResult], None],
            timeout: float | None) -> None:
    """Run every task on ``backend``; call ``on_result`` once per task, in completion order."""
    _Execution(backend, tasks, on_result, timeout).run()


def keep_rows(out: OutDir, result: TaskResult) -> FileRecord:
    """Write an ok file's rows to its part; a part that cannot be written fails that file, not the batch."""
    record = result.record
    if record.status is not FileStatus.OK or record.hash is None:
        return record
    try:
        write_part(out, record.hash, result.rows or b"")
    except (PlanparseError, OSError, ValueError) as exc:  # ValueError: pyarrow's ArrowInvalid on bad rows
        return replace(record, status=FileStatus.FAILED, error=f"cannot write its rows: {exc}",
                       error_type=type(exc).__name__, rows=None, mean_confidence=None, min_confidence=None,
                       rows_to_review=None)
    return record


def _backend(options: BatchOptions, task: TaskFn) -> Backend:
    if options.scheduler:
        return DaskBackend(task, options.scheduler)
    return LocalBackend(task, options.jobs or default_jobs(), options.max_tasks_per_child)


def run_batch(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    options: BatchOptions | None = None,
    *,
    progress: Progress | None = None,
    task: TaskFn = process_file,
) -> BatchSummary:
    """Convert every plan under ``inputs`` into OUTDIR (see the README, "Batch import").

    ``task`` is the per-file function (``worker.process_file``); tests pass one
    that crashes or hangs on purpose.  Raises ``OutdirInUseError``,
    ``NoInputsError`` or ``SchedulerError`` before any file is converted, and
    ``WorkersDyingError`` when no worker can finish a file at all.  Local
    workers are started with forkserver/spawn: a script calling this must
    guard its code with ``if __name__ == "__main__":``.
    """
    started = time.perf_counter()
    options = options or BatchOptions()
    out = OutDir(Path(outdir).absolute())
    progress = progress or NoProgress()
    found = find_inputs(inputs, exclude=out.root)
    if not found:
        raise NoInputsError("no input files found in " + ", ".join(map(str, inputs)))
    settings = _settings(options, prepare(out, resume=options.resume, overwrite=options.overwrite))
    save_settings(out, settings)
    previous = read_journal(out.journal) if options.resume else {}
    plan = plan_batch(found, _hash_all(found), previous, part_ok=lambda h: part_is_complete(out.part(h)),
                      layout=settings["layout"], timeout=options.timeout,
                      memory_mb=options.worker_memory_mb,
                      retry_failed=options.retry_failed)
    records = {r.path: r for r in plan.records()}
    converted = 0
    last_table = time.monotonic()

    with Journal(out.journal) as journal:
        for record in plan.decided:
            journal.append(record)

        def on_result(result: TaskResult) -> None:
            nonlocal converted, last_table
            record = keep_rows(out, result)  # the part is on disk before the journal line
            journal.append(record)
            records[record.path] = record
            converted += 1
            progress.advance(record)
            if time.monotonic() - last_table > FILES_TABLE_EVERY:
                write_files_table(out, records.values())
                last_table = time.monotonic()

        progress.start(total=len(found), done=len(found) - len(plan.tasks))
        backend = None
        try:
            if plan.tasks:
                backend = _backend(options, task)
                execute(backend, plan.tasks, on_result, options.timeout)
                backend.close()
        except BaseException:
            if backend is not None:
                backend.terminate()
            raise
        finally:
            progress.stop()
            # the journal is the durable truth: an interrupt between journalling a record and
            # keeping it in memory must not leave that file out of files.parquet
            records.update(read_journal(out.journal))
            write_files_table(out, records.values())

    final = list(records.values())
    remove_orphan_parts(out, final)
    written = [out.files, out.parts]
    if settings["csv"]:
        written.append(write_combined_csv(out, final))
    written.extend(write_batch_report(out, final))
    counts = {s.value: sum(r.status is s for r in final) for s in FileStatus}
    ok = [r for r in final if r.status is FileStatus.OK]
    return BatchSummary(out.root, counts, converted, sum(r.rows or 0 for r in ok),
                        sum(r.rows_to_review or 0 for r in ok), time.perf_counter() - started, tuple(written))
