"""Writers compute nothing: they lay out finished rows and reports on disk.

The table writers need pyarrow (and pandas for CSV/Excel); they are loaded on
first use, so a process that only converts (a batch worker) never imports them.
"""

from __future__ import annotations

from planparse._lazy import lazy_exports

_WHERE = {
    "build_report": "report",
    "report_markdown": "report",
    "write_report": "report",
    "LIST_SEPARATOR": "rows",
    "json_lines": "rows",
    "write_atomic": "atomic",
    "SCHEMA": "tables",
    "from_json_lines": "tables",
    "to_arrow": "tables",
    "to_csv_frame": "tables",
    "to_pandas": "tables",
    "write_table": "tables",
}
__all__ = sorted(_WHERE)

__getattr__ = lazy_exports(__name__, _WHERE)
