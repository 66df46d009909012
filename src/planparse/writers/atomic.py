"""Atomic file output: a temporary file beside the target, renamed over it only on success.

Standard library only, so every process (batch workers included) can use it
without loading the table libraries.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from planparse.errors import OutputError


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _umask_mode()


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        tmp_path.chmod(_FILE_MODE)  # mkstemp makes 0600; outputs get the usual umask-based mode
        tmp_path.replace(target)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc}") from exc
    finally:
        tmp_path.unlink(missing_ok=True)


def write_atomic(target: Path, write: Callable[[Path], object]) -> None:
    with atomic_path(target) as tmp:
        write(tmp)
