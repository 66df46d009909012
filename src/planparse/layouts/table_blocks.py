"""A plan in the tables a reader delivers (DOCX, PDF, scans): which tables hold it and how they join.

A plan often spans several tables:

- **continued without a header** (a Word table broken by an empty paragraph or a heading, a table pasted
  from another file): a table with no plan header of its own and as many columns as the table before it is
  read with that table's column roles, in the section it was in;
- **a heading above each table** ("Раздел 1. …", "1. …", "I. …" as a paragraph, the table under it with
  or without its own header): the last text line before a table, when it reads as a heading, opens that
  table's section, as a row merged across the table does inside it;
- **one grid split by period** (Jan–Jun in one table, Jul–Dec in the next, each listing the same
  activities): consecutive tables whose mark columns cover disjoint months and whose activities are the
  same (number and title) are merged row by row, each activity with the union of its months.

A table that looks like plan rows but cannot be read (no header, other columns) is noted, never dropped
silently.  Body rows are read by ``reader_rows``, items by ``cells.rows_to_items``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from planparse.layouts.base import heading_row_section
from planparse.layouts.cells import (
    HEADER_ROWS_SEEN,
    MARK_KINDS,
    Role,
    is_plan_header,
    rows_to_items,
    table_header,
)
from planparse.layouts.reader_rows import reader_rows
from planparse.model import Document, Line, RawItem, Table

Section = tuple[str | None, str | None]
MAX_HEADING_CHARS = 150  # a heading line above a table is short; a longer paragraph is running text
# Share of the activities two period tables must have in common (number and title) to be merged.
SAME_ACTIVITIES_SHARE = 0.8
# Doubt flag of the last row read before a table that looks like plan rows but could not be read.
TABLE_NOT_READ_FLAG = "table_not_read_after"
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")
_ITEM_LIKE = regex.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?)(?:\s|$)")


@dataclass
class _Run:
    """One logical table: a table with a header and the tables continuing it."""

    roles: list[Role]
    width: int
    number: int  # where its first table starts
    items: list[RawItem] = field(default_factory=list)
    rows: int = 0


def _width(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def _heading_above(lines: list[str]) -> Section | None:
    """The section a heading line right above a table opens ("Раздел 2. …", "2. …", "II. …")."""
    if not lines:
        return None
    text = " ".join(lines[-1].split())
    if len(text) > MAX_HEADING_CHARS:
        return None
    return heading_row_section(text)


def _looks_like_rows(table: Table) -> bool:
    """Some row starts with an item or section number: plan rows, not a signature or approval block."""
    for row in table.rows:
        first = next((c.text for c in row if c.text.strip()), "")
        if (_ITEM_LIKE.match(first) and len(first.split()) > 1) or regex.fullmatch(r"\s*\d{1,3}\.?\s*", first):
            return True
    return False


def _read(table: Table, roles: list[Role], header_rows: int, section: Section) -> tuple[list[RawItem], int]:
    rows, flags = reader_rows(table, roles, header_rows)
    return rows_to_items(roles, rows, flags, section), len(rows)


def _says_something(item: RawItem) -> bool:
    return bool(item.item_no or item.months or item.all_year or item.timing_raw or item.responsible_raw)


def _mark_months(roles: list[Role]) -> frozenset[int]:
    """The months a table's mark columns cover (a "в течение года" column covers them all)."""
    months: set[int] = set()
    for role in roles:
        if role.kind == "year":
            months.update(range(1, 13))
        elif role.kind in MARK_KINDS:
            months.update(role.months)
    return frozenset(months)


def _key(item: RawItem) -> tuple[str | None, str]:
    """An activity's number and title, letters and digits only ("Отчёт о работе." = "отчет о работе")."""
    return item.item_no, _NOT_WORD.sub("", " ".join(item.title_lines).lower().replace("ё", "е"))


def _merged(a: RawItem, b: RawItem) -> RawItem:
    timing = "; ".join(dict.fromkeys(t for t in (a.timing_raw, b.timing_raw) if t)) or None
    return replace(
        a,
        months=tuple(sorted({*a.months, *b.months})),
        all_year=a.all_year or b.all_year,
        timing_raw=timing,
        responsible_raw=a.responsible_raw or b.responsible_raw,
        flags=tuple(dict.fromkeys((*a.flags, *b.flags))),
    )


def _merge_periods(runs: list[_Run]) -> tuple[list[_Run], list[str]]:
    """Consecutive runs over disjoint months that list the same activities, merged row by row."""
    out: list[_Run] = []
    notes: list[str] = []
    for run in runs:
        prev = out[-1] if out else None
        if prev is None or not run.items:
            out.append(run)
            continue
        mine, theirs = _mark_months(prev.roles), _mark_months(run.roles)
        index: dict[tuple[str | None, str], int] = {}
        for k, item in enumerate(prev.items):
            index.setdefault(_key(item), k)
        matches = [(index[_key(it)], it) for it in run.items if _key(it) in index]
        enough = len(matches) >= max(2, SAME_ACTIVITIES_SHARE * max(len(prev.items), len(run.items)))
        if not mine or not theirs or mine & theirs or not enough:
            out.append(run)
            continue
        matched = {id(it) for _, it in matches}
        for k, item in matches:
            prev.items[k] = _merged(prev.items[k], item)
        prev.items.extend(it for it in run.items if id(it) not in matched)
        prev.roles = [*prev.roles, *(r for r in run.roles if r.kind in MARK_KINDS)]
        prev.rows += run.rows
        notes.append(
            f"tables at line {prev.number} and line {run.number}: the same {len(matches)} activities "
            "over other months, merged row by row"
        )
    return out, notes


def _flag_last(runs: list[_Run]) -> None:
    """Flag the last row read so far: a table after it was left unread (the note says which)."""
    run = next((r for r in reversed(runs) if r.items), None)
    if run is not None:
        last = run.items[-1]
        run.items[-1] = replace(last, flags=tuple(dict.fromkeys((*last.flags, TABLE_NOT_READ_FLAG))))


def table_blocks(doc: Document) -> tuple[list[str], list[RawItem], int, list[str]] | None:
    """(text above the plan, items, rows read, notes) from the document's reader tables."""
    header_text: list[str] = []
    above: list[str] = []  # text lines since the last table
    runs: list[_Run] = []
    notes: list[str] = []
    section: Section = (None, None)
    for block in doc.blocks:
        if isinstance(block, Line):
            if block.text.strip():
                above.append(block.text)
                if not runs:
                    header_text.append(block.text.strip())
            continue
        if not isinstance(block, Table) or not block.rows:
            continue
        heading, above = _heading_above(above), []
        roles, header_rows = table_header([[c.text for c in row] for row in block.rows[:HEADER_ROWS_SEEN]])
        if is_plan_header(roles) and "title" in [r.kind for r in roles]:
            run = _Run(list(roles), _width(block), block.number)
            items, n = _read(block, run.roles, header_rows, heading or (None, None))
            runs.append(run)
        elif runs and _width(block) == runs[-1].width:
            run = runs[-1]
            items, n = _read(block, run.roles, 0, heading or section)
            if not any(_says_something(it) for it in items):
                if _looks_like_rows(block):
                    notes.append(f"table at line {block.number}: no header and its rows read as nothing: not read")
                    _flag_last(runs)
                continue
        else:
            if runs and _looks_like_rows(block):
                notes.append(
                    f"table at line {block.number}: no plan header and {_width(block)} columns where the plan has "
                    f"{runs[-1].width}: not read"
                )
                _flag_last(runs)
            continue
        run.items.extend(items)
        run.rows += n
        if items:
            section = (items[-1].section_no, items[-1].section_title)
    runs, merged = _merge_periods(runs)
    items = [it for run in runs for it in run.items]
    if not items:
        return None
    return header_text, items, sum(run.rows for run in runs), notes + merged
