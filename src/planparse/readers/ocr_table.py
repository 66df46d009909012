"""Ruled grids with their OCR words -> ``Table``; tables continued on the next page joined.

Cell text follows the PDF reader's rules (``pdf_tables.cell_lines``: wrapped
lines joined into paragraphs, blank lines for vertical gaps, words broken by
a narrow cell glued back); merged grid units become spanning or continued
cells; the cell repairs of ``ocr_repair`` are applied by column role.

Month marks are decided by ink, not by OCR text alone: Tesseract drops lone
small marks and reads "+" as "4", "т", "-|-" ...  In a mark column (month,
quarter or "в течение года" header, or a run of narrow columns) a cell is
marked when the densest mark-sized window inside it holds ``INK_MARK_SHARE``
of ink (``ocr_ink.mark_ink``); it then reads "+" unless OCR found real text
there ("1 раз в год" stays).  A cell without ink is empty whatever OCR read.

A table continued on the next page joins the table it continues (a repeated
header is dropped, a row split by the page break is joined).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import regex

from planparse.layouts.base import MARKS, SUSPECT_MARKS
from planparse.layouts.cells import header_role
from planparse.model import Block, Cell, Line, Table
from planparse.readers import ocr_grid, ocr_ink
from planparse.readers.geometry import Word, group_lines
from planparse.readers.ocr_repair import drop_leading_specks, drop_stray_quotes, number_cell, repair_roman_periods
from planparse.readers.pdf_tables import cell_lines, first_middle, is_row_continuation, learn_pitch
from planparse.readers.tesseract import OCR_DOUBT_CONF, OcrWord

# A mark cell is marked when the densest mark-sized window inside it (the cell minus its
# margin; ocr_ink.mark_ink) holds at least this share of ink.  Calibrated on the noisy
# scan samples (200 dpi JPEG, specks, blur): empty cells <= 2.1 %, "+" marks 27-30 %
# (10 pt), a faint or 5-pt "+" in the synthetic tests >= 10 %.
INK_MARK_SHARE = 0.06
# A column is a narrow mark column when it is at most this share of the widest column...
NARROW_COLUMN_SHARE = 0.25
# ...and at least this many such columns stand side by side (the month run).
MIN_MARK_RUN = 4
# OCR readings of a lone "+" (beyond layouts.base.SUSPECT_MARKS): glyph soup of these characters.
_MARK_GLYPHS = regex.compile(r"^(?=.*[+‡†тТtfфФ4|])[+\-|‡†тТtfфФ4lI!iі:.,'`*‘’\"^~_=]{1,4}$")


@dataclass(frozen=True, slots=True)
class TableInfo:
    """What the reader learnt about a table's columns (used to join pages)."""

    header_rows: int
    mark_cols: frozenset[int]
    number_col: int | None
    doubts: tuple[tuple[int, str, float], ...] = ()  # (row index, word, Tesseract confidence) below OCR_DOUBT_CONF


@dataclass
class PageResult:
    number: int
    blocks: list[Block] = field(default_factory=list)
    info: dict[int, TableInfo] = field(default_factory=dict)  # block index -> table info
    line_doubts: list[tuple[int, str, float]] = field(default_factory=list)  # (line number, word, confidence)
    notes: list[str] = field(default_factory=list)
    skew: float = 0.0


def _ink_cell_text(text: str, ink: float) -> tuple[str, bool]:
    """(text for a mark-column cell, whether ink decided it rather than OCR).

    No ink: the cell is empty, whatever OCR read from specks there (a clean
    OCR mark needs only a third of the ink).  Ink and no text, a mark-like
    misreading ("4", "т", "-|-") or one stray letter: "+".  Ink and real text
    ("1 раз в год", "15"): the text.
    """
    t = " ".join(text.split())
    if t in MARKS and ink >= INK_MARK_SHARE / 3:  # OCR saw a clean mark; some ink confirms it
        return t, False
    if ink < INK_MARK_SHARE:
        return "", bool(t)
    if not t or t in SUSPECT_MARKS or _MARK_GLYPHS.match(t) or (len(t) == 1 and not t.isdigit()):
        return "+", True
    return t, False


def _role(lines: Sequence[str]) -> str:
    """Header role of a cell; a word wrapped inside a narrow cell ("Янва" / "рь") is tried joined."""
    kind = header_role(" ".join(lines)).kind
    if kind == "unknown" and len(lines) > 1:
        kind = header_role("".join(lines)).kind
    return kind


_NUMBER_HEADER = regex.compile(r"^\s*№\s*\S{0,4}\s*$")


def _joined_header(lines: tuple[str, ...]) -> tuple[str, ...]:
    """A month name wrapped inside its narrow header cell, as one line; "№ п/т" (OCR) as "№ п/п"."""
    if lines and _NUMBER_HEADER.match(" ".join(lines)) and header_role(" ".join(lines)).kind != "number":
        return ("№ п/п",)
    if len(lines) > 1 and header_role(" ".join(lines)).kind == "unknown":
        joined = "".join(lines)
        if header_role(joined).kind in {"month", "quarter", "year"}:
            return (joined,)
    return lines


def _header_rows(n_rows: int, texts: dict[tuple[int, int], tuple[str, ...]]) -> int:
    """How many leading grid rows form the header (up to the row naming the months, at most 3)."""
    for r in range(min(3, n_rows)):
        kinds = [_role(t) for (rr, _), t in texts.items() if rr == r]
        if sum(k in {"month", "quarter"} for k in kinds) >= MIN_MARK_RUN:
            return r + 1
    return 1


def _mark_columns(grid: ocr_grid.Grid, texts: dict[tuple[int, int], tuple[str, ...]], header_rows: int) -> set[int]:
    """Columns that hold month/quarter/"в течение года" marks: by header words, else a run of narrow columns."""
    heads = {c: _role(t) for (r, c), t in texts.items() if r < header_rows}
    by_header = {c for c, k in heads.items() if k in {"month", "quarter", "year"}}
    widths = [grid.xs[c + 1] - grid.xs[c] for c in range(grid.n_cols)]
    narrow = [w <= NARROW_COLUMN_SHARE * max(widths) for w in widths]
    runs: set[int] = set()
    c = 0
    while c < len(narrow):
        e = c
        while e < len(narrow) and narrow[e]:
            e += 1
        if e - c >= MIN_MARK_RUN and (not by_header or by_header & set(range(c, e))):
            runs.update(range(c, e))
        c = max(e, c + 1)
    taken = {c for c, k in heads.items() if k in {"number", "title", "timing", "responsible", "note"}}
    return (by_header | runs) - taken


def _number_column(grid: ocr_grid.Grid, texts: dict[tuple[int, int], tuple[str, ...]], header_rows: int) -> int | None:
    for (r, c), t in texts.items():
        if r < header_rows and _role(t) == "number":
            return c
    widths = [grid.xs[c + 1] - grid.xs[c] for c in range(grid.n_cols)]
    if grid.n_cols > 1 and widths[0] <= NARROW_COLUMN_SHARE * max(widths):
        return 0
    return None


def _to_points(w: Word, scale: float) -> Word:
    return Word(w.text, w.x0 * scale, w.x1 * scale, w.top * scale, w.bottom * scale)


def _straddles(w: Word, cell: ocr_grid.GridCell) -> bool:
    """The word reaches well past its cell's left or right rule."""
    width = max(1.0, w.x1 - w.x0)
    return (cell.box.x0 - w.x0) > 0.25 * width or (w.x1 - cell.box.x1) > 0.25 * width


def grid_table(
    grid: ocr_grid.Grid, words: Sequence[OcrWord], ink: np.ndarray, dpi: float, page: int
) -> tuple[Table, TableInfo, list[OcrWord], int]:
    """The Table for one ruled grid, what its columns are, the words it did not take, marks decided by ink.

    Cell text follows the PDF reader's rules (``pdf_tables.cell_lines``, on word
    boxes converted to points): lines wrapped by the cell width joined into
    paragraphs, blank lines for vertical gaps and for text starting below the
    row's first line, words broken by a narrow cell glued back.
    """
    scale = 72.0 / dpi
    inside: dict[ocr_grid.GridCell, list[Word]] = {cell: [] for cell in grid.cells}
    unsure: dict[ocr_grid.GridCell, list[tuple[str, float]]] = {}
    rest: list[OcrWord] = []
    for ow in words:
        w = ow.word
        cx, cy = (w.x0 + w.x1) / 2, w.middle
        cell = next((k for k in grid.cells if k.box.contains(cx, cy)), None)
        if cell is None:
            rest.append(ow)
        elif _MARK_GLYPHS.match(w.text) and _straddles(w, cell):
            continue  # marks of neighbouring cells read as one word ("++"): ink decides each cell
        else:
            inside[cell].append(_to_points(w, scale))
            if ow.conf < OCR_DOUBT_CONF and any(ch.isalnum() for ch in w.text):
                unsure.setdefault(cell, []).append((w.text, ow.conf))
    pitch = learn_pitch([ws for ws in inside.values() if ws])
    row_top: dict[int, float] = {}
    for k, ws in inside.items():
        mid = first_middle(ws)
        if mid is not None and k.r1 - k.r0 == 1:
            row_top[k.r0] = min(mid, row_top.get(k.r0, mid))
    plain = {(k.r0, k.c0): tuple(" ".join(w.text for w in ln) for ln in group_lines(ws)) for k, ws in inside.items()}
    header_rows = _header_rows(grid.n_rows, plain)
    mark_cols = _mark_columns(grid, plain, header_rows)
    number_col = _number_column(grid, plain, header_rows)
    texts: dict[tuple[int, int], tuple[str, ...]] = {}
    for k, ws in inside.items():
        box = (k.box.x0 * scale, k.box.x1 * scale)
        if k.r0 < header_rows:
            texts[(k.r0, k.c0)] = _joined_header(cell_lines(ws, [], pitch, None, box))
        else:
            found = cell_lines(ws, [], pitch, row_top.get(k.r0), box)
            texts[(k.r0, k.c0)] = drop_stray_quotes([drop_leading_specks(t) for t in found])
    margin = ocr_ink.cell_margin(grid, dpi)
    density = ocr_ink.ink_density(ink, dpi) if mark_cols else ink
    owner_of = {(r, c): k for k in grid.cells for r in range(k.r0, k.r1) for c in range(k.c0, k.c1)}
    decided = 0
    rows: list[tuple[Cell, ...]] = []
    for r in range(grid.n_rows):
        row: list[Cell] = []
        for c in range(grid.n_cols):
            owner = owner_of[(r, c)]
            if owner.c0 != c:  # inside a horizontal merge: the owner's colspan covers it
                row.append(Cell(()))
                continue
            lines = texts[(owner.r0, owner.c0)]
            span = owner.c1 - owner.c0
            body = r >= header_rows
            if body and span == 1 and c in mark_cols and owner.r1 - owner.r0 == 1:
                share = ocr_ink.mark_ink(density, ink, owner.box, margin, dpi)
                text, by_ink = _ink_cell_text(" ".join(lines), share)
                decided += by_ink
                lines = (text,) if text else ()
            elif body and span >= grid.n_cols - 1:
                pass  # heading rows: section numbers are repaired over the whole document
            elif body and c == number_col and lines:
                lines = number_cell(lines)
            elif body:
                lines = tuple(repair_roman_periods(ln) for ln in lines)
            doubt = () if (c in mark_cols and span == 1) or not body else tuple(t for t, _ in unsure.get(owner, ()))
            row.append(Cell(lines, span, continued=owner.r0 != r, unsure=doubt))
        rows.append(tuple(row))
    doubts = tuple(
        (k.r0, text, conf)
        for k, found in sorted(unsure.items(), key=lambda kv: (kv[0].r0, kv[0].c0))
        if k.r0 >= header_rows and not (k.c0 in mark_cols and k.c1 - k.c0 == 1)  # marks: ink decides
        for text, conf in found
    )
    info = TableInfo(header_rows, frozenset(mark_cols), number_col, doubts)
    return Table(tuple(rows), page, 0), info, rest, decided


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _is_speck(block: Block) -> bool:
    return isinstance(block, Line) and len(block.text.strip()) < 4


def _is_repeated_header(rows: Sequence[tuple[Cell, ...]], header: Sequence[tuple[Cell, ...]]) -> bool:
    """The page's first rows repeat the header of the table they continue (loosely: OCR differs)."""
    if len(rows) < len(header) or not header:
        return False
    a = [_norm(c.text) for row in rows[: len(header)] for c in row]
    b = [_norm(c.text) for row in header for c in row]
    filled = [k for k, t in enumerate(b) if t]
    same = sum(1 for k in filled if a[k][:3] == b[k][:3])
    return bool(filled) and same >= 0.6 * len(filled)


def _continues_row(row: tuple[Cell, ...], previous: tuple[Cell, ...], info: TableInfo, n_cols: int) -> bool:
    """The rest of a row split by the page break: no item number in a numbered table (and no
    heading), or what the PDF reader takes for one (``pdf_tables.is_row_continuation``)."""
    if any(c.colspan >= n_cols - 1 for c in row) or not any(c.text for c in row):
        return False
    if info.number_col is not None and not row[info.number_col].text and any(c.text for c in previous):
        return True
    return is_row_continuation(row, previous)


def _merge_rows(a: tuple[Cell, ...], b: tuple[Cell, ...], info: TableInfo) -> tuple[Cell, ...]:
    out = []
    for c, (x, y) in enumerate(zip(a, b, strict=True)):
        doubt = (*x.unsure, *y.unsure)
        if c in info.mark_cols and x.text in MARKS and (not y.text or y.text in MARKS):
            out.append(x)
        elif c in info.mark_cols and y.text in MARKS and not x.text:
            out.append(Cell(y.lines, x.colspan, x.continued, doubt))
        else:
            out.append(Cell(tuple(ln for ln in (*x.lines, *y.lines)), x.colspan, x.continued, doubt))
    return tuple(out)


def join_pages(pages: Sequence[PageResult]) -> tuple[list[Block], dict[int, TableInfo], list[str]]:
    """All blocks, the info of every table (by block index), notes.

    A table continued on the next page joins the table it continues: the
    continuation starts the page (nothing but specks above it), has the same
    columns, and either repeats the header rows (dropped) or has none.  Its
    first row, when it is the rest of the row the page break split
    (``_continues_row``), joins that row.
    """
    blocks: list[Block] = []
    infos: dict[int, TableInfo] = {}
    notes: list[str] = []
    for page in pages:
        notes.extend(page.notes)
        first = next((k for k, b in enumerate(page.blocks) if isinstance(b, Table)), None)
        tail = len(blocks)
        while tail and _is_speck(blocks[tail - 1]):  # page numbers, stray marks under the last table
            tail -= 1
        prev = blocks[tail - 1] if tail else None
        prev_info = infos.get(tail - 1)
        table = page.blocks[first] if first is not None else None
        if (
            isinstance(table, Table)
            and isinstance(prev, Table)
            and prev_info is not None
            and first is not None
            and all(_is_speck(b) for b in page.blocks[:first])
            and prev.rows
            and table.rows
            and len(prev.rows[0]) == len(table.rows[0])
        ):
            info = page.info[first]
            rows = list(table.rows)
            dropped = info.header_rows if _is_repeated_header(rows, prev.rows[: prev_info.header_rows]) else 0
            rows = rows[dropped:]
            merged = list(prev.rows)
            joined = bool(
                rows
                and len(merged) > prev_info.header_rows
                and _continues_row(rows[0], merged[-1], prev_info, len(rows[0]))
            )
            if joined:
                merged[-1] = _merge_rows(merged[-1], rows.pop(0), prev_info)
                notes.append(f"page {page.number}: first row continues the last row of page {page.number - 1}")
            base = len(merged) - (1 if joined else 0)  # part row ``dropped`` lands here
            moved = tuple((base + r - dropped, t, c) for r, t, c in info.doubts if r >= dropped)
            del blocks[tail:]
            blocks[-1] = Table(tuple(merged + rows), prev.page, prev.number)
            infos[len(blocks) - 1] = TableInfo(
                prev_info.header_rows, prev_info.mark_cols, prev_info.number_col, prev_info.doubts + moved
            )
            notes.append(f"page {page.number}: table continues the one on page {prev.page}")
            rest = range(first + 1, len(page.blocks))
        else:
            rest = range(len(page.blocks))
        for k in rest:
            if k in page.info:
                infos[len(blocks)] = page.info[k]
            blocks.append(page.blocks[k])
    return blocks, infos, notes
