"""Writers compute nothing: they lay out finished rows and reports on disk.

The table writers need pyarrow (and pandas for CSV/Excel); they are loaded on
first use, so a process that only converts (a batch worker) never imports them.
"""

from __future__ import annotations

import importlib
from typing import Any

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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
