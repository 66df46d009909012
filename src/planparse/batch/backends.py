"""Where tasks run: a local process pool, or a Dask cluster (``--scheduler``).

Both take the same ``FileTask`` and give back the same ``TaskResult``; the
runner sees only this small interface, so resume, journal, progress and
timeouts behave the same on one machine and on a cluster.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import threading
from collections.abc import Callable, Collection
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from planparse.batch.model import FileTask, SchedulerError, TaskResult
from planparse.batch.worker import ignore_interrupts, run_task
from planparse.errors import ConverterUnavailableError

TaskFn = Callable[[FileTask], TaskResult]


@dataclass(frozen=True, slots=True)
class Crash:
    """A task that gave no record: its worker died, or the engine gave up on it."""

    error: str
    pool_broken: bool  # the local pool is unusable: every task in flight is lost with it


class Backend(Protocol):
    slots: int  # tasks kept in flight: one per worker, so a task starts when submitted

    def submit(self, task: FileTask) -> Any: ...
    def wait(self, handles: Collection[Any], timeout: float) -> set[Any]: ...
    def outcome(self, handle: Any) -> TaskResult | Crash: ...
    def restart(self) -> None: ...
    def abandon(self, hung: Collection[Any]) -> bool: ...  # True: every other task in flight was lost too
    def close(self) -> None: ...
    def terminate(self) -> None: ...  # stop now (Ctrl-C, an error in the parent)


def default_jobs() -> int:
    """Cores this process may use (respects CPU affinity / container limits)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where available: workers start by fork from a clean server, not from
    the parent (which holds a journal file, threads and a progress bar); spawn elsewhere.
    ``fork`` is not allowed with ``max_tasks_per_child``."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


class LocalBackend:
    """``ProcessPoolExecutor`` whose workers are replaced every ``max_tasks_per_child`` files,
    so memory a library keeps per document (pdfplumber does) is returned to the system."""

    def __init__(self, task: TaskFn, jobs: int, max_tasks_per_child: int) -> None:
        self._task = task
        self.slots = jobs
        self._max_tasks = max_tasks_per_child
        self._pool = self._new_pool()

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(self.slots, mp_context=_context(), initializer=ignore_interrupts,
                                      max_tasks_per_child=self._max_tasks)

    def submit(self, task: FileTask) -> cf.Future[TaskResult]:
        try:
            return self._pool.submit(run_task, self._task, task)
        except (BrokenProcessPool, OSError) as exc:  # broke since the last wait: the task is lost in the crash
            lost: cf.Future[TaskResult] = cf.Future()
            lost.set_exception(exc)
            return lost

    def wait(self, handles: Collection[Any], timeout: float) -> set[Any]:
        done, _ = cf.wait(handles, timeout=timeout, return_when=cf.FIRST_COMPLETED)
        return set(done)

    def outcome(self, handle: cf.Future[TaskResult]) -> TaskResult | Crash:
        try:
            return handle.result()
        except (BrokenProcessPool, OSError) as exc:
            return Crash(f"worker process died ({exc})", pool_broken=True)
        except Exception as exc:  # noqa: BLE001 - e.g. a record that failed to pickle
            return Crash(f"{type(exc).__name__}: {exc}", pool_broken=False)

    def restart(self) -> None:
        self._kill_workers()
        self._pool = self._new_pool()

    def abandon(self, hung: Collection[Any]) -> bool:
        """A task ignored its own time limit (stuck in C code): kill the workers, start afresh."""
        self.restart()
        return True

    def _kill_workers(self) -> None:
        kill = getattr(self._pool, "kill_workers", None)  # Python >= 3.14
        if kill is not None:
            kill()
        else:
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.kill()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def terminate(self) -> None:
        """Ctrl-C: stop now; unfinished files are converted again on --resume."""
        self._kill_workers()


class DaskBackend:
    """The same tasks on a Dask cluster; the inputs must be on a filesystem every worker sees (OUTDIR need not:
    rows come back with the result and the parent writes them)."""

    def __init__(self, task: TaskFn, address: str, connect_timeout: float = 30.0) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ConverterUnavailableError("--scheduler needs Dask: pip install 'planparse[distributed]'") from exc
        self._task = task
        try:
            self._client = Client(address, set_as_default=False, timeout=connect_timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise SchedulerError(f"cannot reach the Dask scheduler {address} ({exc})") from exc
        self.slots = max(1, sum(self._client.nthreads().values()))
        self._finished = threading.Event()  # set by Dask's callback thread when any future ends

    def submit(self, task: FileTask) -> Any:
        # pure=False: a rerun after a failure must really run again, not reuse a cached result
        key = f"planparse-{task.hash}-{os.urandom(4).hex()}"
        future = self._client.submit(run_task, self._task, task, pure=False, key=key)
        future.add_done_callback(lambda _: self._finished.set())
        return future

    def wait(self, handles: Collection[Any], timeout: float) -> set[Any]:
        done = {h for h in handles if h.done()}
        if not done:
            self._finished.wait(timeout)
            self._finished.clear()
            done = {h for h in handles if h.done()}
        return done

    def outcome(self, handle: Any) -> TaskResult | Crash:
        try:
            result: TaskResult = handle.result()
        except Exception as exc:  # noqa: BLE001 - KilledWorker after retries, cancelled, lost scheduler
            return Crash(f"{type(exc).__name__}: {exc}", pool_broken=False)
        return result

    def restart(self) -> None:  # Dask replaces dead workers itself
        return None

    def abandon(self, hung: Collection[Any]) -> bool:
        """A thread cannot be killed: cancel the futures; the worker thread finishes on its own."""
        for handle in hung:
            handle.cancel()
        return False

    def close(self) -> None:
        self._client.close()

    def terminate(self) -> None:
        self._client.close()
