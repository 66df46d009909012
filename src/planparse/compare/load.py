"""Inputs -> one activity table for comparison, whatever form the activities come in.

An input is one of:

- a Parquet file written by ``planparse convert`` (content starts with ``PAR1``);
- a Parquet dataset folder: a ``planparse batch`` OUTDIR (its ``activities/``
  parts are read and the failures in its ``files.parquet`` are carried over),
  the ``activities/`` folder itself, or any folder of activity Parquet files;
- a CSV written by ``planparse convert`` (UTF-8 with BOM, lists joined with
  "; ", booleans ``true``/``false``), recognised by its header;
- an ``.xlsx`` workbook written by planparse (its ``activities`` sheet; any
  other workbook is a plan, converted like the next kind);
- a plan file of any format the readers accept, converted with
  :func:`planparse.api.convert`.

An input that cannot be used becomes a :class:`LoadFailure` (with the exit code
``planparse convert`` would give it) and the others are still loaded.  Tables
without a ``category`` column (written before categories existed) are
categorized here, with the same rule as the converter: the title, then the
group heading (the row whose ``item_no`` is the row's ``parent_no`` in the same
source file), then the section title.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from planparse.errors import ExitCode, PlanparseError
from planparse.normalize.category import categorize
from planparse.readers.xlsx import is_planparse_output
from planparse.writers.tables import LIST_SEPARATOR

log = logging.getLogger(__name__)

#: Columns the comparison reads; an input without them is not an activity table.
REQUIRED = ("source_file", "title", "months", "all_year", "confidence")
STRING_COLUMNS = ("source_file", "doc_title", "organization", "region", "section_no", "section_title", "item_no",
                  "parent_no", "title", "timing_raw", "responsible_raw", "layout", "category", "category_rule")
BOOL_COLUMNS = ("is_group", "all_year", "as_needed")
LIST_COLUMNS = ("months", "responsible", "flags")
FLOAT_COLUMNS = ("times_per_year", "confidence")
INT_COLUMNS = ("year", "page", "line")
PARQUET_MAGIC = b"PAR1"


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """An input (or a file inside a batch) whose activities could not be used."""

    input: str
    error: str
    exit_code: int = int(ExitCode.INPUT_FILE)

    def line(self) -> str:
        return f"{self.input}: {self.error}" if not self.error.startswith(self.input) else self.error


@dataclass(frozen=True, slots=True)
class LoadedInput:
    """One input that gave rows: what it was read as and how many rows came from it."""

    input: str
    kind: str  # "parquet", "dataset", "csv", "xlsx" or the plan's format ("text", "docx" ...)
    rows: int


@dataclass(frozen=True)
class Loaded:
    """The combined activity table plus what was read and what failed."""

    activities: pd.DataFrame
    inputs: tuple[LoadedInput, ...] = ()
    failures: tuple[LoadFailure, ...] = field(default_factory=tuple)


class NotAnActivityTableError(PlanparseError):
    """A Parquet/CSV/xlsx file that is not a planparse activity table."""


# -- value normalization -------------------------------------------------------------------------------------------

def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _as_list(value: Any, item: type) -> list[Any]:
    """A list cell from Parquet (ndarray/list), CSV/xlsx ("6; 7; 8") or nothing."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [item(v) for v in value if not _missing(v)]
    if _missing(value) or str(value).strip() == "":
        return []
    parts = [p.strip() for p in str(value).split(LIST_SEPARATOR.strip())]
    return [item(float(p)) if item is int else item(p) for p in parts if p]


def _as_bool(value: Any) -> bool:
    if _missing(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes", "да"}
    return bool(value)


def _as_str(value: Any) -> str | None:
    if _missing(value):
        return None
    text = str(value)
    return text if text.strip() else None


def normalize_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Uniform types whatever the source: lists are lists, strings or None, booleans, nullable ints."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise NotAnActivityTableError(f"not a planparse activity table (missing columns: {', '.join(missing)})")
    out = frame.copy()
    for name in STRING_COLUMNS:
        out[name] = [_as_str(v) for v in out[name]] if name in out else None
        out[name] = out[name].astype(object)
    for name in BOOL_COLUMNS:
        out[name] = [_as_bool(v) for v in out[name]] if name in out else False
        out[name] = out[name].astype(bool)
    out["months"] = [_as_list(v, int) for v in out["months"]]
    for name in ("responsible", "flags"):
        out[name] = [_as_list(v, str) for v in out[name]] if name in out else [[] for _ in range(len(out))]
    for name in FLOAT_COLUMNS:
        out[name] = pd.to_numeric(out[name], errors="coerce").astype("float64") if name in out else np.nan
    for name in INT_COLUMNS:
        out[name] = pd.to_numeric(out[name], errors="coerce").astype("Int64") if name in out else pd.NA
        out[name] = out[name].astype("Int64")
    return out.reset_index(drop=True)


def add_categories(frame: pd.DataFrame) -> pd.DataFrame:
    """Fill ``category``/``category_rule`` where missing: title, then group heading, then section title."""
    if frame.empty:
        return frame
    need = frame["category"].isna()
    if not need.any():
        frame["category_rule"] = frame["category_rule"].where(frame["category_rule"].notna(), "")
        return frame
    heads: dict[tuple[str | None, str], str] = {}
    for source, item_no, title in zip(frame["source_file"], frame["item_no"], frame["title"], strict=True):
        if item_no is not None and title is not None:
            heads.setdefault((source, item_no), title)
    categories, rules = list(frame["category"]), list(frame["category_rule"])
    rows = zip(frame["source_file"], frame["parent_no"], frame["title"], frame["section_title"], strict=True)
    for i, (source, parent_no, title, section) in enumerate(rows):
        if not need.iat[i]:
            continue
        group = heads.get((source, parent_no)) if parent_no is not None else None
        decision = categorize(title or "", [("group", group), ("section", section)])
        categories[i], rules[i] = decision.category, decision.rule
    frame["category"] = pd.Series(categories, index=frame.index, dtype=object)
    frame["category_rule"] = pd.Series([r if r is not None else "" for r in rules], index=frame.index, dtype=object)
    return frame


# -- one input -----------------------------------------------------------------------------------------------------

def _head(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as fh:
        return fh.read(size)


def _is_activity_csv(head: bytes) -> bool:
    first = head.decode("utf-8-sig", errors="replace").splitlines()[0] if head else ""
    names = {n.strip().strip('"') for n in first.split(",")}
    return {"source_file", "title"} <= names


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def read_xlsx(path: Path) -> pd.DataFrame:
    try:
        return pd.read_excel(path, sheet_name="activities", dtype=str, keep_default_na=False)
    except ValueError as exc:  # no such sheet
        raise NotAnActivityTableError(f"no 'activities' sheet ({exc})") from exc


def _parquet_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.parquet")
                  if not any(part.startswith(".") for part in p.relative_to(folder).parts))


def _batch_failures(files_parquet: Path, label: str) -> list[LoadFailure]:
    """Failed files recorded by ``planparse batch`` in ``files.parquet``."""
    try:
        files = pq.read_table(files_parquet).to_pandas()
    except (OSError, ValueError) as exc:
        return [LoadFailure(str(files_parquet), f"unreadable files table: {exc}")]
    if not {"status", "path"} <= set(files.columns):
        return []
    failed = files[files["status"] == "failed"]
    out = []
    for row in failed.itertuples(index=False):
        error = getattr(row, "error", None) or "failed in the batch"
        code = getattr(row, "error_code", None)
        code = int(code) if code is not None and not _missing(code) else int(ExitCode.INPUT_FILE)
        out.append(LoadFailure(f"{label}: {row.path}", f"batch: {error}", code))
    return out


def _load_dataset(folder: Path) -> tuple[list[pd.DataFrame], list[LoadFailure]]:
    parts_dir = folder / "activities" if (folder / "activities").is_dir() else folder
    files = _parquet_files(parts_dir)
    failures = _batch_failures(folder / "files.parquet", str(folder)) if parts_dir != folder else []
    if not files:
        raise NotAnActivityTableError(
            "no Parquet files in this folder (for a folder of plan files run `planparse batch DIR -o OUTDIR`, "
            "then compare OUTDIR)", path=str(folder))
    frames = []
    for path in files:
        try:
            frames.append(normalize_frame(pq.read_table(path).to_pandas()))
        except (OSError, ValueError, PlanparseError) as exc:
            failures.append(LoadFailure(str(path), str(exc)))
    return frames, failures


def _convert(path: Path) -> tuple[pd.DataFrame, str]:
    from planparse.api import convert

    result = convert(path)
    return normalize_frame(result.to_pandas()), result.format or "plan"


def load_one(path: Path) -> tuple[list[pd.DataFrame], str, list[LoadFailure]]:
    """Frames read from one input, the kind it was read as, and failures inside it (datasets only)."""
    if path.is_dir():
        frames, failures = _load_dataset(path)
        return frames, "dataset", failures
    if not path.exists():
        raise PlanparseError("no such file or folder", path=str(path))
    head = _head(path)
    if head.startswith(PARQUET_MAGIC):
        return [normalize_frame(pq.read_table(path).to_pandas())], "parquet", []
    if path.suffix.lower() == ".csv" and _is_activity_csv(head):
        return [normalize_frame(read_csv(path))], "csv", []
    if head.startswith(b"PK") and is_planparse_output(path):  # a plan workbook is converted below
        return [normalize_frame(read_xlsx(path))], "xlsx", []
    frame, kind = _convert(path)
    return [frame], kind, []


def load(inputs: Iterable[str | os.PathLike[str]]) -> Loaded:
    """Every input's activities in one table (categories filled in), plus what failed and why."""
    frames: list[pd.DataFrame] = []
    loaded: list[LoadedInput] = []
    failures: list[LoadFailure] = []
    seen: set[Path] = set()
    for raw in inputs:
        path = Path(raw)
        if path.resolve() in seen:  # the same file named twice (overlapping globs) is read once
            continue
        seen.add(path.resolve())
        try:
            got, kind, inner = load_one(path)
        except PlanparseError as exc:
            message = str(exc)
            failures.append(LoadFailure(str(path), message, int(exc.exit_code)))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad input never ends the comparison
            log.debug("loading %s failed", path, exc_info=True)
            failures.append(LoadFailure(str(path), f"{type(exc).__name__}: {exc}"))
            continue
        failures.extend(inner)
        got = [add_categories(f) for f in got if not f.empty]
        frames.extend(got)
        loaded.append(LoadedInput(str(path), kind, sum(len(f) for f in got)))
    columns = list(dict.fromkeys(c for f in frames for c in f.columns))
    activities = pd.concat(frames, ignore_index=True) if frames else normalize_frame(pd.DataFrame(columns=REQUIRED))
    if frames:
        activities = activities[columns]
        activities["year"] = activities["year"].astype("Int64")
    return Loaded(add_categories(activities), tuple(loaded), tuple(failures))


def load_activities(inputs: Iterable[str | os.PathLike[str]]) -> pd.DataFrame:
    """The combined activity table; failures are logged (use :func:`load` to get them)."""
    result = load(inputs)
    for failure in result.failures:
        log.warning("skipped %s", failure.line())
    return result.activities


__all__ = ["LoadFailure", "Loaded", "LoadedInput", "NotAnActivityTableError", "add_categories", "load",
           "load_activities", "normalize_frame"]
