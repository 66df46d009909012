"""Activity rows -> Parquet / CSV through one declared schema.

CSV is UTF-8 with a BOM (Excel opens Cyrillic correctly); list columns are
joined with ``LIST_SEPARATOR`` ("; "), booleans are ``true``/``false`` and
missing values are empty.  Every file is written to a temporary name in the
target folder and renamed into place, so a crash never leaves a half-written
output.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import astuple, fields
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.json as pa_json
import pyarrow.parquet as pq

from planparse.errors import OutputError
from planparse.model import Activity
from planparse.writers.atomic import atomic_path, write_atomic
from planparse.writers.rows import LIST_SEPARATOR, json_lines

if TYPE_CHECKING:  # pandas is imported only where a DataFrame is built (batch workers never need it)
    import pandas as pd

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
__all__ = ["LIST_SEPARATOR", "SCHEMA", "atomic_path", "from_json_lines", "to_arrow", "to_csv_frame", "to_pandas",
           "write_atomic", "write_table"]


def to_arrow(activities: Sequence[Activity]) -> pa.Table:
    """The activities as an Arrow table with ``SCHEMA``."""
    return from_json_lines(json_lines(activities))


def from_json_lines(data: bytes, schema: pa.Schema = SCHEMA) -> pa.Table:
    """JSON lines (``json_lines`` output by default) -> an Arrow table with ``schema``.

    Arrow's JSON reader builds the columns, not ``pa.array`` over Python lists:
    ``pa.array`` imports pandas on its first call (to check for pandas
    objects), and batch workers, which send their rows as JSON lines, never
    import pyarrow at all.  The explicit schema fixes every type; an unknown
    field is an error.
    """
    if not data:
        return schema.empty_table()
    parse = pa_json.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error")
    read = pa_json.ReadOptions(block_size=max(len(data) + 1, 1 << 20))  # one block: no row can straddle two
    return pa_json.read_json(io.BytesIO(data), read_options=read, parse_options=parse).combine_chunks()


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
