"""PDF reader: the text layer's words and ruling lines -> ``Document``.

- **Ruled tables** (``page.find_tables`` with the lines strategy,
  ``TABLE_SETTINGS``) become ``Table`` blocks; the cell grid, cell text with
  blank lines for vertical gaps, rotated header text and tables continued on
  the next page are handled in ``readers.pdf_tables`` (rules in its module doc).
- **Text outside tables** is rendered like ``pdftotext -layout``
  (``geometry.render_line``): character columns follow x positions, one
  character width and left origin for the whole document, so unruled tables
  read as aligned text.
- Blocks keep their vertical order on the page; ``Line.number`` and
  ``Table.number`` are visual line indexes on the page (1-based, counting the
  lines inside tables too), ``page`` is 1-based.
- A PDF without a usable text layer (a scan) goes to OCR
  (``readers.ocr.read_scanned_pdf``); encrypted and corrupt files raise
  ``EncryptedDocumentError`` / ``ReadError`` with one line, never a traceback.

The text-layer check uses pypdfium2 (C, milliseconds per page) before
pdfplumber parses anything; pdfplumber page caches are released after every page.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from planparse.errors import ConverterUnavailableError, EncryptedDocumentError, PlanparseError, ReadError
from planparse.model import Block, Document, Line, SourceFormat, Table
from planparse.readers.geometry import Word, char_width, group_lines, render_line
from planparse.readers.pdf_tables import (
    BBox,
    Grid,
    PendingTable,
    Rotated,
    build_grid,
    build_rows,
    cell_at,
    cell_lines,
    first_middle,
    learn_pitch,
    same_columns,
)

log = logging.getLogger(__name__)

# pdfplumber table finder: ruling lines only (unruled tables are read as aligned text).
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "edge_min_length": 3,
    "intersection_tolerance": 3,
}
# A table needs at least this many cells; a single framed box is text.
MIN_TABLE_CELLS = 2
# A page with fewer letters/digits than this has no usable text layer; a PDF none of whose
# pages has more is a scan (scanner watermarks such as "Scanned by ..." stay below it).
MIN_PAGE_TEXT_CHARS = 40
# A page with more rotated than upright words (and at least this many) is read turned upright.
MIN_TURNED_WORDS = 20
# Share of words made of unmapped glyphs ("(cid:12)") above which the text layer is unusable.
MAX_CID_SHARE = 0.5
# Lines that may stand between the two parts of a table broken by a page end.
_BETWEEN_PARTS = re.compile(
    r"^\s*(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?:стр\.?|страница)\s*\d+(?:\s*из\s*\d+)?"
    r"|(?:продолжение|окончание)\s+(?:таблицы|табл\.?)(?:\s*\d+)?\.?)\s*$",
    re.IGNORECASE,
)
_ODD_CHARS = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"), " ")
_ODD_CHARS.update(dict.fromkeys(map(ord, "\u200b\ufeff\u00ad"), None))


@dataclass(slots=True)
class _Page:
    number: int
    items: list[tuple[int, int, list[Word] | PendingTable]] = field(default_factory=list)  # (line, order, payload)
    n_words: int = 0
    cid_words: int = 0


def read_pdf(path: Path) -> Document:
    """Read a PDF's text layer; scans go to OCR (see module doc)."""
    path = Path(path)
    if not path.is_file():
        raise ReadError("no such file", path=str(path))
    if _has_text_layer(path) is False:
        return _ocr(path, "no text layer (scanned PDF): read by OCR")
    notes: list[str] = []
    pages = list(_pages(path, notes))
    n_words = sum(p.n_words for p in pages)
    if n_words == 0:
        return _ocr(path, "no text layer (scanned PDF): read by OCR")
    if sum(p.cid_words for p in pages) > MAX_CID_SHARE * n_words:
        return _ocr(path, "text layer without character codes (cid glyphs): read by OCR")
    blocks = _assemble(pages, notes)
    for note in notes:
        log.info("%s: %s", path.name, note)
    return Document(source=path.name, format=SourceFormat.PDF, blocks=tuple(blocks), notes=tuple(notes))


# --- opening, errors, text-layer check ------------------------------------------------


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:160]


def _error_for(exc: BaseException) -> ReadError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return EncryptedDocumentError("the PDF is encrypted; decrypt it first (e.g. qpdf --decrypt in.pdf out.pdf)")
    if isinstance(inner, BaseException):
        return ReadError(f"corrupt or truncated PDF ({_one_line(inner)})")
    return ReadError(f"corrupt or truncated PDF ({_one_line(exc)})")


@contextmanager
def _pdf_errors() -> Iterator[None]:
    """pdfminer/pdfplumber failures -> one-line ReadError (encryption -> EncryptedDocumentError)."""
    try:
        yield
    except PlanparseError:
        raise
    except MemoryError as exc:
        raise ReadError("the PDF is too large to read in memory") from exc
    except Exception as exc:  # pdfminer raises many kinds on broken files (PSEOF, KeyError, zlib.error ...)
        raise _error_for(exc) from exc


def _has_text_layer(path: Path) -> bool | None:
    """True/False when pdfium can tell, None when it cannot open the file (pdfminer decides)."""
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c
    except ImportError:  # pragma: no cover - pdfplumber depends on pypdfium2
        return None
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in {pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY}:
            raise EncryptedDocumentError(
                "the PDF is encrypted; decrypt it first (e.g. qpdf --decrypt in.pdf out.pdf)"
            ) from exc
        return None
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
            finally:
                page.close()
            if sum(map(str.isalnum, text)) >= MIN_PAGE_TEXT_CHARS:
                return True
        return False
    except pdfium.PdfiumError:
        return None
    finally:
        pdf.close()


def _ocr(path: Path, why: str) -> Document:
    try:
        from planparse.readers.ocr import read_scanned_pdf
    except ImportError as exc:
        raise ConverterUnavailableError(f"OCR is not available ({exc}); the PDF has no text layer") from exc
    doc = read_scanned_pdf(path)
    return dataclasses.replace(doc, notes=(why, *doc.notes))


# --- pages --------------------------------------------------------------------------


def _clean(text: str) -> str:
    return text.translate(_ODD_CHARS).strip()


def _words(raw: Sequence[dict[str, Any]]) -> tuple[list[Word], list[Rotated]]:
    upright: list[Word] = []
    rotated: list[Rotated] = []
    for w in raw:
        if w["upright"]:
            text = _clean(w["text"])
            if text:
                upright.append(Word(text, w["x0"], w["x1"], w["top"], w["bottom"]))
            continue
        chars = w.get("chars") or []
        ccw = bool(chars) and chars[0]["matrix"][1] > 0  # baseline turned upwards: reads bottom-to-top
        text = _clean("".join(c["text"] for c in sorted(chars, key=lambda c: c["top"], reverse=ccw)) or w["text"])
        if text:
            rotated.append(Rotated(Word(text, w["x0"], w["x1"], w["top"], w["bottom"]), ccw))
    return upright, rotated


def _pages(path: Path, notes: list[str]) -> Iterator[_Page]:
    import pdfplumber

    with _pdf_errors():
        pdf = pdfplumber.open(path)
    with pdf:
        with _pdf_errors():
            pages = pdf.pages
        for number, page in enumerate(pages, start=1):
            with _pdf_errors():  # only pdfplumber/pdfminer calls: our own bugs stay bugs
                try:
                    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False, return_chars=True)
                    cells = [t.cells for t in page.find_tables(TABLE_SETTINGS)]
                    size = (float(page.width), float(page.height))
                finally:
                    page.close()  # pdfplumber keeps chars, objects and layout per page until closed
            upright, rotated = _words(raw)
            del raw
            if len(rotated) > max(MIN_TURNED_WORDS, len(upright)):
                upright, rotated, cells = _turn_page(upright, rotated, cells, size)
                notes.append(f"page {number}: text runs vertically; page read turned upright")
            yield _layout_page(number, upright, rotated, cells, notes)


def _turn_page(
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


def _centre(w: Word) -> tuple[float, float]:
    return (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2


def _layout_page(
    number: int,
    upright: list[Word],
    rotated: list[Rotated],
    table_cells: Sequence[Sequence[BBox]],
    notes: list[str],
) -> _Page:
    page = _Page(number, n_words=len(upright) + len(rotated))
    page.cid_words = sum("(cid:" in w.text for w in upright)
    grids = [build_grid(cells) for cells in table_cells if len(cells) >= MIN_TABLE_CELLS]
    grids = [g for g in grids if len(g.spans) >= MIN_TABLE_CELLS]
    in_cells: list[list[list[Word]]] = [[[] for _ in g.spans] for g in grids]
    rot_cells: list[list[list[Rotated]]] = [[[] for _ in g.spans] for g in grids]
    text_words: list[Word] = []

    def place(w: Word) -> tuple[int, int] | None:
        x, y = _centre(w)
        for t, g in enumerate(grids):
            if g.xs[0] <= x <= g.xs[-1] and g.ys[0] <= y <= g.ys[-1]:
                k = cell_at(g, x, y)
                if k is not None:
                    return t, k
        return None

    for w in upright:
        found = place(w)
        if found is None:
            text_words.append(w)
        else:
            in_cells[found[0]][found[1]].append(w)
    lost = 0
    for r in rotated:
        found = place(r.word)
        if found is None:
            lost += 1
        else:
            rot_cells[found[0]][found[1]].append(r)
    if lost:
        notes.append(f"page {number}: {lost} rotated word(s) outside tables ignored")

    visual = group_lines(upright)
    line_of = {id(w): k for k, line in enumerate(visual, start=1) for w in line}
    middles = [median(w.middle for w in line) for line in visual]
    for t, g in enumerate(grids):
        words = [w for cell in in_cells[t] for w in cell]
        if not words and not any(rot_cells[t]):
            continue
        start = min((line_of[id(w)] for w in words), default=1 + sum(m < g.ys[0] for m in middles))
        page.items.append((start, 1, _pending(g, in_cells[t], rot_cells[t], number, start)))
    free = {id(w) for w in text_words}
    for k, line in enumerate(visual, start=1):
        own = [w for w in line if id(w) in free]
        if own:
            page.items.append((k, 0, own))
    page.items.sort(key=lambda item: (item[0], item[1]))
    return page


def _pending(grid: Grid, words: list[list[Word]], rotated: list[list[Rotated]], page: int, start: int) -> PendingTable:
    pitch = learn_pitch(words)
    row_top: dict[int, float] = {}
    for (r0, _, _, _), cell in zip(grid.spans, words, strict=True):
        mid = first_middle(cell)
        if mid is not None:
            row_top[r0] = min(mid, row_top.get(r0, mid))
    lines = [
        cell_lines(cell, rot, pitch, row_top.get(span[0]), (grid.xs[span[2]], grid.xs[span[3]]))
        for span, cell, rot in zip(grid.spans, words, rotated, strict=True)
    ]
    return PendingTable(grid, lines, page, start, grid.ys[0], grid.ys[-1])


# --- document -----------------------------------------------------------------------


def _between_parts(payload: object) -> bool:
    return isinstance(payload, list) and bool(_BETWEEN_PARTS.match(" ".join(w.text for w in payload)))


def _join_continued(pages: list[_Page], notes: list[str]) -> None:
    """Move a table part opening a page into the table that ended the previous page.

    Only page numbers and "Продолжение таблицы" lines may stand between the parts.
    """
    open_table: PendingTable | None = None
    for page in pages:
        keep: list[tuple[int, int, list[Word] | PendingTable]] = []
        first = True
        current: PendingTable | None = None  # the table the page ends with
        for item in page.items:
            payload = item[2]
            if _between_parts(payload):
                keep.append(item)
                continue
            if isinstance(payload, PendingTable):
                if first and open_table is not None and same_columns(open_table.grid.xs, payload.grid.xs):
                    open_table.parts.append(payload)
                    notes.append(f"page {page.number}: table continued from page {open_table.page} joined")
                    current, first = open_table, False
                    continue
                current = payload
            else:
                current = None
            first = False
            keep.append(item)
        page.items = keep
        open_table = current


def _assemble(pages: list[_Page], notes: list[str]) -> list[Block]:
    _join_continued(pages, notes)
    text_words = [w for p in pages for _, _, pl in p.items if isinstance(pl, list) for w in pl]
    width = char_width(text_words)
    origin = min((w.x0 for w in text_words), default=0.0)
    blocks: list[Block] = []
    for page in pages:
        for number, _, payload in page.items:
            if isinstance(payload, PendingTable):
                rows, table_notes = build_rows(payload)
                notes.extend(table_notes)
                blocks.append(Table(rows, payload.page, payload.number))
            else:
                blocks.append(Line(render_line(payload, width, origin), page.number, number))
    return blocks
