"""Keep a long-lived worker's memory inside a budget.

A worker converts many files.  What grows in it is not a leak of any one file
but the memo caches of the normalizers (``functools.lru_cache`` over timing
phrases, party names, lemmas: they pay off within a plan and across similar
plans) and heap pages that the C allocators keep after a document is closed.
After a file, when the process's resident memory is above the budget, the
worker clears those memo caches and hands free heap pages back to the system.
Loader caches (``functools.cache``: the category rules, the region index) are
kept: they are small, fixed, and expensive to build again.

Recycling whole processes (``max_tasks_per_child``) stays as the backstop for
memory no Python code can reach.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import sys
from pathlib import Path
from typing import Any

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_mb() -> float | None:
    """This process's resident set size in MB (Linux ``/proc``); None where unknown."""
    try:
        with Path("/proc/self/statm").open("rb") as fh:
            return int(fh.read().split()[1]) * _PAGE / 2**20
    except (OSError, ValueError, IndexError):
        return None


def memo_caches(prefix: str = "planparse.") -> list[Any]:
    """Every bounded ``lru_cache`` in the loaded ``planparse`` modules (unbounded loader caches are left)."""
    found: dict[int, Any] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith(prefix) or module is None:
            continue
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper) and value.cache_parameters()["maxsize"]:
                found[id(value)] = value
    return list(found.values())


@functools.cache
def _libc_trim() -> Any:
    """glibc's ``malloc_trim`` (returns free heap pages to the system), or None on other C libraries."""
    path = ctypes.util.find_library("c")
    if not path:
        return None
    try:
        return ctypes.CDLL(path).malloc_trim
    except (OSError, AttributeError):
        return None


def release_memory() -> None:
    """Clear the memo caches and return free pages of every allocator we can reach.

    No ``gc.collect()``: a full collection walks the morphology dictionary's
    objects (about 30 ms) and frees almost nothing; what the caches held is
    freed by reference counting as they are cleared.
    """
    for cache in memo_caches():
        cache.cache_clear()
    pyarrow = sys.modules.get("pyarrow")
    if pyarrow is not None:
        pyarrow.default_memory_pool().release_unused()
    trim = _libc_trim()
    if trim is not None:
        trim(0)


def keep_within(budget_mb: float | None) -> bool:
    """Release memory when this process is above ``budget_mb``; True when it did."""
    if not budget_mb:
        return False
    rss = rss_mb()
    if rss is None or rss <= budget_mb:
        return False
    release_memory()
    return True
