"""Reading the batch's dataset back: part by part, in input-path order.

The combined CSV is streamed one part at a time through the same writer as
``planparse convert -o x.csv`` (``to_csv_frame``), so a batch CSV is exactly
the per-file CSVs one after another under one header.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from planparse.batch.model import FileRecord, FileStatus
from planparse.batch.store import OutDir, read_files_table
from planparse.model import Activity
from planparse.writers.tables import SCHEMA, to_csv_frame, write_atomic

_LIST_FIELDS = frozenset(f.name for f in SCHEMA if pa.types.is_list(f.type))
assert {f.name for f in fields(Activity)} >= _LIST_FIELDS


def iter_parts(out: OutDir, records: Iterable[FileRecord]) -> Iterator[tuple[FileRecord, Path]]:
    """(record, part) for every converted file, sorted by input path."""
    for record in sorted((r for r in records if r.status is FileStatus.OK and r.hash), key=lambda r: r.path):
        yield record, out.part(record.hash or "")


def _activities(table: pa.Table) -> list[Activity]:
    rows: list[dict[str, Any]] = table.to_pylist()
    for row in rows:
        for name in _LIST_FIELDS:
            row[name] = tuple(row[name])
    return [Activity(**row) for row in rows]


def write_combined_csv(out: OutDir, records: Iterable[FileRecord]) -> Path:
    """``OUTDIR/activities.csv``: UTF-8 with BOM, one header, parts appended in path order."""

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            header = True
            for _, part in iter_parts(out, records):
                frame = to_csv_frame(_activities(pq.read_table(part, schema=SCHEMA)))
                frame.to_csv(fh, index=False, header=header, lineterminator="\n")
                header = False
            if header:  # no converted file: still a valid CSV with the columns
                to_csv_frame([]).to_csv(fh, index=False, lineterminator="\n")

    write_atomic(out.csv, write)
    return out.csv


def read_activities(outdir: str | Path, *, with_path: bool = True) -> pa.Table:
    """The whole dataset as one table (in memory: for analysis, not for the batch itself).

    ``with_path`` adds ``source_path``, the full input path (``source_file``
    is only the file name, which folders may repeat).
    """
    out = OutDir(Path(outdir).absolute())
    tables = []
    for record, part in iter_parts(out, read_files_table(out)):
        table = pq.read_table(part, schema=SCHEMA)
        if with_path:
            table = table.append_column("source_path", pa.array([record.path] * table.num_rows, pa.string()))
        tables.append(table)
    if not tables:
        empty = SCHEMA.empty_table()
        return empty.append_column("source_path", pa.array([], pa.string())) if with_path else empty
    return pa.concat_tables(tables)


def write_workbook(outdir: str | Path) -> Path:
    """``OUTDIR/activities.xlsx``: activities, files and review sheets (see writers/xlsx.py).

    Built from the finished dataset, so it always matches ``files.parquet`` and
    the parts, also after ``--resume``.  Holds the whole table in memory: a
    workbook is for what a person can read (Excel stops at 1,048,576 rows).
    """
    import pyarrow.parquet as pq

    from planparse.confidence import REVIEW_BELOW
    from planparse.writers.xlsx import write_xlsx

    out = OutDir(Path(outdir).absolute())
    files = pq.read_table(out.files).to_pandas() if out.files.exists() else None
    return write_xlsx(out.root / "activities.xlsx", read_activities(out.root).to_pandas(), files,
                      review_below=REVIEW_BELOW)
