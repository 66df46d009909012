"""XLSX reader (also .xlsm): every visible, non-empty worksheet as ``Line`` blocks and one ``Table``.

What becomes what, sheet by sheet in tab order (``page`` is the sheet's place
among the sheets read, 1-based; ``number`` is the row in the sheet):

- hidden and "very hidden" sheets are skipped, and so are hidden rows and
  columns: what the author hid is not part of the printed plan;
- a cell's value is the text Excel shows (``xlsx_values``: 3 not "3.0", a date
  as "21.04"), split into lines at its line breaks; a formula gives its saved
  result;
- the table is the band of rows from its column header, the first row with
  text in three or more cells spanning most of the columns ("СОГЛАСОВАНО |
  УТВЕРЖДАЮ" above it does not), to its last row: the last bordered row when
  its body is drawn with borders, else the last row with text unless the
  rows after an empty row read as a signature (at most two cells, no number;
  only such rows are ever cut off);
- rows above the table (the title in one cell or merged across the sheet,
  "УТВЕРЖДЕН …") and below it (a signature set apart by an empty row or
  outside the borders) are ``Line`` blocks, cell by cell, so metadata is found;
- inside the table every sheet row is a table row, so an activity's ``line``
  is its row in the sheet (empty and hidden rows are empty rows, which layout
  parsers pass over); columns without text are dropped;
- merged ranges are expanded as the DOCX reader expands merged cells: the
  text stays in the range's first column with ``colspan`` = the columns it
  covers (``Cell(())`` after it), and each further row of the range repeats it
  with ``continued=True``;
- a row's only text, unwrapped and wider than its column, is shown by Excel
  over the empty cells on its right: it spans them like a merged cell (a
  section heading typed into the narrow "№" column reads as the heading row
  it looks like).

Workbooks planparse writes itself (``convert -o x.xlsx``, ``batch --xlsx``:
sheets "activities", "files", "review") hold converted rows, not a plan; they
are refused with a message that says so (``planparse compare`` reads them as
tables, see ``is_planparse_output``).  Corrupt files raise ``ReadError``.
"""

from __future__ import annotations

import io
import sys
import threading
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from planparse.errors import ReadError, UnsupportedFormatError
from planparse.model import Block, Cell, Document, Line, SourceFormat, Table
from planparse.readers.xlsx_values import text_lines, value_text

#: The sheets of a workbook planparse writes (writers/xlsx.py): "activities" first, "review" last.
OUTPUT_SHEETS = ("activities", "files", "review")
MAX_TAIL_ROWS = 6  # rows of a signature or note under a table
DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters
EMPTY = Cell(())
Coord = tuple[int, int]  # (row, column) in the sheet, 1-based


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names in tab order, from ``xl/workbook.xml`` alone (no openpyxl)."""
    try:
        with zipfile.ZipFile(path) as zf:
            parser = etree.XMLParser(resolve_entities=False, no_network=True)  # one per call: threads (Dask)
            root = etree.fromstring(zf.read("xl/workbook.xml"), parser)
    except (OSError, KeyError, zipfile.BadZipFile, etree.LxmlError, ValueError, EOFError):
        return []
    sheets = (el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname == "sheet")
    return [el.get("name", "") for el in sheets]


def is_planparse_output(path: Path) -> bool:
    """Whether ``path`` is a workbook planparse wrote: it has an "activities" sheet (no plan's sheet is
    named so; ``planparse compare`` reads that sheet as a table)."""
    return OUTPUT_SHEETS[0] in sheet_names(path)


def _openpyxl() -> Any:
    """openpyxl, imported without its optional numpy support unless numpy is already loaded.

    openpyxl imports numpy only to accept numpy scalars as cell values; a batch
    worker never loads numpy (README, "Batch import": workers stay small), and
    planparse never hands openpyxl numpy values (writers/xlsx unwraps them).
    Only in a main thread (as local batch workers run their tasks): the numpy
    import is blocked for the whole process while openpyxl loads, and another
    thread (a Dask worker's) might want numpy at that moment.
    """
    first = "openpyxl" not in sys.modules and "numpy" not in sys.modules
    if first and threading.current_thread() is threading.main_thread():
        sys.modules["numpy"] = None  # type: ignore[assignment]  # makes openpyxl's `import numpy` fail
        try:
            import openpyxl
        finally:
            del sys.modules["numpy"]
    import openpyxl

    return openpyxl


@dataclass(frozen=True, slots=True)
class _Sheet:
    """A worksheet's visible text: ``texts`` by cell, merged ranges by their first visible cell."""

    texts: dict[Coord, tuple[str, ...]]
    merges: dict[Coord, Coord]  # first visible cell -> last visible cell of a merged range with text
    hidden_rows: frozenset[int]
    bordered: frozenset[int]  # rows with two or more bordered cells
    hidden_text: int  # cells with text in hidden rows or columns
    overflow: frozenset[Coord] = frozenset()  # text wider than its column, unwrapped: shown over the empty cells right
    columns: dict[int, list[int]] = field(default_factory=dict)  # row -> its columns with text, in order

    def __post_init__(self) -> None:
        for r, c in sorted(self.texts):
            self.columns.setdefault(r, []).append(c)

    def filled(self, row: int) -> list[int]:
        return self.columns.get(row, [])


def _hidden_columns(ws: Any) -> set[int]:
    from openpyxl.utils import column_index_from_string

    hidden: set[int] = set()
    for key, dim in ws.column_dimensions.items():
        if dim.hidden:
            first = dim.min or column_index_from_string(key)
            hidden.update(range(first, (dim.max or first) + 1))
    return hidden


def _widths(ws: Any) -> dict[int, float]:
    """Column widths set in the file, in characters (others have the sheet's default)."""
    widths: dict[int, float] = {}
    for dim in list(ws.column_dimensions.values()):
        if dim.customWidth and dim.width and dim.min:
            widths.update(dict.fromkeys(range(dim.min, (dim.max or dim.min) + 1), float(dim.width)))
    return widths


def _overflows(cell: Any, lines: tuple[str, ...], width: float) -> bool:
    """Excel shows unwrapped text wider than its column over the empty cells on its right."""
    return isinstance(cell.value, str) and not cell.alignment.wrap_text and max(map(len, lines)) > width


def _has_border(cell: Any) -> bool:
    border = cell.border
    return any(side is not None and side.style for side in (border.left, border.right, border.top, border.bottom))


def _read_sheet(ws: Any) -> _Sheet:
    hidden_rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
    hidden_cols = _hidden_columns(ws)
    texts: dict[Coord, tuple[str, ...]] = {}
    hidden_text = 0
    bordered_cells: dict[int, int] = {}
    widths, default_width = _widths(ws), float(ws.sheet_format.defaultColWidth or DEFAULT_WIDTH)
    overflow: set[Coord] = set()
    # The cells the file holds, not ws.iter_rows(): that creates every cell of the used range, and a stray
    # formatted cell at row 60000 would make it a million.
    for (r, c), cell in ws._cells.items():
        if r in hidden_rows or c in hidden_cols:
            hidden_text += cell.value is not None
            continue
        if cell.has_style and _has_border(cell):
            bordered_cells[r] = bordered_cells.get(r, 0) + 1
        lines = text_lines(value_text(cell.value, cell.number_format)) if cell.value is not None else ()
        if lines:
            texts[(r, c)] = lines
            if _overflows(cell, lines, widths.get(c, default_width)):
                overflow.add((r, c))
    merges: dict[Coord, Coord] = {}
    for rng in ws.merged_cells.ranges:
        rows = [r for r in range(rng.min_row, rng.max_row + 1) if r not in hidden_rows]
        cols = [c for c in range(rng.min_col, rng.max_col + 1) if c not in hidden_cols]
        top = ws.cell(rng.min_row, rng.min_col)
        lines = text_lines(value_text(top.value, top.number_format)) if top.value is not None else ()
        texts.pop((rng.min_row, rng.min_col), None)
        if rows and cols and lines:  # the text moves to the range's first visible cell
            texts[(rows[0], cols[0])] = lines
            merges[(rows[0], cols[0])] = (rows[-1], cols[-1])
    bordered = frozenset(r for r, n in bordered_cells.items() if n >= 2)
    overflow.difference_update(merges)
    return _Sheet(texts, merges, frozenset(hidden_rows), bordered, hidden_text, overflow=frozenset(overflow))


def _columns(sheet: _Sheet) -> list[int]:
    return sorted({c for _, c in sheet.texts})


def _coverage(sheet: _Sheet, row: int, kept: list[int]) -> int:
    """How many of the kept columns the row's texts cover (a merged range counts its width)."""
    total = 0
    for c in sheet.filled(row):
        last = sheet.merges.get((row, c), (row, c))[1]
        total += sum(1 for k in kept if c <= k <= last)
    return total


def _band(sheet: _Sheet, rows: list[int], kept: list[int]) -> tuple[int, int] | None:
    """First and last sheet row of the table, or None when no row has text in two cells.

    The table starts at the first row that spans it like a column header: text in three cells (all, in a
    narrower sheet) covering two thirds of the columns; else at the first row with two cells.  It ends at
    its last bordered row when its body is drawn with borders, else before a tail of signature-like rows
    set apart by an empty row, else at the last row with text.  Either way only rows that read as a
    signature (``_tail_row``) are cut off: borders drawn round the header alone cut nothing.
    """
    multi = [r for r in rows if len(sheet.filled(r)) >= 2]
    if not multi:
        return None
    need_cells, need_cover = min(3, len(kept)), max(2, -(-2 * len(kept) // 3))
    start = next(
        (r for r in multi if len(sheet.filled(r)) >= need_cells and _coverage(sheet, r, kept) >= need_cover), multi[0]
    )
    body = [r for r in rows if r >= start]
    framed = [r for r in body if r in sheet.bordered]
    after = [r for r in body if framed and r > framed[-1]]
    if framed and framed[-1] > start and len(after) <= MAX_TAIL_ROWS and all(_tail_row(sheet, r) for r in after):
        return start, framed[-1]
    for k in range(max(1, len(body) - MAX_TAIL_ROWS), len(body)):  # the longest tail set apart by an empty row
        if body[k] - body[k - 1] > 1 and all(_tail_row(sheet, r) for r in body[k:]):
            return start, body[k - 1]
    return start, body[-1]


def _tail_row(sheet: _Sheet, row: int) -> bool:
    """A row that may be a signature or note: at most two cells, none of them a bare number."""
    cells = sheet.filled(row)
    return len(cells) <= 2 and not any("".join(sheet.texts[(row, c)]).strip().rstrip(".").isdigit() for c in cells)


def _table(sheet: _Sheet, first: int, last: int, kept: list[int], page: int) -> Table:
    place = {c: k for k, c in enumerate(kept)}
    grid: dict[Coord, Cell] = {}
    for (r, c), lines in sheet.texts.items():
        if first <= r <= last:
            grid[(r, c)] = Cell(lines)
    for (r0, c0), (r1, c1) in sheet.merges.items():
        span = sum(1 for c in kept if c0 <= c <= c1)
        for r in range(max(r0, first), min(r1, last) + 1):
            if r not in sheet.hidden_rows:
                grid[(r, c0)] = Cell(sheet.texts[(r0, c0)], span, continued=r != r0)
                for c in kept[place[c0] + 1 : place[c0] + span]:
                    grid[(r, c)] = EMPTY
    for r, c in sheet.overflow:  # a lone text over the empty cells of its row: a heading, as if merged
        if first <= r <= last and sheet.filled(r) == [c]:
            span = 1
            while place[c] + span < len(kept) and grid.get((r, kept[place[c] + span]), EMPTY) == EMPTY:
                span += 1
            grid[(r, c)] = Cell(sheet.texts[(r, c)], span)
    rows = tuple(tuple(grid.get((r, c), EMPTY) for c in kept) for r in range(first, last + 1))
    return Table(rows, page, first)


def _lines(sheet: _Sheet, rows: Iterable[int], page: int) -> list[Line]:
    """Rows outside the table as lines, cell by cell (left to right), each cell's lines in order."""
    return [Line(text, page, r) for r in rows for c in sheet.filled(r) for text in sheet.texts[(r, c)]]


def sheet_blocks(sheet: _Sheet, page: int) -> list[Block]:
    """The blocks of one sheet: lines above the table, the table, lines below it."""
    rows = sorted({r for r, _ in sheet.texts})
    kept = _columns(sheet)
    band = _band(sheet, rows, kept)
    if band is None:
        return list(_lines(sheet, rows, page))
    first, last = band
    return [
        *_lines(sheet, (r for r in rows if r < first), page),
        _table(sheet, first, last, kept, page),
        *_lines(sheet, (r for r in rows if r > last), page),
    ]


def _load(data: bytes) -> Any:
    openpyxl = _openpyxl()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "extension not supported" and the like: nothing for the user
            return openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything from KeyError to TypeError on a broken file
        detail = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        raise ReadError(f"corrupt or unreadable XLSX ({detail[:200]})") from exc


def read_xlsx(path: Path) -> Document:
    if is_planparse_output(path):
        raise UnsupportedFormatError(
            "a workbook written by planparse (an 'activities' sheet): it holds converted rows, not a plan "
            "(`planparse compare` reads it)"
        )
    book = _load(path.read_bytes())
    blocks: list[Block] = []
    hidden_sheets = hidden_text = 0
    pages: list[str] = []  # the titles of the sheets read, page by page
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            hidden_sheets += 1
            continue
        sheet = _read_sheet(ws)
        hidden_text += sheet.hidden_text
        if sheet.texts:
            pages.append(ws.title)
            blocks.extend(sheet_blocks(sheet, len(pages)))
    if not blocks:
        raise ReadError("no text in any visible sheet of the workbook")
    notes = []
    if len(pages) > 1:
        notes.append("sheets read as pages: " + ", ".join(f"{k} «{title}»" for k, title in enumerate(pages, 1)))
    if hidden_sheets:
        notes.append(f"{hidden_sheets} hidden sheet(s) skipped")
    if hidden_text:
        notes.append(f"{hidden_text} cell(s) with text in hidden rows or columns skipped")
    return Document(source=path.name, format=SourceFormat.XLSX, blocks=tuple(blocks), notes=tuple(notes))
