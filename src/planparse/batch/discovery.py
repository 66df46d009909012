"""INPUT arguments -> the sorted list of files a batch looks at.

Files named on the command line (or matched by a glob) are always read: the
reader decides from the content.  Files found by walking a folder are read
only when their suffix is a plan format (spreadsheets ``.xlsx``/``.xlsm``
included); others (``Thumbs.db``, ``.csv``, notes) and the workbooks
planparse writes itself (``convert -o x.xlsx``: its rows, not a plan) are
listed as skipped with the reason rather than failed, so a tidy folder with a
stray file still finishes with exit code 0.  Hidden files and folders and the output
folder itself are never looked at, and the order is sorted so two runs over
the same inputs see the same files in the same order.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from planparse.readers.xlsx import is_planparse_output

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
PLAN_SUFFIXES = frozenset(
    {".txt", ".text", ".pdf", ".docx", ".doc", ".rtf", ".odt", ".html", ".htm",
     ".png", ".jpg", ".jpeg", ".tif", ".tiff", *WORKBOOK_SUFFIXES}
)
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Found:
    path: Path  # absolute (symlinks kept as named)
    explicit: bool  # named or globbed by the user, not found by walking a folder
    skipped: str | None = None  # why a file found by a walk is not read (see skip_reason)

    @property
    def wanted(self) -> bool:
        """Whether to convert it (else it is recorded as skipped, with ``skipped`` as the reason)."""
        return self.explicit or self.skipped is None


def skip_reason(path: Path) -> str | None:
    """Why a file found in a folder walk is no plan to read, or None to read it."""
    suffix = path.suffix.lower()
    if suffix not in PLAN_SUFFIXES:
        return f"suffix {suffix or '(none)'} is not a plan format; name the file to read it anyway"
    if suffix in WORKBOOK_SUFFIXES and is_planparse_output(path):
        return "a workbook written by planparse (an 'activities' sheet), not a plan"
    return None


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and (path == folder or folder in path.parents)


def _walk(folder: Path, exclude: Path | None) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = [d for d in dirs if not _hidden(d) and not _inside(here / d, exclude)]
        for name in files:
            if not _hidden(name):
                yield here / name


def _expand(arg: str, exclude: Path | None) -> Iterator[Found]:
    if any(c in arg for c in _GLOB_CHARS) and not Path(arg).exists():
        for match in sorted(glob.glob(arg, recursive=True)):  # noqa: PTH207 - Path.glob refuses absolute patterns
            yield from _expand(match, exclude)
        return
    path = Path(arg).absolute()
    if _inside(path, exclude):
        return
    if path.is_dir():
        yield from (Found(p, explicit=False, skipped=skip_reason(p)) for p in _walk(path, exclude))
    else:
        yield Found(path, explicit=True)  # missing files too: the worker records "no such file"


def find_inputs(inputs: Iterable[str | os.PathLike[str]], *, exclude: Path | None = None) -> list[Found]:
    """Every file under ``inputs`` (files, folders walked recursively, globs), sorted, each once.

    A file reached both by name and by a folder walk counts as named.
    """
    exclude = exclude.absolute() if exclude is not None else None
    found: dict[Path, Found] = {}
    for arg in inputs:
        for item in _expand(os.fspath(arg), exclude):
            previous = found.get(item.path)
            if previous is None or (item.explicit and not previous.explicit):
                found[item.path] = item
    return [found[p] for p in sorted(found)]
