"""PDF reader: the text layer's words and ruling lines -> ``Document``.

- **pdfium** (pypdfium2) opens the file and gives every page's characters
  and painted paths.  Words are built from the characters as pdfplumber's
  ``extract_words`` builds them (``readers.pdf_words``), ruled tables are
  found in the paths as pdfplumber's table finder finds them with the lines
  strategy (``readers.pdf_rules``).  pdfminer/pdfplumber are not used: they
  interpret content streams in Python, ~15x slower than ``pdftotext``,
  while pdfium does it in C (``python benchmarks/pdf_speed.py``).
- **A page's items**: its words go into the cells of its ruled tables, the
  rest into visual lines, in reading order (``readers.pdf_page``).
- **Ruled tables** become ``Table`` blocks; the cell grid and tables
  continued on the next page are handled in ``readers.pdf_tables``, cell text
  with blank lines for vertical gaps and rotated header text in
  ``readers.pdf_cells`` (rules in their module docs).
- **Text outside tables** is rendered like ``pdftotext -layout``
  (``geometry.render_line``): character columns follow x positions, one
  character width and left origin for the whole document, so unruled tables
  read as aligned text.
- Blocks keep their vertical order on the page; ``Line.number`` and
  ``Table.number`` are visual line indexes on the page (1-based, counting the
  lines inside tables too), ``page`` is 1-based.
- A PDF without a usable text layer (a scan) goes to OCR
  (``readers.ocr.read_scanned_pdf``), and so does a searchable scan, whose
  every page is a picture under invisible OCR text (``readers.pdf_scan``):
  its text layer has no ruling lines, the picture has; encrypted and corrupt files raise
  ``EncryptedDocumentError`` / ``ReadError`` with one line, never a traceback.
  pdfium repairs a damaged cross-reference table; a file that needed that
  repair and has no end-of-file marker was cut short and is refused.
- Every page and text page is closed as soon as it is read.
"""

from __future__ import annotations

import ctypes
import dataclasses
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from planparse.errors import ConverterUnavailableError, EncryptedDocumentError, PlanparseError, ReadError
from planparse.model import Block, Document, Line, SourceFormat, Table
from planparse.readers.geometry import Word, char_width, render_line
from planparse.readers.pdf_page import Page, layout_page, turn_page
from planparse.readers.pdf_rules import find_tables, page_edges
from planparse.readers.pdf_scan import is_ocr_layer_page
from planparse.readers.pdf_tables import PendingTable, build_rows, same_columns
from planparse.readers.pdf_words import Frame, page_words

log = logging.getLogger(__name__)

# A page with fewer letters/digits than this has no usable text layer; a PDF none of whose
# pages has more is a scan (scanner watermarks such as "Scanned by ..." stay below it).
MIN_PAGE_TEXT_CHARS = 40
# A page with more rotated than upright words (and at least this many) is read turned upright.
MIN_TURNED_WORDS = 20
# Share of words made of unmapped glyphs (pdfminer's "(cid:12)") above which the text layer is unusable.
MAX_CID_SHARE = 0.5
# The end-of-file marker must stand within this many bytes of the end of a repaired file.
EOF_WINDOW = 1024
ENCRYPTED = "the PDF is encrypted; decrypt it first (e.g. qpdf --decrypt in.pdf out.pdf)"
# Lines that may stand between the two parts of a table broken by a page end.
_BETWEEN_PARTS = re.compile(
    r"^\s*(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?:стр\.?|страница)\s*\d+(?:\s*из\s*\d+)?"
    r"|(?:продолжение|окончание)\s+(?:таблицы|табл\.?)(?:\s*\d+)?\.?)\s*$",
    re.IGNORECASE,
)
_PDFIUM_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "the file cannot be opened",
    pdfium_c.FPDF_ERR_FORMAT: "not a PDF or damaged beyond repair",
    pdfium_c.FPDF_ERR_PAGE: "a page cannot be read",
}

OCR_LAYER_NOTE = "OCR text layer over page pictures (a searchable scan): the pictures read by OCR"

def read_pdf(path: Path) -> Document:
    """Read a PDF's text layer; scans go to OCR (see module doc)."""
    path = Path(path)
    if not path.is_file():
        raise ReadError("no such file", path=str(path))
    notes: list[str] = []
    pages = list(_pages(path, notes))
    n_words = sum(p.n_words for p in pages)
    if n_words == 0 or all(p.alnum < MIN_PAGE_TEXT_CHARS for p in pages):
        return _ocr(path, "no text layer (scanned PDF): read by OCR")
    if all(p.ocr_layer for p in pages if p.n_words):
        try:
            return _ocr(path, OCR_LAYER_NOTE)
        except ConverterUnavailableError as exc:  # no Tesseract here: the OCR layer is better than nothing
            notes.append(f"OCR text layer over page pictures read as text: {exc}")
    if sum(p.cid_words for p in pages) > MAX_CID_SHARE * n_words:
        return _ocr(path, "text layer without character codes (cid glyphs): read by OCR")
    blocks = _assemble(pages, notes)
    for note in notes:
        log.info("%s: %s", path.name, note)
    return Document(source=path.name, format=SourceFormat.PDF, blocks=tuple(blocks), notes=tuple(notes))


# --- opening, errors ----------------------------------------------------------------


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:160]


def _error_for(exc: BaseException) -> ReadError:
    code = getattr(exc, "err_code", None)
    if code in {pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY}:
        return EncryptedDocumentError(ENCRYPTED)
    return ReadError(f"corrupt or truncated PDF ({_PDFIUM_ERRORS.get(code) or _one_line(exc)})")


@contextmanager
def _pdf_errors() -> Iterator[None]:
    """pdfium failures -> one-line ReadError (encryption -> EncryptedDocumentError)."""
    try:
        yield
    except PlanparseError:
        raise
    except MemoryError as exc:
        raise ReadError("the PDF is too large to read in memory") from exc
    except pdfium.PdfiumError as exc:
        raise _error_for(exc) from exc


def _check_complete(path: Path, pdf: pdfium.PdfDocument) -> None:
    """Refuse a file cut short: pdfium rebuilt its cross-reference table and the end marker is missing."""
    if pdfium_c.FPDF_DocumentHasValidCrossReferenceTable(pdf.raw):
        return
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - EOF_WINDOW))
        if b"%%EOF" not in fh.read():
            raise ReadError("corrupt or truncated PDF (cut short: no end-of-file marker)")


def _ocr(path: Path, why: str) -> Document:
    try:
        from planparse.readers.ocr import read_scanned_pdf
    except ImportError as exc:
        raise ConverterUnavailableError(f"OCR is not available ({exc}); the PDF has no text layer") from exc
    doc = read_scanned_pdf(path)
    return dataclasses.replace(doc, notes=(why, *doc.notes))


# --- pages --------------------------------------------------------------------------


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


_ROTATION = {0: 0, 1: 90, 2: 180, 3: 270}  # FPDFPage_GetRotation -> clockwise degrees


def _load(function: Any, holder: Any, index: int | None, number: int) -> Any:
    """A page (``index``) or text page (``None``) handle straight from pdfium, closed by the caller.

    Not through pypdfium2's ``PdfPage``/``PdfTextPage``: their bookkeeping (finalizers, child
    lists) costs about 0.04 ms a page, over 1 % of reading one, and every handle here is closed
    in a ``finally`` at once.
    """
    handle = function(holder) if index is None else function(holder, index)
    if not handle:
        raise ReadError(f"corrupt or truncated PDF (page {number} cannot be read)")
    return handle


def _media_box(page: Any) -> tuple[float, float, float, float]:
    """The page's MediaBox (x0, y0, x1, y1) in PDF units, inherited from the page tree if need be.

    ``FPDFPage_GetMediaBox`` reads only the page's own dictionary; a MediaBox set once on
    the page tree (common) is what pdfium lays the page out in, which its bounding box
    (the CropBox, else the MediaBox, both inherited) gives.  US Letter only if neither exists.
    """
    own = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
    if pdfium_c.FPDFPage_GetMediaBox(page, *own):
        return own[0].value, own[1].value, own[2].value, own[3].value
    rect = pdfium_c.FS_RECTF()
    if pdfium_c.FPDF_GetPageBoundingBox(page, rect):
        return rect.left, rect.bottom, rect.right, rect.top
    return 0.0, 0.0, 612.0, 792.0


def _pages(path: Path, notes: list[str]) -> Iterator[Page]:
    with _pdf_errors():
        pdf = pdfium.PdfDocument(str(path))
    try:
        with _pdf_errors():
            _check_complete(path, pdf)
            count = len(pdf)
        for number in range(1, count + 1):
            with _pdf_errors():  # PdfiumError -> ReadError; any other exception is our bug and stays one
                page = _load(pdfium_c.FPDF_LoadPage, pdf.raw, number - 1, number)
                try:
                    frame = Frame.of(_media_box(page), _ROTATION.get(pdfium_c.FPDFPage_GetRotation(page), 0))
                    textpage = _load(pdfium_c.FPDFText_LoadPage, page, None, number)
                    try:
                        words = page_words(_address(textpage), frame, MIN_PAGE_TEXT_CHARS)
                    finally:
                        pdfium_c.FPDFText_ClosePage(textpage)
                    edges = page_edges(_address(page), frame)
                    ocr_layer = is_ocr_layer_page(page, frame.width, frame.height)
                finally:
                    pdfium_c.FPDF_ClosePage(page)
            cells = find_tables(edges)
            upright, rotated = words.upright, words.rotated
            if len(rotated) > max(MIN_TURNED_WORDS, len(upright)):
                upright, rotated, cells = turn_page(upright, rotated, cells, (frame.width, frame.height))
                notes.append(f"page {number}: text runs vertically; page read turned upright")
            page_out = layout_page(number, upright, rotated, cells, notes)
            page_out.cid_words, page_out.alnum, page_out.ocr_layer = words.cid_words, words.alnum, ocr_layer
            yield page_out
    finally:
        pdf.close()


# --- document -----------------------------------------------------------------------


def _between_parts(payload: object) -> bool:
    return isinstance(payload, list) and bool(_BETWEEN_PARTS.match(" ".join(w.text for w in payload)))


def _join_continued(pages: list[Page], notes: list[str]) -> None:
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


def _assemble(pages: list[Page], notes: list[str]) -> list[Block]:
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
