"""Activity rows as JSON lines: the wire form between a conversion and a table.

Standard library only.  A batch worker sends its rows to the parent in this
form (small, picklable, no table library loaded in the worker), and
``tables.from_json_lines`` turns it into Arrow with the declared schema.  One
line per row, keys in schema order, tuples as JSON arrays.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import astuple, fields

from planparse.model import Activity

LIST_SEPARATOR = "; "  # how list columns are joined in CSV and spreadsheet cells
COLUMNS = tuple(f.name for f in fields(Activity))


def json_lines(activities: Sequence[Activity]) -> bytes:
    """One JSON object per activity, newline-separated, UTF-8."""
    return "\n".join(
        json.dumps(dict(zip(COLUMNS, astuple(a), strict=True)), ensure_ascii=False, allow_nan=False)
        for a in activities
    ).encode("utf-8")
