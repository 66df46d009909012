"""Scanned PDFs and images: Tesseract word boxes, ruled grids read by their rules and ink.

The entry points and the page loop.  Per page:

1. render (PDF pages with pypdfium2 at ``RENDER_DPI``; images as they are,
   low-resolution ones scaled up towards ``OCR_DPI``), grayscale;
2. deskew (``ocr_preprocess.deskew``: projection profile of the ink -- ruling lines
   and text baselines -- then a Pillow rotation back);
3. binarize and despeckle (``ocr_preprocess``); find ruling lines and the cell grids
   they enclose (``ocr_grid``); paint the rules out so Tesseract sees only text;
4. one Tesseract call per page (``tesseract``: ``-l rus``, TSV word boxes and
   confidences; ``--psm 6`` on ruled pages, ``--psm 4`` otherwise); words read
   from blank paper or rule debris are dropped (``ocr_repair.clean_words``);
5. words inside a grid become the cells of a ``Table`` (``ocr_table.grid_table``:
   the PDF reader's cell-text rules, month marks decided by ink); words outside
   grids become position-aligned ``Line`` blocks (``geometry.words_to_lines``),
   so a table without rules stays readable as aligned text.

A table continued on the next page joins the table it continues
(``ocr_table.join_pages``); misread section numbers are repaired over the
whole document (``ocr_repair.repair_section_numbers``).  Everything repaired
is counted in ``Document.notes``; so are the words Tesseract was unsure of
(``OCR_DOUBT_CONF``), as "OCR unsure: page P line L: 'word' (conf%)" where
P/L are the page and line the row will carry.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from planparse.errors import EncryptedDocumentError, ReadError
from planparse.model import Block, Document, Line, SourceFormat, Table
from planparse.readers import ocr_grid, ocr_preprocess
from planparse.readers.geometry import group_lines, words_to_lines
from planparse.readers.ocr_repair import clean_words, repair_section_numbers
from planparse.readers.ocr_table import PageResult, TableInfo, grid_table, join_pages
from planparse.readers.tesseract import (
    LANGUAGES,
    OCR_DOUBT_CONF,
    PSM,
    PSM_NO_GRID,
    OcrWord,
    check_tesseract,
    parse_tsv,
    run_tesseract,
)

RENDER_DPI = 300  # PDF pages are rendered at this resolution
OCR_DPI = 300  # images below this (by their dpi tag, else by size) are scaled up
MAX_UPSCALE = 3.0
A4_LONG_IN = 11.69


def read_page(gray: np.ndarray, dpi: float, page: int) -> PageResult:
    """One page image (uint8 grayscale) -> blocks in reading order."""
    result = PageResult(page)
    level, angle = ocr_preprocess.deskew(gray, dpi)
    result.skew = angle
    if abs(angle) >= ocr_preprocess.MIN_SKEW_DEG:
        result.notes.append(f"page {page}: deskewed by {angle:+.2f}°")
    dark = ocr_preprocess.binarize(level, dpi)
    faint = ocr_preprocess.faint_ink(level, dpi)
    # Rules are found on the lenient mask: a thin blurred rule breaks up at the text threshold.
    hmask, vmask = ocr_grid.ruling_masks(faint, dpi)
    grids = ocr_grid.find_grids(hmask, vmask, dpi)
    rules = ocr_grid.rule_pixels(grids, hmask, vmask, dark) if grids else np.zeros_like(dark)
    ink = faint & ~rules
    psm = PSM if grids else PSM_NO_GRID
    # Tesseract reads the cleaned binary page (specks gone, rules painted out): on the noisy
    # samples this beat handing it the grey page.
    # Specks that touched a rule are alone once it is gone: despeckle again.
    text_ink = ocr_preprocess.despeckle(dark & ~rules, dpi) if grids else dark
    ocr_image = np.where(text_ink, 0, 255).astype(np.uint8)
    words, dropped = clean_words(parse_tsv(run_tesseract(ocr_image, dpi, psm)), text_ink)
    if dropped:
        result.notes.append(f"page {page}: {dropped} OCR fragments of ruling lines or specks dropped")
    # Blocks top to bottom: free text above/between/below the grids, each grid one Table.
    free = words
    tables: list[tuple[float, Table, TableInfo]] = []
    for grid in grids:
        table, info, free, decided = grid_table(grid, free, ink, dpi, page)
        tables.append((grid.ys[0], table, info))
        if decided:
            result.notes.append(f"page {page}: {decided} month marks decided by ink (OCR missed or misread them)")
    tops = [g.ys[0] for g in grids] + [float("inf")]
    bands: dict[float, list[OcrWord]] = {}
    for ow in free:
        bands.setdefault(next(t for t in tops if ow.word.middle < t), []).append(ow)
    origin = min((ow.word.x0 for ow in words), default=0.0)
    items: list[tuple[float, int, object]] = [(top - 0.5, 0, ws) for top, ws in bands.items()]
    items += [(top, 1, (table, info)) for top, table, info in tables]
    number = 1
    for _, kind, item in sorted(items, key=lambda p: (p[0], p[1])):
        if kind == 1:
            table, info = item  # type: ignore[misc]
            result.info[len(result.blocks)] = info
            result.blocks.append(Table(table.rows, page, number))
            number += len(table.rows)
        else:
            band: list[OcrWord] = item  # type: ignore[assignment]
            lines = words_to_lines([ow.word for ow in band], page, number, origin)
            conf = {id(ow.word): ow.conf for ow in band}
            for k, line in enumerate(group_lines([ow.word for ow in band])):
                result.line_doubts.extend(
                    (number + k, w.text, conf[id(w)])
                    for w in line
                    if conf[id(w)] < OCR_DOUBT_CONF and any(ch.isalnum() for ch in w.text)
                )
            result.blocks.extend(lines)
            number += len(lines)
    return result


def _doubt_notes(blocks: Sequence[Block], infos: dict[int, TableInfo], pages: Sequence[PageResult]) -> list[str]:
    """One note per word Tesseract was unsure of, at the page and line its row will carry."""
    out = []
    for k, info in sorted(infos.items()):
        table = blocks[k]
        assert isinstance(table, Table)
        for r, text, conf in info.doubts:
            out.append(f"OCR unsure: page {table.page} line {table.number + r}: {text!r} ({conf:.0f}%)")
    for page in pages:
        for line, text, conf in page.line_doubts:
            out.append(f"OCR unsure: page {page.number} line {line}: {text!r} ({conf:.0f}%)")
    return out


def _document(path: Path, fmt: SourceFormat, images: Iterator[tuple[np.ndarray, float]]) -> Document:
    first = next(images, None)  # a corrupt file is reported as such even without tesseract
    if first is None:
        raise ReadError("no pages")
    check_tesseract()
    pages = [read_page(gray, dpi, k) for k, (gray, dpi) in enumerate(itertools.chain([first], images), 1)]
    blocks, infos, notes = join_pages(pages)
    blocks, fixed = repair_section_numbers(blocks)
    if fixed:
        notes.append(f"{fixed} section number(s) misread by OCR repaired from their order")
    if not any(isinstance(b, Table) or (isinstance(b, Line) and b.text.strip()) for b in blocks):
        raise ReadError("OCR found no text on any page (blank or unreadable scan)")
    notes.insert(0, f"OCR (tesseract -l {LANGUAGES}) of {len(pages)} page(s)")
    notes.extend(_doubt_notes(blocks, infos, pages))
    return Document(path.name, fmt, tuple(blocks), None, tuple(notes))


def _pdf_pages(path: Path) -> Iterator[tuple[np.ndarray, float]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedDocumentError("the PDF is password-protected") from exc
        raise ReadError(f"corrupt or unreadable PDF ({exc})") from exc
    try:
        if len(pdf) == 0:
            raise ReadError("the PDF has no pages")
        for page in pdf:
            bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
            img = bitmap.to_pil().convert("L")
            yield np.asarray(img), float(RENDER_DPI)
    finally:
        pdf.close()


def _scale_for(img: Image.Image) -> tuple[float, float]:
    """(scale factor, dpi after scaling) for an image of unknown or low resolution."""
    dpi_tag = img.info.get("dpi")
    dpi = float(dpi_tag[0]) if dpi_tag and dpi_tag[0] and dpi_tag[0] > 1 else None
    if dpi is None or dpi < 72:
        dpi = max(img.size) / A4_LONG_IN  # assume a full A4 page
    scale = min(MAX_UPSCALE, OCR_DPI / dpi) if dpi < OCR_DPI * 0.9 else 1.0
    return scale, dpi * scale


def _to_gray(img: Image.Image) -> Image.Image:
    """8-bit grayscale; 16/32-bit scans are stretched to 0-255 rather than clipped."""
    if img.mode in {"I", "I;16", "I;16B", "I;16L", "F"}:
        a = np.asarray(img, dtype=np.float64)
        lo, hi = float(a.min()), float(a.max())
        a = (a - lo) * (255.0 / (hi - lo)) if hi > lo else np.full(a.shape, 255.0)
        return Image.fromarray(a.astype(np.uint8))
    return img.convert("L")


def _image_pages(path: Path) -> Iterator[tuple[np.ndarray, float]]:
    try:
        img = Image.open(path)
        frames = ImageSequence.Iterator(img)
        for frame in frames:
            frame.load()
            page = ImageOps.exif_transpose(frame.copy()) or frame.copy()
            if page.mode in {"RGBA", "LA", "P", "PA"}:
                page = page.convert("RGBA")
                white = Image.new("RGBA", page.size, (255, 255, 255, 255))
                page = Image.alpha_composite(white, page)
            scale, dpi = _scale_for(frame)
            gray = _to_gray(page)
            if scale > 1.0:
                size = (round(gray.width * scale), round(gray.height * scale))
                gray = gray.resize(size, Image.Resampling.LANCZOS)
            yield np.asarray(gray), dpi
    except Image.DecompressionBombError as exc:
        raise ReadError(f"the image is too large to read safely ({exc})") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ReadError(f"corrupt or unsupported image ({exc})") from exc


def read_scanned_pdf(path: Path) -> Document:
    """A PDF read by OCR (pages rendered at RENDER_DPI), whatever its text layer holds."""
    return _document(path, SourceFormat.PDF, _pdf_pages(path))


def read_image(path: Path) -> Document:
    """PNG/JPEG/TIFF (multi-page TIFF: one page per frame) read by OCR."""
    return _document(path, SourceFormat.IMAGE, _image_pages(path))
