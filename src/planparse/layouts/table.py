"""Real cell tables: pipe-separated text, position-aligned text, reader tables.

- Pipe tables ("| № | Наименование | Срок | Ответственный |"), as copied from web
  pages; rows whose number cell is empty continue the row above.
- Position-aligned text (``pdftotext -layout``): columns are the character
  ranges that the header's words occupy; every body character goes to the
  column it stands under (nearest by position), so month marks land in their
  month even when neighbouring cells are empty.
- ``Table`` blocks from DOCX/PDF readers.
All three end in ``cells.rows_to_items``.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from planparse.layouts.base import is_bullet, item_start, section_heading
from planparse.layouts.cells import Role, header_roles, is_plan_header, rows_to_items
from planparse.model import Document, LayoutKind, Line, ParsedPlan, RawItem, Table

_SEGMENT = regex.compile(r"\S+(?: \S+)*")  # text runs separated by 2+ spaces
Row = tuple[list[str], tuple[int, int]]


def _merge_continuations(rows: list[Row], roles: Sequence[Role]) -> list[Row]:
    """Lines whose number/title start is missing continue the previous row."""
    kinds = [r.kind for r in roles]
    out: list[Row] = []
    for cells, where in rows:
        number = cells[kinds.index("number")].strip() if "number" in kinds else ""
        title = cells[kinds.index("title")].strip() if "title" in kinds else ""
        starts = bool(number) or bool(title and (item_start(title) or is_bullet(title) or section_heading(title)))
        if out and not starts:
            prev = out[-1][0]
            for k, cell in enumerate(cells):
                if cell.strip():
                    prev[k] = f"{prev[k]}\n{cell.strip()}" if prev[k].strip() else cell.strip()
            continue
        out.append((list(cells), where))
    return out


def _fit(items: list[RawItem], n_rows: int) -> float:
    if not items:
        return 0.0
    timed = sum(1 for it in items if it.timing_raw or it.months or it.all_year)
    return round(0.4 + 0.6 * timed / len(items), 3) if n_rows else 0.0


def _pipe_cells(text: str) -> list[str] | None:
    t = text.strip()
    if t.count("|") < 2:
        return None
    return [c.strip() for c in t.strip("|").split("|")]


def _parse_pipe(lines: tuple[Line, ...]) -> tuple[list[str], list[RawItem], int] | None:
    header: list[str] = []
    for i, line in enumerate(lines):
        cells = _pipe_cells(line.text)
        if cells is None or not is_plan_header(header_roles(cells)):
            if cells is None:
                header.append(line.text.strip())
            continue
        roles = header_roles(cells)
        rows: list[Row] = []
        for body in lines[i + 1 :]:
            row = _pipe_cells(body.text)
            if row is None or regex.fullmatch(r"[\s|:\-–—=+]*", body.text):
                continue
            row = (row + [""] * len(roles))[: len(roles)]
            rows.append((row, (body.page, body.number)))
        rows = _merge_continuations(rows, roles)
        return header, rows_to_items(roles, rows), len(rows)
    return None


def _spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _SEGMENT.finditer(text)]


def _aligned_header(lines: tuple[Line, ...]) -> tuple[int, list[tuple[int, int]], list[Role]] | None:
    """Header line index, column character ranges and roles (header may wrap to 3 lines)."""
    for i, line in enumerate(lines[:120]):
        spans = _spans(line.text)
        if len(spans) < 2:
            continue
        roles = header_roles([s[2] for s in spans])
        if not is_plan_header(roles):
            continue
        columns = [(s, e) for s, e, _ in spans]
        return i, columns, roles
    return None


def _split_aligned(text: str, columns: list[tuple[int, int]]) -> list[str]:
    cells = [""] * len(columns)
    centers = [(s + e) / 2 for s, e in columns]
    for start, end, seg in _spans(text):
        overlaps = [max(0, min(end, e) - max(start, s)) for s, e in columns]
        if max(overlaps) > 0:
            k = overlaps.index(max(overlaps))
        else:
            mid = (start + end) / 2
            k = min(range(len(columns)), key=lambda j: abs(centers[j] - mid))
        cells[k] = f"{cells[k]} {seg}".strip()
    return cells


def _parse_aligned(lines: tuple[Line, ...]) -> tuple[list[str], list[RawItem], int] | None:
    found = _aligned_header(lines)
    if found is None:
        return None
    idx, columns, roles = found
    title_col = next((k for k, r in enumerate(roles) if r.kind == "title"), 0)
    # The title column owns everything from its start to the next column's start.
    if title_col + 1 < len(columns):
        columns[title_col] = (columns[title_col][0], columns[title_col + 1][0] - 1)
    rows: list[Row] = []
    for line in lines[idx + 1 :]:
        if not line.text.strip():
            continue
        rows.append((_split_aligned(line.text, columns), (line.page, line.number)))
    rows = _merge_continuations(rows, roles)
    header = [ln.text.strip() for ln in lines[:idx] if ln.text.strip()]
    return header, rows_to_items(roles, rows), len(rows)


def _table_blocks(doc: Document) -> tuple[list[str], list[RawItem], int] | None:
    header_text: list[str] = []
    items: list[RawItem] = []
    n_rows = 0
    for block in doc.blocks:
        if isinstance(block, Line):
            if not items and block.text.strip():
                header_text.append(block.text.strip())
            continue
        if not isinstance(block, Table) or not block.rows:
            continue
        first = [c.text for c in block.rows[0]]
        roles = header_roles(first)
        if not is_plan_header(roles):
            continue
        rows: list[Row] = [([c.text for c in r], (block.page, block.number + k)) for k, r in enumerate(block.rows[1:], 1)]
        n_rows += len(rows)
        items.extend(rows_to_items(roles, rows))
    return (header_text, items, n_rows) if items else None


def parse_table(doc: Document) -> ParsedPlan | None:
    """Best of the pipe, aligned-text and reader-table readings."""
    lines = doc.lines
    best: ParsedPlan | None = None
    for found in (_table_blocks(doc), _parse_pipe(lines), _parse_aligned(lines)):
        if not found or not found[1]:
            continue
        header, items, n_rows = found
        plan = ParsedPlan(LayoutKind.TABLE, _fit(items, n_rows), tuple(items), tuple(header))
        if best is None or plan.fit > best.fit:
            best = plan
    return best
