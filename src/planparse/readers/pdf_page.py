"""One PDF page's words and ruled tables -> the page's items in reading order (``layout_page``).

Pure functions over word boxes and cell boxes: ``readers.pdf`` reads a page through pdfium and
hands its words (``pdf_words``) and table cells (``pdf_rules``) here.

- Upright words go to the cell under their centre (the first table with a cell there); the
  others are text outside tables, grouped into visual lines (``geometry.group_lines``).
- Each table stands where its first line of words does (a table of rotated words only: by its
  top edge), so items keep their vertical order, numbered by visual line.
- A table's cell texts (``pdf_cells.cell_lines``) are made here, with the line pitch learnt over
  the whole table; joining table parts across pages is ``readers.pdf``'s.
- A page whose text mostly runs vertically is turned upright first (``turn_page``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from planparse.readers.geometry import Word, group_lines, line_middle, measured_lines
from planparse.readers.pdf_cells import Rotated, cell_lines, learn_pitch, text_width
from planparse.readers.pdf_tables import BBox, CellEnds, Grid, PendingTable, build_grid, cell_at

T = TypeVar("T")

# A table needs at least this many cells; a single framed box is text.
MIN_TABLE_CELLS = 2


@dataclass(slots=True)
class Page:
    """One page laid out: its text lines and tables in reading order, and the counts the reader checks."""

    number: int
    items: list[tuple[int, int, list[Word] | PendingTable]] = field(default_factory=list)  # (line, order, payload)
    n_words: int = 0
    cid_words: int = 0
    alnum: int = 0
    ocr_layer: bool = False  # a page picture under invisible OCR text (``pdf_scan``)


def turn_page(
    upright: list[Word], rotated: list[Rotated], cells: list[list[BBox]], size: tuple[float, float]
) -> tuple[list[Word], list[Rotated], list[list[BBox]]]:
    """Turn a page whose text mostly runs vertically so that this text reads left to right.

    Text turned counter-clockwise (reads bottom-to-top) is turned back clockwise:
    (x, y) -> (height - y, x); text turned clockwise the other way: (x, y) -> (y, width - x).
    The few words upright on the original page become rotated words.
    """
    width, height = size
    ccw = sum(r.ccw for r in rotated) * 2 >= len(rotated)

    def box(x0: float, top: float, x1: float, bottom: float) -> BBox:
        return (height - bottom, x0, height - top, x1) if ccw else (top, width - x1, bottom, width - x0)

    def word(w: Word) -> Word:
        x0, top, x1, bottom = box(w.x0, w.top, w.x1, w.bottom)
        return Word(w.text, x0, x1, top, bottom)

    turned = [word(r.word) for r in rotated]
    others = [Rotated(word(w), not ccw) for w in upright]
    return turned, others, [[box(*c) for c in table] for table in cells]


def layout_page(
    number: int,
    upright: list[Word],
    rotated: list[Rotated],
    table_cells: Sequence[Sequence[BBox]],
    notes: list[str],
) -> Page:
    """The page's items in reading order (module doc); notes about words left out go to ``notes``."""
    page = Page(number, n_words=len(upright) + len(rotated))
    grids = [build_grid(cells) for cells in table_cells if len(cells) >= MIN_TABLE_CELLS]
    grids = [g for g in grids if len(g.spans) >= MIN_TABLE_CELLS]
    in_cells, table_of = _place(grids, upright, upright)  # per table: cell index -> its words; id(word) -> table
    rot_cells, placed = _place(grids, [r.word for r in rotated], rotated)
    if len(placed) < len(rotated):
        notes.append(f"page {number}: {len(rotated) - len(placed)} rotated word(s) outside tables ignored")

    visual = group_lines(upright)
    first_line: list[int | None] = [None] * len(grids)  # the first visual line with upright words of a table
    unseen = len(grids)  # tables whose first line is still to find
    for k, line in enumerate(visual, start=1):
        own = [w for w in line if id(w) not in table_of] if table_of else line
        if unseen and len(own) < len(line):  # words in tables: the first such line of each table
            for w in line:
                table = table_of.get(id(w))
                if table is not None and first_line[table] is None:
                    first_line[table] = k
                    unseen -= 1
        if own:
            page.items.append((k, 0, own))
    for t, g in enumerate(grids):
        start = first_line[t]
        if start is None:  # no upright words: placed by its top edge, if it holds rotated ones
            if not rot_cells[t]:
                continue
            start = 1 + sum(line_middle(line) < g.ys[0] for line in visual)
        page.items.append((start, 1, _pending(g, in_cells[t], rot_cells[t], number, start)))
    page.items.sort(key=lambda item: (item[0], item[1]))
    return page


def _place(grids: list[Grid], words: list[Word], items: list[T]) -> tuple[list[dict[int, list[T]]], dict[int, int]]:
    """Each item (of ``items``, which stand for ``words``) in the cell under its word's centre.

    The first table with a cell there takes it (``cell_at``).  Returns per table the items of
    each cell that has any (cell index -> items, in order), and ``id(item)`` -> table for
    every item placed.
    """
    in_cells: list[dict[int, list[T]]] = [{} for _ in grids]
    table_of: dict[int, int] = {}
    if not grids or not words:
        return in_cells, table_of
    centre_x = [(w.x0 + w.x1) / 2 for w in words]
    centre_y = [(w.top + w.bottom) / 2 for w in words]
    todo: Sequence[int] = range(len(words))
    for t, g in enumerate(grids):
        left, right, top, bottom = g.xs[0], g.xs[-1], g.ys[0], g.ys[-1]
        cells = in_cells[t]
        rest = []  # not in this table
        for i in todo:
            x, y = centre_x[i], centre_y[i]
            if left <= x <= right and top <= y <= bottom:
                k = cell_at(g, x, y)
                if k is not None:
                    item = items[i]
                    cell = cells.get(k)
                    if cell is None:
                        cells[k] = [item]
                    else:
                        cell.append(item)
                    table_of[id(item)] = t
                    continue
            rest.append(i)
        todo = rest
    return in_cells, table_of


def _pending(
    grid: Grid, words: dict[int, list[Word]], rotated: dict[int, list[Rotated]], page: int, start: int
) -> PendingTable:
    """The table's cell texts; ``words``/``rotated``: the words of its cells by cell index (empty cells left out)."""
    filled = sorted(words)  # in span order
    grouped = {k: measured_lines(words[k]) for k in filled}  # once per cell: pitch, rows, text
    pitch = learn_pitch([words[k] for k in filled], middle_groups=[grouped[k][1] for k in filled])
    spans, xs = grid.spans, grid.xs
    row_top: dict[int, float] = {}
    for k in filled:
        r0, mid = spans[k][0], grouped[k][1][0]
        row_top[r0] = min(mid, row_top.get(r0, mid))
    lines: list[tuple[str, ...]] = [()] * len(spans)  # an empty cell (about half of them) stays ()
    ends: list[CellEnds | None] = [None] * len(spans)  # for the first and last row: a row broken by a page end
    last_row = len(grid.ys) - 1
    for k in sorted(words.keys() | rotated.keys()) if rotated else filled:
        r0, r1, c0, c1 = spans[k]
        own = grouped.get(k, (None, None, None))
        box = (xs[c0], xs[c1])
        lines[k] = cell_lines(words.get(k, ()), rotated.get(k, ()), pitch, row_top.get(r0), box, *own)
        visual = own[0]  # as cell_lines left them (words broken by the cell glued)
        if visual and (r0 == 0 or r1 == last_row):
            ends[k] = (visual[0], visual[-1], text_width(box, min([line[0].x0 for line in visual])))
    return PendingTable(grid, lines, page, start, grid.ys[0], grid.ys[-1], ends=ends)
