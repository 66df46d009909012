"""Activity rows -> Parquet / CSV through one declared schema.

CSV is UTF-8 with a BOM (Excel opens Cyrillic correctly); list columns are
joined with ``LIST_SEPARATOR`` ("; "), booleans are ``true``/``false`` and
missing values are empty.  Every file is written to a temporary name in the
target folder and renamed into place, so a crash never leaves a half-written
output.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import astuple, fields
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from planparse.errors import OutputError
from planparse.model import Activity

if TYPE_CHECKING:  # pandas is imported only where a DataFrame is built (batch workers never need it)
    import pandas as pd

LIST_SEPARATOR = "; "
SCHEMA = pa.schema(
    [
        ("source_file", pa.string()),
        ("doc_title", pa.string()),
        ("organization", pa.string()),
        ("region", pa.string()),
        ("year", pa.int32()),
        ("section_no", pa.string()),
        ("section_title", pa.string()),
        ("item_no", pa.string()),
        ("parent_no", pa.string()),
        ("title", pa.string()),
        ("is_group", pa.bool_()),
        ("months", pa.list_(pa.int8())),
        ("all_year", pa.bool_()),
        ("times_per_year", pa.float64()),
        ("as_needed", pa.bool_()),
        ("timing_raw", pa.string()),
        ("responsible", pa.list_(pa.string())),
        ("responsible_raw", pa.string()),
        ("category", pa.string()),
        ("category_rule", pa.string()),
        ("page", pa.int32()),
        ("line", pa.int32()),
        ("layout", pa.string()),
        ("confidence", pa.float64()),
        ("flags", pa.list_(pa.string())),
    ]
)
assert [f.name for f in fields(Activity)] == SCHEMA.names, "model and schema disagree"


def to_arrow(activities: Sequence[Activity]) -> pa.Table:
    columns = list(zip(*(astuple(a) for a in activities), strict=True)) if activities else [[]] * len(SCHEMA)
    arrays = [
        pa.array([list(v) if isinstance(v, tuple) else v for v in col], type=field.type)
        for col, field in zip(columns, SCHEMA, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=SCHEMA)


def to_pandas(activities: Sequence[Activity]) -> pd.DataFrame:
    return to_arrow(activities).to_pandas()


def _csv_value(value: object) -> object:
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def to_csv_frame(activities: Sequence[Activity]) -> pd.DataFrame:
    import pandas as pd

    rows = [[_csv_value(v) for v in astuple(a)] for a in activities]
    frame = pd.DataFrame(rows, columns=SCHEMA.names)
    for name in ("year", "page", "line"):
        frame[name] = frame[name].astype("Int64")
    return frame


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
        os.chmod(tmp_path, _FILE_MODE)  # mkstemp makes 0600; outputs get the usual umask-based mode
        os.replace(tmp_path, target)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc}") from exc
    finally:
        tmp_path.unlink(missing_ok=True)


def write_atomic(target: Path, write: Callable[[Path], None]) -> None:
    with atomic_path(target) as tmp:
        write(tmp)


def write_table(activities: Sequence[Activity], path: Path, *, files: pd.DataFrame | None = None,
                review_below: float = 0.8) -> Path:
    """Write by suffix: .parquet/.pq, .csv or .xlsx (with ``files`` and a review sheet); others refused."""
    suffix = path.suffix.lower()
    if suffix in {".parquet", ".pq"}:
        table = to_arrow(activities)
        write_atomic(path, lambda tmp: pq.write_table(table, tmp))
    elif suffix == ".csv":
        frame = to_csv_frame(activities)
        write_atomic(path, lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n"))
    elif suffix == ".xlsx":
        from planparse.writers.xlsx import write_xlsx

        write_xlsx(path, to_pandas(activities), files, review_below=review_below)
    else:
        raise OutputError(f"unknown output format {suffix!r}: use .parquet, .csv or .xlsx")
    return path
