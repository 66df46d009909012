"""DOCX reader: body paragraphs and tables, in body order, as a ``Document``.

What becomes what:

- every body paragraph is one or more ``Line`` blocks (a line break ``w:br`` /
  ``w:cr`` inside a paragraph splits it; tabs are kept as "\\t"); empty
  paragraphs become ``Line("")`` like empty lines of a text file;
- every body table is one ``Table`` on its grid (``w:tblGrid``): a cell's
  paragraphs are ``Cell.lines`` in order, blank paragraphs kept as "" (authors
  align entries across cells with them); a cell with no text at all is
  ``Cell(())``; a horizontal merge (``gridSpan`` n) keeps the text in its first
  grid column with ``colspan=n`` followed by n - 1 ``Cell(())``; a vertical merge
  continuation (``vMerge``) repeats the merge start's lines with
  ``continued=True``; ``gridBefore``/``gridAfter`` and short rows are padded with
  ``Cell(())`` to the grid width;
- a nested table is flattened into the containing cell's lines in reading order
  (row by row, cell by cell, each nested cell's paragraphs in order; merges in
  nested tables are not expanded);
- content controls (``w:sdt``) are read through; deleted revisions, field codes
  and text boxes are skipped; non-breaking/odd-width spaces become spaces.

``Line.number`` / ``Table.number`` is the 1-based index of the block in
``Document.blocks`` (body order).  ``page`` counts page breaks the file records:
Word's ``w:lastRenderedPageBreak`` marks when the file has any (they reflect
Word's last pagination, explicit breaks included), otherwise explicit breaks
(``w:br w:type="page"``, ``w:pageBreakBefore``).  Files never rendered by Word
(python-docx, LibreOffice) without explicit breaks are all page 1.  A table's
page is the page it starts on.

Automatic list numbering (``w:numPr``, direct or from the paragraph style) is
rendered as Word prints it: the label ("1.", "2.3.", "а)", "IV.", "•") and a
space start the paragraph's first line, in body paragraphs and table cells
alike (see ``docx_numbering``).  A note says how many labels were rendered and
how many numbered paragraphs point at missing definitions (left unlabelled).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from planparse.errors import ReadError
from planparse.model import Block, Cell, Document, Line, SourceFormat, Table
from planparse.readers.chars import ODD_SPACES
from planparse.readers.docx_numbering import W_NS as W_NS  # re-exported: the namespace of every tag here
from planparse.readers.docx_numbering import ListCounters, Numbering, read_numbering
from planparse.readers.docx_numbering import w_tag as _w

P, TBL, TR, TC, SDT, SDT_CONTENT = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("sdt"), _w("sdtContent")
CUSTOM_XML = _w("customXml")
T, TAB, BR, CR = _w("t"), _w("tab"), _w("br"), _w("cr")
NB_HYPHEN, SOFT_HYPHEN, RENDERED_BREAK = _w("noBreakHyphen"), _w("softHyphen"), _w("lastRenderedPageBreak")
VAL, TYPE = _w("val"), _w("type")
# Subtrees of a paragraph whose text is not printed as part of it.
_SKIP = frozenset(map(_w, ("pPr", "rPr", "del", "moveFrom", "instrText", "delInstrText", "txbxContent")))
# Tokens of a paragraph besides its text: a counted page break, a page/column break
# not counted (see _Pages), a line break.
_PAGE, _BREAK, _NEWLINE = object(), object(), object()


class _Pages:
    """Running page counter; which break marks count is decided once per file.

    It also carries the list counters: both are state advanced paragraph by
    paragraph in body order, so every reading function takes this one object.
    """

    def __init__(self, body: etree._Element, numbering: Numbering | None = None) -> None:
        self.page = 1
        self.rendered = next(body.iter(RENDERED_BREAK), None) is not None
        self.lists = ListCounters(numbering or Numbering())

    def is_break(self, el: etree._Element) -> bool:
        if self.rendered:
            return el.tag == RENDERED_BREAK
        return el.tag == BR and el.get(TYPE) == "page"

    def breaks_before(self, p: etree._Element) -> bool:
        if self.rendered:
            return False
        ppr = p.find(_w("pPr"))
        flag = ppr.find(_w("pageBreakBefore")) if ppr is not None else None
        return flag is not None and flag.get(VAL, "true") not in {"0", "false", "off"}


def _tokens(el: etree._Element, pages: _Pages) -> Iterator[object]:
    """Text pieces, line breaks and page breaks of a paragraph, in order."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if pages.is_break(child):
            yield _PAGE
        elif tag == T:
            yield child.text or ""
        elif tag == TAB:
            yield "\t"
        elif tag == BR and child.get(TYPE) in {"page", "column"}:
            yield _BREAK
        elif tag in (BR, CR):
            yield _NEWLINE
        elif tag == NB_HYPHEN:
            yield "-"
        elif tag == SOFT_HYPHEN:
            continue
        else:
            yield from _tokens(child, pages)


def _paragraph_lines(p: etree._Element, pages: _Pages) -> list[tuple[str, int]]:
    """(text, page) of each line of a paragraph; advances ``pages``."""
    if pages.breaks_before(p):
        pages.page += 1
    label = pages.lists.label(p)
    lines: list[tuple[str, int]] = []
    parts: list[str] = []
    start: int | None = None
    open_line = True  # a line is started (the paragraph's first, or one after a line break)
    for token in _tokens(p, pages):
        if token is _PAGE or token is _BREAK:
            if "".join(parts).strip():  # text after a page break starts a new line
                lines.append(("".join(parts), start or pages.page))
                parts, start, open_line = [], None, False
            pages.page += token is _PAGE
        elif token is _NEWLINE:
            lines.append(("".join(parts), start or pages.page))
            parts, start, open_line = [], None, True
        else:
            parts.append(token)  # type: ignore[arg-type]
            open_line = True
            if start is None and str(token).strip():
                start = pages.page
    if open_line or not lines:  # a paragraph that ends in a page break adds no empty line
        lines.append(("".join(parts), start or pages.page))
    if label:  # Word prints the list label before the paragraph's first line
        lines[0] = (label + lines[0][0].lstrip(), lines[0][1])
    return [(text.translate(ODD_SPACES).rstrip(), page) for text, page in lines]


def _content(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body or cell, reading through content controls."""
    for child in parent:
        if child.tag in (P, TBL):
            yield child
        elif child.tag in (SDT, CUSTOM_XML):
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _content(inner)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Rows of a table or cells of a row, reading through content controls."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (SDT, CUSTOM_XML):
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _children(inner, tag)


def _raw_cell_lines(tc: etree._Element, pages: _Pages) -> list[str]:
    lines: list[str] = []
    for el in _content(tc):
        if el.tag == P:
            lines.extend(text for text, _ in _paragraph_lines(el, pages))
        else:  # nested table: flattened in reading order
            for tr in _children(el, TR):
                for inner in _children(tr, TC):
                    lines.extend(_raw_cell_lines(inner, pages))
    return lines


def _cell_lines(tc: etree._Element, pages: _Pages) -> tuple[str, ...]:
    lines = _raw_cell_lines(tc, pages)
    return tuple(lines) if any(line.strip() for line in lines) else ()


def _int_prop(parent: etree._Element | None, path: str, default: int) -> int:
    el = parent.find(path) if parent is not None else None
    try:
        return max(0, int(el.get(VAL))) if el is not None else default
    except (TypeError, ValueError):
        return default


def _table(tbl: etree._Element, pages: _Pages, number: int) -> Table:
    page = pages.page
    grid = tbl.find(_w("tblGrid"))
    width = len(grid.findall(_w("gridCol"))) if grid is not None else 0
    merges: dict[int, tuple[str, ...]] = {}  # grid column -> lines of the open vertical merge
    rows: list[list[Cell]] = []
    for tr in _children(tbl, TR):
        trpr = tr.find(_w("trPr"))
        row: list[Cell] = [Cell(())] * _int_prop(trpr, _w("gridBefore"), 0)
        for tc in _children(tr, TC):
            tcpr = tc.find(_w("tcPr"))
            span = max(1, _int_prop(tcpr, _w("gridSpan"), 1))
            vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            col = len(row)
            lines = _cell_lines(tc, pages)
            if vmerge is not None and vmerge.get(VAL, "continue") == "continue" and col in merges:
                cell = Cell(merges[col], span, continued=True)
            else:
                cell = Cell(lines, span)
                for c in range(col, col + span):
                    merges.pop(c, None)
                if vmerge is not None:  # restart (a continuation without a start acts as one)
                    merges[col] = lines
            row.append(cell)
            row.extend([Cell(())] * (span - 1))
        row.extend([Cell(())] * _int_prop(trpr, _w("gridAfter"), 0))
        rows.append(row)
    width = max([width, *(len(r) for r in rows)])
    padded = tuple(tuple(r + [Cell(())] * (width - len(r))) for r in rows)
    return Table(padded, page, number)


def _blocks(pages: _Pages, body: etree._Element) -> list[Block]:
    blocks: list[Block] = []
    for el in _content(body):
        if el.tag == P:
            for text, page in _paragraph_lines(el, pages):
                blocks.append(Line(text, page, len(blocks) + 1))
        else:
            blocks.append(_table(el, pages, len(blocks) + 1))
    return blocks


def read_docx_bytes(data: bytes, source: str, fmt: SourceFormat = SourceFormat.DOCX) -> Document:
    """Parse DOCX bytes; ``source``/``fmt`` are recorded as given (converted files keep theirs)."""
    import docx  # python-docx
    from docx.opc.exceptions import OpcError

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        if body is None:
            raise ValueError("no document body")
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, OpcError, etree.LxmlError) as exc:
        kind = "zlib.error" if isinstance(exc, zlib.error) else type(exc).__name__
        detail = f"{kind}: {exc}".strip().rstrip(":")
        raise ReadError(f"corrupt or truncated DOCX ({detail})") from exc
    pages = _Pages(body, read_numbering(document.part))
    blocks = _blocks(pages, body)
    notes = []
    if pages.lists.labelled:
        notes.append(f"{pages.lists.labelled} list labels rendered from automatic numbering")
    if pages.lists.missing:
        notes.append(f"{pages.lists.missing} numbered paragraphs refer to missing numbering definitions (no label)")
    return Document(source=source, format=fmt, blocks=tuple(blocks), notes=tuple(notes))


def read_docx(path: Path) -> Document:
    return read_docx_bytes(path.read_bytes(), path.name, SourceFormat.DOCX)
