"""Writers compute nothing: they lay out finished rows and reports on disk."""

from __future__ import annotations

from planparse.writers.report import build_report, report_markdown, write_report
from planparse.writers.tables import LIST_SEPARATOR, SCHEMA, to_arrow, to_csv_frame, to_pandas, write_table

__all__ = [
    "LIST_SEPARATOR",
    "SCHEMA",
    "build_report",
    "report_markdown",
    "to_arrow",
    "to_csv_frame",
    "to_pandas",
    "write_report",
    "write_table",
]
