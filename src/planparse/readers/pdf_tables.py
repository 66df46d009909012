"""Geometry of ruled PDF tables: cell grid, tables continued on the next page.

Pure functions over cell boxes and cell lines; the PDF reader
(``readers.pdf``) feeds them the cells of the ruled tables it found on a
page and each cell's text (``readers.pdf_cells``: lines, blank lines,
paragraphs, rotated text).  Nothing here opens a file, so every rule can be
tested with hand-made boxes.

Rules, in the order they apply:

- **Grid.**  Column and row boundaries are the cell edges, clustered within
  ``EDGE_TOLERANCE``.  A cell covering several grid columns keeps its text in
  the first one with ``colspan`` and leaves empty ``Cell(())`` after it; a cell
  covering several rows repeats its text below with ``continued=True``.
- **Continued tables.**  A table at the top of a page continues the table at
  the bottom of the previous page when its column boundaries are the same
  (within ``COLUMN_TOLERANCE``; a subset is enough, its cells are then mapped
  onto the first part's columns).  A header row repeated on the new page is
  dropped.  The part's first row is the rest of a row broken by the page end
  when its first cell is empty and a filled cell starts in lower case, when
  it leaves empty a cell the row above fills and every filled cell goes on
  with the row above (lower case, or a bullet continuing a bulleted list), or
  when a filled cell starts in lower case, its first word would not have
  fitted on the last line of the cell above and that cell stops mid-phrase
  (an open bracket or quote, a trailing comma or hyphen); its cell lines are
  then appended to the row above (``is_row_continuation``).  A cell whose
  first word would not have fitted on the last line above goes on with that
  paragraph (``pdf_cells.is_wrapped``, ``glue``), as wrapped lines do within
  a page, so the cell keeps the paragraphs a DOCX cell holds.

The cell-text functions are re-exported here for the readers that import
them from this module (``readers.ocr_table``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from math import nan

from planparse.model import Cell
from planparse.normalize.text import stops_open
from planparse.readers.geometry import Word
from planparse.readers.pdf_cells import (
    Rotated,
    cell_lines,
    first_middle,
    glue,
    is_wrapped,
    learn_pitch,
    rejoin_broken_words,
    rotated_lines,
    starts_paragraph,
)

__all__ = [
    "BBox",
    "CellEnds",
    "Grid",
    "PendingTable",
    "Rotated",
    "build_grid",
    "build_rows",
    "cell_at",
    "cell_lines",
    "first_middle",
    "glue",
    "is_row_continuation",
    "is_wrapped",
    "learn_pitch",
    "rejoin_broken_words",
    "rotated_lines",
    "same_columns",
]

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (display space, top-left origin)
# A cell's first and last visual line (words) and the width its text may fill (``pdf_cells.text_width``).
CellEnds = tuple[Sequence[Word], Sequence[Word], float]

# Cell edges closer than this (points) are one grid boundary.
EDGE_TOLERANCE = 2.0
# Column boundaries of two table parts closer than this (points) are the same column.
COLUMN_TOLERANCE = 3.0
# How many leading rows of a new page part are compared with the first part's header.
MAX_HEADER_ROWS = 3


@dataclass(slots=True)
class Grid:
    """Grid boundaries and the cells placed on them (grid index ranges, end exclusive)."""

    xs: list[float]
    ys: list[float]
    spans: list[tuple[int, int, int, int]]  # r0, r1, c0, c1
    cover: list[list[int | None]]  # [row][col] -> index into spans

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def _cluster(values: Sequence[float], tol: float = EDGE_TOLERANCE) -> list[float]:
    """Sorted values with near-equal ones merged (their mean).

    A value more than ``tol`` above the one before it starts a new group.
    """
    ordered = sorted(values)
    starts = [0, *(k for k in range(1, len(ordered)) if not ordered[k] - ordered[k - 1] <= tol), len(ordered)]
    groups = [ordered[a:b] for a, b in zip(starts, starts[1:], strict=False)] if ordered else []
    return [sum(g) / len(g) for g in groups]


def _index(bounds: Sequence[float], value: float) -> int:
    """Index of the boundary nearest to ``value``."""
    k = bisect_right(bounds, value)
    if k == 0:
        return 0
    if k == len(bounds):
        return len(bounds) - 1
    return k if bounds[k] - value < value - bounds[k - 1] else k - 1


def build_grid(cells: Sequence[BBox]) -> Grid:
    """The grid that the cell boxes of one table occupy."""
    x_values = [c[0] for c in cells] + [c[2] for c in cells]
    y_values = [c[1] for c in cells] + [c[3] for c in cells]
    xs, ys = _cluster(x_values), _cluster(y_values)
    col = {v: _index(xs, v) for v in set(x_values)}  # neighbouring cells share edges: look each one up once
    row = {v: _index(ys, v) for v in set(y_values)}
    cover: list[list[int | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    spans: list[tuple[int, int, int, int]] = []
    last: Sequence[float] = (nan, nan, nan, nan)  # the cell before (cells of a column share x0 and x1); nan: none
    c0 = c1 = r0 = r1 = 0
    for cell in cells:
        x0, top, x1, bottom = cell
        if x0 != last[0] or x1 != last[2]:
            c0, c1 = col[x0], col[x1]
        r0, r1 = (r1 if top == last[3] else row[top]), row[bottom]
        last = cell
        if c1 <= c0 or r1 <= r0:
            continue
        k = len(spans)
        spans.append((r0, r1, c0, c1))
        if r1 - r0 == 1 and c1 - c0 == 1:  # one grid cell, most cells
            if cover[r0][c0] is None:
                cover[r0][c0] = k
            continue
        for r in range(r0, r1):
            line = cover[r]
            for c in range(c0, c1):
                if line[c] is None:
                    line[c] = k
    return Grid(xs, ys, spans, cover)


def cell_at(grid: Grid, x: float, y: float) -> int | None:
    """Index of the cell (into ``grid.spans``) under the point, None outside every cell."""
    c = bisect_right(grid.xs, x) - 1
    r = bisect_right(grid.ys, y) - 1
    if 0 <= r < len(grid.ys) - 1 and 0 <= c < len(grid.xs) - 1:  # n_rows, n_cols
        return grid.cover[r][c]
    return None


@dataclass(slots=True)
class PendingTable:
    """One ruled table of one page, before it is built (it may continue on the next page)."""

    grid: Grid
    lines: list[tuple[str, ...]]  # per span in grid.spans
    page: int
    number: int
    top: float
    bottom: float
    parts: list[PendingTable] = field(default_factory=list)  # continuation parts, in order
    ends: list[CellEnds | None] = field(default_factory=list)  # per span, if known (first and last row cells)

    @property
    def n_cells(self) -> int:
        return len(self.grid.spans)


def same_columns(a: Sequence[float], b: Sequence[float], tol: float = COLUMN_TOLERANCE) -> bool:
    """b's column boundaries are a's, or a subset of them with the same outer edges."""
    if len(b) < 2 or len(b) > len(a):
        return False
    if abs(a[0] - b[0]) > tol or abs(a[-1] - b[-1]) > tol:
        return False
    return all(min(abs(x - y) for y in a) <= tol for x in b)


def _column_map(target: Sequence[float], own: Sequence[float]) -> list[int]:
    return [_index(target, x) for x in own]


def _rows(part: PendingTable, target: Sequence[float]) -> tuple[list[list[Cell]], list[list[CellEnds | None]]]:
    """The part's cells on the target column boundaries, and each placed cell's ``CellEnds`` where known."""
    cmap = _column_map(target, part.grid.xs)
    empty = Cell(())  # one object for every empty place and every empty one-column cell (cells are immutable)
    width = len(target) - 1
    rows: list[list[Cell | None]] = [[None] * width for _ in range(part.grid.n_rows)]
    ends: list[list[CellEnds | None]] = [[None] * width for _ in range(part.grid.n_rows)]
    known = part.ends
    for k, ((r0, r1, c0, c1), lines) in enumerate(zip(part.grid.spans, part.lines, strict=True)):
        t0, t1 = cmap[c0], cmap[c1]
        if t1 <= t0:
            continue
        for r in range(r0, r1):
            row = rows[r]
            if row[t0] is None:  # not placed yet
                row[t0] = Cell(lines, t1 - t0, continued=r > r0) if lines or t1 - t0 > 1 or r > r0 else empty
                if known and known[k] is not None:
                    ends[r][t0] = known[k]
    return [[cell or empty for cell in row] for row in rows], ends


def _row_key(row: Sequence[Cell]) -> tuple[str, ...]:
    return tuple(" ".join(c.text.split()) for c in row)


def _starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if not ch.isspace() and ch not in "-–—•,;(«\"":
            return False
    return False


def is_row_continuation(
    row: Sequence[Cell], previous: Sequence[Cell] | None = None, wrapped: Sequence[bool] = ()
) -> bool:
    """Whether a part's first row is the rest of the previous part's last row.

    Either its first cell is empty and a filled cell starts in lower case, or
    it leaves empty a cell that ``previous`` fills while each filled cell goes
    on with its counterpart: lower case, or a bullet where the counterpart
    holds bullet lines (a list broken by the page end), or a filled cell starts
    in lower case where its counterpart stops mid-phrase (``normalize.text.stops_open``) and
    its first word would not have fitted on the counterpart's last line
    (``wrapped``, per column, see ``pdf_cells.is_wrapped``; alone that is common
    in narrow columns: "ежеквартально" above "март, сентябрь").
    """
    filled = [k for k, c in enumerate(row) if c.text and not c.continued]
    if not filled:
        return False
    if previous is not None and any(
        k < len(wrapped) and wrapped[k] and _starts_lower(row[k].text) and stops_open(previous[k].text)
        for k in filled
    ):
        return True
    if not row[0].text and any(_starts_lower(row[k].text) for k in filled):
        return True
    if previous is None or len(previous) != len(row):
        return False
    emptied = any(not c.text and p.text for c, p in zip(row, previous, strict=True))
    return emptied and all(
        _starts_lower(row[k].text)
        or (starts_paragraph(row[k].text) and any(starts_paragraph(t) for t in previous[k].lines))
        for k in filled
    )


def _wraps(before: CellEnds | None, after: CellEnds | None, lines: tuple[str, ...]) -> bool:
    """Whether a cell part (``after``, its ``lines``) goes on with the paragraph the part ``before`` ends with."""
    if before is None or after is None or not lines or not lines[0]:  # a leading blank line: a new paragraph
        return False
    return is_wrapped(before[1], after[0], before[2])


def build_rows(table: PendingTable) -> tuple[tuple[tuple[Cell, ...], ...], list[str]]:
    """The whole table (with its continuation parts) as rows of cells, plus notes."""
    target = table.grid.xs
    rows, row_ends = _rows(table, target)
    last_ends = row_ends[-1] if row_ends else []  # of the last row so far, per column
    notes: list[str] = []
    for part in table.parts:
        more, more_ends = _rows(part, target)
        header = [_row_key(r) for r in rows[:MAX_HEADER_ROWS]]
        repeated = 0
        while repeated < len(header) and repeated < len(more) and _row_key(more[repeated]) == header[repeated]:
            repeated += 1
        if repeated:
            notes.append(f"page {part.page}: repeated table header ({repeated} row(s)) dropped")
            more, more_ends = more[repeated:], more_ends[repeated:]
        if more and rows:
            first = more[0]
            wrapped = [_wraps(a, b, c.lines) for a, b, c in zip(last_ends, more_ends[0], first, strict=False)]
            if is_row_continuation(first, rows[-1], wrapped):
                notes.append(f"page {part.page}: table row broken by the page end joined to the row above")
                last = rows[-1]
                for j, cell in enumerate(first):
                    if cell.lines and not cell.continued:
                        old = last[j]
                        if j < len(wrapped) and wrapped[j] and old.lines:  # one paragraph over the page end
                            lines = (*old.lines[:-1], glue(old.lines[-1], cell.lines[0]), *cell.lines[1:])
                        else:
                            lines = old.lines + cell.lines
                        last[j] = Cell(lines, old.colspan, old.continued)
                        last_ends[j] = more_ends[0][j]
                more, more_ends = more[1:], more_ends[1:]
        rows.extend(more)
        if more_ends:
            last_ends = more_ends[-1]
    return tuple(tuple(r) for r in rows), notes
