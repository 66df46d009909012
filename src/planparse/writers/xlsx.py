"""Excel workbook for analysts: activities, files and a review sheet.

One workbook, three sheets, each with a frozen bold header row and an
autofilter over its columns:

- ``activities``: every row of the activity table (list columns joined with
  "; ", as in the CSV);
- ``files``: one row per input file (what was read, how, how sure);
- ``review``: the rows whose confidence is below the review threshold, least
  sure first, with their flags, so checking starts where it matters.

Written with openpyxl in write-only mode (rows are streamed, memory stays flat)
to a temporary file that replaces the target only when complete.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from planparse.errors import OutputError
from planparse.writers.tables import LIST_SEPARATOR, write_atomic

EXCEL_MAX_ROWS = 1_048_576
#: Column widths in characters; unnamed columns get DEFAULT_WIDTH.
WIDTHS = {"title": 60, "section_title": 40, "doc_title": 40, "organization": 40, "responsible": 40,
          "responsible_raw": 30, "timing_raw": 24, "flags": 30, "source_file": 28, "path": 40, "error": 50,
          "category_rule": 26}
DEFAULT_WIDTH = 12
REVIEW_COLUMNS = ("source_file", "page", "line", "item_no", "title", "timing_raw", "responsible_raw",
                  "confidence", "flags")


def _cell(value: Any) -> Any:
    """A value Excel can hold: lists joined, missing values empty, numpy scalars unwrapped."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return LIST_SEPARATOR.join(str(v) for v in (value.tolist() if isinstance(value, np.ndarray) else value))
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _sheet(book: Any, name: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name)
    sheet.freeze_panes = "A2"
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(column, DEFAULT_WIDTH)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_cell(v) for v in row])
        count += 1
    last = get_column_letter(max(1, len(columns)))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    return count


def _frame_rows(frame: pd.DataFrame) -> Iterable[Sequence[Any]]:
    return frame.itertuples(index=False, name=None)


def write_xlsx(
    path: Path,
    activities: pd.DataFrame,
    files: pd.DataFrame | None = None,
    *,
    review_below: float,
) -> Path:
    """Write the workbook atomically; refuses tables larger than a sheet can hold."""
    try:
        from openpyxl import Workbook
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise OutputError("writing .xlsx needs the Python package openpyxl (pip install openpyxl)") from exc
    if len(activities) + 1 > EXCEL_MAX_ROWS:
        raise OutputError(f"{len(activities)} rows do not fit one Excel sheet; write .parquet or .csv instead")
    review = activities[activities["confidence"] < review_below] if "confidence" in activities else activities[:0]
    review = review.sort_values("confidence", kind="stable")
    review_columns = [c for c in REVIEW_COLUMNS if c in review.columns]

    def write(tmp: Path) -> None:
        book = Workbook(write_only=True)
        _sheet(book, "activities", list(activities.columns), _frame_rows(activities))
        if files is not None:
            _sheet(book, "files", list(files.columns), _frame_rows(files))
        _sheet(book, "review", review_columns, _frame_rows(review[review_columns]))
        book.save(tmp)

    write_atomic(path, write)
    return path


__all__ = ["write_xlsx"]
