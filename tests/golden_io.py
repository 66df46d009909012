"""Golden tables as diffable text (UTF-8 CSV, LF, fixed column order).

- ``golden/<sample file name>.csv``: every column of the activity table for one
  sample (provenance, confidence and flags included), so any change shows up in
  a diff;
- ``golden/plans/<plan>.csv``: the reviewed truth of one plan, content columns
  only; every format/variant of that plan is compared with it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from planparse.model import Activity
from planparse.writers import to_csv_frame

# What a row *says* (the same whatever format the plan came in).
CONTENT_COLUMNS = (
    "doc_title",
    "organization",
    "region",
    "year",
    "section_no",
    "section_title",
    "item_no",
    "parent_no",
    "title",
    "is_group",
    "months",
    "all_year",
    "times_per_year",
    "as_needed",
    "responsible",
    "category",
)


def to_golden_text(activities: Sequence[Activity], columns: Sequence[str] | None = None) -> str:
    frame = to_csv_frame(activities)
    if columns is not None:
        frame = frame[list(columns)]
    return frame.to_csv(index=False, lineterminator="\n")


def read_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def row_key(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row.get(c, "") for c in CONTENT_COLUMNS)


def truth_rows(golden_dir, plan: str) -> list[dict[str, str]]:
    return read_rows((golden_dir / "plans" / f"{plan}.csv").read_text(encoding="utf-8"))


def comparable(entry: dict, got: list[dict[str, str]], truth: list[dict[str, str]]) -> None:
    """Blank out what a sample changes on purpose (manifest flags), in place."""
    ignore = set()
    if entry.get("section_numbers_added"):
        ignore |= {"section_no"}
    if entry.get("item_numbers_added"):
        ignore |= {"item_no", "parent_no"}
    for row in (*got, *truth):
        for column in ignore:
            row[column] = ""
        if entry.get("quotes_substituted"):  # the encoding cannot hold « »
            for column in CONTENT_COLUMNS:
                row[column] = row[column].replace("«", '"').replace("»", '"')


def compare(
    entry: dict, activities: Sequence[Activity], golden_dir
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(rows got, rows expected) for a sample, content columns only, made comparable."""
    got = read_rows(to_golden_text(activities, CONTENT_COLUMNS))
    truth = truth_rows(golden_dir, entry["plan"])
    comparable(entry, got, truth)
    return got, truth
