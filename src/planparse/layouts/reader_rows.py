"""Rows of the tables readers deliver (DOCX, PDF, scans): cell grids to the rows ``cells.rows_to_items`` reads.

A reader's ``Table`` is already split into cells, so, unlike pipe or
position-aligned text (``layouts.table``), nothing has to be guessed about
which text belongs to which column.  What is left is what a cell grid
encodes that plain cell texts do not:

- a row whose only filled cell is merged across the table is a group
  heading (marked with ``HEADING``);
- a cell merged across several month/quarter columns (``colspan``) marks
  them all ("+" over I-IV квартал) or, holding text ("ежеквартально"), is
  timing text (``SPANNING``), not a mark in the column where it starts;
- a row holding several activities ("legacy" plans: bulleted activities in
  one cell, their timings and parties in the next) is expanded into one row
  per activity (``multirow.expand_row``); an activity numbered inside its
  row's cell ("1. …" in row 4) is numbered under the row ("4.1");
- words a scan's OCR doubted become an ``ocr_unsure`` flag on their row.

Kept apart from ``layouts.table``, which finds the tables and their headers,
so that module has room for its text-table rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from planparse.layouts.base import item_start
from planparse.layouts.cells import HEADING, MARK_KINDS, SPANNING, Role, Row, only_marks
from planparse.layouts.multirow import expand_row
from planparse.model import Cell, Table


def _spread_merged(cells: Sequence[Cell], kinds: Sequence[str], texts: Sequence[str]) -> list[str]:
    """Cell texts (``texts``: each cell's); a cell merged across several mark columns
    marks them all or, text, is timing only.

    Readers keep a merged cell's text in its first grid column and leave the
    covered ones empty: a "+" merged across I-IV квартал marks every covered
    column, "ежеквартально" there is timing text (``SPANNING``), not a mark in
    the column where the merge happens to start.
    """
    out = list(texts)
    for k, cell in enumerate(cells):
        if cell.colspan < 2 or not texts[k]:
            continue
        covered = [j for j in range(k, min(len(kinds), k + cell.colspan)) if kinds[j] in MARK_KINDS]
        if len(covered) < 2 or k not in covered:
            continue
        if only_marks(texts[k]):
            for j in covered:
                out[j] = out[j] or texts[k]
        else:
            out[k] = SPANNING + texts[k]
    return out


def _under_row_number(lines: Sequence[str], row_no: str, kinds: Sequence[str], texts: list[str]) -> Sequence[str]:
    """An activity numbered within its row's cell ("1. О подготовке …" in row 4) numbered under the row:
    "4.1" goes to the number cell (in ``texts``) and the lines lose their own number."""
    found = item_start(lines[0]) if lines and row_no.replace(".", "").isdigit() else None
    if not found:
        return lines
    own = found[0].rstrip(".")
    texts[kinds.index("number")] = own if own.startswith(f"{row_no}.") else f"{row_no}.{own}"  # "4.1" stays
    return [found[1], *lines[1:]]


def reader_rows(
    table: Table, roles: Sequence[Role], header_rows: int = 1
) -> tuple[list[Row], dict[int, tuple[str, ...]]]:
    """Rows of a reader table below its ``header_rows``: merged heading rows marked, multi-activity rows expanded."""
    kinds = [r.kind for r in roles]
    role_index = {k: kinds.index(k) for k in ("title", "timing", "responsible") if k in kinds}
    rows: list[Row] = []
    flags: dict[int, tuple[str, ...]] = {}
    padding = [Cell(())] * len(kinds)
    for k, row in enumerate(table.rows[header_rows:], header_rows):
        where = (table.page, table.number + k)
        cells = [*row, *padding[len(row) :]]
        texts = [c.text for c in cells]
        filled = [j for j, text in enumerate(texts) if text]
        if len(filled) == 1 and cells[filled[0]].colspan > 1:
            rows.append(([HEADING, texts[filled[0]]], where))
            continue
        lines = {role: cells[i].lines for role, i in role_index.items()}
        unsure = [w for c in cells for w in c.unsure]
        multi = expand_row(lines.get("title", ()), lines.get("timing", ()), lines.get("responsible", ()))
        if multi is None:
            if unsure:
                flags[len(rows)] = ("ocr_unsure",)
            rows.append((_spread_merged(cells, kinds, texts), where))
            continue
        heading, activities = multi
        if heading:
            rows.append(([HEADING, " ".join(heading)], where))
        row_no = texts[kinds.index("number")].strip().rstrip(".") if "number" in kinds else ""
        for act in activities:
            texts = [""] * len(kinds)
            texts[role_index["title"]] = "\n".join(_under_row_number(act.lines, row_no, kinds, texts))
            for role, value in (("timing", act.timing), ("responsible", act.responsible)):
                if role in role_index and value:
                    texts[role_index[role]] = value
            said = " ".join((*act.lines, act.timing or "", act.responsible or ""))
            doubt = ("ocr_unsure",) if any(w in said for w in unsure) else ()
            flags[len(rows)] = (*act.flags, *doubt)
            rows.append((texts, (table.page, table.number + k)))
    return rows, flags
